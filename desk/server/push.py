"""A station's pushed batch: every change validated (desk.server.validate), merged into
``record`` in one transaction; refused changes quarantined with their reason, never blocking
the rest. The same batch again gets the same answer."""

from __future__ import annotations

import functools
import os
import re
import sys
import time

from sqlalchemy import func, insert, literal_column, select, update
from sqlalchemy.engine import Engine

from desk.models import new_id
from desk.server import models as m
from desk.server import validate
from desk.server.records import (NATURAL_KEY, Rows, natural_key, save_hlc, state_of, take_counter, utcnow)
from desk.server.validate import Reject
from desk.rules import hlc as hlc_mod
from desk.rules.clocks import EPOCH, STATUS
from desk.rules.merge import ZERO_HLC, change_state, merge_states
from desk.rules.tables import APPLY_ORDER, HISTORY_TABLES, REFERENCE_TABLES, STATION_TABLES, SYNCED_TABLES
from desk.rules.wire import BASE_KEY

MAX_SKEW_MS = 10 * 60 * 1000  # a station clock further ahead than this is refused
_ROW_ID = re.compile(r"^[0-9a-f]{32}$")


def apply_batch(engine: Engine, station: str, batch_id: str, changes: list[dict], *,
                now_ms: int | None = None) -> dict:
    """Apply a whole batch in one transaction; the same batch again gets the same answer.
    Changes malformed on their own are refused before the commit counter is taken: a batch of
    junk never makes another station's push wait."""
    now_ms = now_ms or hlc_mod.wall_now_ms()
    answers: dict[int, dict] = {}  # id(change) -> its answer
    quarantined = []
    for c in changes:
        try:
            check_shape(c, now_ms)
        except Reject as exc:
            quarantined.append((c, exc.reason, exc.detail))
            answers[id(c)] = _refused(c, exc.reason, exc.detail)
    # Parents first (stable: one row's changes keep their order), so a child's reference ids
    # translate through aliases learnt from its parents in the same batch.
    ordered = sorted((c for c in changes if id(c) not in answers), key=lambda c: APPLY_ORDER.get(c["table"], 99))
    if not ordered:
        return _answer_without_merge(engine, station, batch_id, changes, answers, quarantined)
    with engine.begin() as conn:
        done = conn.execute(select(m.batch.c.response).where(
            m.batch.c.station == station, m.batch.c.batch_id == batch_id)).first()
        if done:
            return done.response
        # The rows this batch writes, locked first (in one order: no deadlock between batches),
        # then merged in memory; the commit counter is taken only to write them, so another
        # station's push waits for this one's writing, not for its merging.
        locked = Rows(conn)
        locked.preload(sorted({(c["table"], c["row_id"]) for c in ordered}), lock=True)
        try:
            with conn.begin_nested():
                rows, results, refused, seen_hlc = _apply_all(conn, station, ordered, now_ms, locked=locked)
                seq, central_hlc = take_counter(conn)
                rows.flush(seq)
        except Exception:  # noqa: BLE001 - a database refusal in the fast path: redo change by change
            seq, central_hlc = take_counter(conn)
            rows, results, refused, seen_hlc = _apply_all(conn, station, ordered, now_ms, seq=seq)
        _quarantine(conn, station, batch_id, quarantined + refused)
        save_hlc(conn, max(seen_hlc, central_hlc))
        note_activity(conn, station, last_push_at=utcnow())
        _crash_point("server_before_commit", conn)
        # seq: the commit number of this batch; the desk skips its own new rows written at or
        # after its first batch of a run when it pulls (they are exactly what it sent).
        # Answers in the order the desk sent the changes.
        answers.update({id(c): r for c, r in zip(ordered, results)})
        response = {"batch_id": batch_id, "seq": seq, "results": [answers[id(c)] for c in changes]}
        conn.execute(insert(m.batch).values(station=station, batch_id=batch_id, seq=seq, response=response,
                                            applied_at=utcnow()))
    return response


def _answer_without_merge(engine, station, batch_id, changes, answers, quarantined) -> dict:
    """Every change malformed: quarantined and answered without the commit counter. The seq
    answered is the next commit number (not taken): rows this station inserts later in the
    same run are past it, rows of its earlier runs are not."""
    with engine.begin() as conn:
        done = conn.execute(select(m.batch.c.response).where(
            m.batch.c.station == station, m.batch.c.batch_id == batch_id)).first()
        if done:
            return done.response
        seq = int(conn.execute(select(m.counter.c.value)).scalar_one()) + 1
        _quarantine(conn, station, batch_id, quarantined)
        note_activity(conn, station, last_push_at=utcnow())
        response = {"batch_id": batch_id, "seq": seq, "results": [answers[id(c)] for c in changes]}
        conn.execute(insert(m.batch).values(station=station, batch_id=batch_id, seq=seq, response=response,
                                            applied_at=utcnow()))
    return response


def _refused(change, reason: str, detail: str) -> dict:
    change_id = str(change.get("change_id", ""))[:32] if isinstance(change, dict) else ""
    return {"change_id": change_id, "status": "quarantined", "reason": reason, "detail": detail}


def check_shape(ch, now_ms: int) -> None:
    """What a change must be on its own, before anything is looked up."""
    if not isinstance(ch, dict):
        raise Reject("bad_change")
    table, row_id, stamp, fields = ch.get("table"), ch.get("row_id"), ch.get("hlc"), ch.get("fields")
    if table not in SYNCED_TABLES:
        raise Reject("unknown_table", str(table)[:40])
    if not isinstance(row_id, str) or not _ROW_ID.match(row_id):
        raise Reject("bad_row_id", str(row_id)[:64])
    if not isinstance(fields, dict) or not isinstance(stamp, str):
        raise Reject("bad_change")
    try:
        wall = hlc_mod.wall_ms_of(stamp)
    except ValueError:
        raise Reject("bad_clock", stamp[:30]) from None
    if wall > now_ms + MAX_SKEW_MS:
        raise Reject("clock_in_future", stamp[:30])
    gen = ch.get("status_gen") or 0
    if isinstance(gen, bool) or not isinstance(gen, int) or not 0 <= gen < validate.INT_LIMIT:
        raise Reject("bad_change", "status_gen")


def note_activity(conn, station: str, **values) -> None:
    """The station's last push / pull / refusal, for the operator's status."""
    done = conn.execute(update(m.station_activity).where(m.station_activity.c.station == station).values(**values))
    if not done.rowcount:
        conn.execute(insert(m.station_activity).values(station=station, **values))


def ticket_of_record(dialect: str):
    """A work order record's ticket number, spelled exactly as the index ix_record_ticket
    (migration s0003) so that PostgreSQL uses it."""
    if dialect == "postgresql":
        return literal_column("(record.data ->> 'ticket_no')")
    return func.json_extract(m.record.c.data, "$.ticket_no")


class Tickets:
    """Which order holds a ticket number, across every station (this batch's orders included)."""

    def __init__(self, conn):
        self.conn, self.known = conn, {}

    def preload(self, tickets) -> None:
        wanted = [t for t in set(tickets) if t not in self.known]
        ticket = ticket_of_record(self.conn.dialect.name)
        for i in range(0, len(wanted), 1000):
            chunk = wanted[i:i + 1000]
            for t in chunk:
                self.known[t] = None
            # Unpacked, not `row.t`: a Row's own attributes (`t`, `count`, `index`) win over a
            # column's label, and SQLAlchemy 2.x answers `row.t` with the whole row.
            for row_id, held in self.conn.execute(select(m.record.c.row_id, ticket.label("ticket_no")).where(
                    m.record.c.table_name == "work_order", ticket.in_(chunk))):
                self.known[held] = row_id

    def owner(self, ticket: str) -> str | None:
        if ticket not in self.known:
            self.preload([ticket])
        return self.known[ticket]


def _apply_all(conn, station, changes, now_ms, *, seq: int | None = None, locked: Rows | None = None):
    """Merge every change. Fast path (`locked`: the batch's rows, already read under lock):
    in memory, written by the caller with Rows.flush once it has the commit number. Careful
    path (`seq` given): change by change in savepoints, each written at once, so one that the
    database refuses is quarantined alone."""
    careful = seq is not None
    rows = Rows(conn, immediate=careful)
    tickets = Tickets(conn)
    aliases = {(a.table_name, a.local_id): a.central_id for a in conn.execute(
        select(m.alias).where(m.alias.c.station == station))}
    owners = Owners(conn, rows)
    if not careful:
        rows.adopt(locked)
        _preload(rows, owners, tickets, changes, aliases)
    results, quarantined = [], []
    seen_hlc = ZERO_HLC
    for change in changes:
        change_id = str(change.get("change_id", ""))[:32]
        try:
            if careful:
                with conn.begin_nested():
                    status = _apply_change(rows, owners, tickets, station, change, seq, now_ms, aliases)
            else:
                status = _apply_change(rows, owners, tickets, station, change, 0, now_ms, aliases)
            results.append({"change_id": change_id, "status": status})
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
    return rows, results, quarantined, seen_hlc


def _preload(rows: Rows, owners: "Owners", tickets: Tickets, changes, aliases) -> None:
    """The rows the batch writes (already read under lock), the owners of the rows they point
    at and the ticket numbers they claim: a query per table."""
    keys, numbers = [], []
    for c in changes:
        fields = c["fields"]
        if c["table"] in SYNCED_TABLES:
            fields = _translate(c["table"], fields, aliases)
            keys += [(parent, pid) for _, parent, pid in validate.parents(c["table"], fields)]
            if c["table"] == "work_order" and isinstance(fields.get("ticket_no"), str):
                numbers.append(fields["ticket_no"])
    owners.preload(keys)
    tickets.preload(numbers)


class Owners:
    """Whose a row is (origin station, shared), for the rows a batch's changes point at: the
    batch's own rows first, then the centre's, read without their documents (a parent's data is
    not needed to know it exists and whose it is)."""

    def __init__(self, conn, rows: Rows):
        self.conn, self.rows, self.known = conn, rows, {}

    def preload(self, keys) -> None:
        wanted: dict[str, list[str]] = {}
        for table, row_id in set(keys):
            if self.rows.rows.get((table, row_id)) is None and (table, row_id) not in self.known:
                wanted.setdefault(table, []).append(row_id)
        r = m.record.c
        for table, ids in wanted.items():
            for i in range(0, len(ids), 1000):
                chunk = ids[i:i + 1000]
                for row_id in chunk:
                    self.known[(table, row_id)] = None
                for x in self.conn.execute(select(r.row_id, r.origin_station, r.shared).where(
                        r.table_name == table, r.row_id.in_(chunk))):
                    self.known[(table, x.row_id)] = {"origin_station": x.origin_station, "shared": bool(x.shared)}

    def get(self, table: str, row_id: str) -> dict | None:
        row = self.rows.rows.get((table, row_id))
        if row is not None:
            return row
        if (table, row_id) not in self.known:
            self.preload([(table, row_id)])
        return self.known[(table, row_id)]


# Test hook: called inside the open transaction (after the changes, before the commit), so a
# test can crash PostgreSQL, kill the backend, or let another transaction overtake this one.
# Set on desk.server.service (where the tests have always found it).
def _crash_point(name: str, conn=None) -> None:
    hook = getattr(sys.modules.get("desk.server.service"), "PAUSE_HOOK", None)
    if hook is not None:
        hook(name, conn)
    if os.environ.get("DESK_SERVER_PAUSE_AT") == name:
        time.sleep(float(os.environ.get("DESK_SERVER_PAUSE_SECONDS", "3")))


def _quarantine(conn, station, batch_id, quarantined) -> None:
    """Refused changes kept for the operator (once each: a retried batch adds nothing)."""
    if not quarantined:
        return
    by_id = {}
    for change, reason, detail in quarantined:
        change = change if isinstance(change, dict) else {"value": str(change)[:200]}
        change_id = str(change.get("change_id") or new_id())[:32]
        by_id.setdefault(change_id, dict(
            change_id=change_id, station=station, batch_id=batch_id, table_name=str(change.get("table", ""))[:40],
            row_id=str(change.get("row_id", ""))[:64], change=change, reason=reason, detail=detail, at=utcnow()))
    q = m.quarantine.c
    ids = list(by_id)
    for i in range(0, len(ids), 1000):
        for row in conn.execute(select(q.change_id).where(q.change_id.in_(ids[i:i + 1000]))):
            by_id.pop(row.change_id, None)
    if by_id:
        conn.execute(insert(m.quarantine), list(by_id.values()))


def _translate(table: str, fields: dict, aliases: dict) -> dict:
    """The station's own ids of reference rows the centre knows under another id -> central ids."""
    out = dict(fields)
    if not aliases:
        return out
    for column, target in _foreign_keys(table):
        value = out.get(column)
        if isinstance(value, str) and (target, value) in aliases:
            out[column] = aliases[(target, value)]
    return out


@functools.lru_cache(maxsize=None)
def _foreign_keys(table: str) -> tuple[tuple[str, str], ...]:
    from desk.sync.wire import table as desk_table

    return tuple((col.name, fk.column.table.name) for col in desk_table(table).columns for fk in col.foreign_keys)


def _apply_change(rows: Rows, owners: Owners, tickets: Tickets, station: str, ch: dict, seq: int, now_ms: int,
                  aliases: dict) -> str:
    # check_shape passed before the counter was taken.
    table, row_id, stamp, fields = ch["table"], ch["row_id"], ch["hlc"], ch["fields"]
    gen = ch.get("status_gen") or 0
    base = fields.get(BASE_KEY)
    if base is not None:
        fields = {k: v for k, v in fields.items() if k != BASE_KEY}
    fields = _translate(table, fields, aliases)  # a copy
    current = rows.get(table, row_id)
    if table in STATION_TABLES or table in HISTORY_TABLES:
        owner = current["origin_station"] if current else fields.get("origin_station", station)
        if owner != station:
            raise Reject("not_your_row", f"{table} {row_id} belongs to {str(owner)[:16]}")
        if table == "work_order" and STATUS in fields and EPOCH not in fields:
            raise Reject("bad_change", "status without status_epoch")
    validate.check_fields(table, fields, new=current is None)
    validate.check_row(station, table, row_id, fields, current, owners.get, tickets.owner)
    if table == "work_order" and fields.get("ticket_no"):
        tickets.known[fields["ticket_no"]] = row_id
    if table == "problem" and "number" in fields:
        _check_problem_number(rows, station, row_id, fields["number"])
    if table in HISTORY_TABLES:
        if current:
            return "duplicate"
        rows.put(table, row_id, station, {"data": fields, "clocks": {}, "conflicts": {}}, seq, echo_of=station)
        return "applied"
    incoming = change_state(table, fields, stamp, station, gen)
    if table in REFERENCE_TABLES:
        return _apply_reference(rows, station, table, row_id, incoming, current, seq, aliases)
    if current is None:
        # A new row (most of a catch-up): the change's own state is the row, already fresh
        # dicts with no conflicts; merging it with nothing would only copy it.
        rows.put(table, row_id, station, incoming, seq, echo_of=station)
        return "applied"
    merged = merge_states(table, state_of(current), incoming)
    if isinstance(base, dict):
        _settle_seen(merged, current, base)
    if merged == state_of(current):
        return "duplicate"
    # Rows.put keeps echo_of only for a row not in the table before this batch: then every
    # version merged into it came from this station's own changes in this batch.
    rows.put(table, row_id, current["origin_station"], merged, seq, echo_of=station)
    return "applied"


def _check_problem_number(rows: Rows, station: str, row_id: str, number) -> None:
    """A station's problem number names one problem (SX #7 is one row): a desk restored from an
    old backup that numbers a new problem #7 again is refused, as a reused ticket number is."""
    natural = natural_key("problem", {"origin_station": station, "number": number})
    for (t, rid), row in rows.rows.items():
        if t == "problem" and rid != row_id and row is not None and row["origin_station"] == station \
                and str(row["data"].get("number")) == str(number):
            raise Reject("duplicate_problem", f"problem {natural} is already {rid}")
    r = m.record.c
    other = rows.conn.execute(select(r.row_id).where(r.table_name == "problem", r.natural_key == natural,
                                                     r.row_id != row_id)).first()
    if other is not None:
        raise Reject("duplicate_problem", f"problem {natural} is already {other.row_id}")


def _settle_seen(merged: dict, current: dict, base: dict) -> None:
    """The desk made this edit over exactly the version the centre holds (its base): it saw
    that value and replaced it on purpose, so the replaced value is no conflict, and neither
    is an older one the desk was shown for the field."""
    for field, seen in base.items():
        clock = (current["clocks"] or {}).get(field)
        if isinstance(seen, list) and clock and list(clock[:2]) == list(seen[:2]):
            for key in [k for k in merged["conflicts"] if k.split("|", 1)[0] == field]:
                del merged["conflicts"][key]


def _apply_reference(rows: Rows, station, table, row_id, incoming, current, seq, aliases) -> str:
    """Central-authoritative. A station's row whose code the centre shares is mapped to the
    central row (alias). A code the centre lacks becomes the station's own row: it reaches no
    other station until a central operator approves it (desk-server reference approve). A
    station edits only its own rows; anything else is superseded by the central copy."""
    key = NATURAL_KEY.get(table)
    if current is None:
        natural = incoming["data"].get(key) if key else None
        if natural is not None:
            other = _natural(rows, table, str(natural), station)
            if other:
                _alias(rows.conn, table, station, row_id, other)
                aliases[(table, row_id)] = other
                return "superseded"
        rows.put(table, row_id, station, merge_states(table, None, incoming), seq, shared=False)
        return "applied"
    if current["origin_station"] == station and not current.get("shared"):
        merged = merge_states(table, state_of(current), incoming)
        if merged == state_of(current):
            return "duplicate"
        rows.put(table, row_id, station, merged, seq)
        return "applied"
    if table == "station" and (current["data"] or {}).get("code") == station:
        merged = merge_states(table, state_of(current), incoming)
        if merged == state_of(current):
            return "duplicate"
        rows.put(table, row_id, current["origin_station"], merged, seq)
        return "applied"
    return "superseded"


def _natural(rows: Rows, table: str, natural: str, station: str) -> str | None:
    """The row id of a reference code this station may use: a shared row, or its own."""
    key = NATURAL_KEY[table]
    for (t, rid), row in rows.rows.items():
        if t == table and row is not None and str(row["data"].get(key)) == natural and \
                (row.get("shared") or row["origin_station"] == station):
            return rid
    r = m.record.c
    found = rows.conn.execute(select(r.row_id).where(
        r.table_name == table, r.natural_key == natural, (r.shared.is_(True)) | (r.origin_station == station))
        .order_by(r.shared.desc(), r.seq)).first()
    return found.row_id if found else None


def _alias(conn, table, station, local_id, central_id) -> None:
    found = conn.execute(select(m.alias.c.central_id).where(
        m.alias.c.table_name == table, m.alias.c.station == station, m.alias.c.local_id == local_id)).first()
    if not found:
        conn.execute(insert(m.alias).values(table_name=table, station=station, local_id=local_id, central_id=central_id))
