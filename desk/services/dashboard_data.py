"""What the dashboard asks the database worker for, beyond `figures.compute`: the rows behind
the lists (hot topics' orders, waiting extension requests), the comparison with the previous
period (the same hours of it while the period is still running), and the hook for the
all-stations figures the central server serves. (The printed summary of the figures on screen
is desk.printing.report.print_figures.)

Qt-free on purpose: these functions run on the worker thread and only call services.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone
from typing import Callable, Optional

from desk.services import figures, queries
from desk.services.dto import Actor, OrderRow
from desk.services.figures import Drill, Figures, Period, Rate, Scope
from desk.rules.permissions import Permission, require
from desk.services.store import Store

LIST_LIMIT = 50  # rows shown in the waiting-extensions list ("show all" drills to the queue)
# Orders shown under each hot topic (the topic itself drills to all of them in the queue): one
# busy address can gather thousands in the window, and building their rows took most of a
# second on a big file.
TOPIC_ROWS = 20

# The all-stations view: the window registers desk.sync.figures_remote.prepare_fetch (the same
# Figures for every station, computed by the central server) with its "is a server set up"
# check (the sync layer sits above this one, so it is handed in); tests may register others.
# A source runs on the database worker and returns the network call, which the window runs on
# its network lane: a slow centre never delays a database answer.
Fetch = Callable[[], Figures]
AllStationsSource = Callable[[Store, Actor, Period, Scope], Fetch]
_all_stations_source: Optional[AllStationsSource] = None
_configured: Callable[[Store], bool] = lambda store: False  # noqa: E731


def set_all_stations_source(source: Optional[AllStationsSource],
                            configured: Optional[Callable[[Store], bool]] = None) -> None:
    """Register (or remove, with None) the central server's all-stations figures; `configured`
    says whether this desk syncs with a server (kept from before when not given)."""
    global _all_stations_source, _configured
    _all_stations_source = source
    if configured is not None:
        _configured = configured


def all_stations_source() -> Optional[AllStationsSource]:
    return _all_stations_source


def all_stations_available(store: Store) -> bool:
    """The switch works once a source is registered and this desk syncs with a server (its
    address and token saved by `desk sync --save`)."""
    return _all_stations_source is not None and _configured(store)


def prepare_all_stations(store: Store, actor: Actor, period: Period, scope: Scope) -> Fetch:
    """On the database worker: the network call that fetches every station's figures."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    if _all_stations_source is None:
        raise RuntimeError("no all-stations source registered")
    return _all_stations_source(store, actor, period, scope)


COMPARED_RATES = ("answered_at_desk", "response", "first_contact", "on_time", "solved", "satisfaction",
                  "unsatisfied", "returned", "reopened")


@dataclass(frozen=True)
class Previous:
    """The previous period's compared figures: intake and the rates. `until`: set while the
    shown period is still running, the moment the previous period was cut at (the same hours
    of the previous day, the same days and hours of the previous week or month)."""

    period: Period
    intake: int
    rates: dict[str, Rate]
    until: Optional[datetime] = None

    def get(self, key: str):
        return self.intake if key == "intake" else self.rates[key]

    @classmethod
    def of(cls, fig: Figures) -> "Previous":
        return cls(fig.period, fig.intake, {k: getattr(fig, k) for k in COMPARED_RATES if getattr(fig, k) is not None})


def _shifted(drill: Drill, period: Period) -> Drill:
    return replace(drill, filter=replace(drill.filter, date_from=period.date_from.isoformat(),
                                         date_to=period.date_to.isoformat()))


def same_hours_cut(store: Store, period: Period, previous: Period) -> Optional[datetime]:
    """While `period` is still running (it ends today or later), the moment in `previous` that
    is as far from its start as now is from the start of `period` (UTC); None for a period that
    is over. "Today until 10:30" is compared with "yesterday until 10:30", not all of yesterday."""
    tz = store.calendar().tz
    now = store.now()
    if period.date_to < now.astimezone(tz).date():
        return None
    start = datetime.combine(period.date_from, time(0), tz)
    cut = datetime.combine(previous.date_from, time(0), tz) + (now - start)
    end = datetime.combine(previous.date_to + timedelta(days=1), time(0), tz)
    return min(cut, end).astimezone(timezone.utc)


def previous_figures(store: Store, actor: Actor, fig: Figures) -> Previous:
    """The same counts as `fig`'s headline, over the previous period (cut at the same hours
    while `fig`'s period is still running): each figure's own drill (figures' definition) moved
    to the previous dates and counted, all of them in one pass over the previous period's
    orders (figures.drill_counts). Much cheaper than a second `figures.compute`, which also
    rebuilds the state-now lists, hot topics and league."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    period = fig.period.previous()
    until = same_hours_cut(store, fig.period, period)
    keys = [k for k in COMPARED_RATES if getattr(fig, k) is not None]
    drills = [_shifted(fig.intake_drill, period)]
    for key in keys:
        rate: Rate = getattr(fig, key)
        drills += [_shifted(rate.drill, period), _shifted(rate.base, period)]
    counts = figures.drill_counts(store, actor, drills, registered_before=until)
    rates = {key: Rate(counts[1 + 2 * i], counts[2 + 2 * i], drills[1 + 2 * i], drills[2 + 2 * i])
             for i, key in enumerate(keys)}
    return Previous(period, counts[0], rates, until)


def prepare_previous_all_stations(store: Store, actor: Actor, fig: Figures) -> Callable[[], Previous]:
    """On the database worker: the network call that fetches the previous period to compare."""
    fetch = prepare_all_stations(store, actor, fig.period.previous(), fig.scope)
    return lambda: Previous.of(fetch())


@dataclass(frozen=True)
class Details:
    hot_topic_orders: tuple[tuple[OrderRow, ...], ...]  # one tuple per hot topic, same order
    extension_rows: tuple[OrderRow, ...]


def load_details(store: Store, actor: Actor, fig: Figures) -> Details:
    """The first orders behind each hot topic (TOPIC_ROWS, earliest first) and the waiting
    extension requests of `fig`."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    topics = figures.topic_orders(store, actor, fig.hot_topics, TOPIC_ROWS)
    extensions = tuple(queries.list_orders(store, actor, fig.extension_drill.filter, sort="resolve_due_at",
                                           descending=False, limit=LIST_LIMIT))
    return Details(topics, extensions)
