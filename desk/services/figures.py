"""Every summary figure of the station, in ONE place: the dashboard and the printed daily,
weekly and monthly reports both read them from here, so screen and paper never disagree.

Definitions (the "cohort" of a period is every order registered in it, by the local date of
intake, that was not voided, narrowed by the optional department/category/area scope):

- intake: the cohort's size; split by channel, kind, top-level category, residential area,
  hour of day (local), weekday (local, Monday first) and lead department.
- answered-at-desk rate (当场办结率): cohort orders answered on the spot (status 当场办结, or
  closed without ever being dispatched) ÷ intake.
- sent to a department: cohort orders with a dispatch time or at least one return.
- response rate (响应率): orders accepted no later than their acceptance deadline ÷ dispatched
  orders whose acceptance is decided (accepted, or the deadline has passed by now). Orders still
  inside their acceptance window are not counted either way.
- on-time resolution rate (按时办结率): orders resolved no later than their resolution deadline ÷
  dispatched orders whose outcome is decided (resolved, or the deadline has passed by now).
- solved rate (解决率): orders a department resolved as solved ÷ orders a department resolved
  (answers at the desk are left out: they are always "solved" and counted above).
- satisfaction rate (满意率): ratings 4-5 (满意, 非常满意) ÷ orders with a callback rating.
- return rate (退单率): orders returned at least once ÷ orders sent to a department.
- reopen rate (重办率): orders reopened at least once ÷ orders that got a result (resolved,
  answered, or reopened since).
- extension rate (延期率): orders with at least one approved extension ÷ orders sent.
- callback rate (回访率): orders called back ÷ orders a department resolved (or called back).
- average time to accept: hours from dispatch to acceptance, over accepted orders; average time
  to resolve: hours from registration to resolution, over orders a department resolved.
- backlog by age, overdue list, waiting extension requests: the state NOW of orders registered
  up to the period's end, in the scope (status is not kept by date, so "open on day X" of a
  past period cannot be rebuilt; the report says "as of" the printing time).
- hot topics: the same category at the same lane + number (2 or more orders) or in the same
  lane (3 or more) within the hot-topic window (the period, at least `duplicate_window_days`
  days ending on its last day), ranked by count.
- department league: per lead department over the cohort: volume, on-time rate, returns (return
  events of cohort orders that named this department) and satisfaction rate.
- trend: intake per day for the 30 days ending on the period's last day (or today, if earlier).

Each count carries a `Drill`: the OrderFilter (plus, where a filter field cannot say it, a named
SQL predicate) that selects exactly the counted orders; `drill_filter()` turns it into a plain
OrderFilter for the work queue. Everything is SQL aggregates over indexed columns
(created_local_date, status); nothing loops over orders in Python. The period's breakdowns,
trend and hot topics read the cohort index alone (0005: date, status and the grouping keys).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Callable, Optional

from sqlalchemy import Integer, and_, case, exists, func, literal_column, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement

from desk.i18n import pick
from desk.models import Event, WorkOrder
from desk.services import settings, validation
from desk.services.dto import Actor, OrderFilter, OrderRow
from desk.services.enums import OPEN_STATUSES, Action, Channel, Kind, Status
from desk.services.permissions import Permission, require
from desk.services.queries import conditions, list_orders
from desk.services.reference import category_descendants
from desk.services.store import Store

W = WorkOrder
_ROWID = literal_column("work_order.rowid")
COUNTED_STATUSES = tuple(s.value for s in Status if s != Status.VOIDED)
OPEN_VALUES = tuple(sorted(s.value for s in OPEN_STATUSES))
WEEKDAYS = (("一", "Mon"), ("二", "Tue"), ("三", "Wed"), ("四", "Thu"), ("五", "Fri"), ("六", "Sat"), ("日", "Sun"))
# (lowest, highest) age in whole days since the local date of intake; None: no upper bound.
BACKLOG_BUCKETS = ((0, 1), (2, 3), (4, 7), (8, 15), (16, 30), (31, None))
TREND_DAYS = 30
OVERDUE_LIST_LIMIT = 50
HOT_TOPIC_LIMIT = 10


# -- periods and scope -----------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive."""

    date_from: date
    date_to: date
    kind: str = "custom"  # day, week, month, custom

    @classmethod
    def day(cls, d: date | str) -> "Period":
        d = _as_date(d)
        return cls(d, d, "day")

    @classmethod
    def week(cls, d: date | str) -> "Period":
        d = _as_date(d)
        start = d - timedelta(days=d.weekday())
        return cls(start, start + timedelta(days=6), "week")

    @classmethod
    def month(cls, d: date | str) -> "Period":
        d = _as_date(d)
        start = d.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        return cls(start, nxt - timedelta(days=1), "month")

    @classmethod
    def of(cls, kind: str, d: date | str) -> "Period":
        return {"day": cls.day, "daily": cls.day, "week": cls.week, "weekly": cls.week,
                "month": cls.month, "monthly": cls.month}[kind](d)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> "Period":
        """The period of the same kind just before this one (for the dashboard's comparison)."""
        if self.kind == "month":
            return Period.month(self.date_from - timedelta(days=1))
        return Period(self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1), self.kind)

    def text(self) -> str:
        if self.date_from == self.date_to:
            return self.date_from.isoformat()
        return f"{self.date_from.isoformat()} – {self.date_to.isoformat()}"


def _as_date(d: date | str) -> date:
    return d if isinstance(d, date) else validation.iso_date(d)


@dataclass(frozen=True)
class Scope:
    """Optional narrowing to departments, categories (with their sub-categories) or areas."""

    department_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    area_ids: tuple[str, ...] = ()


# -- values handed out -----------------------------------------------------------------------

@dataclass(frozen=True)
class Drill:
    """Exactly the counted orders: `filter`, narrowed by the named predicate (see PREDICATES)."""

    filter: OrderFilter
    predicate: str = ""
    arg: Any = None


@dataclass(frozen=True)
class Bucket:
    key: str  # the id or code value; '' for "none"
    label: str
    count: int
    drill: Drill


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    drill: Drill  # the numerator's orders
    base: Drill  # the denominator's orders

    @property
    def value(self) -> Optional[float]:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        v = self.value
        return "—" if v is None else f"{v * 100:.1f}%"


@dataclass(frozen=True)
class HotTopic:
    category_id: str
    category_name: str
    place: str  # lane + number, or the lane
    level: str  # "address" or "lane"
    count: int
    first_date: str
    last_date: str
    order_ids: tuple[str, ...]  # earliest first (registration time, then id)
    drill: Drill


@dataclass(frozen=True)
class LeagueRow:
    department_id: str
    department_name: str
    volume: int
    on_time: Rate
    returns: int
    returns_drill: Drill
    satisfaction: Rate
    drill: Drill


@dataclass(frozen=True)
class TrendPoint:
    day: str
    count: int
    drill: Drill


@dataclass(frozen=True)
class Figures:
    period: Period
    scope: Scope
    computed_at: datetime
    intake: int
    intake_drill: Drill
    answered_at_desk: Rate
    sent: int
    response: Rate
    on_time: Rate
    solved: Rate
    satisfaction: Rate
    returned: Rate
    reopened: Rate
    extended: Rate
    called_back: Rate
    avg_accept_hours: Optional[float]
    avg_resolve_hours: Optional[float]
    by_channel: tuple[Bucket, ...]
    by_kind: tuple[Bucket, ...]
    by_category: tuple[Bucket, ...]
    by_area: tuple[Bucket, ...]
    by_hour: tuple[Bucket, ...]  # 24, hour 0 first
    by_weekday: tuple[Bucket, ...]  # 7, Monday first
    by_department: tuple[Bucket, ...]
    open_now: int
    open_drill: Drill
    backlog: tuple[Bucket, ...]
    overdue_count: int
    overdue: tuple[OrderRow, ...]  # the most overdue first, at most OVERDUE_LIST_LIMIT
    overdue_drill: Drill
    extension_requests: int
    extension_drill: Drill
    hot_topics: tuple[HotTopic, ...]
    hot_window: Period
    league: tuple[LeagueRow, ...]
    trend: tuple[TrendPoint, ...]


# -- the SQL each definition is made of --------------------------------------------------------

def _answered() -> ColumnElement:
    # A closed order never dispatched can only have been answered at the desk (a returned order
    # loses its dispatch time but cannot be closed before it is dispatched again).
    return or_(W.status == Status.ANSWERED.value, and_(W.status == Status.CLOSED.value, W.dispatched_at.is_(None)))


def _sent() -> ColumnElement:
    return or_(W.dispatched_at.is_not(None), W.return_count > 0)


def _response_base(now) -> ColumnElement:
    return and_(W.dispatched_at.is_not(None), W.accept_due_at.is_not(None),
                or_(W.accepted_at.is_not(None), W.accept_due_at < now))


def _response_met() -> ColumnElement:
    return and_(W.accepted_at.is_not(None), W.accepted_at <= W.accept_due_at)


def _on_time_base(now) -> ColumnElement:
    return and_(W.dispatched_at.is_not(None), W.resolve_due_at.is_not(None),
                or_(W.resolved_at.is_not(None), W.resolve_due_at < now))


def _on_time_met() -> ColumnElement:
    return and_(W.resolved_at.is_not(None), W.resolved_at <= W.resolve_due_at)


def _dept_resolved() -> ColumnElement:
    return and_(W.dispatched_at.is_not(None), W.solved.is_not(None), W.resolved_at.is_not(None))


def _had_result() -> ColumnElement:
    return or_(W.resolved_at.is_not(None), W.reopen_count > 0)


def _callback_base() -> ColumnElement:
    return and_(W.dispatched_at.is_not(None), or_(W.resolved_at.is_not(None), W.called_back_at.is_not(None)))


def _weekday_expr():
    # strftime('%w'): 0 = Sunday; shifted so that 0 = Monday.
    return (func.cast(func.strftime("%w", W.created_local_date), Integer) + 6) % 7


def _return_department(ret) -> ColumnElement:
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
    return exists().where(ret.order_id == W.id, ret.kind == Action.RETURN.value, _return_department(ret) == dep_id)


# Named predicates a Drill may carry: name -> (now, arg) -> SQL condition.
PREDICATES: dict[str, Callable[[datetime, Any], ColumnElement]] = {
    "answered": lambda now, arg: _answered(),
    "sent": lambda now, arg: _sent(),
    "response_base": lambda now, arg: _response_base(now),
    "response_met": lambda now, arg: and_(_response_base(now), _response_met()),
    "on_time_base": lambda now, arg: _on_time_base(now),
    "on_time_met": lambda now, arg: and_(_on_time_base(now), _on_time_met()),
    "dept_resolved": lambda now, arg: _dept_resolved(),
    "solved": lambda now, arg: and_(_dept_resolved(), W.solved.is_(True)),
    "rated": lambda now, arg: W.rating.is_not(None),
    "satisfied": lambda now, arg: W.rating >= 4,
    "returned": lambda now, arg: and_(_sent(), W.return_count > 0),
    "had_result": lambda now, arg: _had_result(),
    "reopened": lambda now, arg: and_(_had_result(), W.reopen_count > 0),
    "extended": lambda now, arg: and_(_sent(), W.extension_count > 0),
    "callback_base": lambda now, arg: _callback_base(),
    "called_back": lambda now, arg: and_(_callback_base(), W.called_back_at.is_not(None)),
    "hour": lambda now, arg: W.created_local_hour == int(arg),
    "weekday": lambda now, arg: _weekday_expr() == int(arg),
    "no_category": lambda now, arg: W.category_id.is_(None),
    "no_area": lambda now, arg: W.area_id.is_(None),
    "no_department": lambda now, arg: W.lead_department_id.is_(None),
    "category_in": lambda now, arg: W.category_id.in_(list(arg)),
    "returned_from": lambda now, arg: _returned_from(arg),
}


def _where(store: Store, actor: Actor, drill: Drill) -> list:
    where = _conditions(store, actor, drill.filter)
    if drill.predicate:
        where.append(PREDICATES[drill.predicate](store.now(), drill.arg))
    return where


def _conditions(store: Store, actor: Actor, f: OrderFilter, *, by_status: bool = False) -> list:
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
        day = _unindexed(W.created_local_date)
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
            extra.append(_unindexed(W.lead_department_id).in_(list(f.department_ids)))
        if f.category_ids:
            ids: set[str] = set()
            for cid in f.category_ids:
                ids |= category_descendants(store, cid)
            extra.append(_unindexed(W.category_id).in_(sorted(ids)))
        if f.area_ids:
            extra.append(_unindexed(W.area_id).in_(list(f.area_ids)))
        f = replace(f, department_ids=(), category_ids=(), area_ids=())
    return conditions(store, actor, f) + extra


def _unindexed(column):
    return literal_column(f"+{column.table.name}.{column.name}", type_=column.type)


def drill_filter(store: Store, actor: Actor, drill: Drill) -> OrderFilter:
    """The work-queue filter that shows exactly the orders a figure counted."""
    if not drill.predicate:
        return drill.filter
    with store.read() as s:
        ids = tuple(s.scalars(select(W.id).where(*_where(store, actor, drill))))
    # An impossible id keeps an empty drill-down empty (an empty tuple would not filter).
    return OrderFilter(ids=ids or ("-",))


def drill_count(store: Store, actor: Actor, drill: Drill) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(W).where(*_where(store, actor, drill)))


def drill_counts(store: Store, actor: Actor, drills) -> list[int]:
    """drill_count of each drill, in order; drills that share a filter (a period's figures
    differ only by predicate) are counted together in one pass over that filter's orders."""
    now = store.now()
    by_filter: dict[OrderFilter, list[int]] = {}
    drills = list(drills)
    for i, drill in enumerate(drills):
        by_filter.setdefault(drill.filter, []).append(i)
    out = [0] * len(drills)
    with store.read() as s:
        for f, members in by_filter.items():
            cols = [_sum(PREDICATES[drills[i].predicate](now, drills[i].arg)) if drills[i].predicate else func.count()
                    for i in members]
            row = s.execute(select(*cols).select_from(W).where(*_conditions(store, actor, f))).one()
            for i, n in zip(members, row):
                out[i] = int(n or 0)
    return out


# -- computing ---------------------------------------------------------------------------------

def cohort_filter(period: Period, scope: Scope) -> OrderFilter:
    return OrderFilter(statuses=COUNTED_STATUSES, date_from=period.date_from.isoformat(),
                       date_to=period.date_to.isoformat(), department_ids=scope.department_ids,
                       category_ids=scope.category_ids, area_ids=scope.area_ids)


def compute(store: Store, actor: Actor, period: Period, scope: Scope = Scope()) -> Figures:
    """All figures of `period` in `scope` (see the module's docstring for the definitions)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    now = store.now()
    base = cohort_filter(period, scope)
    where = _conditions(store, actor, base)
    d = lambda predicate="", arg=None, f=base: Drill(f, predicate, arg)  # noqa: E731
    with store.read() as s:
        c = _counts(s, where, now)
        rate = lambda num, den, pn, pd: Rate(int(c[num] or 0), int(c[den] or 0), d(pn), d(pd))  # noqa: E731
        figures = dict(
            intake=int(c["intake"] or 0), intake_drill=d(),
            answered_at_desk=rate("answered", "intake", "answered", ""),
            sent=int(c["sent"] or 0),
            response=rate("response_met", "response_base", "response_met", "response_base"),
            on_time=rate("on_time_met", "on_time_base", "on_time_met", "on_time_base"),
            solved=rate("solved", "dept_resolved", "solved", "dept_resolved"),
            satisfaction=rate("satisfied", "rated", "satisfied", "rated"),
            returned=rate("returned", "sent", "returned", "sent"),
            reopened=rate("reopened", "had_result", "reopened", "had_result"),
            extended=rate("extended", "sent", "extended", "sent"),
            called_back=rate("called_back", "callback_base", "called_back", "callback_base"),
            avg_accept_hours=_round(c["avg_accept_hours"]),
            avg_resolve_hours=_round(c["avg_resolve_hours"]),
        )
        figures.update(_breakdowns(store, s, where, base, scope))
    figures.update(_state_now(store, actor, period, scope))
    figures["hot_topics"] = hot_topics(store, actor, period, scope)
    figures["hot_window"] = hot_window(store, period)
    figures["league"] = league(store, actor, period, scope)
    figures["trend"] = trend(store, actor, period, scope)
    return Figures(period=period, scope=scope, computed_at=now, **figures)


def _round(value) -> Optional[float]:
    return None if value is None else round(float(value), 1)


def _sum(cond) -> Any:
    return func.sum(case((cond, 1), else_=0))


def _hours(later, earlier):
    return (func.julianday(later) - func.julianday(earlier)) * 24


def _counts(s, where, now) -> dict[str, Any]:
    """The headline counts in one pass over the cohort."""
    cols = {
        "intake": func.count(),
        "answered": _sum(_answered()),
        "sent": _sum(_sent()),
        "response_base": _sum(_response_base(now)),
        "response_met": _sum(and_(_response_base(now), _response_met())),
        "on_time_base": _sum(_on_time_base(now)),
        "on_time_met": _sum(and_(_on_time_base(now), _on_time_met())),
        "dept_resolved": _sum(_dept_resolved()),
        "solved": _sum(and_(_dept_resolved(), W.solved.is_(True))),
        "rated": _sum(W.rating.is_not(None)),
        "satisfied": _sum(W.rating >= 4),
        "returned": _sum(and_(_sent(), W.return_count > 0)),
        "had_result": _sum(_had_result()),
        "reopened": _sum(and_(_had_result(), W.reopen_count > 0)),
        "extended": _sum(and_(_sent(), W.extension_count > 0)),
        "callback_base": _sum(_callback_base()),
        "called_back": _sum(and_(_callback_base(), W.called_back_at.is_not(None))),
        "avg_accept_hours": func.avg(case((and_(W.accepted_at.is_not(None), W.dispatched_at.is_not(None)),
                                           _hours(W.accepted_at, W.dispatched_at)))),
        "avg_resolve_hours": func.avg(case((_dept_resolved(), _hours(W.resolved_at, W.created_at)))),
    }
    row = s.execute(select(*[c.label(k) for k, c in cols.items()]).select_from(W).where(*where)).one()
    return dict(row._mapping)


def _group(s, where, column) -> dict[Any, int]:
    return {k: n for k, n in s.execute(select(column, func.count()).select_from(W).where(*where).group_by(column))}


def _breakdowns(store: Store, s, where, base: OrderFilter, scope: Scope) -> dict[str, tuple[Bucket, ...]]:
    names = store.names()
    d = lambda f, predicate="", arg=None: Drill(f, predicate, arg)  # noqa: E731

    # Seven small GROUP BYs, each read from the cohort index alone (0005): quicker than one
    # GROUP BY of all seven keys, whose thousands of combinations cost more to hand back.
    channels = _group(s, where, W.channel)
    by_channel = tuple(Bucket(c.value, c.label, channels.get(c.value, 0), d(replace(base, channels=(c.value,))))
                       for c in Channel if channels.get(c.value))
    kinds = _group(s, where, W.kind)
    by_kind = tuple(Bucket(k.value, k.label, kinds.get(k.value, 0), d(replace(base, kinds=(k.value,))))
                    for k in Kind if kinds.get(k.value))

    # Categories roll up to their top-level ancestor (a handful of groups, not rows).
    top_of: dict[str, str] = {}
    for cid in names.categories:
        top = cid
        while names.category_parent.get(top):
            top = names.category_parent[top]
        top_of[cid] = top
    rolled: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for cid, n in _group(s, where, W.category_id).items():
        key = top_of.get(cid, cid) if cid else ""
        rolled[key] = rolled.get(key, 0) + n
        if cid:
            members.setdefault(key, []).append(cid)
    by_category = []
    for key, n in sorted(rolled.items(), key=lambda kv: (-kv[1], kv[0])):
        if not key:
            by_category.append(Bucket("", pick("未分类", "No category"), n, d(base, "no_category")))
        else:
            # Exactly the categories counted, so a category scope does not widen the drill-down.
            drill = d(base, "category_in", tuple(sorted(members[key]))) if scope.category_ids \
                else d(replace(base, category_ids=(key,)))
            by_category.append(Bucket(key, pick(*names.categories.get(key, (key, key))), n, drill))

    areas = _group(s, where, W.area_id)
    by_area = tuple(
        Bucket(a or "", pick(*names.areas.get(a, (a, a))) if a else pick("未填写", "Not given"), n,
               d(replace(base, area_ids=(a,))) if a else d(base, "no_area"))
        for a, n in sorted(areas.items(), key=lambda kv: (-kv[1], kv[0] or "")))

    hours = _group(s, where, W.created_local_hour)
    by_hour = tuple(Bucket(str(h), f"{h:02d}", hours.get(h, 0), d(base, "hour", h)) for h in range(24))
    weekdays = _group(s, where, _weekday_expr())
    by_weekday = tuple(Bucket(str(i), pick("周" + zh, en), weekdays.get(i, 0), d(base, "weekday", i))
                       for i, (zh, en) in enumerate(WEEKDAYS))

    deps = _group(s, where, W.lead_department_id)
    by_department = tuple(
        Bucket(k or "", pick(*names.departments.get(k, (k, k))) if k else pick("未派单", "Not dispatched"), n,
               d(replace(base, department_ids=(k,))) if k else d(base, "no_department"))
        for k, n in sorted(deps.items(), key=lambda kv: (-kv[1], kv[0] or "")))
    return dict(by_channel=by_channel, by_kind=by_kind, by_category=tuple(by_category), by_area=by_area,
                by_hour=by_hour, by_weekday=by_weekday, by_department=by_department)


def _state_now(store: Store, actor: Actor, period: Period, scope: Scope) -> dict[str, Any]:
    """Backlog, overdue and waiting extensions: today's state of orders registered by the period's end."""
    today = store.now().astimezone(store.calendar().tz).date()
    # Usually the period runs up to today and every order qualifies by date: the bound is left
    # out. For a past period it is kept but out of the index (by_status): SQLite then goes
    # through the status index (hundreds of open orders), not the dates (nearly every order).
    end = period.date_to.isoformat() if period.date_to < today else None
    scoped = OrderFilter(date_to=end, department_ids=scope.department_ids, category_ids=scope.category_ids,
                         area_ids=scope.area_ids)
    open_f = replace(scoped, statuses=OPEN_VALUES)
    open_where = _conditions(store, actor, open_f, by_status=True)
    age = func.cast(func.julianday(today.isoformat()) - func.julianday(W.created_local_date), Integer)
    with store.read() as s:
        ages = _group(s, open_where, age)
    backlog = []
    for lo, hi in BACKLOG_BUCKETS:
        n = sum(c for a, c in ages.items() if a is not None and a >= lo and (hi is None or a <= hi))
        newest = min((today - timedelta(days=lo)).isoformat(), end or "9999-12-31")
        oldest = (today - timedelta(days=hi)).isoformat() if hi is not None else None
        text = pick(f"{lo}–{hi}天", f"{lo}–{hi} d") if hi is not None else pick(f"{lo}天以上", f"{lo}+ d")
        backlog.append(Bucket(f"{lo}-{hi if hi is not None else ''}", text, n,
                              Drill(replace(open_f, date_from=oldest, date_to=newest))))
    overdue_f = replace(scoped, view="overdue")
    # Only open orders can wait for an extension; saying so lets the status index do the work.
    extension_f = replace(scoped, view="extension_requested", statuses=OPEN_VALUES)
    with store.read() as s:
        overdue_where = _conditions(store, actor, overdue_f, by_status=True)
        overdue_count = s.scalar(select(func.count()).select_from(W).where(*overdue_where))
        most_overdue = tuple(s.scalars(select(W.id).where(*overdue_where)
                                       .order_by(W.resolve_due_at, W.id).limit(OVERDUE_LIST_LIMIT)))
        extension_count = s.scalar(select(func.count()).select_from(W)
                                   .where(*_conditions(store, actor, extension_f, by_status=True)))
    overdue_rows = list_orders(store, actor, OrderFilter(ids=most_overdue), sort="resolve_due_at", descending=False,
                               limit=OVERDUE_LIST_LIMIT) if most_overdue else []
    return dict(open_now=sum(ages.values()), open_drill=Drill(open_f), backlog=tuple(backlog),
                overdue_count=overdue_count, overdue=tuple(overdue_rows), overdue_drill=Drill(overdue_f),
                extension_requests=extension_count, extension_drill=Drill(extension_f))


def hot_window(store: Store, period: Period) -> Period:
    days = max(period.days, int(settings.get(store, "duplicate_window_days")))
    return Period(period.date_to - timedelta(days=days - 1), period.date_to)


def hot_topics(store: Store, actor: Actor, period: Period, scope: Scope = Scope(),
               limit: int = HOT_TOPIC_LIMIT) -> tuple[HotTopic, ...]:
    """Clusters of one category at one address (2+) or in one lane (3+), biggest first."""
    window = hot_window(store, period)
    where = _conditions(store, actor, cohort_filter(window, scope)) + [W.lane != "", W.category_id.is_not(None),
                                                                      W.status != Status.MERGED.value]
    names = store.names()
    candidates = []
    with store.read() as s:
        for level, keys, least in (("address", (W.category_id, W.lane, W.number), 2),
                                   ("lane", (W.category_id, W.lane), 3)):
            # rowids, not ids: every column here is in the cohort index (0005), so the window's
            # orders are counted without reading them; only the shown clusters' ids are read.
            q = (select(*keys, func.count().label("n"), func.min(W.created_local_date), func.max(W.created_local_date),
                        func.group_concat(_ROWID))
                 .where(*where).group_by(*keys).having(func.count() >= least)
                 .order_by(func.count().desc()).limit(limit * 2))
            for row in s.execute(q):
                cat, lane = row[0], row[1]
                number = row[2] if level == "address" else ""
                place = lane + (f"{number}号" if number and not number.endswith("号") else number)
                rowids = frozenset(int(r) for r in row[-1].split(","))
                candidates.append((-row[-4], level != "address", pick(*names.categories.get(cat, (cat, cat))), place,
                                   cat, level, row[-3], row[-2], rowids))
        # A lane cluster that is just one address cluster says nothing new.
        address_sets = {c[-1] for c in candidates if c[5] == "address"}
        shown = sorted(c for c in candidates if c[5] == "address" or c[-1] not in address_sets)[:limit]
        found: list[HotTopic] = []
        raw = s.connection()
        for neg_n, _, name, place, cat, level, first, last, rowids in shown:
            # The cluster's ids earliest first, sorted by SQLite, straight from the driver.
            ids = tuple(r[0] for r in raw.exec_driver_sql(
                "SELECT id FROM work_order WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY created_at, id",
                (json.dumps(sorted(rowids)),)))
            found.append(HotTopic(cat, name, place, level, -neg_n, first, last, ids, Drill(OrderFilter(ids=ids))))
    return tuple(found)


def topic_orders(store: Store, actor: Actor, topics, limit: int) -> tuple[tuple[OrderRow, ...], ...]:
    """The first `limit` orders of each hot topic (its order_ids are earliest first), read in
    one window for all of them."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    firsts = [t.order_ids[:max(0, limit)] for t in topics]
    shown = sorted({i for f in firsts for i in f})
    if not shown:
        return tuple(() for _ in topics)
    rows = {r.id: r for r in list_orders(store, actor, OrderFilter(ids=tuple(shown)), sort="created_at",
                                         descending=False, limit=len(shown))}
    return tuple(tuple(rows[i] for i in f if i in rows) for f in firsts)


def league(store: Store, actor: Actor, period: Period, scope: Scope = Scope()) -> tuple[LeagueRow, ...]:
    """Per lead department: volume, on-time rate, returns, satisfaction; most work first."""
    now = store.now()
    base = cohort_filter(period, scope)
    where = _conditions(store, actor, base)
    names = store.names()
    with store.read() as s:
        rows = s.execute(
            select(W.lead_department_id, func.count(), _sum(_on_time_base(now)),
                   _sum(and_(_on_time_base(now), _on_time_met())), _sum(W.rating.is_not(None)), _sum(W.rating >= 4))
            .where(*where, W.lead_department_id.is_not(None)).group_by(W.lead_department_id)).all()
        # Returns belong to the department that returned the order, which is usually not the
        # order's lead department any more: count the return events themselves.
        dep_of_return = _return_department(Event)
        # Driven from the period's orders (date index), then their events (order index): the
        # event table is many times larger than the orders of one period.
        cohort_ids = select(W.id).where(*where)
        returns = {k: n for k, n in s.execute(
            select(dep_of_return, func.count(func.distinct(Event.order_id)))
            .where(Event.order_id.in_(cohort_ids), Event.kind == Action.RETURN.value)
            .group_by(dep_of_return))}
    out = []
    seen = set()
    for dep, volume, ot_base, ot_met, rated, satisfied in rows:
        seen.add(dep)
        dep_f = replace(base, department_ids=(dep,))
        out.append(LeagueRow(
            dep, pick(*names.departments.get(dep, (dep, dep))), volume,
            Rate(int(ot_met), int(ot_base), Drill(dep_f, "on_time_met"), Drill(dep_f, "on_time_base")),
            returns.get(dep, 0), Drill(base, "returned_from", dep),
            Rate(int(satisfied), int(rated), Drill(dep_f, "satisfied"), Drill(dep_f, "rated")), Drill(dep_f)))
    for dep, n in returns.items():
        if dep and dep not in seen:  # returned everything it got: still on the table
            dep_f = replace(base, department_ids=(dep,))
            out.append(LeagueRow(dep, pick(*names.departments.get(dep, (dep, dep))), 0,
                                 Rate(0, 0, Drill(dep_f, "on_time_met"), Drill(dep_f, "on_time_base")), n,
                                 Drill(base, "returned_from", dep),
                                 Rate(0, 0, Drill(dep_f, "satisfied"), Drill(dep_f, "rated")), Drill(dep_f)))
    out.sort(key=lambda r: (-r.volume, r.department_name))
    return tuple(out)


def trend(store: Store, actor: Actor, period: Period, scope: Scope = Scope(), days: int = TREND_DAYS) -> tuple[TrendPoint, ...]:
    """Intake per day for the `days` days ending on the period's last day, or today if that is
    earlier (a month not over yet ends today), zeros included."""
    end = min(period.date_to, store.now().astimezone(store.calendar().tz).date())
    window = Period(end - timedelta(days=days - 1), end)
    base = cohort_filter(window, scope)
    with store.read() as s:
        per_day = _group(s, _conditions(store, actor, base), W.created_local_date)
    out = []
    for i in range(days):
        day = (window.date_from + timedelta(days=i)).isoformat()
        out.append(TrendPoint(day, per_day.get(day, 0), Drill(replace(base, date_from=day, date_to=day))))
    return tuple(out)


def figures_json(fig: Figures) -> dict[str, Any]:
    """A compact JSON view (for `desk report --json` and for tests)."""
    def rate(r: Rate) -> dict:
        return {"numerator": r.numerator, "denominator": r.denominator, "value": r.value}

    def buckets(bs) -> list:
        return [{"key": b.key, "label": b.label, "count": b.count} for b in bs]

    return {
        "period": [fig.period.date_from.isoformat(), fig.period.date_to.isoformat()],
        "intake": fig.intake,
        "rates": {k: rate(getattr(fig, k)) for k in ("answered_at_desk", "response", "on_time", "solved",
                                                     "satisfaction", "returned", "reopened", "extended",
                                                     "called_back")},
        "avg_accept_hours": fig.avg_accept_hours, "avg_resolve_hours": fig.avg_resolve_hours,
        **{k: buckets(getattr(fig, k)) for k in ("by_channel", "by_kind", "by_category", "by_area", "by_hour",
                                                 "by_weekday", "by_department", "backlog")},
        "open_now": fig.open_now, "overdue_count": fig.overdue_count,
        "extension_requests": fig.extension_requests,
        "hot_topics": [{"category": t.category_name, "place": t.place, "level": t.level, "count": t.count}
                       for t in fig.hot_topics],
        "league": [{"department": r.department_name, "volume": r.volume, "on_time": rate(r.on_time),
                    "returns": r.returns, "satisfaction": rate(r.satisfaction)} for r in fig.league],
        "trend": [{"day": p.day, "count": p.count} for p in fig.trend],
    }

