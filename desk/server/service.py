"""What the central server does, without HTTP: apply a pushed batch, serve pull pages, take
central edits, count figures. Every writing transaction starts by taking the commit counter."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import time
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Text, and_, cast, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import Connection, Engine

from desk.models import new_id
from desk.server import models as m
from desk.rules import hlc as hlc_mod
from desk.rules.clocks import EPOCH, STATUS, next_status_gen
from desk.rules.enums import Action, Status
from desk.rules.merge import change_state, merge_states
from desk.rules.tables import (APPLY_ORDER, HISTORY_TABLES, NATURAL_KEY, REFERENCE_TABLES, STATION_TABLES,
                               SYNCED_TABLES)
from desk.sync.wire import table as desk_table

CENTRAL = "CENTRAL"
MAX_SKEW_MS = 10 * 60 * 1000  # a station clock further ahead than this is refused
_ROW_ID = re.compile(r"^[0-9a-f]{32}$")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- accounts -------------------------------------------------------------------------------

def add_account(engine: Engine, code: str, role: str = "station") -> str:
    """Register a station (or a central operator) and return its token; only the hash is kept."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z0-9_-]{1,16}", code):
        raise ValueError(f"bad station code: {code!r}")
    token = f"{code}.{secrets.token_urlsafe(32)}"
    with engine.begin() as conn:
        old = conn.execute(select(m.account.c.code).where(m.account.c.code == code)).first()
        values = dict(role=role, token_hash=hash_token(token), active=True, created_at=utcnow(), revoked_at=None)
        if old:
            conn.execute(update(m.account).where(m.account.c.code == code).values(**values))
        else:
            conn.execute(insert(m.account).values(code=code, **values))
    return token


def revoke_account(engine: Engine, code: str) -> bool:
    with engine.begin() as conn:
        res = conn.execute(update(m.account).where(m.account.c.code == code.strip().upper())
                           .values(active=False, revoked_at=utcnow()))
    return res.rowcount > 0


def authenticate(engine: Engine, token: str) -> tuple[str, str] | None:
    with engine.connect() as conn:
        row = conn.execute(select(m.account.c.code, m.account.c.role).where(
            m.account.c.token_hash == hash_token(token), m.account.c.active.is_(True))).first()
    return (row.code, row.role) if row else None


def list_accounts(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(m.account.c.code, m.account.c.role, m.account.c.active, m.account.c.created_at,
                   m.account.c.revoked_at).order_by(m.account.c.code))]


# -- the commit counter ---------------------------------------------------------------------

def take_counter(conn: Connection) -> tuple[int, str]:
    """Bump the counter: the row stays locked until this transaction ends, so a later
    transaction gets a larger number AND commits later. Pulls follow commit order."""
    row = conn.execute(update(m.counter).where(m.counter.c.id == 1)
                       .values(value=m.counter.c.value + 1)
                       .returning(m.counter.c.value, m.counter.c.hlc)).one()
    return int(row.value), row.hlc


def _save_hlc(conn: Connection, value: str) -> None:
    conn.execute(update(m.counter).where(m.counter.c.id == 1).values(hlc=value))


# -- push -------------------------------------------------------------------------------------

class Reject(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


class Rows:
    """The batch's view of ``record``: rows loaded in one query, changed in memory, written
    once each at the end (executemany). With ``immediate`` every put is written at once (the
    careful path, one savepoint per change)."""

    def __init__(self, conn, *, immediate: bool = False):
        self.conn, self.immediate = conn, immediate
        self.rows: dict[tuple[str, str], dict] = {}
        self.dirty: dict[tuple[str, str], bool] = {}  # key -> not in the table yet
        self.echo: dict[tuple[str, str], str | None] = {}  # key -> echo_of to write
        self.stored: set[tuple[str, str]] = set()  # keys that exist in the table

    def preload(self, keys) -> None:
        keys = [k for k in set(keys) if k not in self.rows]
        by_table: dict[str, list[str]] = {}
        for table, row_id in keys:
            by_table.setdefault(table, []).append(row_id)
        r = m.record.c
        # One table at a time: `table_name = t AND row_id IN (...)` walks the primary key,
        # which a row-value IN list of (table, id) pairs does not plan as well.
        for table, ids in by_table.items():
            for i in range(0, len(ids), 1000):
                for row in self.conn.execute(select(r.table_name, r.row_id, r.origin_station, r.data, r.clocks,
                                                    r.conflicts).where(r.table_name == table,
                                                                       r.row_id.in_(ids[i:i + 1000]))):
                    self.rows[(row.table_name, row.row_id)] = _as_dict(row)
                    self.stored.add((row.table_name, row.row_id))
        for k in keys:
            self.rows.setdefault(k, None)

    def get(self, table: str, row_id: str) -> dict | None:
        key = (table, row_id)
        if key not in self.rows:
            row = _get(self.conn, table, row_id)
            self.rows[key] = _as_dict(row) if row is not None else None
            if row is not None:
                self.stored.add(key)
        return self.rows[key]

    def put(self, table: str, row_id: str, origin: str, state: dict, seq: int, *, echo_of: str | None = None) -> None:
        """echo_of: the pushing station, when this is its own new row (see models.record)."""
        key = (table, row_id)
        is_new = key not in self.stored
        echo = echo_of if is_new and not state.get("conflicts") else None
        self.rows[key] = {"origin_station": origin, **state}
        if self.immediate:
            _write(self.conn, table, row_id, origin, state, seq, insert_=is_new, echo_of=echo)
            self.stored.add(key)
        else:
            self.dirty[key] = is_new
            self.echo[key] = echo

    def flush(self, seq: int) -> None:
        inserts, updates = [], []
        for (table, row_id), is_new in self.dirty.items():
            row = self.rows[(table, row_id)]
            values = _values(table, row["origin_station"], row, seq, echo_of=self.echo.get((table, row_id)))
            (inserts if is_new else updates).append({"table_name": table, "row_id": row_id, **values})
        if inserts:
            if self.conn.dialect.name == "postgresql":
                _copy_records(self.conn, inserts)
            else:
                self.conn.execute(insert(m.record), inserts)
        self.stored |= set(self.dirty)
        if updates:
            from sqlalchemy import bindparam

            stmt = update(m.record).where(m.record.c.table_name == bindparam("t_name"),
                                          m.record.c.row_id == bindparam("r_id"))
            self.conn.execute(stmt.values({k: bindparam(k) for k in updates[0] if k not in ("table_name", "row_id")}),
                              [{**{k: v for k, v in u.items() if k not in ("table_name", "row_id")},
                                "t_name": u["table_name"], "r_id": u["row_id"]} for u in updates])
        self.dirty.clear()
        self.echo.clear()


RECORD_COLUMNS = ("table_name", "row_id", "origin_station", "natural_key", "apply_rank", "seq", "data", "clocks",
                  "conflicts", "updated_at", "echo_of")


def _copy_records(conn, rows: list[dict]) -> None:
    """New rows into ``record`` with COPY, in the batch's transaction (a catch-up brings
    ~100,000 at once; COPY is the floor the benchmark compares with)."""
    from psycopg.types.json import Jsonb

    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f"COPY record ({', '.join(RECORD_COLUMNS)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row((r["table_name"], r["row_id"], r["origin_station"], r["natural_key"], r["apply_rank"],
                          r["seq"], Jsonb(r["data"]), Jsonb(r["clocks"]), Jsonb(r["conflicts"]),
                          r["updated_at"].astimezone(timezone.utc).replace(tzinfo=None), r["echo_of"]))


def _as_dict(row) -> dict:
    return {"origin_station": row.origin_station, "data": dict(row.data or {}), "clocks": dict(row.clocks or {}),
            "conflicts": dict(row.conflicts or {})}


def apply_batch(engine: Engine, station: str, batch_id: str, changes: list[dict], *,
                now_ms: int | None = None) -> dict:
    """Apply a whole batch in one transaction; the same batch again gets the same answer."""
    now_ms = now_ms or hlc_mod.wall_now_ms()
    # Parents first (stable: one row's changes keep their order), so a child's reference ids
    # translate through aliases learnt from its parents in the same batch.
    ordered = sorted((c for c in changes if isinstance(c, dict)), key=lambda c: APPLY_ORDER.get(c.get("table"), 99))
    ordered += [c for c in changes if not isinstance(c, dict)]
    with engine.begin() as conn:
        seq, central_hlc = take_counter(conn)
        done = conn.execute(select(m.batch.c.response).where(
            m.batch.c.station == station, m.batch.c.batch_id == batch_id)).first()
        if done:
            return done.response
        try:
            with conn.begin_nested():
                results, quarantined, seen_hlc = _apply_all(conn, station, ordered, seq, now_ms, central_hlc,
                                                            careful=False)
        except Exception:  # noqa: BLE001 - a database refusal in the fast path: redo change by change
            results, quarantined, seen_hlc = _apply_all(conn, station, ordered, seq, now_ms, central_hlc,
                                                        careful=True)
        for change, reason, detail in quarantined:
            _quarantine(conn, station, batch_id, change, reason, detail)
        _save_hlc(conn, seen_hlc)
        _crash_point("server_before_commit", conn)
        # seq: the commit number of this batch; the desk skips its own new rows written at or
        # after its first batch of a run when it pulls (they are exactly what it sent).
        response = {"batch_id": batch_id, "seq": seq, "results": [results[i] for i in range(len(results))]}
        # Answers in the order the desk sent the changes.
        order = {id(c): i for i, c in enumerate(ordered)}
        response["results"] = [results[order[id(c)]] for c in changes]
        conn.execute(insert(m.batch).values(station=station, batch_id=batch_id, seq=seq, response=response,
                                            applied_at=utcnow()))
    return response


def _apply_all(conn, station, changes, seq, now_ms, central_hlc, *, careful: bool):
    rows = Rows(conn, immediate=careful)
    aliases = {(a.table_name, a.local_id): a.central_id for a in conn.execute(
        select(m.alias).where(m.alias.c.station == station))}
    if not careful:
        rows.preload((c.get("table"), c.get("row_id")) for c in changes
                     if isinstance(c.get("table"), str) and isinstance(c.get("row_id"), str))
    results, quarantined = [], []
    seen_hlc = central_hlc
    for change in changes:
        change_id = str(change.get("change_id", ""))[:32] if isinstance(change, dict) else ""
        try:
            if not isinstance(change, dict):
                raise Reject("bad_change")
            if careful:
                with conn.begin_nested():
                    status = _apply_change(rows, station, change, seq, now_ms, aliases)
            else:
                status = _apply_change(rows, station, change, seq, now_ms, aliases)
            results.append({"change_id": change_id, "status": status})
            if isinstance(change.get("hlc"), str):
                seen_hlc = max(seen_hlc, change["hlc"])
        except Reject as exc:
            quarantined.append((change, exc.reason, exc.detail))
            results.append({"change_id": change_id, "status": "quarantined", "reason": exc.reason,
                            "detail": exc.detail})
        except Exception as exc:  # noqa: BLE001 - a bad change is quarantined, never blocks the rest
            if not careful:
                raise
            quarantined.append((change, "invalid", f"{type(exc).__name__}: {exc}"[:500]))
            results.append({"change_id": change_id, "status": "quarantined", "reason": "invalid",
                            "detail": type(exc).__name__})
    if not careful:
        rows.flush(seq)
    return results, quarantined, seen_hlc


# Test hook: called inside the open transaction (after the changes, before the commit), so a
# test can crash PostgreSQL, kill the backend, or let another transaction overtake this one.
PAUSE_HOOK = None


def _crash_point(name: str, conn=None) -> None:
    if PAUSE_HOOK is not None:
        PAUSE_HOOK(name, conn)
    if os.environ.get("DESK_SERVER_PAUSE_AT") == name:
        time.sleep(float(os.environ.get("DESK_SERVER_PAUSE_SECONDS", "3")))


def _quarantine(conn, station, batch_id, change, reason, detail) -> None:
    change_id = str(change.get("change_id") or new_id())[:32]
    exists = conn.execute(select(m.quarantine.c.change_id).where(m.quarantine.c.change_id == change_id)).first()
    if exists:
        return
    conn.execute(insert(m.quarantine).values(
        change_id=change_id, station=station, batch_id=batch_id, table_name=str(change.get("table", ""))[:40],
        row_id=str(change.get("row_id", ""))[:64], change=change, reason=reason, detail=detail, at=utcnow()))


def _get(conn, table: str, row_id: str):
    return conn.execute(select(m.record).where(m.record.c.table_name == table, m.record.c.row_id == row_id)).first()


def _translate(table: str, fields: dict, aliases: dict) -> dict:
    """The station's own ids of reference rows the centre knows under another id -> central ids."""
    out = dict(fields)
    if not aliases:
        return out
    for column, target in _foreign_keys(table):
        value = out.get(column)
        if value is not None and (target, value) in aliases:
            out[column] = aliases[(target, value)]
    return out


@functools.lru_cache(maxsize=None)
def _foreign_keys(table: str) -> tuple[tuple[str, str], ...]:
    return tuple((col.name, fk.column.table.name) for col in desk_table(table).columns for fk in col.foreign_keys)


def _apply_change(rows: "Rows", station: str, ch: dict, seq: int, now_ms: int, aliases: dict) -> str:
    table, row_id, stamp, fields = ch.get("table"), ch.get("row_id"), ch.get("hlc"), ch.get("fields")
    if table not in SYNCED_TABLES:
        raise Reject("unknown_table", str(table))
    if not isinstance(row_id, str) or not _ROW_ID.match(row_id):
        raise Reject("bad_row_id", str(row_id))
    if not isinstance(fields, dict) or not isinstance(stamp, str):
        raise Reject("bad_change")
    try:
        wall = hlc_mod.wall_ms_of(stamp)
    except ValueError:
        raise Reject("bad_clock", stamp) from None
    if wall > now_ms + MAX_SKEW_MS:
        raise Reject("clock_in_future", stamp)
    fields = _translate(table, fields, aliases)
    current = rows.get(table, row_id)
    if table in STATION_TABLES or table in HISTORY_TABLES:
        owner = current["origin_station"] if current else fields.get("origin_station", station)
        if owner != station:
            raise Reject("not_your_row", f"{table} {row_id} belongs to {owner}")
        if table == "work_order" and STATUS in fields and EPOCH not in fields:
            raise Reject("bad_change", "status without status_epoch")
    if table in HISTORY_TABLES:
        if current:
            return "duplicate"
        rows.put(table, row_id, station, {"data": fields, "clocks": {}, "conflicts": {}}, seq, echo_of=station)
        return "applied"
    incoming = change_state(table, fields, stamp, station, int(ch.get("status_gen") or 0))
    if table in REFERENCE_TABLES:
        return _apply_reference(rows, station, table, row_id, incoming, current, seq, aliases)
    merged = merge_states(table, _state(current), incoming)
    if current and merged == _state(current):
        return "duplicate"
    # Rows.put keeps echo_of only for a row not in the table before this batch: then every
    # version merged into it came from this station's own changes in this batch.
    rows.put(table, row_id, current["origin_station"] if current else station, merged, seq, echo_of=station)
    return "applied"


def _apply_reference(rows: "Rows", station, table, row_id, incoming, current, seq, aliases) -> str:
    """Central-authoritative: a station may seed a row the centre does not know (by id and by
    code) and edit its own station row; anything else is superseded by the central copy."""
    key = NATURAL_KEY.get(table)
    if current is None:
        natural = incoming["data"].get(key) if key else None
        if natural is not None:
            other = _natural(rows, table, str(natural))
            if other:
                _alias(rows.conn, table, station, row_id, other)
                aliases[(table, row_id)] = other
                return "superseded"
        rows.put(table, row_id, station, merge_states(table, None, incoming), seq)
        return "applied"
    if table == "station" and (current["data"] or {}).get("code") == station:
        merged = merge_states(table, _state(current), incoming)
        if merged == _state(current):
            return "duplicate"
        rows.put(table, row_id, current["origin_station"], merged, seq)
        return "applied"
    return "superseded"


def _natural(rows: "Rows", table: str, natural: str) -> str | None:
    """The row id the centre (or this very batch) has for a reference code."""
    key = NATURAL_KEY[table]
    for (t, rid), row in rows.rows.items():
        if t == table and row is not None and str(row["data"].get(key)) == natural:
            return rid
    found = rows.conn.execute(select(m.record.c.row_id).where(
        m.record.c.table_name == table, m.record.c.natural_key == natural)).first()
    return found.row_id if found else None


def _alias(conn, table, station, local_id, central_id) -> None:
    found = conn.execute(select(m.alias.c.central_id).where(
        m.alias.c.table_name == table, m.alias.c.station == station, m.alias.c.local_id == local_id)).first()
    if not found:
        conn.execute(insert(m.alias).values(table_name=table, station=station, local_id=local_id, central_id=central_id))


def _state(row) -> dict | None:
    if row is None:
        return None
    if isinstance(row, dict):
        return {"data": dict(row["data"] or {}), "clocks": dict(row["clocks"] or {}),
                "conflicts": dict(row["conflicts"] or {})}
    return {"data": dict(row.data or {}), "clocks": dict(row.clocks or {}), "conflicts": dict(row.conflicts or {})}


def _values(table, origin, state, seq, *, echo_of: str | None = None) -> dict:
    key = NATURAL_KEY.get(table)
    natural = state["data"].get(key) if key else None
    return dict(origin_station=origin, natural_key=None if natural is None else str(natural)[:60],
                apply_rank=APPLY_ORDER[table], seq=seq, data=state["data"], clocks=state["clocks"],
                conflicts=state["conflicts"], updated_at=utcnow(), echo_of=echo_of)


def _write(conn, table, row_id, origin, state, seq, *, insert_: bool, echo_of: str | None = None) -> None:
    values = _values(table, origin, state, seq, echo_of=echo_of)
    if insert_:
        conn.execute(insert(m.record).values(table_name=table, row_id=row_id, **values))
    else:
        conn.execute(update(m.record).where(m.record.c.table_name == table, m.record.c.row_id == row_id)
                     .values(**values))


# -- pull -------------------------------------------------------------------------------------

def encode_cursor(seq: int, rank: int, row_id: str) -> str:
    return f"{seq}:{rank}:{row_id}"


def decode_cursor(cursor: str | None) -> tuple[int, int, str]:
    if not cursor:
        return (0, -1, "")
    seq, rank, row_id = cursor.split(":", 2)
    return int(seq), int(rank), row_id


def pull_page(engine: Engine, station: str, cursor: str | None, limit: int = 500, *,
              echo_from: int | None = None) -> dict:
    """Rows past the cursor that this station may see: reference data, and its own rows with
    their conflicts. The cursor is (seq, rank, row id); seq follows commit order.

    echo_from: the seq of the station's first batch in this sync run. Rows that one of those
    batches inserted as they were sent (record.echo_of, never rewritten since) are left out:
    the desk made them and still has them. Rows its earlier runs wrote still come back (a desk
    restored from a backup gets them again)."""
    return json.loads(pull_page_json(engine, station, cursor, limit, echo_from=echo_from))


def pull_page_json(engine: Engine, station: str, cursor: str | None, limit: int = 500, *,
                   echo_from: int | None = None) -> bytes:
    """pull_page as the JSON the desk receives. The rows' JSON documents are read as text and
    spliced in, not decoded and encoded again."""
    after = decode_cursor(cursor)
    limit = max(1, min(int(limit), 2000))
    r = m.record.c
    visible = or_(r.table_name.in_(REFERENCE_TABLES), r.origin_station == station)
    if echo_from is not None:
        visible = and_(visible, or_(r.echo_of.is_(None), r.echo_of != station, r.seq < int(echo_from)))
    with engine.connect() as conn:
        rows = conn.execute(
            select(r.table_name, r.row_id, r.origin_station, r.apply_rank, r.seq, cast(r.data, Text).label("data"),
                   cast(r.clocks, Text).label("clocks"), cast(r.conflicts, Text).label("conflicts"))
            .where(tuple_(r.seq, r.apply_rank, r.row_id) > tuple_(*after), visible)
            .order_by(r.seq, r.apply_rank, r.row_id).limit(limit)).all()
        aliases = {}
        if rows:
            aliases = {(a.table_name, a.central_id): a.local_id for a in conn.execute(
                select(m.alias).where(m.alias.c.station == station))}
    dumps = json.dumps
    out = ", ".join(f'{{"table": {dumps(x.table_name)}, "row_id": {dumps(x.row_id)}, '
                    f'"origin_station": {dumps(x.origin_station)}, "data": {x.data}, "clocks": {x.clocks}, '
                    f'"conflicts": {x.conflicts}}}' for x in rows)
    nxt = encode_cursor(rows[-1].seq, rows[-1].apply_rank, rows[-1].row_id) if rows else (cursor or "")
    tail = dumps({"cursor": nxt, "more": len(rows) == limit,
                  "aliases": [[t, c, loc] for (t, c), loc in aliases.items()]}, ensure_ascii=False)
    return f'{{"rows": [{out}], {tail[1:]}'.encode()


# -- central edits ------------------------------------------------------------------------------

def central_edit(engine: Engine, table: str, row_id: str | None, fields: dict[str, Any], *,
                 now_ms: int | None = None) -> dict:
    """A reference-data edit (or creation) made centrally: last writer wins with the centre's clock."""
    if table not in REFERENCE_TABLES + ("staff",):
        raise Reject("unknown_table", table)
    with engine.begin() as conn:
        seq, last = take_counter(conn)
        stamp = hlc_mod.tick(last, now_ms or hlc_mod.wall_now_ms())
        _save_hlc(conn, stamp)
        row_id = row_id or new_id()
        current = _get(conn, table, row_id)
        data = dict(fields)
        if current is None:
            data.setdefault("origin_station", CENTRAL)
        merged = merge_states(table, _state(current), change_state(table, data, stamp, CENTRAL))
        _write(conn, table, row_id, current.origin_station if current else CENTRAL, merged, seq,
               insert_=current is None)
    return {"table": table, "row_id": row_id, "data": merged["data"]}


def central_status(engine: Engine, order_id: str, status: str, *, reason: str = "", actor_name: str = "",
                   reopen: bool = False, now_ms: int | None = None) -> dict:
    """A status set centrally (e.g. the subdistrict closes or reopens an order), with a history
    event; it reaches the order's station at its next pull."""
    try:
        status = Status(status)
    except ValueError:
        raise Reject("bad_status", str(status)) from None
    with engine.begin() as conn:
        seq, last = take_counter(conn)
        stamp = hlc_mod.tick(last, now_ms or hlc_mod.wall_now_ms())
        _save_hlc(conn, stamp)
        current = _get(conn, "work_order", order_id)
        if current is None:
            raise Reject("order_not_found", order_id)
        state = _state(current)
        before = state["data"].get(STATUS, "")
        epoch = int(state["data"].get(EPOCH) or 0) + (1 if reopen else 0)
        # A reopen raises the epoch; any other step back raises the generation (desk.rules.lifecycle.is_backward).
        gen = next_status_gen(state["clocks"], before, status, epoch_raised=reopen)
        now_iso = utcnow().isoformat()
        fields = {STATUS: status.value, EPOCH: epoch, "updated_at": now_iso}
        if reopen:
            fields["reopen_count"] = int(state["data"].get("reopen_count") or 0) + 1
        merged = merge_states("work_order", state, change_state("work_order", fields, stamp, CENTRAL, gen))
        _write(conn, "work_order", order_id, current.origin_station, merged, seq, insert_=False)
        event_id = new_id()
        # The event's kind is an Action, so every desk's timeline has a word for it.
        kind = Action.REOPEN if reopen else Action.SET_CENTRALLY
        event = {"order_id": order_id, "at": now_iso, "actor_id": None,
                 "actor_name": actor_name or "街道", "kind": kind.value,
                 "from_status": before, "to_status": status.value, "reason": reason,
                 "data": json.dumps({"central": True, "epoch": epoch}), "origin_station": current.origin_station}
        _write(conn, "event", event_id, current.origin_station, {"data": event, "clocks": {}, "conflicts": {}},
               seq, insert_=True)
    return {"order_id": order_id, "status": merged["data"][STATUS], "status_epoch": merged["data"][EPOCH]}


# -- read-only figures --------------------------------------------------------------------------

def figures(engine: Engine) -> dict:
    """Work orders per station and status, for the supervisor dashboard's "all stations" view."""
    r = m.record.c
    status = r.data["status"].as_string()
    with engine.connect() as conn:
        rows = conn.execute(select(r.origin_station, status.label("status"), func.count().label("n"))
                            .where(r.table_name == "work_order")
                            .group_by(r.origin_station, status)).all()
        quarantined = conn.execute(select(m.quarantine.c.station, func.count()).group_by(m.quarantine.c.station)).all()
    stations: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for row in rows:
        stations.setdefault(row.origin_station, {})[row.status] = row.n
        totals[row.status] = totals.get(row.status, 0) + row.n
    return {"stations": stations, "totals": totals, "orders": sum(totals.values()),
            "quarantined": {s: n for s, n in quarantined}}
