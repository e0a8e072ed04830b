"""What the central server does, without HTTP: serve pull pages, take central edits, count
figures. Accounts live in desk.server.accounts, a push in desk.server.push (validated by
desk.server.validate), the record table's helpers in desk.server.records; their public names
are re-exported here. Every writing transaction starts by taking the commit counter."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text, and_, cast, func, or_, select, tuple_, update
from sqlalchemy.engine import Engine

from desk.models import new_id
from desk.server import models as m
from desk.server.accounts import (AccountExists, add_account, authenticate, hash_token,  # noqa: F401
                                  list_accounts, revoke_account)
from desk.server.push import MAX_SKEW_MS, apply_batch, note_activity  # noqa: F401
from desk.server.records import (CENTRAL, NATURAL_KEY, get_record, save_hlc, state_of,  # noqa: F401
                                 take_counter, utcnow, write_record)
from desk.server.validate import Reject  # noqa: F401
from desk.rules import hlc as hlc_mod
from desk.rules.clocks import EPOCH, STATUS, next_status_gen
from desk.rules.enums import Action, Status
from desk.rules.merge import change_state, merge_states
from desk.rules.tables import REFERENCE_TABLES

# Test hook read by desk.server.push before a batch commits (tests set it here).
PAUSE_HOOK = None


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
    # Shared reference data (central or approved) and the station's own rows, nothing else.
    visible = or_(and_(r.table_name.in_(REFERENCE_TABLES), r.shared.is_(True)), r.origin_station == station)
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


def note_pull(engine: Engine, station: str, page: bytes) -> None:
    """The station's last pull and how far it reached (the cursor's commit number)."""
    # The cursor follows the rows (pull_page_json writes it after them): the last one is it.
    at = page.rfind(b'"cursor": "')
    seq = page[at + 11:at + 40].split(b":", 1)[0] if at >= 0 else b""
    values = {"last_pull_at": utcnow()}
    if seq.isdigit():
        values["pulled_seq"] = int(seq)
    with engine.begin() as conn:
        note_activity(conn, station, **values)


def database_ok(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")


# -- central edits ------------------------------------------------------------------------------

def settle(merged: dict, fields: dict) -> dict:
    """A central edit is made over the row as the centre holds it: nothing it replaces is a
    conflict, and it settles the conflicts the fields it sets had."""
    merged["conflicts"] = {k: v for k, v in merged["conflicts"].items() if k.split("|", 1)[0] not in fields}
    return merged


def central_edit(engine: Engine, table: str, row_id: str | None, fields: dict[str, Any], *,
                 now_ms: int | None = None) -> dict:
    """A reference-data edit (or creation) made centrally: last writer wins with the centre's clock."""
    if table not in REFERENCE_TABLES + ("staff",):
        raise Reject("unknown_table", table)
    with engine.begin() as conn:
        row_id = row_id or new_id()
        current = get_record(conn, table, row_id, lock=True)  # the row, then the counter (as a push)
        seq, last = take_counter(conn)
        stamp = hlc_mod.tick(last, now_ms or hlc_mod.wall_now_ms())
        save_hlc(conn, stamp)
        data = dict(fields)
        if current is None:
            data.setdefault("origin_station", CENTRAL)
        merged = settle(merge_states(table, state_of(current), change_state(table, data, stamp, CENTRAL)), data)
        # A central edit of a reference row makes it the centre's: every station receives it.
        write_record(conn, table, row_id, current.origin_station if current else CENTRAL, {**merged, "shared": True},
                     seq, insert_=current is None)
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
        current = get_record(conn, "work_order", order_id, lock=True)  # the row, then the counter
        if current is None:
            raise Reject("order_not_found", order_id)
        seq, last = take_counter(conn)
        stamp = hlc_mod.tick(last, now_ms or hlc_mod.wall_now_ms())
        save_hlc(conn, stamp)
        state = state_of(current)
        before = state["data"].get(STATUS, "")
        epoch = int(state["data"].get(EPOCH) or 0) + (1 if reopen else 0)
        # A reopen raises the epoch; any other step back raises the generation (desk.rules.lifecycle.is_backward).
        gen = next_status_gen(state["clocks"], before, status, epoch_raised=reopen)
        now_iso = utcnow().isoformat()
        fields = {STATUS: status.value, EPOCH: epoch, "updated_at": now_iso}
        if reopen:
            fields["reopen_count"] = int(state["data"].get("reopen_count") or 0) + 1
        merged = settle(merge_states("work_order", state, change_state("work_order", fields, stamp, CENTRAL, gen)),
                        fields)
        write_record(conn, "work_order", order_id, current.origin_station, merged, seq, insert_=False)
        event_id = new_id()
        # The event's kind is an Action, so every desk's timeline has a word for it.
        kind = Action.REOPEN if reopen else Action.SET_CENTRALLY
        event = {"order_id": order_id, "at": now_iso, "actor_id": None,
                 "actor_name": actor_name or "街道", "kind": kind.value,
                 "from_status": before, "to_status": status.value, "reason": reason,
                 "data": json.dumps({"central": True, "epoch": epoch}), "origin_station": current.origin_station}
        write_record(conn, "event", event_id, current.origin_station, {"data": event, "clocks": {}, "conflicts": {}},
                     seq, insert_=True)
    return {"order_id": order_id, "status": merged["data"][STATUS], "status_epoch": merged["data"][EPOCH]}


def approve_reference(engine: Engine, table: str, code: str) -> list[str]:
    """A station's own reference rows with this code (or row id) shared with every station
    (they reach the others at their next pull); returns the row ids approved."""
    if table not in REFERENCE_TABLES:
        raise Reject("unknown_table", table)
    r = m.record.c
    with engine.begin() as conn:
        ids = [x.row_id for x in conn.execute(select(r.row_id).where(
            r.table_name == table, r.shared.is_(False), or_(r.natural_key == code, r.row_id == code))
            .order_by(r.row_id).with_for_update())]
        if ids:
            seq, _ = take_counter(conn)
            conn.execute(update(m.record).where(r.table_name == table, r.row_id.in_(ids))
                         .values(shared=True, seq=seq, echo_of=None, updated_at=utcnow()))
    return ids


def pending_reference(engine: Engine) -> list[dict]:
    """Reference rows stations made that no central operator approved (each its station's own)."""
    r = m.record.c
    with engine.connect() as conn:
        return [{"table": x.table_name, "row_id": x.row_id, "station": x.origin_station, "code": x.natural_key,
                 "name": (x.data or {}).get("name", "")}
                for x in conn.execute(select(r.table_name, r.row_id, r.origin_station, r.natural_key, r.data).where(
                    r.table_name.in_(REFERENCE_TABLES), r.table_name != "station", r.shared.is_(False))
                    .order_by(r.table_name, r.natural_key))]


def seed_reference(engine: Engine) -> int:
    """The desk's default reference data (grids, areas, departments, categories) as the centre's
    own shared rows, for every code the centre does not share yet: each desk's copy of a default
    then maps to the central row, and no station's copy is ever what the others receive."""
    from desk.services import defaults
    from desk.sync.wire import synced_columns, table as desk_table

    r = m.record.c
    with engine.begin() as conn:
        have = {(x.table_name, x.natural_key): x.row_id for x in conn.execute(
            select(r.table_name, r.natural_key, r.row_id).where(r.table_name.in_(REFERENCE_TABLES),
                                                                r.shared.is_(True)))}
        wanted = [("grid", dict(code=c, name=n, name_en=e)) for c, n, e in defaults.GRIDS]
        wanted += [("residential_area", dict(code=c, name=n, name_en=e, grid_id=("grid", g)))
                   for c, n, e, g in defaults.AREAS]
        wanted += [("department", dict(code=c, name=n, name_en=e, sort=i))
                   for i, (c, n, e) in enumerate(defaults.DEPARTMENTS)]
        wanted += [("category", dict(code=c, parent_id=("category", p) if p else None, name=n, name_en=e, sort=i,
                                     default_department_id=("department", d), accept_limit=a, resolve_limit=rl))
                   for i, (c, p, n, e, d, a, rl) in enumerate(defaults.CATEGORIES)]
        missing = [(t, f) for t, f in wanted if (t, f["code"]) not in have]
        if not missing:
            return 0
        seq, last = take_counter(conn)
        stamp = hlc_mod.tick(last, hlc_mod.wall_now_ms())
        save_hlc(conn, stamp)
        now = utcnow().isoformat()
        for table, fields in missing:
            cols = desk_table(table).columns
            data = {}
            for name in synced_columns(table):
                default = cols[name].default
                data[name] = default.arg if default is not None and default.is_scalar else None
            data.update(origin_station=CENTRAL, created_at=now, updated_at=now)
            for name, value in fields.items():
                data[name] = have.get(value) if isinstance(value, tuple) else value
            row_id = new_id()
            have[(table, fields["code"])] = row_id
            write_record(conn, table, row_id, CENTRAL, {**change_state(table, data, stamp, CENTRAL), "shared": True},
                         seq, insert_=True)
    return len(missing)


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
