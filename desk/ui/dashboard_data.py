"""What the dashboard asks the database worker for, beyond `figures.compute`: the rows behind
the lists (hot topics' orders, waiting extension requests), the printed summary of the figures
on screen, and the hook for the all-stations figures a central server will serve.

Qt-free on purpose: these functions run on the worker thread and only call services.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Optional

from desk.i18n import pick
from desk.services import queries
from desk.services.dto import Actor, OrderRow
from desk.services import figures
from desk.services.figures import Drill, Figures, Period, Rate, Scope
from desk.services.permissions import Permission, require
from desk.services.store import Store

LIST_LIMIT = 50  # rows shown in the waiting-extensions list ("show all" drills to the queue)
# Orders shown under each hot topic (the topic itself drills to all of them in the queue): one
# busy address can gather thousands in the window, and building their rows took most of a
# second on a big file.
TOPIC_ROWS = 20

# The all-stations view: the window registers desk.sync.figures_remote.fetch_all_stations (the
# same Figures for every station, computed by the central server); tests may register others.
AllStationsSource = Callable[[Store, Actor, Period, Scope], Figures]
_all_stations_source: Optional[AllStationsSource] = None


def set_all_stations_source(source: Optional[AllStationsSource]) -> None:
    """Register (or remove, with None) the central server's all-stations figures."""
    global _all_stations_source
    _all_stations_source = source


def all_stations_source() -> Optional[AllStationsSource]:
    return _all_stations_source


def all_stations_available(store: Store) -> bool:
    """The switch works once a source is registered and this desk syncs with a server (its
    address and token saved by `desk sync --save`)."""
    from desk.sync.figures_remote import configured

    return _all_stations_source is not None and configured(store)


def register_central_source() -> None:
    """The window's source: the central server's figures (imported when first used)."""
    def fetch(store: Store, actor: Actor, period: Period, scope: Scope) -> Figures:
        from desk.sync.figures_remote import fetch_all_stations

        return fetch_all_stations(store, actor, period, scope)

    set_all_stations_source(fetch)


def compute_all_stations(store: Store, actor: Actor, period: Period, scope: Scope) -> Figures:
    require(actor.role, Permission.VIEW_DASHBOARD)
    if _all_stations_source is None:
        raise RuntimeError("no all-stations source registered")
    return _all_stations_source(store, actor, period, scope)


COMPARED_RATES = ("answered_at_desk", "response", "on_time", "solved", "satisfaction", "returned", "reopened")


@dataclass(frozen=True)
class Previous:
    """The previous period's compared figures: intake and the rates."""

    period: Period
    intake: int
    rates: dict[str, Rate]

    def get(self, key: str):
        return self.intake if key == "intake" else self.rates[key]

    @classmethod
    def of(cls, fig: Figures) -> "Previous":
        return cls(fig.period, fig.intake, {k: getattr(fig, k) for k in COMPARED_RATES})


def _shifted(drill: Drill, period: Period) -> Drill:
    return replace(drill, filter=replace(drill.filter, date_from=period.date_from.isoformat(),
                                         date_to=period.date_to.isoformat()))


def previous_figures(store: Store, actor: Actor, fig: Figures) -> Previous:
    """The same counts as `fig`'s headline, over the previous period: each figure's own drill
    (figures' definition) moved to the previous dates and counted, all of them in one pass
    over the previous period's orders (figures.drill_counts). Much cheaper than a second
    `figures.compute`, which also rebuilds the state-now lists, hot topics and league."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    period = fig.period.previous()
    drills = [_shifted(fig.intake_drill, period)]
    for key in COMPARED_RATES:
        rate: Rate = getattr(fig, key)
        drills += [_shifted(rate.drill, period), _shifted(rate.base, period)]
    counts = figures.drill_counts(store, actor, drills)
    rates = {key: Rate(counts[1 + 2 * i], counts[2 + 2 * i], drills[1 + 2 * i], drills[2 + 2 * i])
             for i, key in enumerate(COMPARED_RATES)}
    return Previous(period, counts[0], rates)


def previous_all_stations(store: Store, actor: Actor, fig: Figures) -> Previous:
    return Previous.of(compute_all_stations(store, actor, fig.period.previous(), fig.scope))


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


def report_kind(period: Period) -> str:
    """Which printed summary matches the period: 日报 for one day, 周报/月报 for a week/month;
    a custom range prints as a weekly (up to 7 days) or monthly summary of exactly that range,
    unless the report module knows a 'custom' title."""
    from desk.printing import report

    if period.date_from == period.date_to:
        return "daily"
    if period.kind in ("week", "month"):
        return {"week": "weekly", "month": "monthly"}[period.kind]
    if "custom" in report.TITLES:
        return "custom"
    return "weekly" if period.days <= 7 else "monthly"


ALL_STATIONS = ("全部站点", "All stations")


def default_report_name(store: Store, fig: Figures, *, remote: bool = False) -> str:
    from desk.printing import report

    title = pick(*report.TITLES[report_kind(fig.period)])
    if remote:
        title = f"{pick(*ALL_STATIONS)}-{title}"
    span = fig.period.date_from.isoformat() if fig.period.days == 1 else \
        f"{fig.period.date_from.isoformat()}_{fig.period.date_to.isoformat()}"
    return f"{title}-{span}.pdf"


@dataclass(frozen=True)
class Printed:
    path: Path
    kind: str
    pages: int


def print_figures(store: Store, actor: Actor, fig: Figures, path: str | Path, *, remote: bool = False) -> Printed:
    """Draw the summary PDF of exactly the figures on screen (the report module's layout);
    `remote`: the all-stations figures of the central server, titled so."""
    from desk.printing import report

    require(actor.role, Permission.VIEW_DASHBOARD)
    kind = report_kind(fig.period)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    station = store.station()
    name = pick(station.name, station.name_en or station.name)
    if remote:  # the centre's figures: short, the page header must still fit the period and time
        name = pick(f"{ALL_STATIONS[0]}（街道中心统计）", f"{ALL_STATIONS[1]} (central figures)")
    pages = report.render_report(fig, kind, out, station_name=name,
                                 printed_at=store.now().astimezone(store.calendar().tz),
                                 printed_by=actor.display_name)
    return Printed(out, kind, pages)
