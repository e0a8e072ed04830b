"""What the dashboard shows: the tiles (value, what it counts over, the change from the previous
period), the charts and the lists, from the Figures on screen. A mixin of DashboardScreen
(desk/ui/dashboard.py), which owns the widgets; its texts are translated in that screen's
context, so lupdate and the running screen agree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Optional

from PySide6.QtCore import QCoreApplication

from desk.services.figures import Rate
from desk.ui.charts import BarSet

CHART_ORDER = ("hour", "weekday", "category", "area", "trend", "backlog")
QUIET_HOURS = frozenset(range(22, 24)) | frozenset(range(0, 6))  # the 22:00–06:00 noise rule


@dataclass(frozen=True)
class TileSpec:
    key: str
    kind: str  # count (compared), rate (compared), now (state now, not compared)
    higher_is_better: Optional[bool]


# Keys are Figures fields (and figure_glossary entries: the tile's title and tooltip).
TILES = (
    TileSpec("intake", "count", None), TileSpec("answered_at_desk", "rate", True),
    TileSpec("open_now", "now", False), TileSpec("overdue", "now", False),
    TileSpec("response", "rate", True), TileSpec("first_contact", "rate", True),
    TileSpec("on_time", "rate", True), TileSpec("solved", "rate", True),
    TileSpec("solved_by_department", "rate", None),  # the department's claim, beside the residents' word
    TileSpec("satisfaction", "rate", True), TileSpec("unsatisfied", "rate", False),
    TileSpec("returned", "rate", False), TileSpec("reopened", "rate", False),
    TileSpec("extension_requests", "now", None),
)



class DashboardRendering:
    """Filling DashboardScreen's widgets from self.fig, self.previous and self.details."""

    def _render(self, then=None) -> None:
        """`then`: called after the last chart and table is drawn (the details' and the previous
        period's jobs: on the worker meanwhile, their Python shared the GIL with every drawing turn)."""
        fig = self.fig
        self._title()
        self._hints()
        tz = self.ctx.tz
        scope = self.chooser.scope_text()
        computed = fig.computed_at.astimezone(tz).strftime("%H:%M")
        where = QCoreApplication.translate("DashboardScreen", "all stations") if self.remote else ""
        self.status.setText(QCoreApplication.translate("DashboardScreen", "{period}{scope}: figures computed at {time}; compared with {previous}").format(
            period=fig.period.text(), scope="".join(f" · {x}" for x in (scope, where) if x),
            time=computed, previous=fig.period.previous().text()))
        of = QCoreApplication.translate("DashboardScreen", "{n} of {d}")
        for spec in TILES:
            tile = self.tiles[spec.key]
            value = getattr(fig, "overdue_count" if spec.key == "overdue" else spec.key)
            if value is None:  # a figure an older central server does not send
                tile.show_rate(Rate(0, 0, fig.intake_drill, fig.intake_drill), "—")
            elif isinstance(value, Rate):
                tile.show_rate(value, of.format(n=f"{value.numerator:,}", d=f"{value.denominator:,}"))
            else:
                tile.show_count(int(value))
            if spec.kind == "now":
                tile.show_delta(QCoreApplication.translate("DashboardScreen", "as of {time}").format(time=computed), None)
            else:
                tile.show_delta(QCoreApplication.translate("DashboardScreen", "comparing with the previous period…"), None)
        self._section_titles()
        if self.previous is not None:
            self._render_deltas()
        # The charts and tables follow one per turn of the event loop: drawn at once they held
        # the window for ~250 ms on a million orders (issue 20).
        self._render_in_turns([*(partial(self._render_chart, key) for key in CHART_ORDER), self._render_tables, self._render_lists,
                               *((then,) if then else ())])

    def _render_in_turns(self, steps) -> None:
        gen, fig = self._generation, self.fig

        def step(rest) -> None:
            import shiboken6

            if not shiboken6.isValid(self) or gen != self._generation or self.fig is not fig:
                return  # closed, or newer figures arrived: their own render draws everything
            rest[0]()
            if len(rest) > 1:
                self.ctx.runner.later(lambda: step(rest[1:]))

        self.ctx.runner.later(lambda: step(steps))

    def _add_in_turns(self, steps) -> None:
        def step(rest) -> None:
            import shiboken6

            if shiboken6.isValid(self):
                rest[0]()
                if len(rest) > 1:
                    self.ctx.runner.later(lambda: step(rest[1:]))

        self.ctx.runner.later(lambda: step(steps))

    def _render_tables(self) -> None:
        fig, tz = self.fig, self.ctx.tz
        self.league.show_league(fig.league)
        for table in (self.overdue, self.extensions):  # no actions on other stations' orders
            table.setColumnHidden(table.columnCount() - 1, self.remote)
        for button in (self.show_all_overdue, self.show_all_extensions):
            button.setEnabled(not self.remote)
            button.setToolTip(QCoreApplication.translate("DashboardScreen", "All-stations figures cannot be opened in this station's work queue.")
                              if self.remote else "")
        self._supervised = {r.id for r in fig.overdue if r.supervised}
        # Other stations' orders are supervised at their own desk (or centrally), not from here.
        self.overdue.show_rows(fig.overdue, tz, () if self.remote else (("supervise", QCoreApplication.translate("DashboardScreen", "Supervise")),),
                               {oid: QCoreApplication.translate("DashboardScreen", "Supervised") for oid in self._supervised})

    def _render_chart(self, key: str) -> None:
        fig, titles = self.fig, self.chart_titles()
        if key == "hour":
            day = [0 if int(b.key) in QUIET_HOURS else b.count for b in fig.by_hour]
            night = [b.count if int(b.key) in QUIET_HOURS else 0 for b in fig.by_hour]
            self.charts["hour"].set_bars(titles["hour"], [b.label for b in fig.by_hour],
                                         [BarSet(QCoreApplication.translate("DashboardScreen", "06:00–22:00"), day),
                                          BarSet(QCoreApplication.translate("DashboardScreen", "Quiet hours 22:00–06:00 (noise rule)"), night, warn=True)],
                                         show_values=False)
        elif key == "trend":
            self.charts["trend"].set_points(titles["trend"], [p.day[5:] for p in fig.trend], [p.count for p in fig.trend],
                                            QCoreApplication.translate("DashboardScreen", "Orders"))
        else:
            buckets = {"weekday": fig.by_weekday, "category": fig.by_category, "area": fig.by_area,
                       "backlog": fig.backlog}[key]
            self.charts[key].set_bars(titles[key], [b.label for b in buckets],
                                      [BarSet(QCoreApplication.translate("DashboardScreen", "Orders"), [b.count for b in buckets])])

    def _render_lists(self) -> None:
        fig, details = self.fig, self.details
        tz = self.ctx.tz
        levels = {"address": QCoreApplication.translate("DashboardScreen", "same address"), "lane": QCoreApplication.translate("DashboardScreen", "same lane")}
        self.hot_topics.show_topics(fig.hot_topics, details.hot_topic_orders if details else (), tz, levels)
        self.extensions.show_rows(details.extension_rows if details else (), tz,
                                  (("approve_extension", QCoreApplication.translate("DashboardScreen", "Approve")), ("refuse_extension", QCoreApplication.translate("DashboardScreen", "Refuse"))))

    def _render_deltas(self) -> None:
        fig, prev = self.fig, self.previous
        for spec in TILES:
            if spec.kind == "now":
                continue
            now_value = getattr(fig, spec.key)
            if now_value is None or (spec.key != "intake" and spec.key not in prev.rates):
                self.tiles[spec.key].show_delta("", None)
                continue
            prev_value = prev.get(spec.key)
            if isinstance(now_value, Rate):
                if now_value.value is None or prev_value.value is None:
                    text, change = QCoreApplication.translate("DashboardScreen", "previous period: {previous}").format(previous=prev_value.percent()), None
                else:
                    change = (now_value.value - prev_value.value) * 100
                    text = QCoreApplication.translate("DashboardScreen", "{change} points vs. previous ({previous})").format(
                        change=_signed(change, 1), previous=prev_value.percent())
            else:
                change = now_value - prev_value
                text = QCoreApplication.translate("DashboardScreen", "{change} vs. previous ({previous})").format(change=_signed(change, 0),
                                                                             previous=f"{prev_value:,}")
            self.tiles[spec.key].show_delta(text, change)
        if prev.until is not None:  # a period still running: compared with the same hours
            tz = self.ctx.tz
            self.status.setText(self.status.text() + QCoreApplication.translate("DashboardScreen", " (up to the same time: {until})").format(
                until=prev.until.astimezone(tz).strftime("%m-%d %H:%M")))


def _signed(value: float, decimals: int) -> str:
    if round(value, decimals) == 0:
        return "±0"
    return f"{value:+,.{decimals}f}".replace("-", "−")
