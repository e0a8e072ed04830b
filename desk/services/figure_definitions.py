"""What every figure of the station means: one function per figure, its docstring quoting the
rule (the same sentence as the glossary's, desk.services.figure_glossary, which the dashboard's
tooltips and the printed summaries' glossary page both print).

Every definition is an SQL condition over one cohort order (`work_order` as W; the order's own
history in `event` where the rule needs it), so a rate is `sum(numerator) / sum(base)` over the
period's orders, and the same condition selects the orders behind a figure for the work queue.

The cohort of a period is every order registered in it (local date of intake), not voided.
The few settings a rule depends on travel in `Rules` (and in each drill's argument), so a
drill-down, the comparison period and the central server count with the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable, NamedTuple

from sqlalchemy import Integer, and_, case, exists, func, literal, literal_column, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement

from desk.models import Event, WorkOrder
from desk.services import settings, validation
from desk.services.dto import Actor, OrderFilter
from desk.rules.enums import OPEN_STATUSES, Action, Status
from desk.services.figure_types import COUNTED_STATUSES
from desk.services.queries import conditions, overdue_condition
from desk.services.reference import category_descendants
from desk.services.store import Store

W = WorkOrder
OPEN_VALUES = tuple(sorted(s.value for s in OPEN_STATUSES))
# The events that hand an order to a department, each with its own acceptance deadline.
DISPATCHES = (Action.DISPATCH.value, Action.REDISPATCH.value, Action.REOPEN.value)
# The events that end a department's wait to accept (accepted, returned, or taken away from it).
ASSIGNMENT_ENDS = (Action.ACCEPT.value, Action.RETURN.value, Action.DISPATCH.value, Action.REDISPATCH.value,
                   Action.REOPEN.value, Action.VOID.value, Action.MERGE.value)


# The event aliases of the definitions' sub-selects, made once: building an alias of the event
# table on every call cost more than running the figures of a quiet day.
_E_END, _E_DISPATCH, _E_REDISPATCH, _E_CONTACT, _E_FIRST, _E_CALLBACK = (
    aliased(Event, name=f"e_{name}") for name in ("end", "dispatch", "redispatch", "contact", "first", "callback"))


@dataclass(frozen=True)
class Rules:
    """The settings the definitions depend on, and the moment "by now" means."""

    now: datetime
    satisfied_at_least: int = 3  # settings: satisfied_rating_at_least
    first_contact_hours: int = 24  # settings: first_contact_hours

    @property
    def arg(self) -> tuple[int, int]:
        """What a drill carries to count with the same rule later (and on another machine)."""
        return (self.satisfied_at_least, self.first_contact_hours)

    def with_arg(self, arg) -> "Rules":
        if not arg:
            return self
        return replace(self, satisfied_at_least=int(arg[0]), first_contact_hours=int(arg[1]))


def rules_of(store: Store) -> Rules:
    """The rules in force at this station now (its settings)."""
    values = settings.get_all(store)
    return Rules(store.now(), int(values["satisfied_rating_at_least"]), int(values["first_contact_hours"]))


class Measure(NamedTuple):
    numerator: ColumnElement  # already inside base
    base: ColumnElement
    # For rules that read the history: one expression giving 1 (counted), 0 (in the base only)
    # or NULL (outside), so a pass over the period reads each order's events once, not twice.
    state: Any = None


def _measured(state) -> Measure:
    return Measure(state == 1, state.in_((0, 1)), state)


# Every sub-select below names W in .correlate(W): nested inside another sub-select, SQLAlchemy's
# automatic correlation would otherwise add work_order to its FROM (every order, not this one).
def _kind_is(column, action: Action):
    """kind = 'literal': written into the SQL (not bound), so SQLite can use the partial index
    of that kind (0005, 0006_figures) for the order's few such events."""
    return column == literal_column(f"'{action.value}'")


def _now(r: Rules):
    # Bound as a value the UTCDateTime columns compare with (naive UTC text in SQLite).
    return literal(r.now, type_=W.accepted_at.type)


def _jnow(r: Rules):
    return func.julianday(_now(r))


# -- the definitions -----------------------------------------------------------------------------

def answered_at_desk(r: Rules) -> Measure:
    """当场办结率 Answered at the desk: orders answered on the spot (status 当场办结, or closed
    without ever being sent to a department) ÷ intake."""
    # A closed order never dispatched can only have been answered at the desk (a returned order
    # loses its dispatch time but cannot be closed before it is dispatched again).
    answered = or_(W.status == Status.ANSWERED.value, and_(W.status == Status.CLOSED.value, W.dispatched_at.is_(None)))
    return Measure(answered, literal(True))


def sent_to_department() -> ColumnElement:
    """Sent to a department: the order has been dispatched (now, or before a return)."""
    return or_(W.dispatched_at.is_not(None), W.return_count > 0)


def _assignment_end(d) -> Any:
    """When the department's wait to accept dispatch `d` ended (julian day), or NULL. Events
    are ordered by their time (seq is only this machine's insertion order: a central mirror
    receives a station's events in another order), seq breaking a tie."""
    e = _E_END
    return (select(func.julianday(func.min(e.at)))
            .where(e.order_id == d.order_id, e.kind.in_(ASSIGNMENT_ENDS),
                   or_(e.at > d.at, and_(e.at == d.at, e.seq > d.seq)))
            .scalar_subquery())


def _response_history(r: Rules) -> Any:
    """From the order's history: 1 every decided dispatch was accepted (or returned) in time,
    0 one was missed, -1 none decided yet, NULL no dispatch in the history carries its deadline
    (orders written before the deadline was kept in the event: their columns decide)."""
    d = _E_DISPATCH
    due = func.julianday(func.json_extract(d.data, "$.accept_due_at"))
    end = _assignment_end(d)
    missed = due < func.coalesce(end, _jnow(r))
    decided = or_(end.is_not(None), due < _jnow(r))
    return (select(case((func.count() == 0, None), (func.sum(case((missed, 1), else_=0)) > 0, 0),
                        (func.sum(case((decided, 1), else_=0)) > 0, 1), else_=-1))
            .where(d.order_id == W.id, d.kind.in_(DISPATCHES), func.json_extract(d.data, "$.accept_due_at").is_not(None))
            .correlate(W).scalar_subquery())


def _sent_again() -> ColumnElement:
    """Dispatched more than once (returned, reopened or re-dispatched): its columns hold only
    the latest dispatch."""
    x = _E_REDISPATCH
    return or_(W.return_count > 0, W.reopen_count > 0,
               exists().where(x.order_id == W.id, _kind_is(x.kind, Action.REDISPATCH)).correlate(W))


def response(r: Rules) -> Measure:
    """响应率 Response (acceptance) rate: orders whose every dispatch was accepted (签收) or
    returned (退单) by its acceptance deadline ÷ orders sent whose acceptance is decided
    (answered, or a deadline has passed by now). Read from the history, so a return after a
    missed deadline does not wipe the miss."""
    by_columns = case((and_(W.dispatched_at.is_not(None), W.accept_due_at.is_not(None),
                            or_(W.accepted_at.is_not(None), W.accept_due_at < _now(r))),
                       case((and_(W.accepted_at.is_not(None), W.accepted_at <= W.accept_due_at), 1), else_=0)),
                      else_=-1)
    # An order sent once (no return, reopen or 改派) has its one dispatch in its columns: only
    # the others need their history read (the cheap test first: most orders are sent once).
    resent = _sent_again()
    # -1 (undecided) is left out of both; orders never sent have no dispatch and no deadline.
    return _measured(case((~sent_to_department(), None),
                          (resent, func.coalesce(_response_history(r), by_columns)), else_=by_columns))


def first_contact_j() -> Any:
    c = _E_CONTACT
    return (select(func.min(func.julianday(func.coalesce(func.json_extract(c.data, "$.contacted_at"), c.at))))
            .where(c.order_id == W.id, _kind_is(c.kind, Action.CONTACT)).correlate(W).scalar_subquery())


def first_contact(r: Rules) -> Measure:
    """先行联系率 First-contact rate: orders whose resident was first contacted (by the
    department or the station) within `first_contact_hours` hours of the order's first
    dispatch ÷ orders sent whose first contact is decided (contacted, or the limit has passed)."""
    # The first dispatch: the column for an order sent once, else the earliest dispatch event.
    d = _E_FIRST
    earliest = (select(func.julianday(func.min(d.at)))
                .where(d.order_id == W.id, d.kind.in_((Action.DISPATCH.value, Action.REDISPATCH.value)))
                .correlate(W).scalar_subquery())
    dispatched = case((_sent_again(), func.coalesce(earliest, func.julianday(W.dispatched_at))),
                      else_=func.julianday(W.dispatched_at))
    limit = dispatched + r.first_contact_hours / 24.0
    # One look at the order's contact events (their own index) gives the first one.
    c = _E_CONTACT
    contacted = func.min(func.julianday(func.coalesce(func.json_extract(c.data, "$.contacted_at"), c.at)))
    state = (select(case((contacted <= limit, 1), (or_(contacted.is_not(None), limit < _jnow(r)), 0), else_=None))
             .where(c.order_id == W.id, _kind_is(c.kind, Action.CONTACT)).correlate(W).scalar_subquery())
    return _measured(case((sent_to_department(), state), else_=None))


def on_time(r: Rules) -> Measure:
    """按时办结率 On-time resolution rate: orders resolved by their resolution deadline ÷ orders
    sent whose outcome is decided (resolved, or the deadline has passed by now). Pending time
    does not count: an order pended before its deadline is undecided while it waits; one pended
    after its deadline stays late."""
    paused_in_time = and_(W.status == Status.PENDING.value, W.pending_since <= W.resolve_due_at)
    base = and_(W.dispatched_at.is_not(None), W.resolve_due_at.is_not(None),
                or_(W.resolved_at.is_not(None), and_(W.resolve_due_at < _now(r), ~paused_in_time)))
    return Measure(and_(base, W.resolved_at.is_not(None), W.resolved_at <= W.resolve_due_at), base)


def latest_callback_solved() -> Any:
    cb = _E_CALLBACK
    return (select(func.json_extract(cb.data, "$.solved"))
            .where(cb.order_id == W.id, _kind_is(cb.kind, Action.CALLBACK))
            .order_by(cb.at.desc(), cb.seq.desc()).limit(1).correlate(W).scalar_subquery())


def solved(r: Rules) -> Measure:
    """解决率 Solved rate (the resident's word): orders whose resident said "solved" at the latest
    callback (回访) ÷ orders called back. The department's own claim is reported beside it."""
    said = latest_callback_solved()
    return _measured(case((W.called_back_at.is_not(None), case((said == 1, 1), else_=0)), else_=None))


def solved_by_department(r: Rules) -> Measure:
    """解决率（承办单位自报） Solved as the department reports it: orders a department resolved
    marked "solved" ÷ orders a department resolved (answers at the desk are left out)."""
    resolved = and_(W.dispatched_at.is_not(None), W.solved.is_not(None), W.resolved_at.is_not(None))
    return Measure(and_(resolved, W.solved.is_(True)), resolved)


def satisfaction(r: Rules) -> Measure:
    """满意率 Satisfaction rate: orders whose latest callback rating is at least
    `satisfied_at_least` (default 3: 基本满意, 满意, 非常满意) ÷ orders with a callback rating."""
    rated = W.rating.is_not(None)
    return Measure(and_(rated, W.rating >= r.satisfied_at_least), rated)


def unsatisfied(r: Rules) -> Measure:
    """不满意 Unsatisfied: orders whose latest callback rating is below the satisfied rule
    ÷ orders with a callback rating (the complement of the satisfaction rate)."""
    rated = W.rating.is_not(None)
    return Measure(and_(rated, W.rating < r.satisfied_at_least), rated)


def returned(r: Rules) -> Measure:
    """退单率 Return rate: orders returned by a department at least once ÷ orders sent."""
    sent = sent_to_department()
    return Measure(and_(sent, W.return_count > 0), sent)


def _had_result() -> ColumnElement:
    return or_(W.resolved_at.is_not(None), W.reopen_count > 0)


def reopened(r: Rules) -> Measure:
    """重办率 Reopen rate: orders reopened at least once ÷ orders that got a result (resolved,
    answered, or reopened since)."""
    return Measure(and_(_had_result(), W.reopen_count > 0), _had_result())


def extended(r: Rules) -> Measure:
    """延期率 Extension rate: orders with at least one approved extension ÷ orders sent."""
    sent = sent_to_department()
    return Measure(and_(sent, W.extension_count > 0), sent)


def called_back(r: Rules) -> Measure:
    """回访率 Callback rate: orders called back ÷ orders a department resolved (or called back)."""
    base = and_(W.dispatched_at.is_not(None), or_(W.resolved_at.is_not(None), W.called_back_at.is_not(None)))
    return Measure(and_(base, W.called_back_at.is_not(None)), base)


def pended_late() -> ColumnElement:
    """Pending, and already past the resolution deadline when it was pended (the pause does not
    hide the time it was late)."""
    return and_(W.status == Status.PENDING.value, W.pending_since > W.resolve_due_at)


def overdue(r: Rules) -> ColumnElement:
    """超期 Overdue now: open orders past their deadline (resolution, or acceptance while not
    accepted), counting pending orders that were already late when they were pended."""
    return or_(overdue_condition(r.now), pended_late())


# Every rate, by the Figures field it fills. Their order is the glossary's and the tiles'.
RATES: dict[str, Callable[[Rules], Measure]] = {
    "answered_at_desk": answered_at_desk, "response": response, "first_contact": first_contact,
    "on_time": on_time, "solved": solved, "solved_by_department": solved_by_department,
    "satisfaction": satisfaction, "unsatisfied": unsatisfied, "returned": returned, "reopened": reopened,
    "extended": extended, "called_back": called_back,
}


# -- named predicates a Drill may carry: name -> (rules, arg) -> SQL condition ------------------------

def weekday_expr():
    # strftime('%w'): 0 = Sunday; shifted so that 0 = Monday.
    return (func.cast(func.strftime("%w", W.created_local_date), Integer) + 6) % 7


def return_department(ret) -> ColumnElement:
    """The department a return event sends back from: named in the event, or else (events
    written by older code or bulk imports) the department of the dispatch just before it."""
    d = aliased(Event)
    previous = (select(func.json_extract(d.data, "$.department_id"))
                .where(d.order_id == ret.order_id, d.seq < ret.seq,
                       d.kind.in_([Action.DISPATCH.value, Action.REDISPATCH.value]))
                .order_by(d.seq.desc()).limit(1).scalar_subquery())
    return func.coalesce(func.json_extract(ret.data, "$.department_id"), previous)


def _returned_from(dep_id: str) -> ColumnElement:
    ret = aliased(Event)
    return exists().where(ret.order_id == W.id, ret.kind == Action.RETURN.value, return_department(ret) == dep_id)


PREDICATES: dict[str, Callable[[Rules, Any], ColumnElement]] = {
    "sent": lambda r, arg: sent_to_department(),
    "overdue": lambda r, arg: overdue(r),
    "hour": lambda r, arg: W.created_local_hour == int(arg),
    "weekday": lambda r, arg: weekday_expr() == int(arg),
    "no_category": lambda r, arg: W.category_id.is_(None),
    "no_area": lambda r, arg: W.area_id.is_(None),
    "no_department": lambda r, arg: W.lead_department_id.is_(None),
    "category_in": lambda r, arg: W.category_id.in_(list(arg)),
    "returned_from": lambda r, arg: _returned_from(arg),
}
for _key, _fn in RATES.items():
    PREDICATES[_key] = lambda r, arg, fn=_fn: fn(r.with_arg(arg)).numerator
    PREDICATES[f"{_key}_base"] = lambda r, arg, fn=_fn: fn(r.with_arg(arg)).base


def predicate(name: str, r: Rules, arg: Any) -> ColumnElement:
    return PREDICATES[name](r, arg)


# -- the period's orders, as the queue selects them -------------------------------------------------

def conditions_for(store: Store, actor: Actor, f: OrderFilter, *, by_status: bool = False) -> list:
    """The queue's conditions for `f` (the same rows), phrased so that SQLite walks the date
    index, which holds the few thousand orders of a period.

    Without table statistics (no ANALYZE has run on a desk's file) SQLite takes any IN list for
    selective: "not voided" as a list of ten statuses, or a department/category/area scope, sent
    it through the status or scope index over a million orders (10-40 s instead of 0.2 s). So
    "not voided" is said as `status != 'voided'`, and the scope columns are wrapped in SQLite's
    no-op unary + (the documented way to keep an index out): every figure has a better driver,
    the dates of its period or the handful of open statuses.

    by_status: the dates are kept out of the index too, for the state-now figures (a few
    hundred open orders): "registered up to a past day" is nearly every order by date."""
    extra = []
    if by_status and (f.date_from or f.date_to):
        day = unindexed(W.created_local_date)
        if f.date_from:
            extra.append(day >= validation.iso_date(f.date_from).isoformat())
        if f.date_to:
            extra.append(day <= validation.iso_date(f.date_to).isoformat())
        f = replace(f, date_from=None, date_to=None)
    if f.statuses == COUNTED_STATUSES:
        f = replace(f, statuses=())
        extra.append(W.status != Status.VOIDED.value)
    if f.department_ids or f.category_ids or f.area_ids:
        if f.department_ids:
            extra.append(unindexed(W.lead_department_id).in_(list(f.department_ids)))
        if f.category_ids:
            ids: set[str] = set()
            for cid in f.category_ids:
                ids |= category_descendants(store, cid)
            extra.append(unindexed(W.category_id).in_(sorted(ids)))
        if f.area_ids:
            extra.append(unindexed(W.area_id).in_(list(f.area_ids)))
        f = replace(f, department_ids=(), category_ids=(), area_ids=())
    return conditions(store, actor, f) + extra


def unindexed(column):
    return literal_column(f"+{column.table.name}.{column.name}", type_=column.type)


def count_if(cond) -> Any:
    return func.sum(case((cond, 1), else_=0))


def hours_between(later, earlier):
    return (func.julianday(later) - func.julianday(earlier)) * 24
