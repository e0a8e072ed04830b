"""Calling residents back (回访) the way the 12345 hotline does it: the person making the call
sees the number (recorded in the audit as a callback, not as a privacy reveal), what the
department did, and how many calls went unanswered; after `callback_max_attempts` unanswered
calls the order closes as not reached (未接通) through the lifecycle's own close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from desk.i18n import by_language, L_
from desk.services.event_reasons import CALLBACK_UNREACHED, coded
from desk.models import Event, Visitor, WorkOrder
from desk.services import lifecycle, settings
from desk.services.audit import record
from desk.services.common import add_event, find_order
from desk.services.dto import Actor
from desk.rules.enums import Action, Status
from desk.errors import TransitionRefused
from desk.rules.permissions import require
from desk.services.store import Store, mark_changed

ATTEMPT = "callback_attempt"  # event kind of one unanswered call
AUDIT_VIEW = "callback_view"  # audit action: the number shown to make the call

_LABELS = (
    L_("action.callback_attempt", "Callback not reached"),
)  # action.{ATTEMPT}


@dataclass(frozen=True)
class CallbackCard:
    order_id: str
    ticket_no: str
    summary: str
    department_name: str
    result: str  # what the department did
    solved: Optional[bool]  # what the department says
    visitor_name: str
    phone: str  # in full: the clerk is calling it
    attempts: int  # unanswered calls so far
    max_attempts: int
    closed_unreached: bool = False


def _attempts(session, order: WorkOrder) -> int:
    q = select(func.count()).select_from(Event).where(Event.order_id == order.id, Event.kind == ATTEMPT)
    if order.resolved_at is not None:  # a reopened and again resolved order starts again
        q = q.where(Event.at >= order.resolved_at)
    return session.scalar(q) or 0


def _card(store: Store, session, order: WorkOrder, names, *, closed: bool = False) -> CallbackCard:
    visitor = session.get(Visitor, order.visitor_id) if order.visitor_id else None
    dep = names.departments.get(order.lead_department_id) if order.lead_department_id else None
    return CallbackCard(
        order_id=order.id, ticket_no=order.ticket_no, summary=order.summary,
        department_name=by_language(*dep) if dep else "", result=order.result or "", solved=order.solved,
        visitor_name=visitor.name if visitor else "", phone=visitor.phone if visitor else "",
        attempts=_attempts(session, order), max_attempts=int(settings.get_in(session, "callback_max_attempts")),
        closed_unreached=closed)


def _resolved_order(session, order_ref: str) -> WorkOrder:
    """Only an order waiting for its callback (resolved) is called back."""
    order = find_order(session, order_ref)
    if order.status != Status.RESOLVED.value:
        raise TransitionRefused("not_allowed_status", status=Status(order.status).label, action=Action.CALLBACK.label)
    return order


def open_card(store: Store, actor: Actor, order_ref: str) -> CallbackCard:
    """What the caller needs, the phone number in full; the showing is audited as a callback."""
    require(actor.role, Action.CALLBACK)
    names = store.names()
    with store.write() as s:
        order = _resolved_order(s, order_ref)
        card = _card(store, s, order, names)
        if card.phone:
            record(s, store, actor, AUDIT_VIEW, order.ticket_no, order.visitor_id or "")
    return card


def not_reached(store: Store, actor: Actor, order_ref: str, note: str = "") -> CallbackCard:
    """One unanswered call. The last allowed one closes the order as not reached (the rule
    closes it, so a clerk's call counts as much as a supervisor's)."""
    require(actor.role, Action.CALLBACK)
    names = store.names()
    with store.write() as s:
        order = _resolved_order(s, order_ref)
        attempt = _attempts(s, order) + 1
        limit = int(settings.get_in(s, "callback_max_attempts"))
        add_event(s, store, order, actor, ATTEMPT, reason=note, data={"attempt": attempt, "of": limit})
        closed = attempt >= limit
        if closed:
            lifecycle._close(s, store, actor, order, {"reason": ""}, Action.CLOSE_UNREACHED,
                             coded(CALLBACK_UNREACHED, attempts=attempt))
        order.updated_at = store.now()
        mark_changed(s, "orders")
        s.flush()
        card = _card(store, s, order, names, closed=closed)
    return card
