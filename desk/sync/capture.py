"""Change capture: every insert or update of a synced row writes an outbox row and the row's
per-field clocks in the SAME SQLite transaction as the edit (SymmetricDS's lesson). Installed
once by Store on its sessions; the sync applier marks its own sessions so pulled data is not
captured again."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session

from desk.db import driver_connection
from desk.models import Station, new_id, utcnow
from desk.rules import hlc as hlc_mod
from desk.sync import schema
from desk.rules.clocks import EPOCH, STATUS, field_clocks, next_status_gen
from desk.rules.merge import NO_CONFLICT
from desk.rules.tables import SYNCED_TABLES
from desk.rules.wire import BASE_KEY
from desk.sync.wire import synced_columns, to_wire

_UTC_TEXT = lambda moment: moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")  # noqa: E731

APPLYING = "sync_applying"  # session.info flag set by the applier

# json.dumps(x, ensure_ascii=False) builds a new encoder on every call (non-default options):
# one encoder with the same options writes the same text (an outbox row's fields, every save).
_FIELDS_TEXT = json.JSONEncoder(ensure_ascii=False).encode


def install(store) -> None:
    """Listen on the Store's write sessions (idempotent per sessionmaker)."""
    maker = store._writer
    if getattr(maker, "_desk_sync_capture", False):
        return
    maker._desk_sync_capture = True
    wall = lambda: store.hlc_wall()  # noqa: E731 - late bound: tests change the wall clock
    event.listen(maker, "before_flush", _before_flush)
    event.listen(maker, "after_flush", lambda session, ctx: _after_flush(session, wall))


def _synced(obj: Any) -> str | None:
    name = getattr(obj, "__tablename__", None)
    return name if name in SYNCED_TABLES else None


def _local_station(session: Session) -> str:
    code = session.info.get("sync_station")
    if code is None:
        code = session.execute(select(Station.code).where(Station.is_local.is_(True))).scalar() or ""
        if code:
            session.info["sync_station"] = code
    return code


def _before_flush(session: Session, flush_context, instances) -> None:
    if session.info.get(APPLYING):
        return
    # Rows made here belong to this station: stamp the origin the services leave empty.
    pending = [o for o in session.new if _synced(o) and hasattr(o, "origin_station") and not o.origin_station]
    if pending:
        code = _local_station(session)
        for obj in pending:
            obj.origin_station = code or getattr(obj, "code", "")  # the station row itself


def next_hlc(conn, wall_ms: int) -> str:
    # Plain SQL text: run on every save, where compiling a Core statement cost more than SQLite.
    raw = driver_connection(conn)
    row = raw.execute("SELECT value FROM sync_state WHERE key = 'hlc'").fetchone()
    last = row[0] if row else None
    new = hlc_mod.tick(last, wall_ms)
    if last is None:
        raw.execute("INSERT INTO sync_state (key, value) VALUES ('hlc', ?)", (new,))
    else:
        raw.execute("UPDATE sync_state SET value = ? WHERE key = 'hlc'", (new,))
    return new


def _put_state(conn, key: str, value: str, *, exists: bool | None = None) -> None:
    if exists is None:
        exists = conn.execute(select(schema.state.c.key).where(schema.state.c.key == key)).first() is not None
    if exists:
        conn.execute(update(schema.state).where(schema.state.c.key == key).values(value=value))
    else:
        conn.execute(insert(schema.state).values(key=key, value=value))


def _after_flush(session: Session, wall) -> None:
    if session.info.get(APPLYING):
        return
    changes: list[tuple[str, Any, dict[str, Any], bool]] = []
    for obj in session.new:
        name = _synced(obj)
        if name:
            changes.append((name, obj, _all_values(name, obj), True))
    for obj in session.dirty:
        name = _synced(obj)
        if name and session.is_modified(obj, include_collections=False):
            changed = _changed_values(name, obj)
            if changed:
                changes.append((name, obj, changed, False))
    if not changes:
        return
    # On first run the station row is made in this very transaction, after the grids and
    # departments: those rows already carry the station's code.
    station = _local_station(session) or next(
        (getattr(obj, "origin_station", "") for _, obj, _, _ in changes if getattr(obj, "origin_station", "")), "")
    if not station:  # nothing says whose row this is yet; the snapshot at first sync covers it
        return
    write_changes(session, [(name, obj.id, fields, is_new, obj) for name, obj, fields, is_new in changes], wall,
                  station)


def capture_inserts(tx, rows: list[tuple[str, str, dict[str, Any]]], wall) -> None:
    """The capture of rows a service inserted with plain statements in `tx` (a
    desk.services.store.PlainWrite; no flush saw them): (table, id, every column's value).
    The same clock rows and outbox rows a flush writes."""
    info = tx.info
    if info.get(APPLYING):
        return
    times: dict[datetime, str] = {}  # a save's rows share a few moments: each converted once
    synced = [(name, row_id, _wire_values(name, values, times), True, None)
              for name, row_id, values in rows if name in SYNCED_TABLES]
    station = info.get("sync_station")
    if station is None:
        row = tx.raw.execute(_LOCAL_STATION).fetchone()
        station = row[0] if row else ""
        if station:
            info["sync_station"] = station
    if synced and station:
        # A flush later in the same transaction (a returning visitor's new details) is stamped
        # with this tick too: one tick per save, as when one flush wrote everything.
        info["capture_now"] = utcnow()  # the outbox rows' time, shared with that flush too
        # Their ids were made for them (new_id) in this transaction: no clock row can exist yet.
        info["capture_stamp"] = _write_changes(info, tx.conn, tx.raw, synced, wall, station, fresh_ids=True)


# What _local_station asks, as plain SQL on a transaction without a Session.
_LOCAL_STATION = "SELECT code FROM station WHERE is_local = 1"


def write_changes(session: Session, changes: list[tuple[str, str, dict[str, Any], bool, Any]], wall,
                  station: str, *, fresh_ids: bool = False) -> str:
    """(table, id, fields, is new, ORM object or None for a new row) → one clock tick per
    transaction (a later flush in it reuses the stamp), field clocks and outbox rows.
    `fresh_ids`: the new rows' ids were just made, so none has a clock row to look for."""
    conn = session.connection()
    return _write_changes(session.info, conn, driver_connection(conn), changes, wall, station, fresh_ids=fresh_ids)


def _write_changes(info: dict, conn, raw, changes, wall, station: str, *, fresh_ids: bool) -> str:
    """write_changes on a transaction's `info` (a Session's, or a PlainWrite's), its Connection
    and the DB-API connection under it."""
    stamp = info.get("capture_stamp")
    if stamp is None:
        stamp = next_hlc(raw, wall())
    now = info.get("capture_now") or utcnow()
    # New rows (most of a save) have no clocks yet: their clock rows and every outbox row go
    # in one executemany each instead of a select and an insert per row.
    new_keys = [(name, row_id) for name, row_id, _, is_new, _ in changes if is_new]
    fresh = set(new_keys) if fresh_ids else _new_rows_without_clocks(raw, new_keys)
    clock_rows, outbox_rows = [], []
    for name, row_id, fields, is_new, obj in changes:
        if (name, row_id) in fresh:
            gen, clocks = _fresh_clocks(name, fields, stamp, station)
            clock_rows.append({"table_name": name, "row_id": row_id, "clocks": clocks})
        else:
            base: dict[str, list] = {}
            gen = record_clocks(conn, name, row_id, fields, stamp, station,
                                old_status=None if is_new else _old_status(obj),
                                epoch_raised=not is_new and _epoch_raised(obj), base=base)
            if base:
                # The versions this edit was made over: the centre records a conflict only if
                # it holds another (a writer this desk had not seen). Not a column: BASE_KEY.
                fields = {**fields, BASE_KEY: base}
        outbox_rows.append({"change_id": new_id(), "table_name": name, "row_id": row_id, "hlc": stamp,
                            "status_gen": gen, "fields": _FIELDS_TEXT(fields), "batch_id": None,
                            "created_at": now})
    if clock_rows:
        raw.executemany("INSERT INTO sync_clock (table_name, row_id, clocks) VALUES (?, ?, ?)",
                        [(r["table_name"], r["row_id"], r["clocks"]) for r in clock_rows])
    # created_at as the UTCDateTime column stores it (naive UTC text).
    created = _UTC_TEXT(now)
    raw.executemany("INSERT INTO sync_outbox (change_id, table_name, row_id, hlc, status_gen, fields, batch_id, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                    [(r["change_id"], r["table_name"], r["row_id"], r["hlc"], r["status_gen"], r["fields"], created)
                     for r in outbox_rows])
    return stamp


def _new_rows_without_clocks(conn, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (table, id) of rows just inserted have no clock row (normally all)."""
    if not keys:
        return set()
    keys = sorted(set(keys))
    existing = set()
    for start in range(0, len(keys), 400):
        # Both columns of the primary key by IN lists: index lookups (a row-value IN scans).
        part = keys[start:start + 400]
        tables = sorted({t for t, _ in part})
        sql = (f"SELECT table_name, row_id FROM sync_clock WHERE table_name IN ({', '.join('?' * len(tables))}) "
               f"AND row_id IN ({', '.join('?' * len(part))})")
        existing.update((t, r) for t, r in driver_connection(conn).execute(sql, (*tables, *(r for _, r in part))))
    return {k for k in keys if k not in existing}


def _wire_values(name: str, values: dict[str, Any], times: dict[datetime, str]) -> dict[str, Any]:
    """{column: to_wire(value)} of a row's synced columns; `times` keeps the datetimes converted."""
    out = {}
    for c in synced_columns(name):
        value = values[c]
        if isinstance(value, datetime):
            text = times.get(value)
            if text is None:
                text = times[value] = to_wire(value)
            value = text
        out[c] = value
    return out


def _fresh_clocks(name: str, fields: dict[str, Any], stamp: str, station: str) -> tuple[int, str]:
    """(status generation, clocks JSON) of a row that had no clocks: what record_clocks writes,
    json.dumps(field_clocks(name, fields, stamp, station)), as text: every field holds the same
    clock (the status its generation too), so the clock is encoded once, not once a field."""
    if name == "event":  # immutable: the clock row only marks it as captured
        return 0, "{}"
    keys = _clock_keys(name, tuple(fields))
    clock, status = _clock_text(stamp, station)
    return 0, "{" + ", ".join(key + (status if is_status else clock) for key, is_status in keys) + "}"


# ((stamp, station), its clock, its status clock as JSON): one tuple, replaced whole, so a
# thread reads a consistent one.
_LAST_CLOCK: tuple = (None, "", "")


def _clock_text(stamp: str, station: str) -> tuple[str, str]:
    """json.dumps([stamp, station]) and json.dumps([stamp, station, 0]), made once for every
    row of a save (one tick), not again for each."""
    global _LAST_CLOCK
    key, clock, status = _LAST_CLOCK
    if key != (stamp, station):
        clock, status = json.dumps([stamp, station]), json.dumps([stamp, station, 0])
        _LAST_CLOCK = ((stamp, station), clock, status)
    return clock, status


_CLOCK_KEYS: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, bool], ...]] = {}


def _clock_keys(name: str, fields: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """Per table and fields, once: ('"field": ', holds the status generation) in field_clocks'
    order, the fields it gives a clock (from a probe of it, so its rules stay the one source)."""
    keys = _CLOCK_KEYS.get((name, fields))
    if keys is None:
        probe = field_clocks(name, fields, "", "")
        keys = _CLOCK_KEYS[(name, fields)] = tuple((json.dumps(f) + ": ", len(clock) > 2) for f, clock in probe.items())
    return keys


def record_clocks(conn, name: str, row_id: str, fields: dict[str, Any], stamp: str, station: str, *,
                  old_status: str | None = None, epoch_raised: bool = False, base: dict | None = None) -> int:
    """Stamp the changed fields' clocks; returns the status generation of this change.
    `base`, if given, receives the clocks the changed fields had before (what was overwritten)."""
    if name == "event":  # immutable: the clock row only marks it as captured
        conn.execute(insert(schema.clock).values(table_name=name, row_id=row_id, clocks="{}"))
        return 0
    row = conn.execute(select(schema.clock.c.clocks).where(
        schema.clock.c.table_name == name, schema.clock.c.row_id == row_id)).scalar()
    clocks = json.loads(row) if row else {}
    gen = 0
    if name == "work_order":
        gen = next_status_gen(clocks, old_status, fields.get(STATUS), epoch_raised=epoch_raised)
    new = field_clocks(name, fields, stamp, station, gen)
    if base is not None:
        base.update({f: clocks[f][:2] for f in new if f in clocks and f not in NO_CONFLICT})
    clocks.update(new)
    text = json.dumps(clocks)
    if row is None:
        conn.execute(insert(schema.clock).values(table_name=name, row_id=row_id, clocks=text))
    else:
        conn.execute(update(schema.clock).where(schema.clock.c.table_name == name,
                                                schema.clock.c.row_id == row_id).values(clocks=text))
    return gen


def _all_values(name: str, obj: Any) -> dict[str, Any]:
    return {c: to_wire(getattr(obj, c)) for c in synced_columns(name)}


def _changed_values(name: str, obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    out = {}
    for c in synced_columns(name):
        attr = state.attrs.get(c)
        if attr is not None and attr.history.has_changes():
            out[c] = to_wire(getattr(obj, c))
    if out and "updated_at" in synced_columns(name):
        # Set by the column's onupdate during the flush, which attribute history does not show.
        out["updated_at"] = to_wire(obj.updated_at)
    if name == "work_order" and (STATUS in out or EPOCH in out):
        # Status and epoch travel together: the merge compares them as one value.
        out[STATUS], out[EPOCH] = obj.status, obj.status_epoch
    return out


def _old_status(obj: Any) -> str | None:
    if getattr(obj, "__tablename__", None) != "work_order":
        return None
    hist = inspect(obj).attrs.status.history
    if hist.deleted:
        return hist.deleted[0]
    return None


def _epoch_raised(obj: Any) -> bool:
    if getattr(obj, "__tablename__", None) != "work_order":
        return False
    return inspect(obj).attrs.status_epoch.history.has_changes()
