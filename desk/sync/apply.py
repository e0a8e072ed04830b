"""Applying a pulled page on the desk: own rows merged field by field (the same merge as the
centre), history by union, reference data replaced by the central copy (matched by code when the
desk seeded its own row), conflicts stored for the window. Never captured into the outbox."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from desk.models import utcnow
from desk.rules import hlc as hlc_mod
from desk.sync import schema, state
from desk.rules.clocks import EPOCH, STATUS
from desk.rules.merge import merge_states
from desk.rules.tables import APPLY_ORDER, NATURAL_KEY, REFERENCE_TABLES
from desk.sync.wire import row_to_wire, table as table_of, wire_to_row
from desk.models import Visitor, WorkOrder
from desk.services.common import reindex



def apply_page(session, page: dict, *, reindex: bool = True) -> int:
    """Apply one page in the caller's transaction; returns how many rows changed locally.
    `reindex`: refresh the search index of changed orders (the centre's figures mirror, which
    nobody searches, leaves it out)."""
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # parents may come later in the page
    for tname, central_id, local_id in page.get("aliases", []):
        _put_alias(conn, tname, central_id, local_id)
    _alias_by_natural_key(conn, page["rows"])
    aliases = _aliases(conn)
    changed = 0
    newest = None
    orders: list[str] = []
    local = _preload(conn, page["rows"])
    held = _conflicts_held(conn, page["rows"])
    event_ids = [r["row_id"] for r in page["rows"] if r["table"] == "event"]
    ev = table_of("event")
    known_events = {r[0] for r in conn.execute(select(ev.c.id).where(ev.c.id.in_(event_ids)))} if event_ids else set()
    new_events: list[dict] = []  # inserted together at the end, in page order (their local seq)
    for row in sorted(page["rows"], key=lambda r: APPLY_ORDER.get(r["table"], 99)):
        tname = row["table"]
        if tname not in APPLY_ORDER:
            continue
        data = _translate(tname, dict(row["data"]), aliases)
        if tname == "event":
            changed += _take_event(data, row["row_id"], known_events, new_events)
        elif tname in REFERENCE_TABLES:
            changed += _apply_reference(conn, tname, row["row_id"], data, aliases, row.get("clocks") or {})
        else:
            if _apply_owned(conn, tname, row["row_id"], data, row.get("clocks") or {}, row.get("conflicts") or {},
                            local.get((tname, row["row_id"]), (None, None)),
                            held.get((tname, row["row_id"]), set())):
                changed += 1
                if tname == "work_order":
                    orders.append(row["row_id"])
        for clock in (row.get("clocks") or {}).values():
            newest = max(newest or clock[0], clock[0])
    _insert_events(conn, new_events)
    if newest:
        state.put(conn, "hlc", hlc_mod.receive(state.get(conn, "hlc"), newest))
    if orders and reindex:
        _reindex(session, orders)
    return changed


def _preload(conn, rows) -> dict[tuple[str, str], tuple]:
    """The desk's own copies of a page's rows and their clocks, in a few queries."""
    by_table: dict[str, list[str]] = {}
    for row in rows:
        if row["table"] not in REFERENCE_TABLES and row["table"] != "event" and row["table"] in APPLY_ORDER:
            by_table.setdefault(row["table"], []).append(row["row_id"])
    out: dict[tuple[str, str], tuple] = {}
    for tname, ids in by_table.items():
        t = table_of(tname)
        found = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(ids)))}
        clocks = dict(conn.execute(select(schema.clock.c.row_id, schema.clock.c.clocks).where(
            schema.clock.c.table_name == tname, schema.clock.c.row_id.in_(ids))).all())
        for rid in ids:
            out[(tname, rid)] = (found.get(rid), clocks.get(rid))
    return out


def _conflicts_held(conn, rows) -> dict[tuple[str, str], set[str]]:
    """The conflict keys ("field|station") this desk holds for a page's rows, in one query."""
    ids = [r["row_id"] for r in rows if r["table"] not in REFERENCE_TABLES and r["table"] != "event"]
    out: dict[tuple[str, str], set[str]] = {}
    c = schema.conflict.c
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(c.table_name, c.row_id, c.field, c.station).where(c.row_id.in_(ids[i:i + 500]))):
            out.setdefault((r.table_name, r.row_id), set()).add(f"{r.field}|{r.station}")
    return out


def _alias_by_natural_key(conn, rows) -> None:
    """Reference rows the desk seeded itself under its own id: map the central id to ours
    first, so children in the same page (a category's parent) translate whatever their order."""
    for row in rows:
        tname = row["table"]
        key = NATURAL_KEY.get(tname)
        if tname not in REFERENCE_TABLES or not key or not row["data"].get(key):
            continue
        if _exists(conn, tname, row["row_id"]) is not None:
            continue
        t = table_of(tname)
        same = conn.execute(select(t.c.id).where(t.c[key] == row["data"][key])).first()
        if same is not None:
            _put_alias(conn, tname, row["row_id"], same.id)


def _aliases(conn) -> dict[tuple[str, str], str]:
    return {(a.table_name, a.remote_id): a.local_id for a in conn.execute(select(schema.alias))}


def _put_alias(conn, tname: str, remote: str, local: str) -> None:
    if remote == local:
        return
    found = conn.execute(select(schema.alias.c.local_id).where(
        schema.alias.c.table_name == tname, schema.alias.c.remote_id == remote)).first()
    if not found:
        conn.execute(insert(schema.alias).values(table_name=tname, remote_id=remote, local_id=local))


def _translate(tname: str, data: dict[str, Any], aliases) -> dict[str, Any]:
    """Central ids of reference rows -> this desk's ids for the same rows."""
    for col in table_of(tname).columns:
        for fk in col.foreign_keys:
            target = fk.column.table.name
            value = data.get(col.name)
            if value is not None and (target, value) in aliases:
                data[col.name] = aliases[(target, value)]
    return data


def _exists(conn, tname: str, row_id: str):
    t = table_of(tname)
    return conn.execute(select(t).where(t.c.id == row_id)).first()


def _take_event(data: dict, row_id: str, known: set[str], new_events: list[dict]) -> int:
    if row_id in known:
        return 0
    known.add(row_id)  # the same event twice in one page: once
    values = wire_to_row("event", data)
    values["id"] = row_id
    new_events.append(values)
    return 1


def _insert_events(conn, new_events: list[dict]) -> None:
    """History rows are immutable: new ones go in with one statement per kind, not three per
    event (a first pull or the centre's mirror brings thousands)."""
    if not new_events:
        return
    t = table_of("event")
    # One statement per run of rows with the same columns (an older desk may send fewer), so
    # the local seq keeps the page's order exactly (a return follows its dispatch).
    run: list[dict] = []
    for values in new_events:
        if run and set(values) != set(run[0]):
            conn.execute(insert(t), run)
            run = []
        run.append(values)
    conn.execute(insert(t), run)
    ids = [v["id"] for v in new_events]
    c = schema.clock.c
    have: set[str] = set()
    for i in range(0, len(ids), 500):
        have |= {r[0] for r in conn.execute(select(c.row_id).where(c.table_name == "event",
                                                                   c.row_id.in_(ids[i:i + 500])))}
    fresh = [{"table_name": "event", "row_id": i, "clocks": "{}"} for i in ids if i not in have]
    if fresh:
        conn.execute(insert(schema.clock), fresh)


def _apply_reference(conn, tname: str, row_id: str, data: dict, aliases, clocks: dict) -> int:
    t = table_of(tname)
    values = wire_to_row(tname, data)
    local = _exists(conn, tname, row_id)
    target_id = row_id
    if local is None:
        key = NATURAL_KEY.get(tname)
        same = conn.execute(select(t.c.id).where(t.c[key] == data.get(key))).first() if key and data.get(key) else None
        if same is not None:
            _put_alias(conn, tname, row_id, same.id)
            aliases[(tname, row_id)] = same.id
            target_id, local = same.id, True
    if local is None:
        if tname == "station":
            values["is_local"] = False
        values["id"] = row_id
        conn.execute(insert(t).values(**values))
    else:
        if tname == "category" and values.get("parent_id") == target_id:
            values.pop("parent_id")
        conn.execute(update(t).where(t.c.id == target_id).values(**values))
    # Known to sync now: the snapshot must not send the central copy back.
    _put_clocks(conn, tname, target_id, clocks)
    return 1


def _put_clocks(conn, tname: str, row_id: str, clocks: dict) -> None:
    text_ = json.dumps(clocks)
    res = conn.execute(update(schema.clock).where(schema.clock.c.table_name == tname,
                                                  schema.clock.c.row_id == row_id).values(clocks=text_))
    if res.rowcount == 0:
        conn.execute(insert(schema.clock).values(table_name=tname, row_id=row_id, clocks=text_))


def _apply_owned(conn, tname: str, row_id: str, data: dict, clocks: dict, conflicts: dict, preloaded,
                 held: set[str] = frozenset()) -> bool:
    """`held`: the conflict keys this desk holds for the row. The centre, which has seen every
    writer, decides what is a conflict: the desk keeps exactly the centre's (a conflict a later
    change settled, or a supervisor's central edit, disappears here too)."""
    t = table_of(tname)
    local, local_clocks_text = preloaded
    gone = held - set(conflicts)
    if gone:
        c = schema.conflict.c
        for key in gone:
            field, station = key.split("|", 1)
            conn.execute(delete(schema.conflict).where(c.table_name == tname, c.row_id == row_id, c.field == field,
                                                       c.station == station))
    local_state = None
    if local is not None:
        local_state = {"data": row_to_wire(tname, dict(local._mapping)),
                       "clocks": json.loads(local_clocks_text) if local_clocks_text else {}, "conflicts": {}}
        if (not conflicts and local_clocks_text is not None and local_state["clocks"] == clocks
                and local_state["data"] == data):
            # The centre's copy is exactly ours (our own push coming back): merging would
            # change nothing, so skip the merge and the writes. A catch-up pulls back every
            # row it pushed.
            return False
    merged = merge_states(tname, local_state, {"data": data, "clocks": clocks, "conflicts": conflicts})
    merged["conflicts"] = {k: v for k, v in merged["conflicts"].items() if k in conflicts}
    values = wire_to_row(tname, merged["data"])
    changed = local_state is None or merged["data"] != local_state["data"]
    if local is None:
        values["id"] = row_id
        conn.execute(insert(t).values(**values))
    elif changed:
        conn.execute(update(t).where(t.c.id == row_id).values(**values))
    clock_text = json.dumps(merged["clocks"])
    if local_clocks_text is None:
        conn.execute(insert(schema.clock).values(table_name=tname, row_id=row_id, clocks=clock_text))
    elif merged["clocks"] != local_state["clocks"]:
        conn.execute(update(schema.clock).where(schema.clock.c.table_name == tname,
                                                schema.clock.c.row_id == row_id).values(clocks=clock_text))
    if merged["conflicts"]:
        _store_conflicts(conn, tname, row_id, merged)
    return changed


def _store_conflicts(conn, tname: str, row_id: str, merged: dict) -> None:
    c = schema.conflict.c
    for key, entry in merged["conflicts"].items():
        field, station = key.split("|", 1)
        kept = merged["data"].get(field)
        if tname == "work_order" and field == STATUS:
            kept = [kept, merged["data"].get(EPOCH)]
        kept_clock = merged["clocks"].get(field) or ["", ""]
        lost = json.dumps(entry["value"], ensure_ascii=False)
        old = conn.execute(select(c.lost_hlc, c.lost_value).where(
            c.table_name == tname, c.row_id == row_id, c.field == field, c.station == station)).first()
        values = dict(lost_value=lost, lost_hlc=entry["hlc"], kept_value=json.dumps(kept, ensure_ascii=False),
                      kept_station=kept_clock[1], kept_hlc=kept_clock[0], seen_at=utcnow())
        if old is None:
            conn.execute(insert(schema.conflict).values(table_name=tname, row_id=row_id, field=field,
                                                        station=station, **values))
        elif (old.lost_hlc, old.lost_value) != (entry["hlc"], lost):
            conn.execute(update(schema.conflict).where(c.table_name == tname, c.row_id == row_id, c.field == field,
                                                       c.station == station).values(**values))


def _reindex(session, order_ids: list[str]) -> None:
    for oid in order_ids:
        order = session.get(WorkOrder, oid)
        if order is not None:
            session.refresh(order)
            reindex(session, order, session.get(Visitor, order.visitor_id) if order.visitor_id else None)

