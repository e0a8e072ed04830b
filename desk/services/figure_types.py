"""The values the figures are handed out in: periods, scope, drills, rates, buckets and the
whole `Figures`. Plain frozen dataclasses (no SQL), so the wire codec (figures_wire), the printed
summaries and the screens read them without touching the database.

Fields added since the first all-stations format carry defaults: a desk reading figures from an
older central server gets None (shown as "—") instead of failing (figures_wire is additive)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Optional

from desk.services import validation
from desk.services.dto import OrderFilter, OrderRow
from desk.rules.enums import Status

COUNTED_STATUSES = tuple(s.value for s in Status if s != Status.VOIDED)


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
    solved: Rate  # resident-judged (the callback's answer); the department's claim is below
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
    # Added with the definitions of issue 16 (defaults: what an older central server means).
    solved_by_department: Optional[Rate] = None  # the department's own claim, beside `solved`
    unsatisfied: Optional[Rate] = None  # rated below the satisfied rule ÷ rated
    first_contact: Optional[Rate] = None  # 先行联系 within the limit
    satisfied_at_least: int = 4  # the rule `satisfaction` was counted with (older servers: 4)
    first_contact_hours: int = 24
    overdue_pended: int = 0  # of overdue_count: pending orders that were already late when pended


def cohort_filter(period: Period, scope: Scope) -> OrderFilter:
    """The period's cohort: orders registered in it (local date), not voided, in the scope."""
    return OrderFilter(statuses=COUNTED_STATUSES, date_from=period.date_from.isoformat(),
                       date_to=period.date_to.isoformat(), department_ids=scope.department_ids,
                       category_ids=scope.category_ids, area_ids=scope.area_ids)
