"""The work-order lifecycle: which action is allowed from which status, by which role, and
what it changes. A refused action raises a typed error and changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.errors import NotFound, TransitionRefused, ValidationError
from desk.i18n import M_
from desk.models import Department, Event, Visitor, WorkOrder
from desk.rules import lifecycle as rules
from desk.rules.enums import Action, Status
from desk.rules.lifecycle import MAX_EXTENSION_DAYS, RULES, Rule  # noqa: F401 - their old home
from desk.rules.permissions import require
from desk.services import audit, queries, settings, validation
from desk.services.calendar import DAY
from desk.services.common import add_event, deadlines, event_values, find_order, overdue_condition, reindex
from desk.services.dto import Actor, OrderDetail
from desk.services.event_reasons import CALLBACK_UNSATISFIED, coded
from desk.services.store import Store, mark_changed

_MESSAGES = (
    M_("pend_overdue_needs_supervisor", "This order is already overdue: putting it on hold stops its clock, so a supervisor does it (or request an extension)."),
)

S = Status


def allowed_actions(order: WorkOrder, role: str) -> tuple[str, ...]:
    """What the window should offer for this order to this role (desk.rules decides)."""
    return rules.allowed_actions(order.status, role, extension_state=order.extension_state,
                                 supervised=order.supervised)


def _check_department(session: Session, dep_id: str) -> Department:
    dep = session.get(Department, dep_id)
    if dep is None:
        dep = session.scalars(select(Department).where(Department.code == dep_id)).first()
    if dep is None:
        raise NotFound("department_not_found", ref=dep_id)
    if not dep.active:
        raise ValidationError("department_inactive", name=dep.name)
    return dep


def dispatched(session: Session | None, store: Store, actor: Actor, order: Any, dep_id: str, dep_name: str, *,
               kind: str, reason: str = "", limits: tuple[str, str] | None = None) -> tuple[dict, dict]:
    """The dispatch rule on plain values: (the order's new values, its event's values). `order`
    is an ORM object or a plain row; `limits`, the category's (accept, resolve) when known."""
    now = store.now()
    accept_due, resolve_due = deadlines(store, session, order, now, limits=limits)
    event = event_values(store, order, actor, kind, to_status=S.DISPATCHED.value, reason=reason,
                         data={"department_id": dep_id, "department": dep_name,
                               "previous_department_id": order.lead_department_id,
                               "accept_due_at": accept_due, "resolve_due_at": resolve_due})
    return {"lead_department_id": dep_id, "dispatched_at": now, "accepted_at": None, "accept_due_at": accept_due,
            "resolve_due_at": resolve_due, "extension_state": "", "status": S.DISPATCHED.value}, event


def apply_dispatch(session: Session, store: Store, actor: Actor, order: WorkOrder, dep_id: str, *,
                   kind: str, reason: str = "", checked: tuple[str, str] | None = None,
                   limits: tuple[str, str] | None = None) -> None:
    """`checked` (department id, name) and `limits` (the category's accept and resolve limits):
    what a caller already read from the Store's cached reference rows, sparing loads."""
    if checked is None:
        dep = _check_department(session, dep_id)
        checked = dep.id, dep.name
    new, event = dispatched(session, store, actor, order, *checked, kind=kind, reason=reason, limits=limits)
    _apply(session, order, new, event)


def _apply(session: Session, order: WorkOrder, new: dict[str, Any], event: dict[str, Any]) -> None:
    session.add(Event(**event))
    for name, value in new.items():
        setattr(order, name, value)


CONTACT_BY = ("department", "station")  # who reached the resident (先行联系)

_MESSAGES_2 = (
    M_("bad_contact_by", "Say who contacted the resident: the department or the station."),
    M_("bad_contact_time", "“{value}” is not a contact time: use YYYY-MM-DD HH:MM."),
    M_("contact_in_future", "The contact time cannot be in the future."),
    M_("contact_before_order", "The contact time cannot be before the order was registered."),
)


def _contact_time(value: Any) -> datetime | None:
    """None (now), an aware datetime, or 'YYYY-MM-DD HH:MM' in the station's time (checked
    against the order and the clock when the action runs)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError("bad_contact_time", value=str(value))
        return value
    try:
        return datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M")  # localised when run
    except ValueError:
        raise ValidationError("bad_contact_time", value=str(value)) from None


def _validated_params(action: Action, params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for need in RULES[action].needs:
        value = params.get(need)
        if need in ("reason", "result", "text"):
            out[need] = validation.text(value, need, required=True)
        elif need == "department_id" or need == "target":
            if not value:
                raise ValidationError("required", field=validation.field_label("department" if need == "department_id" else "target"))
        elif need == "solved":
            if not isinstance(value, bool):
                raise ValidationError("required", field=validation.field_label("solved"))
        elif need == "rating":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise ValidationError("bad_rating")
        elif need == "by":
            if value not in CONTACT_BY:
                raise ValidationError("bad_contact_by")
            out["contacted_at"] = _contact_time(params.get("contacted_at"))
        elif need == "days":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_EXTENSION_DAYS:
                raise ValidationError("bad_days", low=1, high=MAX_EXTENSION_DAYS)
    if "reason" not in RULES[action].needs:
        out["reason"] = validation.text(params.get("reason") or "", "reason")
    return out


def perform(store: Store, actor: Actor, order_ref: str, action: Action | str, **params: Any) -> OrderDetail:
    """Do `action` to the order (id or ticket number) as `actor`, returning its new detail
    (masked, read by queries.read_order, which writes nothing). Parameters by action: reason, department_id, result,
    solved, rating, days, target (id or ticket of the order to merge into), text (a note),
    reprint (for print)."""
    action = Action(action)
    require(actor.role, action)
    params = _validated_params(action, params)
    with store.write() as s:
        order = find_order(s, order_ref)
        refused = rules.refusal(order.status, action, extension_state=order.extension_state,
                                supervised=order.supervised)
        if refused == "not_allowed_status":
            raise TransitionRefused(refused, status=Status(order.status).label, action=action.label)
        if refused:
            raise TransitionRefused(refused)
        _check_overdue_pend(store, actor, order, action)
        _APPLY[action](s, store, actor, order, params)
        order.updated_at = store.now()
        mark_changed(s, "orders")
        order_id = order.id
    # The new detail, by a read that writes nothing (get_order records a reveal; this never reveals).
    return queries.read_order(store, actor, order_id)


def _check_overdue_pend(store: Store, actor: Actor, order, action: Action) -> None:
    """Pending an order that is already overdue stops its clock and takes it out of the overdue
    view and count: in effect an extension, so it is for supervisors (as approving one is). A
    clerk is refused with a sentence; the figures count the time overdue before a pend anyway."""
    from desk.services.common import is_overdue

    from desk.errors import PermissionDenied
    from desk.rules.enums import Role

    if action != Action.PEND or actor.role not in (Role.CLERK, Role.CLERK.value):
        return
    if is_overdue(order.status, order.accept_due_at, order.resolve_due_at, store.now()):
        raise PermissionDenied("pend_overdue_needs_supervisor")


# -- what each action does ---------------------------------------------------------------------

def answered(store: Store, actor: Actor, order: Any, result: str, *, from_status: str | None = None,
             now: datetime | None = None) -> tuple[dict, dict]:
    """Answered on the spot, on plain values: (the order's new values, its event's values)."""
    to = rules.target(Action.ANSWER_AT_DESK)
    event = event_values(store, order, actor, Action.ANSWER_AT_DESK.value, to_status=to.value, reason=result,
                         from_status=from_status)
    return {"result": result, "solved": True, "resolved_at": now or store.now(), "status": to.value}, event


def answer_at_desk(s, store, actor, order, p):
    """Answered on the spot from the queue (intake registers and answers by `answered` too)."""
    _apply(s, order, *answered(store, actor, order, p["result"]))


def _answer(s, store, actor, order, p):
    answer_at_desk(s, store, actor, order, p)
    _reindex(s, order)


def _dispatch(s, store, actor, order, p):
    kind = Action.REDISPATCH.value if order.return_count else Action.DISPATCH.value
    apply_dispatch(s, store, actor, order, p["department_id"], kind=kind, reason=p.get("reason", ""))


def _redispatch(s, store, actor, order, p):
    apply_dispatch(s, store, actor, order, p["department_id"], kind=Action.REDISPATCH.value, reason=p["reason"])


def _simple(target: Status, stamp: str | None = None):
    def run(s, store, actor, order, p):
        if stamp:
            setattr(order, stamp, store.now())
        add_event(s, store, order, actor, run.action, to_status=target.value, reason=p.get("reason", ""))
        order.status = target.value
    return run


def _pend(s, store, actor, order, p):
    order.status_before_pending = order.status
    order.pending_since = store.now()
    add_event(s, store, order, actor, Action.PEND.value, to_status=S.PENDING.value, reason=p["reason"])
    order.status = S.PENDING.value


def _resume(s, store, actor, order, p):
    now = store.now()
    cal = store.calendar()
    since = order.pending_since or now
    before = order.resolve_due_at
    if order.resolve_due_at:
        order.resolve_due_at = cal.shift_for_pause(order.resolve_due_at, since, now)
    target = order.status_before_pending or S.IN_PROGRESS.value
    add_event(s, store, order, actor, Action.RESUME.value, to_status=target, reason=p.get("reason", ""),
              data={"paused_working_seconds": cal.working_seconds_between(since, now),
                    "resolve_due_before": before, "resolve_due_at": order.resolve_due_at})
    order.status, order.pending_since, order.status_before_pending = target, None, ""


def _resolve(s, store, actor, order, p):
    order.result, order.solved, order.resolved_at = p["result"], p["solved"], store.now()
    add_event(s, store, order, actor, Action.RESOLVE.value, to_status=S.RESOLVED.value, reason=p["result"],
              data={"solved": p["solved"]})
    order.status = S.RESOLVED.value
    _reindex(s, order)


def _callback(s, store, actor, order, p):
    order.rating, order.called_back_at = p["rating"], store.now()
    resident_says_solved = p["solved"]
    add_event(s, store, order, actor, Action.CALLBACK.value, to_status=S.CALLED_BACK.value, reason=p.get("reason", ""),
              data={"solved": resident_says_solved, "rating": p["rating"]})
    order.status = S.CALLED_BACK.value
    if not resident_says_solved or p["rating"] <= settings.get(store, "unsatisfied_rating_at_most"):
        # A code, not a sentence: the history is read in either language (event_reasons).
        _reopen(s, store, actor, order, {"reason": ""}, coded(CALLBACK_UNSATISFIED))


def _close(s, store, actor, order, p, kind=Action.CLOSE, why: dict | None = None):
    order.closed_at = store.now()
    add_event(s, store, order, actor, kind.value, to_status=S.CLOSED.value, reason=p.get("reason", ""), data=why)
    order.status = S.CLOSED.value


def _return(s, store, actor, order, p):
    add_event(s, store, order, actor, Action.RETURN.value, to_status=S.REGISTERED.value, reason=p["reason"],
              data={"department_id": order.lead_department_id})
    order.return_count += 1
    order.lead_department_id = None
    order.accept_due_at = order.resolve_due_at = None
    order.dispatched_at = order.accepted_at = None
    order.extension_state = ""
    order.status = S.REGISTERED.value


def _contact(s, store, actor, order, p):
    now = store.now()
    at = p.get("contacted_at") or now
    if at.tzinfo is None:
        at = at.replace(tzinfo=store.calendar().tz)
    if at > now + timedelta(minutes=1):
        raise ValidationError("contact_in_future")
    if order.created_at and at < order.created_at - timedelta(minutes=1):
        raise ValidationError("contact_before_order")
    add_event(s, store, order, actor, Action.CONTACT.value, reason=p.get("reason", ""),
              data={"by": p["by"], "contacted_at": at.astimezone(timezone.utc),
                    "department_id": order.lead_department_id})


def _reopen(s, store, actor, order, p, why: dict | None = None):
    order.reopen_count += 1
    order.status_epoch += 1
    order.solved = None
    order.resolved_at = order.closed_at = None
    if order.lead_department_id:
        now = store.now()
        order.dispatched_at, order.accepted_at = now, None
        order.accept_due_at, order.resolve_due_at = deadlines(store, s, order, now)
        target = S.DISPATCHED
    else:
        target = S.REGISTERED
    add_event(s, store, order, actor, Action.REOPEN.value, to_status=target.value, reason=p["reason"],
              data={"epoch": order.status_epoch, "accept_due_at": order.accept_due_at,
                    "resolve_due_at": order.resolve_due_at, **(why or {})})
    order.status = target.value


def _request_extension(s, store, actor, order, p):
    order.extension_state, order.extension_days = "requested", p["days"]
    add_event(s, store, order, actor, Action.REQUEST_EXTENSION.value, reason=p["reason"], data={"days": p["days"]})


def _approve_extension(s, store, actor, order, p):
    before = order.resolve_due_at
    base = order.resolve_due_at or store.now()
    order.resolve_due_at = store.calendar().add_working_seconds(base, order.extension_days * DAY)
    order.extension_state = "approved"
    order.extension_count += 1
    add_event(s, store, order, actor, Action.APPROVE_EXTENSION.value, reason=p.get("reason", ""),
              data={"days": order.extension_days, "resolve_due_before": before, "resolve_due_at": order.resolve_due_at})


def _refuse_extension(s, store, actor, order, p):
    order.extension_state = "refused"
    add_event(s, store, order, actor, Action.REFUSE_EXTENSION.value, reason=p["reason"], data={"days": order.extension_days})


def _supervise(s, store, actor, order, p):
    order.supervised = True
    add_event(s, store, order, actor, Action.SUPERVISE.value, reason=p.get("reason", ""))


def _merge(s, store, actor, order, p):
    target = find_order(s, p["target"])
    if target.id == order.id:
        raise ValidationError("merge_self")
    if target.status in (S.MERGED.value, S.VOIDED.value):
        # A refusal like any other status refusal (callers catch TransitionRefused).
        raise TransitionRefused("merge_target_closed", ticket=target.ticket_no, status=Status(target.status).label)
    order.merged_into_id = target.id
    add_event(s, store, order, actor, Action.MERGE.value, to_status=S.MERGED.value, reason=p.get("reason", ""),
              data={"target_id": target.id, "target_ticket": target.ticket_no})
    add_event(s, store, target, actor, Action.NOTE.value, reason=p.get("reason", ""),
              data={"merged_from_ticket": order.ticket_no, "merged_from_id": order.id})
    order.status = S.MERGED.value


def _void(s, store, actor, order, p):
    order.closed_at = store.now()
    add_event(s, store, order, actor, Action.VOID.value, to_status=S.VOIDED.value, reason=p["reason"])
    order.status = S.VOIDED.value


def _note(s, store, actor, order, p):
    add_event(s, store, order, actor, Action.NOTE.value, reason=p["text"])


def _print(s, store, actor, order, p):
    add_event(s, store, order, actor, Action.PRINT.value,
              data={"reprint": bool(p.get("reprint")), "layout": p.get("layout", ""), "printer": p.get("printer", "")})
    # A slip carries (masked) personal data out of the building: the audit log says who printed.
    audit.record(s, store, actor, "print.reprint" if p.get("reprint") else "print", order.ticket_no,
           str(p.get("printer", ""))[:100])


def _reindex(s, order: WorkOrder) -> None:
    reindex(s, order, s.get(Visitor, order.visitor_id) if order.visitor_id else None)


def _named(action: Action, fn):
    fn.action = action.value
    return fn


_APPLY = {
    Action.ANSWER_AT_DESK: _answer,
    Action.DISPATCH: _dispatch,
    Action.REDISPATCH: _redispatch,
    Action.ACCEPT: _named(Action.ACCEPT, _simple(S.ACCEPTED, "accepted_at")),
    Action.START: _named(Action.START, _simple(S.IN_PROGRESS)),
    Action.PEND: _pend,
    Action.RESUME: _resume,
    Action.RESOLVE: _resolve,
    Action.CALLBACK: _callback,
    Action.CLOSE: _close,
    Action.CLOSE_UNREACHED: lambda s, store, actor, order, p: _close(s, store, actor, order, p, Action.CLOSE_UNREACHED),
    Action.RETURN: _return,
    Action.CONTACT: _contact,
    Action.REOPEN: _reopen,
    Action.REQUEST_EXTENSION: _request_extension,
    Action.APPROVE_EXTENSION: _approve_extension,
    Action.REFUSE_EXTENSION: _refuse_extension,
    Action.SUPERVISE: _supervise,
    Action.MERGE: _merge,
    Action.VOID: _void,
    Action.NOTE: _note,
    Action.PRINT: _print,
}
assert set(_APPLY) == set(RULES)


def supervise_overdue(store: Store) -> int:
    """Flag every overdue order as supervised (督办), as the system. Returns how many."""
    now = store.now()
    with store.write() as s:
        # The same "overdue" as the queue's view: late to resolve, or dispatched and late to accept.
        orders = s.scalars(
            select(WorkOrder).where(overdue_condition(now), WorkOrder.supervised.is_(False))
        ).all()
        for order in orders:
            order.supervised = True
            add_event(s, store, order, None, Action.SUPERVISE.value, data={"automatic": True})
        if orders:
            mark_changed(s, "orders")
        return len(orders)
