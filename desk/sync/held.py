"""A pull never stops for good on one row.

A page is applied whole (the quick path). When that fails, it is applied again row by row, each
in its own savepoint: a row the desk cannot store is set aside in sync_held with the reason,
rows that hang on it (the history of a held order) wait with it, everything else applies and
the cursor moves on. A supervisor retries a held row (after fixing what stood in its way) or
discards it (the centre keeps its copy); both are in the audit log.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from desk.i18n import L_, label, M_
from desk.models import utcnow
from desk.sync import schema
from desk.sync.apply import apply_page
from desk.sync.wire import table as table_of

log = logging.getLogger("desk.sync")

# reason code -> its label key (the words are the _LABELS below, in the catalogue)
REASONS = {code: f"held_reason.{code}" for code in (
    "duplicate_ticket", "duplicate", "parent_held", "missing_parent", "bad_value")}
_LABELS = (
    L_("held_reason.duplicate_ticket", "This desk already has another order with this ticket number"),
    L_("held_reason.duplicate", "This desk already has a row with the same key"),
    L_("held_reason.parent_held", "Waits with the row it belongs to, which is set aside"),
    L_("held_reason.missing_parent", "The row it belongs to is not on this desk"),
    L_("held_reason.bad_value", "A value this desk cannot store"),
)
_MESSAGES = (
    M_("held_not_found", "No set-aside row {ref}."),
)


@dataclass(frozen=True)
class HeldRow:
    table: str
    row_id: str
    ticket_no: str  # a work order's ticket as the centre has it ("" otherwise)
    reason: str
    reason_label: str
    detail: str
    attempts: int
    at: datetime


def apply_page_safely(session, page: dict, *, row_by_row: bool = False) -> tuple[int, int]:
    """Apply a pulled page in the caller's transaction: (rows changed, rows set aside).
    The caller applies the page whole first; when that fails (here, or its commit: foreign keys
    are checked then), it rolls back and calls again with row_by_row=True."""
    if row_by_row:
        return _row_by_row(session, page)
    changed = apply_page(session, page)
    if held_count(session.connection()):  # rows set aside before that came down fine this time
        _forget(session.connection(), [(r["table"], r["row_id"]) for r in page["rows"]])
    return changed, 0


def _row_by_row(session, page: dict, retrying: frozenset = frozenset()) -> tuple[int, int]:
    from desk.rules.merge import APPLY_ORDER

    conn = session.connection()
    stored = {(r.table_name, r.row_id) for r in conn.execute(select(schema.held.c.table_name, schema.held.c.row_id))}
    held_keys = stored - retrying
    changed = set_aside = 0
    aliases = page.get("aliases", [])
    for row in sorted(page["rows"], key=lambda r: APPLY_ORDER.get(r["table"], 99)):
        key = (row["table"], row["row_id"])
        blocked = _held_parent(row, held_keys)
        if blocked:
            _hold(conn, row, "parent_held", f"{blocked[0]} {blocked[1]}")
            held_keys.add(key)
            set_aside += 1
            continue
        try:
            with session.begin_nested():
                changed += apply_page(session, {"rows": [row], "aliases": aliases, "cursor": page.get("cursor")})
                _check_parents(conn, row)
        except (SQLAlchemyError, ValueError, KeyError, TypeError) as exc:
            session.expire_all()
            reason, detail = _reason(exc)
            _hold(conn, row, reason, detail)
            held_keys.add(key)
            set_aside += 1
            continue
        if key in stored:  # came down again (or retried) and went in this time
            conn.execute(delete(schema.held).where(schema.held.c.table_name == key[0], schema.held.c.row_id == key[1]))
            held_keys.discard(key)
    return changed, set_aside


def _forget(conn, keys: list[tuple[str, str]]) -> None:
    h = schema.held.c
    for tname, row_id in keys:
        conn.execute(delete(schema.held).where(h.table_name == tname, h.row_id == row_id))


def _parents(row: dict) -> list[tuple[str, str]]:
    out = []
    for col in table_of(row["table"]).columns:
        for fk in col.foreign_keys:
            value = (row.get("data") or {}).get(col.name)
            if value:
                out.append((fk.column.table.name, value))
    return out


def _held_parent(row: dict, held_keys: set) -> tuple[str, str] | None:
    return next((p for p in _parents(row) if p in held_keys), None)


def _check_parents(conn, row: dict) -> None:
    """Foreign keys are deferred during a pull (parents may come later in a page): in row-by-row
    mode a row whose parent is missing is refused here, not at the commit of everything."""
    from sqlalchemy.exc import IntegrityError

    from desk.sync.apply import _aliases

    aliases = _aliases(conn)
    for tname, value in _parents(row):
        local = aliases.get((tname, value), value)
        t = table_of(tname)
        if conn.execute(select(t.c.id).where(t.c.id == local)).first() is None:
            raise IntegrityError(f"missing {tname} {value}", None, Exception("missing_parent"))


def _reason(exc: Exception) -> tuple[str, str]:
    text_ = str(getattr(exc, "orig", None) or exc)
    if "missing_parent" in text_:
        return "missing_parent", str(exc.statement if hasattr(exc, "statement") else exc)[:300]
    if "UNIQUE" in text_ and "ticket_no" in text_:
        return "duplicate_ticket", text_[:300]
    if "UNIQUE" in text_:
        return "duplicate", text_[:300]
    return "bad_value", f"{type(exc).__name__}: {text_}"[:300]


def _hold(conn, row: dict, reason: str, detail: str) -> None:
    h = schema.held.c
    body = json.dumps(row, ensure_ascii=False, default=str)
    where = (h.table_name == row["table"]) & (h.row_id == row["row_id"])
    old = conn.execute(select(h.attempts).where(where)).first()
    if old is None:
        conn.execute(insert(schema.held).values(table_name=row["table"], row_id=row["row_id"], row=body,
                                                reason=reason, detail=detail, attempts=1, at=utcnow()))
    else:
        conn.execute(update(schema.held).where(where).values(row=body, reason=reason, detail=detail,
                                                             attempts=old.attempts + 1, at=utcnow()))
    log.warning("pulled row set aside: %s %s (%s: %s)", row["table"], row["row_id"], reason, detail)


def held_rows(conn, limit: int = 200) -> tuple[HeldRow, ...]:
    rows = conn.execute(select(schema.held).order_by(schema.held.c.at.desc()).limit(limit)).all()
    tickets = _tickets(conn, rows)
    out = []
    for r in rows:
        out.append(HeldRow(r.table_name, r.row_id, tickets.get((r.table_name, r.row_id), ""), r.reason,
                           label(REASONS[r.reason]) if r.reason in REASONS else r.reason,
                           r.detail, r.attempts, r.at))
    return tuple(out)


def _tickets(conn, rows) -> dict[tuple[str, str], str]:
    """The ticket each held row is about: a work order's own, an event's order's (held or here)."""
    from desk.models import WorkOrder

    orders = {r.row_id: (json.loads(r.row).get("data") or {}).get("ticket_no") or ""
              for r in rows if r.table_name == "work_order"}
    out = {}
    for r in rows:
        data = json.loads(r.row).get("data") or {}
        if r.table_name == "work_order":
            out[(r.table_name, r.row_id)] = orders[r.row_id]
        elif data.get("order_id"):
            oid = data["order_id"]
            out[(r.table_name, r.row_id)] = orders.get(oid) or conn.execute(
                select(WorkOrder.ticket_no).where(WorkOrder.id == oid)).scalar() or ""
    return out


def held_count(conn) -> int:
    from sqlalchemy import func

    return conn.execute(select(func.count()).select_from(schema.held)).scalar_one()


def _select(conn, ref: str) -> list:
    """'all', a row id, or a ticket number."""
    rows = conn.execute(select(schema.held)).all()
    if ref == "all":
        return rows
    tickets = _tickets(conn, rows)  # a ticket takes the order and its history together
    chosen = [r for r in rows if r.row_id == ref or tickets.get((r.table_name, r.row_id)) == ref]
    if not chosen:
        from desk.errors import NotFound

        raise NotFound("held_not_found", ref=ref)
    return chosen


def retry(store, actor, ref: str = "all") -> tuple[int, int]:
    """Apply set-aside rows again (parents first): (applied, still held). Supervisors."""
    from desk.services.audit import record
    from desk.rules.permissions import Permission, require
    from desk.services.store import mark_changed
    from desk.sync.capture import APPLYING

    require(actor.role, Permission.VIEW_AUDIT)  # supervisors and administrators
    with store.write() as s:
        s.info[APPLYING] = True
        conn = s.connection()
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        chosen = _select(conn, ref)
        rows = [json.loads(r.row) for r in chosen]
        # What goes in leaves sync_held; what still fails stays, one attempt more.
        _row_by_row(s, {"rows": rows, "aliases": []}, frozenset((r.table_name, r.row_id) for r in chosen))
        still = {(r.table_name, r.row_id) for r in conn.execute(select(schema.held.c.table_name, schema.held.c.row_id))}
        left = sum((r["table"], r["row_id"]) in still for r in rows)
        record(s, store, actor, "sync.held_retry", target=ref[:100], detail=f"{len(rows)} rows, {left} still set aside")
        mark_changed(s, "orders", "sync")
    return len(rows) - left, left


def discard(store, actor, ref: str) -> int:
    """Forget set-aside rows on this desk (the centre keeps its copy). Supervisors; audited."""
    from desk.services.audit import record
    from desk.rules.permissions import Permission, require
    from desk.services.store import mark_changed

    require(actor.role, Permission.VIEW_AUDIT)  # supervisors and administrators
    with store.write() as s:
        conn = s.connection()
        chosen = _select(conn, ref)
        for r in chosen:
            conn.execute(delete(schema.held).where(schema.held.c.table_name == r.table_name,
                                                   schema.held.c.row_id == r.row_id))
        record(s, store, actor, "sync.held_discard", target=ref[:100],
               detail=", ".join(f"{r.table_name}:{r.row_id}" for r in chosen)[:1000])
        mark_changed(s, "sync")
    return len(chosen)
