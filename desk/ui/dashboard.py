"""The supervisor's dashboard (数据看板): the station's pulse for a period and scope.

Every number comes from desk.services.figures (the same code as the printed summaries) and is
computed on the database worker; every figure, chart segment and list leads to the work queue
filtered to exactly the orders it counts (figures.drill_filter). It refreshes when orders
change, and "Print this" draws the matching summary PDF from the figures on screen.
"""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from desk.services import dashboard_data, figures, reference
from desk.services import figure_glossary as glossary
from desk.services.dto import OrderFilter
from desk.services.figures import Figures
from desk.rules.permissions import Permission
from desk.ui.charts import BarChart, TrendChart, theme_name
from desk.ui.context import DeskContext
from desk.ui.dashboard_drill import DashboardDrills
from desk.ui.dashboard_period import PeriodChooser
from desk.ui.dashboard_render import TILES, DashboardRendering
from desk.ui.dashboard_tables import HotTopicsView, LeagueTable, OrderListTable
from desk.ui.dashboard_tiles import FigureTile, tile_stylesheet
from desk.ui.errors import describe
from desk.ui.widgets import Retranslating

CHARTS = ("hour", "weekday", "category", "area", "trend", "backlog")


class DashboardScreen(DashboardRendering, DashboardDrills, Retranslating, QWidget):
    drill_requested = Signal(object, str)  # OrderFilter, caption for the queue
    open_order = Signal(str)
    loaded = Signal()  # figures (and lists) on screen; tests and measurements wait for it

    REFRESH_DELAY_MS = 800  # orders change in bursts (a visit with three matters): refresh once

    def __init__(self, ctx: DeskContext, parent=None, *, in_steps: bool = False):
        """`in_steps`: only its state here, its widgets a part per build_step(), which the window
        calls a turn apart (built at once it held the window ~100 ms on first opening, issue 20)."""
        super().__init__(parent)
        self.ctx = ctx
        self.fig: Optional[Figures] = None
        self.previous: Optional[dashboard_data.Previous] = None
        self.details: Optional[dashboard_data.Details] = None
        self._generation = 0
        self._stale = True
        self._theme = ""
        self._restyling = False
        self._supervised: set[str] = set()
        self.remote = False  # showing the all-stations figures of the central server
        self._fetch_failure = ""  # the message shown when the centre could not be reached
        self._reference_loaded = False
        self.go_action: Optional[QAction] = None  # set by connect_dashboard
        self._tiles_placed = False  # the tiles join the screen in a part of their own
        self._in_steps = in_steps
        self._steps = [self._make_bar, self._make_tiles, self._make_charts, self._make_lists, self._finish]
        if not in_steps:
            while self.build_step():
                pass

    def build_step(self) -> bool:
        """Make the next part of the screen; False once it is complete."""
        if self._steps:
            self._steps.pop(0)()
        return bool(self._steps)

    def _make_bar(self) -> None:
        # The tiles' stylesheet before any child is added: set after, it restyles every widget
        # of the screen again (~90 ms on a loaded machine, issue 20).
        self.setStyleSheet(tile_stylesheet(QApplication.font().pointSizeF()))
        self.title = QLabel(objectName="dashTitle")
        self.chooser = PeriodChooser(self)
        self.chooser.changed.connect(self.reload)
        self.all_stations = QCheckBox(objectName="allStations")
        self.all_stations.setEnabled(False)
        self.all_stations.toggled.connect(lambda _on: self.reload())
        self.refresh_button = QPushButton(objectName="refreshDashboard", clicked=lambda: self.reload())
        self.refresh_button.setShortcut(QKeySequence("Ctrl+R"))
        self.print_button = QPushButton(objectName="printDashboard", clicked=lambda: self.print_summary())
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.status = QLabel(objectName="dashStatus")
        self.status.setWordWrap(True)
        self.message = QLabel(objectName="dashMessage")
        self.message.setWordWrap(True)

    def _make_tiles(self) -> None:
        self.tiles = {spec.key: FigureTile(spec.key, spec.higher_is_better) for spec in TILES}
        for spec in TILES:
            self.tiles[spec.key].clicked.connect(lambda k=spec.key: self._tile_drill(k, base=False))
            self.tiles[spec.key].base_clicked.connect(lambda k=spec.key: self._tile_drill(k, base=True))

    def _make_charts(self) -> None:
        self.charts = {key: (TrendChart() if key == "trend" else BarChart(horizontal=key in ("category", "area")))
                       for key in CHARTS}
        for key, chart in self.charts.items():
            chart.setObjectName(f"chart_{key}")
            chart.segment_clicked.connect(lambda i, k=key: self._chart_drill(k, i))

    def _make_lists(self) -> None:
        self.hot_topics = HotTopicsView()
        self.hot_topics.topic_activated.connect(self._hot_topic_drill)
        self.hot_topics.order_activated.connect(self._open_order)
        self.overdue = OrderListTable("overdueTable")
        self.overdue.order_activated.connect(self._open_order)
        self.overdue.action_clicked.connect(self._order_action)
        self.extensions = OrderListTable("extensionTable")
        self.extensions.order_activated.connect(self._open_order)
        self.extensions.action_clicked.connect(self._order_action)
        for table in (self.overdue, self.extensions):
            table.later = self.ctx.runner.later
        self.league = LeagueTable()
        self.league.cell_drill.connect(self._league_drill)
        self.section_titles = {k: QLabel(objectName="sectionTitle") for k in ("hot", "overdue", "extensions", "league")}
        self.show_all_overdue = QPushButton(objectName="showAllOverdue", clicked=lambda: self._tile_drill("overdue"))
        self.show_all_extensions = QPushButton(objectName="showAllExtensions",
                                               clicked=lambda: self._tile_drill("extension_requests"))

    def _finish(self) -> None:
        self._refresh_timer = QTimer(self, singleShot=True, interval=self.REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self.ctx.changed.connect(self._on_changed)
        self.ctx.actor_changed.connect(self._actor_changed)
        self.retranslate()
        self._restyle()
        self._build_layout()  # last: its parts may run at once (tests), the figures asked for after them

    # -- layout ----------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.chooser)
        bar.addStretch(1)
        for w in (self.all_stations, self.refresh_button, self.print_button):
            bar.addWidget(w)
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(8)
        chart_grid = QGridLayout()
        self.panel_grid = lists = QGridLayout()
        self._panels = 0
        # The charts and the lists join the screen a row per turn of the event loop: every
        # widget put into the shown window is styled by the theme, and all at once that held the
        # window for ~250 ms the first time the dashboard opened (issue 20). They exist from the
        # start, so figures arriving early are drawn into them all the same.
        rows = [lambda i=i: [chart_grid.addWidget(self.charts[key], i, c) for c, key in enumerate(CHARTS[2 * i:2 * i + 2])]
                for i in range((len(CHARTS) + 1) // 2)]
        rows += [lambda: (self.add_panel(self.section_titles["hot"], self.hot_topics),
                          self.add_panel(self.section_titles["league"], self.league)),
                 lambda: (self.add_panel(self.section_titles["overdue"], self.overdue, self.show_all_overdue),
                          self.add_panel(self.section_titles["extensions"], self.extensions, self.show_all_extensions))]
        for grid in (chart_grid, lists):
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)

        body = QWidget(objectName="dashBody")
        column = QVBoxLayout(body)
        column.addLayout(self.tile_grid)
        column.addLayout(chart_grid)
        column.addLayout(lists)
        from desk.ui.knowledge_usage import KnowledgeUsagePanel

        self.kb_usage = KnowledgeUsagePanel(self.ctx)  # answers used, questions without an entry (issue 18)
        self._kb_box = QVBoxLayout()
        column.addLayout(self._kb_box)
        rows.append(lambda: self._kb_box.addWidget(self.kb_usage))
        column.addStretch(1)
        self.scroll = QScrollArea(objectName="dashScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        # Shown while being built (lazy_tab.py): the figures are asked for once every part is in
        # (the worker's Python shared the GIL with the turns adding them); built once they are in.
        parts = [self._place_tiles, *rows, lambda: self.isVisible() and self._shown()]
        if self._in_steps:
            self._steps += parts
        else:
            self._add_in_turns(parts)

    def add_panel(self, title: QLabel, widget: QWidget, extra: Optional[QWidget] = None) -> None:
        """One more titled panel below the charts, two to a row (hot topics, league, overdue,
        extensions; other features add theirs the same way). `title` is retranslated by its
        owner; give it objectName "sectionTitle" for the section style."""
        head = QHBoxLayout()
        head.addWidget(title, 1)
        if extra is not None:
            head.addWidget(extra)
        box = QVBoxLayout()
        box.addLayout(head)
        box.addWidget(widget)
        self.panel_grid.addLayout(box, self._panels // 2, self._panels % 2)
        self._panels += 1

    def _place_tiles(self) -> None:
        self._tiles_placed = True
        per_row = 5 if QApplication.instance().property("desk_large_text") else 7
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
        for i, spec in enumerate(TILES):
            self.tile_grid.addWidget(self.tiles[spec.key], i // per_row, i % per_row)
        for c in range(7):
            self.tile_grid.setColumnStretch(c, 1 if c < per_row else 0)

    def _restyle(self) -> None:
        """Tile sizes follow the application font (large text); colours follow the theme."""
        qss = tile_stylesheet(QApplication.font().pointSizeF())
        if qss != self.styleSheet():
            self._restyling = True
            self.setStyleSheet(qss)
            self._restyling = False
        if self._tiles_placed:
            self._place_tiles()
        if self._theme != theme_name() and self.fig is not None:
            self._render()
        self._theme = theme_name()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and not self._restyling:
            QTimer.singleShot(0, self, self._restyle)  # after the new stylesheet settles (not if closed)
        super().changeEvent(event)

    # -- texts -----------------------------------------------------------------------------------
    def tile_titles(self) -> dict[str, tuple[str, str]]:
        """figure -> (title, its definition): the glossary's words, the same as on the printed
        summary's glossary page, with the rules the figures on screen were counted with."""
        return {e.key: (e.name, e.text) for e in glossary.entries(self.fig, tuple(spec.key for spec in TILES))}

    def chart_titles(self) -> dict[str, str]:
        return {"hour": self.tr("Intake by hour of day"), "weekday": self.tr("Intake by weekday"),
                "category": self.tr("Intake by category"), "area": self.tr("Intake by residential area"),
                "trend": self.tr("Intake per day, last {n} days").format(n=len(self.fig.trend) if self.fig else 30), "backlog": self.tr("Open orders by age")}

    def retranslate(self) -> None:
        self._title()
        self.all_stations.setText(self.tr("All stations"))
        self._all_stations_tooltip()
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute the figures again (Ctrl+R)"))
        self.print_button.setText(self.tr("Print this"))
        self.print_button.setToolTip(self.tr("Save the matching summary report as a PDF and open it (Ctrl+P)"))
        self._hints()
        self.hot_topics.set_headers((self.tr("Topic"), self.tr("Orders"), self.tr("Where"), self.tr("Dates")))
        order_headers = (self.tr("Ticket"), self.tr("Matter"), self.tr("Department"), self.tr("Resolve by"),
                         self.tr("Action"))
        self.overdue.set_headers(order_headers)
        self.extensions.set_headers(order_headers)
        self.league.set_headers((self.tr("Department"), self.tr("Volume"), self.tr("On time"), self.tr("Returns"),
                                 self.tr("Satisfaction")))
        self.show_all_overdue.setText(self.tr("Show all in the queue"))
        self.show_all_extensions.setText(self.tr("Show all in the queue"))
        tabs = self._tabs()
        if tabs is not None:
            tabs.setTabText(tabs.indexOf(self), self.tr("Dash&board"))
        if self.go_action is not None:
            self.go_action.setText(self.tr("Dash&board"))
        if self.fig is not None:
            self.reload()  # category and weekday names come from the core in its language
        else:
            self._section_titles()

    def _title(self) -> None:
        self.title.setText(self.tr("Dashboard · all stations") if self.remote else self.tr("Dashboard"))

    def _hints(self) -> None:
        """Tooltips of the figures: where a click leads, or (all stations) why it leads nowhere."""
        hint = (self.tr("All-stations figures: other stations' orders are not in this desk, so a click "
                        "does not open the work queue") if self.remote else
                self.tr("Click to see these orders in the work queue"))
        for key, (title, what) in self.tile_titles().items():
            self.tiles[key].set_title(title, f"{what}\n{hint}")
        for chart in self.charts.values():
            chart.hint = hint

    def _all_stations_tooltip(self) -> None:
        if self.all_stations.isEnabled():
            self.all_stations.setToolTip(self.tr("Figures of every station, from the central server"))
        else:
            self.all_stations.setToolTip(self.tr("All stations' figures come from the central server: "
                                                 "available once a server is set up for sync"))

    def _section_titles(self) -> None:
        fig = self.fig
        self.section_titles["hot"].setText(
            self.tr("Hot topics: the same matter in the same place ({period})").format(
                period=fig.hot_window.text() if fig else "—"))
        self.section_titles["league"].setText(self.tr("Department league"))
        self.section_titles["overdue"].setText(self.tr("Overdue now: {n}").format(n=fig.overdue_count if fig else 0))
        self.section_titles["extensions"].setText(
            self.tr("Extension requests waiting: {n}").format(n=fig.extension_requests if fig else 0))

    # -- loading ---------------------------------------------------------------------------------
    def _today(self):
        return self.ctx.store.now().astimezone(self.ctx.tz).date()

    def allowed(self) -> bool:
        return self.ctx.may(Permission.VIEW_DASHBOARD)

    def reload(self) -> None:
        """Compute the figures on the worker; comparison and lists follow in later jobs so the
        headline shows first."""
        if not self.allowed():
            return
        self._refresh_timer.stop()
        self._stale = False
        self.chooser.set_today(self._today())
        self._generation += 1
        gen = self._generation
        period, scope = self.chooser.period(), self.chooser.scope()
        remote = self.all_stations.isChecked() and self.all_stations.isEnabled()
        self.status.setText((self.tr("Fetching every station's figures for {period} from the central server…")
                             if remote else self.tr("Computing {period}…")).format(period=period.text()))
        self.kb_usage.refresh(period)
        arrived, failed = (lambda fig: self._figures_arrived(gen, fig, remote)), (lambda exc: self._failed(gen, exc, remote))
        if remote:
            self._from_centre(dashboard_data.prepare_all_stations, (period, scope), arrived, failed)
        else:
            self.ctx.as_actor(figures.compute, period, scope, on_done=arrived, on_error=failed)
        self.ctx.call(dashboard_data.all_stations_available, on_done=self._set_all_stations_available)

    def _figures_arrived(self, gen: int, fig: Figures, remote: bool) -> None:
        if gen != self._generation:
            return
        self.fig, self.previous, self.details = fig, None, None
        self.remote = remote
        if remote and self._fetch_failure and self.message.text() == self._fetch_failure:
            self.message.clear()  # the centre answers again: the old failure no longer holds
        self._render(then=lambda: self._load_the_rest(gen, fig, remote))

    def _load_the_rest(self, gen: int, fig: Figures, remote: bool) -> None:
        """The lists' details and the previous period, once the figures are drawn."""
        if not remote:
            self.ctx.as_actor(dashboard_data.load_details, fig, on_done=lambda d: self._details_arrived(gen, d),
                              on_error=lambda exc: self._failed(gen, exc))
        arrived, failed = (lambda prev: self._previous_arrived(gen, prev)), (lambda exc: self._failed(gen, exc, remote))
        if remote:
            self._from_centre(dashboard_data.prepare_previous_all_stations, (fig,), arrived, failed)
        else:
            self.ctx.as_actor(dashboard_data.previous_figures, fig, on_done=arrived, on_error=failed)

    def _from_centre(self, prepare: Callable, args: tuple, on_done, on_error) -> None:
        """What the centre is asked is read on the database worker; the asking runs on the network
        lane, so a slow centre never holds up the database's answers (the queue, a save)."""
        self.ctx.as_actor(prepare, *args, on_error=on_error,
                          on_done=lambda fetch: self.ctx.runner.run_network(fetch, on_done=on_done, on_error=on_error))

    def _details_arrived(self, gen: int, details: dashboard_data.Details) -> None:
        if gen != self._generation or self.fig is None:
            return
        self.details = details
        self._render_lists()

    def _previous_arrived(self, gen: int, previous: dashboard_data.Previous) -> None:
        if gen != self._generation or self.fig is None:
            return
        self.previous = previous
        self._render_deltas()
        self.loaded.emit()

    def _failed(self, gen: int, exc: BaseException, remote: bool = False) -> None:
        if gen != self._generation:
            return
        if remote:
            # The centre is out of reach (or refused): say so, and show this station instead.
            self._fetch_failure = self.tr("The all-stations figures could not be fetched: {reason} "
                                          "Showing this station's figures.").format(reason=describe(exc))
            self.message.setText(self._fetch_failure)
            self.all_stations.blockSignals(True)
            self.all_stations.setChecked(False)
            self.all_stations.blockSignals(False)
            self.reload()
            return
        self.status.setText(describe(exc))

    def _set_all_stations_available(self, available: bool) -> None:
        self.all_stations.setEnabled(bool(available))
        if not available and self.all_stations.isChecked():
            self.all_stations.setChecked(False)
        self._all_stations_tooltip()

    def _on_changed(self, kinds) -> None:
        if not kinds & {"orders", "reference", "station", "settings"}:
            return
        if self.remote and not kinds - {"orders"}:
            return  # this desk's edits reach the all-stations figures only after a sync
        if kinds & {"reference"}:
            self._reference_loaded = False
        if self.isVisible() and self.allowed():
            self._refresh_timer.start()
        else:
            self._stale = True

    def _actor_changed(self) -> None:
        self._stale = True
        if not self.allowed():
            self._generation += 1
            self.fig = self.previous = self.details = None
            return
        if not self._reference_loaded:
            self._load_reference()
        if self.isVisible():
            self.reload()

    def _load_reference(self) -> None:
        def load(store):
            return reference.list_departments(store), reference.list_categories(store), reference.list_areas(store)

        def done(data) -> None:
            self._reference_loaded = True
            self.chooser.blockSignals(True)
            self.chooser.set_reference(*data)
            self.chooser.blockSignals(False)

        self.ctx.runner.run(load, self.ctx.store, on_done=done)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._steps:  # else the last of _build_layout's parts does this, the screen complete
            self._shown()

    def _shown(self) -> None:
        if not self._reference_loaded and self.allowed():
            self._load_reference()
        if self._stale or (self.fig is not None and self.fig.period.kind == "day"
                           and self.chooser.preset.currentData() == "today" and self.fig.period.date_to != self._today()):
            self.reload()

    # -- helpers ---------------------------------------------------------------------------------
    def _tabs(self):
        from PySide6.QtWidgets import QTabWidget

        w = self.parentWidget()
        while w is not None and not isinstance(w, QTabWidget):
            w = w.parentWidget()
        return w


# -- the hook into the desk window -----------------------------------------------------------------
def connect_dashboard(window, dash: DashboardScreen) -> None:
    """Wire a newly built dashboard into the window (desk/ui/main_window.py owns its tab, the
    F6 action and who may see it): drill-downs open the work queue filtered to the counted
    orders."""
    dash.go_action = window.dashboard_action
    if dashboard_data.all_stations_source() is None:
        # All-stations figures come from the central server once this desk syncs with one.
        from desk.sync import figures_remote

        dashboard_data.set_all_stations_source(figures_remote.prepare_fetch, figures_remote.configured)

    def drill_to_queue(f: OrderFilter, caption: str) -> None:
        window.queue.show_filter(f, caption)
        window.tabs.setCurrentWidget(window.queue)

    dash.drill_requested.connect(drill_to_queue)
    dash.open_order.connect(window.open_order)
    dash.retranslate()
