"""Keeping personal data no longer than needed (个人信息保护法): after 'retention_days', the
personal data of visitors whose matters are all long finished is anonymised.

What goes: the visitor's name, phone, ID number, room and notes, and the room on their orders;
their rows in the search index are rewritten so the old name or phone finds nothing.
What stays: the orders themselves with category, department, area, lane and number, dates,
statuses and ratings, so every statistic (by area, lane, category, hour, department…) is the
same after as before. The event history is append-only (a trigger refuses edits) and keeps
what clerks wrote in reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select

from desk.models import Visitor, WorkOrder
from desk.services import settings
from desk.services.audit import record
from desk.services.common import reindex
from desk.services.dto import Actor
from desk.rules.enums import Status
from desk.rules.permissions import Permission, require
from desk.services.store import Store, mark_changed

FINISHED = (Status.CLOSED.value, Status.VOIDED.value, Status.MERGED.value)


@dataclass(frozen=True)
class RetentionResult:
    cutoff: datetime  # orders finished before this are past retention
    visitors: int  # anonymised (or, in a dry run, that would be)
    orders: int  # their orders, whose search rows were rewritten
    dry_run: bool


def _expired(cutoff: datetime):
    """Visitors not yet anonymised, with orders, none of which is still open or finished
    within the retention period."""
    recent_or_open = exists().where(
        WorkOrder.visitor_id == Visitor.id,
        or_(WorkOrder.status.not_in(FINISHED),
            # Merged orders have no closed_at; their last change is when they were merged.
            func.coalesce(WorkOrder.closed_at, WorkOrder.updated_at) >= cutoff),
    )
    has_orders = exists().where(WorkOrder.visitor_id == Visitor.id)
    return select(Visitor).where(and_(Visitor.anonymised_at.is_(None), has_orders, ~recent_or_open))


def anonymise_expired(store: Store, actor: Actor | None, *, dry_run: bool = False) -> RetentionResult:
    """Anonymise every visitor whose orders were all closed, voided or merged more than
    'retention_days' ago. `actor` None is the scheduled system run; a person needs the
    station-settings permission. One audit entry records the run."""
    if actor is not None:
        require(actor.role, Permission.MANAGE_STATION)
    now = store.now()
    cutoff = now - timedelta(days=int(settings.get(store, "retention_days")))
    with store.write() as s:
        visitors = s.scalars(_expired(cutoff)).all()
        n_orders = 0
        for v in visitors:
            orders = s.scalars(select(WorkOrder).where(WorkOrder.visitor_id == v.id)).all()
            n_orders += len(orders)
            if dry_run:
                continue
            v.name = v.phone = v.id_number = v.room = v.notes = ""
            v.anonymised_at = now
            v.updated_at = now
            for o in orders:
                o.room = ""
                reindex(s, o, v)
        if not dry_run:
            record(s, store, actor, "retention.anonymise", f"{len(visitors)} visitors",
                   f"cutoff {cutoff.isoformat()}; {n_orders} orders; visitor ids: "
                   + ",".join(v.id for v in visitors))
            if visitors:
                mark_changed(s, "visitors", "orders")
    return RetentionResult(cutoff, len(visitors), n_orders, dry_run)
