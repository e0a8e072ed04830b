"""The central mirror: every station's rows in the desk's own schema, for the all-stations figures.

The centre keeps rows as generic JSON merge states (``record``). Rather than writing the
dashboard's definitions a second time in SQL over JSON, the centre keeps a read-only desk-format
SQLite file (made by the desk's own Alembic migrations, desk.db.open_database) and feeds it
from ``record`` by the same commit-order cursor the desks pull with, through the same apply code
the desks use (desk.sync.apply.apply_page), but with every station's rows. Then
``desk.services.figures.compute`` runs on it unchanged: the all-stations figures have the very
definitions of the station's screen and paper.

- Refreshed at each figures request, incrementally (only rows past the saved cursor): nothing is
  added to the push path, which is the path the crash and fault tests guard, and a figure is
  never older than the request. The cost is the rows synced since the previous request.
- A cache: delete the file and the next request rebuilds it from ``record``.
- No resident's name, phone, ID number, room or free text is copied into it (REDACT): the
  figures do not need them, so the mirror does not hold them.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import select, tuple_
from sqlalchemy.engine import Engine

from desk.server import models as m

log = logging.getLogger("desk.server.mirror")
from desk.server.service import decode_cursor, encode_cursor

PAGE = 1000
CURSOR_KEY = "mirror_cursor"
SOURCE_KEY = "mirror_source"
# Fields the figures never read that could name or describe a resident: emptied on the way in.
REDACT: dict[str, dict[str, object]] = {
    "visitor": {"name": "", "phone": "", "id_number": "", "lane": "", "number": "", "room": "", "notes": ""},
    "visit": {"notes": ""},
    "work_order": {"room": "", "details": "", "summary": "", "result": ""},
    "event": {"reason": ""},
    "problem": {"notes": ""},  # the all-stations register shows titles, places and measures, not notes
}
# Reference tables whose unapproved station rows get their code qualified by the station.
PRIVATE_CODES = ("grid", "residential_area", "department", "category")
# Of an event's JSON data the figures read only these (none names a resident): the department a
# return named, the resident's answer and rating at a callback, a dispatch's acceptance deadline,
# when and by whom the resident was first contacted (figure_definitions).
EVENT_DATA_KEYS = ("department_id", "solved", "rating", "accept_due_at", "contacted_at", "by")
# Raised when the mirror keeps more of a row than before: older mirror files are rebuilt once.
LAYOUT = 2


def redact(row: dict) -> dict:
    """A pulled row as the mirror keeps it (pure: the input is not changed): without the
    personal fields, and with staff usernames qualified by their station (every station has
    its own "admin"; the desk's schema wants usernames unique)."""
    if row["table"] == "staff" and row["data"].get("username"):
        origin = row["data"].get("origin_station") or row.get("origin_station") or ""
        return {**row, "data": {**row["data"], "username": f"{origin}.{row['data']['username']}"[:40]}}
    if row.get("shared") is False and row["table"] in PRIVATE_CODES and row["data"].get("code"):
        # A station's own reference row (not approved): its code may be another station's too.
        return {**row, "data": {**row["data"], "code": f"{row.get('origin_station')}.{row['data']['code']}"}}
    blank = REDACT.get(row["table"])
    if not blank:
        return row
    data = dict(row["data"])
    for key, value in blank.items():
        if key in data:
            data[key] = value
    if row["table"] == "event" and isinstance(data.get("data"), str):
        import json

        try:
            kept = {k: v for k, v in json.loads(data["data"]).items() if k in EVENT_DATA_KEYS}
        except (ValueError, AttributeError):
            kept = {}
        data["data"] = json.dumps(kept)
    return {**row, "data": data}


class Mirror:
    """One desk-format file fed from the central ``record`` table; thread-safe."""

    def __init__(self, path: Path | str, *, source: str | None = None,
                 clock: Callable[[], datetime] | None = None):
        """`source`: what identifies the central database (its URL); a mirror file made from
        another one is thrown away and rebuilt (its rows and cursor belong to that one)."""
        from desk.services import backup
        from desk.services.store import Store

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = Store.open(self.path, clock=clock, before_upgrade=backup.before_migration)
        if source is not None and not self._same_source(_fingerprint(f"{source}#layout{LAYOUT}")):
            self.store.close()
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            self.store = Store.open(self.path, clock=clock, before_upgrade=backup.before_migration)
            self._same_source(_fingerprint(f"{source}#layout{LAYOUT}"))
        try:
            self.path.chmod(0o600)
        except OSError:
            pass
        self._lock = threading.RLock()
        self.set_aside: list[dict] = []  # rows the mirror could not take, newest last

    def close(self) -> None:
        self.store.close()

    @classmethod
    def rebuild(cls, path: Path | str, engine: Engine, *, source: str | None = None) -> int:
        """Build the mirror afresh from the database into a new file beside `path`, then put it
        in place (a crash meanwhile leaves the old file whole); returns the rows applied. A
        server running on the old file keeps it until it restarts."""
        import os

        path = Path(path)
        fresh = path.with_name(path.name + ".rebuild")
        for suffix in ("", "-wal", "-shm"):
            Path(str(fresh) + suffix).unlink(missing_ok=True)
        mirror = cls(fresh, source=source)
        try:
            rows = mirror.refresh(engine)
        finally:
            mirror.close()  # the last connection closing checkpoints the WAL into the file
        import sqlite3

        with sqlite3.connect(fresh) as check:  # and make sure of it before the file moves
            check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
            Path(str(fresh) + suffix).unlink(missing_ok=True)
        os.replace(fresh, path)
        return rows

    def _same_source(self, fingerprint: str) -> bool:
        """True if the file was made from this source (a new file is claimed for it)."""
        from desk.sync import state

        with self.store.write() as s:
            conn = s.connection()
            known = state.get(conn, SOURCE_KEY)
            if known is None:
                state.put(conn, SOURCE_KEY, fingerprint)
                return True
        return known == fingerprint

    @contextmanager
    def locked(self) -> Iterator["Mirror"]:
        """Refresh and read under one lock (the core's language is process-wide)."""
        with self._lock:
            yield self

    def refresh(self, engine: Engine, page: int = PAGE) -> int:
        """Apply every central row past the saved cursor; returns how many rows came."""
        from desk.sync import state
        from desk.sync.capture import APPLYING

        total = 0
        with self._lock:
            while True:
                # One write transaction per page: the cursor moves with the rows it covers, so
                # a second server process (or a crash) can never apply a page twice or skip one.
                with self.store.write() as s:
                    s.info[APPLYING] = True
                    conn = s.connection()
                    cursor = state.get(conn, CURSOR_KEY, "") or ""
                    rows, nxt = _page(engine, cursor, page)
                    if rows:
                        self._apply(s, [redact(r) for r in rows])
                        state.put(conn, CURSOR_KEY, nxt)
                total += len(rows)
                if len(rows) < page:
                    break
            if total:
                self.store.invalidate({"reference", "staff", "station"})
        return total

    def _apply(self, session, rows: list[dict]) -> None:
        """A page at once; if the mirror cannot take it, row by row, and a row it cannot take
        is set aside (logged, counted for the operator): the figures go on serving."""
        from desk.sync.apply import apply_page

        try:
            with session.begin_nested():
                apply_page(session, {"rows": rows, "aliases": []}, reindex=False)
        except Exception:  # noqa: BLE001 - one bad row must not stop the figures of every station
            for row in rows:
                try:
                    with session.begin_nested():
                        apply_page(session, {"rows": [row], "aliases": []}, reindex=False)
                except Exception as exc:  # noqa: BLE001
                    self._set_aside(row, f"{type(exc).__name__}: {exc}")
        # Foreign keys are checked at commit (the desk's apply defers them): a row whose parent
        # never came is removed now rather than failing the whole page.
        conn = session.connection()
        for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            found = conn.exec_driver_sql(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).first()
            conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            self._set_aside({"table": table, "row_id": found[0] if found else str(rowid), "origin_station": "?"},
                            f"no {parent} row for it")

    def _set_aside(self, row: dict, why: str) -> None:
        log.error("figures mirror: set aside %s %s of %s: %s", row.get("table"), row.get("row_id"),
                  row.get("origin_station"), why[:300])
        self.set_aside.append({"table": row.get("table"), "row_id": row.get("row_id"),
                               "station": row.get("origin_station"), "why": why[:300]})
        del self.set_aside[:-200]  # the newest few are enough for the operator's page

    def cursor(self) -> str:
        from desk.sync import state

        with self.store.read() as s:
            return state.get(s.connection(), CURSOR_KEY, "") or ""


def _fingerprint(source: str) -> str:
    import hashlib

    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _page(engine: Engine, cursor: str, limit: int) -> tuple[list[dict], str]:
    """Rows of every station past the cursor, in commit order (the desks' pull, unfiltered)."""
    r = m.record.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(r.table_name, r.row_id, r.origin_station, r.shared, r.apply_rank, r.seq, r.data, r.clocks,
                   r.conflicts)
            .where(tuple_(r.seq, r.apply_rank, r.row_id) > tuple_(*decode_cursor(cursor)))
            .order_by(r.seq, r.apply_rank, r.row_id).limit(limit)).all()
        stations = sorted({x.origin_station for x in rows if x.table_name == "event"})
        departments = {(a.station, a.local_id): a.central_id for a in conn.execute(select(m.alias).where(
            m.alias.c.table_name == "department", m.alias.c.station.in_(stations)))} if stations else {}
        with_categories = sorted({x.origin_station for x in rows if x.table_name == "problem"})
        categories = {(a.station, a.local_id): a.central_id for a in conn.execute(select(m.alias).where(
            m.alias.c.table_name == "category", m.alias.c.station.in_(with_categories)))} if with_categories else {}
    out = [{"table": x.table_name, "row_id": x.row_id, "origin_station": x.origin_station, "shared": bool(x.shared),
            "data": dict(x.data or {}), "clocks": dict(x.clocks or {}), "conflicts": dict(x.conflicts or {})}
           for x in rows]
    if departments:
        for row in out:
            if row["table"] == "event":
                row["data"] = _central_department(row["data"], row["origin_station"], departments)
    if categories:
        for row in out:
            if row["table"] == "problem":
                row["data"] = _central_categories(row["data"], row["origin_station"], categories)
    nxt = encode_cursor(rows[-1].seq, rows[-1].apply_rank, rows[-1].row_id) if rows else cursor
    return out, nxt


def _central_department(data: dict, station: str, departments: dict) -> dict:
    """An event's JSON names a department by the station's own id: the central id instead
    (the station's copy of a default department maps to the centre's row)."""
    import json

    try:
        inner = json.loads(data.get("data") or "{}")
    except ValueError:
        return data
    if not isinstance(inner, dict) or (station, inner.get("department_id")) not in departments:
        return data
    inner["department_id"] = departments[(station, inner["department_id"])]
    return {**data, "data": json.dumps(inner, ensure_ascii=False)}


def _central_categories(data: dict, station: str, categories: dict) -> dict:
    """A problem's categories are a JSON list of the station's own ids: the central ids instead,
    so problems of two stations about the same category can be compared."""
    import json

    try:
        ids = json.loads(data.get("category_ids") or "[]")
    except ValueError:
        return data
    if not isinstance(ids, list):
        return data
    return {**data, "category_ids": json.dumps([categories.get((station, i), i) for i in ids])}
