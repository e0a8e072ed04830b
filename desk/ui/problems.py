"""问题清单 (Problems, F10, supervisors): the recurring problems the desk finds, and the register
the station tracks them in (每月一题).

"Found": the period's clusters, best score first, each with why its orders were grouped and its
time pattern; their orders one click away; "Take into the register" promotes one. "Register":
each problem's status, lead department, dated measures with their effect in words, and an
orders-per-week chart with the measures marked; suggested new orders to link. The whole-history
scan runs on its own thread with its progress shown, so the window and the desk's worker stay
free. Every service call runs off the GUI thread (ctx.as_actor / the scan runner)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from desk.i18n import by_language, label
from desk.services import reference
from desk.services.pulse import register as R
from desk.ui.context import DeskContext
from desk.ui.errors import describe
from desk.ui.problems_all_stations import AllStationsProblemsPage
from desk.ui.problems_chart import EffectChart
from desk.ui.problems_dialogs import MeasureDialog, OrdersDialog, PromoteDialog
from desk.ui.widgets import Retranslating, row_table
from desk.ui.worker import SyncRunner, ThreadRunner

PERIODS = ("last_month", "month", "quarter", "year", "all")
DEFAULT_PERIOD = 2  # the last 90 days: enough to see what recurs, on the first look


def _table(name: str, columns: int) -> QTableWidget:
    t = row_table(QTableWidget(0, columns, objectName=name))
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))
    header = table.horizontalHeader()
    for c in range(table.columnCount()):  # a stretched column keeps the width there is (it wraps)
        if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch:
            table.resizeColumnToContents(c)


class ProblemsScreen(Retranslating, QWidget):
    open_order = Signal(str)
    scan_progress = Signal(int, int)  # emitted on the scan thread, delivered on the GUI thread

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.found: list[R.ClusterView] = []
        self.problems: list[R.ProblemInfo] = []
        self.departments: list[tuple[str, str]] = []
        self._generation = 0
        self._wanted: int | None = None  # the problem to select when the register next arrives
        self._scan_runner = SyncRunner() if isinstance(ctx.runner, SyncRunner) else None
        self.title = QLabel(objectName="screenTitle")
        self.period = QComboBox(objectName="problemPeriod")
        self.period.currentIndexChanged.connect(lambda _i: self.reload_found())
        self.refresh_button = QPushButton(objectName="refreshProblems", clicked=lambda: self.reload())
        self.refresh_button.setShortcut(QKeySequence("Ctrl+R"))
        self.print_button = QPushButton(objectName="printProblems", clicked=lambda: self.print_register())
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.progress = QProgressBar(objectName="scanProgress")
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(220)
        self.message = QLabel(objectName="problemsMessage")
        self.message.setWordWrap(True)
        self.scan_progress.connect(self._scan_progressed)
        bar = QHBoxLayout()
        for w in (self.title, self.period, self.refresh_button, self.progress):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.print_button)

        # found
        self.found_table = _table("foundTable", 8)
        self.found_table.currentCellChanged.connect(lambda *_: self._found_selected())
        self.found_table.doubleClicked.connect(lambda _i: self.show_cluster_orders())
        self.why = QLabel(objectName="clusterWhy")
        self.why.setWordWrap(True)
        self.signals_label = QLabel(objectName="clusterSignals")
        self.orders_button = QPushButton(objectName="clusterOrders", clicked=lambda: self.show_cluster_orders())
        self.promote_button = QPushButton(objectName="promoteCluster", clicked=lambda: self.promote())
        found_page = QWidget()
        col = QVBoxLayout(found_page)
        col.addWidget(self.found_table, 1)
        col.addWidget(self.why)
        col.addWidget(self.signals_label)
        row = QHBoxLayout()
        row.addWidget(self.orders_button)
        row.addStretch(1)
        row.addWidget(self.promote_button)
        col.addLayout(row)

        # register
        self.register_table = _table("registerTable", 8)
        self.register_table.currentCellChanged.connect(lambda *_: self._problem_selected())
        self.measures_table = _table("measuresTable", 3)
        self.measures_table.setWordWrap(True)
        # The effect sentence wraps in the width there is (left to its contents, a long English one
        # ran off the right edge, its heading with it).
        self.measures_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.measures_table.activated.connect(lambda _i: self.edit_measure())  # Enter or double-click: correct it
        self.chart = EffectChart()
        self.status_combo = QComboBox(objectName="problemStatus")
        self.status_button = QPushButton(objectName="setProblemStatus", clicked=lambda: self.set_status())
        self.measure_button = QPushButton(objectName="addMeasure", clicked=lambda: self.add_measure())
        self.edit_button = QPushButton(objectName="editProblem", clicked=lambda: self.edit_problem())
        self.problem_orders_button = QPushButton(objectName="problemOrders", clicked=lambda: self.show_problem_orders())
        self.suggest_button = QPushButton(objectName="suggestedOrders", clicked=lambda: self.show_suggestions())
        register_page = QWidget()
        col = QVBoxLayout(register_page)
        split = QSplitter(objectName="problemsSplitter")
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.register_table)
        lower = QWidget()
        lower_row = QHBoxLayout(lower)
        lower_row.setContentsMargins(0, 0, 0, 0)
        lower_row.addWidget(self.measures_table, 1)
        lower_row.addWidget(self.chart, 1)
        split.addWidget(lower)
        col.addWidget(split, 1)
        row = QHBoxLayout()
        for w in (self.problem_orders_button, self.suggest_button, self.edit_button, self.measure_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.status_combo)
        row.addWidget(self.status_button)
        col.addLayout(row)

        self.pages = QTabWidget(objectName="problemPages")
        self.pages.addTab(found_page, "")
        self.pages.addTab(register_page, "")
        # Every station's register, grouped by the centre (issue 17): fetched when first shown.
        self.all_stations = AllStationsProblemsPage(ctx)
        self.pages.addTab(self.all_stations, "")
        self.pages.currentChanged.connect(
            lambda i: self.all_stations.ensure_loaded() if self.pages.widget(i) is self.all_stations else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        ctx.changed.connect(self._changed)
        self.setFocusProxy(self.found_table)  # F10 puts the keyboard in the list: Up/Down, Alt+T, Alt+O
        self.retranslate()
        self._buttons()

    # -- text -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Recurring problems"))
        keep = self.period.currentIndex() if self.period.count() else DEFAULT_PERIOD
        self.period.blockSignals(True)
        self.period.clear()
        for text in (self.tr("Last month"), self.tr("This month"), self.tr("Last 90 days"), self.tr("Last 12 months"),
                     self.tr("Whole history (scan)")):
            self.period.addItem(text)
        self.period.setCurrentIndex(keep)
        self.period.blockSignals(False)
        self.refresh_button.setText(self.tr("&Refresh"))
        self.print_button.setText(self.tr("&Print the register…"))
        self.pages.setTabText(0, self.tr("Found"))
        self.pages.setTabText(1, self.tr("Register"))
        self.pages.setTabText(2, self.tr("All stations"))
        self.found_table.setHorizontalHeaderLabels((
            self.tr("Score"), self.tr("Place"), self.tr("Category"), self.tr("Orders"), self.tr("Residents"),
            self.tr("Came back"), self.tr("Pattern"), self.tr("In the register")))
        self.register_table.setHorizontalHeaderLabels((
            self.tr("Problem no."), self.tr("Problem"), self.tr("Status"), self.tr("Lead department"), self.tr("Place"),
            self.tr("Orders"), self.tr("Open"), self.tr("Latest")))
        self.measures_table.setHorizontalHeaderLabels((self.tr("Date"), self.tr("Measure"), self.tr("Effect")))
        self.orders_button.setText(self.tr("Show its &orders"))
        self._promote_text()
        self.status_button.setText(self.tr("Set &status"))
        self.measure_button.setText(self.tr("Add a &measure…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.problem_orders_button.setText(self.tr("&Linked orders"))
        self._suggest_text(None)
        keep = self.status_combo.currentData()
        self.status_combo.clear()
        for s in R.STATUSES:
            self.status_combo.addItem(label("problem." + s), s)
        if keep:
            self.status_combo.setCurrentIndex(R.STATUSES.index(keep))

    def _suggest_text(self, count) -> None:
        self.suggest_button.setText(self.tr("Suggested orders") if count is None else
                                    self.tr("Suggested orders ({n})").format(n=count))

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.reload_found()
        self.reload_register()
        if not self.departments:
            self.ctx.call(reference.list_departments, on_done=self._departments, on_error=self._error)

    def _departments(self, deps) -> None:
        

        self.departments = [(d.id, by_language(d.name, d.name_en or d.name)) for d in deps if getattr(d, "active", True)]

    def _period_dates(self):
        today = self.ctx.store.now().astimezone(self.ctx.tz).date()
        kind = PERIODS[max(0, self.period.currentIndex())]
        if kind == "month":
            return today.replace(day=1), today
        if kind == "last_month":  # the month the monthly review (每月一题) looks back on
            end = today.replace(day=1) - timedelta(days=1)
            return end.replace(day=1), end
        return today - timedelta(days=89 if kind == "quarter" else 364), today

    def reload_found(self) -> None:
        if self.ctx.actor is None:
            return
        self._generation += 1
        gen = self._generation
        self.message.setText(self.tr("Looking for recurring problems…"))
        if PERIODS[max(0, self.period.currentIndex())] == "all":
            self.progress.setRange(0, 0)
            self.progress.setVisible(True)
            if self._scan_runner is None:
                self._scan_runner = ThreadRunner(self)  # its own thread: saves at intake never wait for it
            self._scan_runner.run(R.scan, self.ctx.store, self.ctx.actor, self.scan_progress.emit,
                                  on_done=lambda found: self._show_found(found, gen), on_error=self._error)
        else:
            a, b = self._period_dates()
            self.ctx.as_actor(R.find, a, b, on_done=lambda found: self._show_found(found, gen), on_error=self._error)

    def _scan_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.message.setText(self.tr("Scanning the history: year {done} of {total}…").format(done=done, total=total))

    def _show_found(self, found, gen: int) -> None:
        if gen != self._generation:
            return  # the period changed meanwhile
        self.progress.setVisible(False)
        self.found = found
        _fill(self.found_table, [(v.cluster.score, v.place, v.categories, v.cluster.orders, v.cluster.residents,
                                  v.cluster.came_back, v.pattern or "—",
                                  f"#{v.problem_number}" if v.problem_number else "") for v in found])
        self.found_table.setColumnWidth(2, min(self.found_table.columnWidth(2), 260))
        self.found_table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.message.setText(self.tr("{n} recurring problems found.").format(n=len(found)) if found else
                             self.tr("No recurring problem stands out in this period."))
        if found:
            self.found_table.selectRow(0)
        self._found_selected()

    def reload_register(self) -> None:
        if self.ctx.actor is not None:
            self.ctx.as_actor(R.problems, on_done=self._show_register, on_error=self._error)

    def _show_register(self, problems) -> None:
        current = self._problem()
        wanted = self._wanted if self._wanted is not None else current.number if current else None
        self._wanted = None
        self.problems = problems
        _fill(self.register_table, [(f"#{p.number}", p.title, p.status_text, p.department or "—", p.place, p.orders,
                                     p.open_orders, p.last_order or "—") for p in problems])
        if problems:
            row = next((i for i, p in enumerate(problems) if p.number == wanted), 0)
            self.register_table.selectRow(row)
        self._problem_selected()

    def _changed(self, kinds) -> None:
        if "problems" in kinds:
            self.reload_register()

    # -- found ------------------------------------------------------------------------------------
    def _cluster(self) -> R.ClusterView | None:
        r = self.found_table.currentRow()
        return self.found[r] if 0 <= r < len(self.found) else None

    def _found_selected(self) -> None:
        v = self._cluster()
        self.why.setText(v.why if v else "")
        self.signals_label.setText((v.signals + (f" · {v.pattern}" if v.pattern else "")) if v else "")
        self._buttons()

    def show_cluster_orders(self) -> None:
        v = self._cluster()
        if v is not None:
            self.ctx.as_actor(R.cluster_orders, v.cluster.order_ids, on_error=self._error,
                              on_done=lambda orders: self._orders_dialog(v.place + " · " + v.categories, v.why, orders))

    def _promote_text(self) -> None:
        """A cluster the register already has is opened there, not offered for registering again."""
        v = self._cluster()
        self.promote_button.setText(self.tr("Open #{n} in the regis&ter").format(n=v.problem_number)
                                    if v is not None and v.problem_number else self.tr("&Take into the register…"))

    def promote(self) -> None:
        v = self._cluster()
        if v is None:
            return
        if v.problem_number:
            self.open_problem(v.problem_number)
            return
        dialog = PromoteDialog(self, f"{v.place} {v.categories.split('、')[0].split(', ')[0]}", self.departments)
        if dialog.exec():
            title, department = dialog.values()
            self.ctx.as_actor(R.promote, v.cluster, title, department, on_error=self._error,
                              on_done=lambda number: self._promoted(number))

    def _promoted(self, number: int) -> None:
        self.message.setText(self.tr("Problem #{n} is in the register.").format(n=number))
        self.open_problem(number)
        self.reload_found()  # its "In the register" column

    def open_problem(self, number: int) -> None:
        """The register's page with problem #number selected."""
        self.pages.setCurrentIndex(1)
        row = next((i for i, p in enumerate(self.problems) if p.number == number), None)
        if row is None:  # not loaded yet: selected when the register arrives
            self._wanted = number
            self.reload_register()
        else:
            self.register_table.selectRow(row)
            self.register_table.setFocus()

    # -- register ---------------------------------------------------------------------------------
    def _problem(self) -> R.ProblemInfo | None:
        r = self.register_table.currentRow()
        return self.problems[r] if 0 <= r < len(self.problems) else None

    def _problem_selected(self) -> None:
        p = self._problem()
        _fill(self.measures_table, [(m.taken_on, m.text, m.sentence) for m in p.measures] if p else [])
        self.measures_table.setColumnWidth(1, min(self.measures_table.columnWidth(1), 220))
        self.measures_table.resizeRowsToContents()
        self._suggest_text(None)
        if p is not None:
            self.status_combo.setCurrentIndex(R.STATUSES.index(p.status))
            number = p.number
            self.ctx.as_actor(R.weekly, number, on_error=self._error,
                              on_done=lambda weeks: self._show_chart(number, weeks))
            self.ctx.as_actor(R.suggestions, number, on_error=self._error,
                              on_done=lambda found: self._suggest_text(len(found)) if self._is_current(number) else None)
        self._buttons()

    def _is_current(self, number: int) -> bool:
        p = self._problem()
        return p is not None and p.number == number

    def _show_chart(self, number: int, weeks) -> None:
        p = self._problem()
        if p is not None and p.number == number:
            self.chart.show_weeks(weeks, [m.taken_on for m in p.measures],
                                  self.tr("#{n}: orders per week").format(n=number), self.tr("Measure"))

    def _buttons(self) -> None:
        has_cluster, has_problem = self._cluster() is not None, self._problem() is not None
        self.orders_button.setEnabled(has_cluster)
        self.promote_button.setEnabled(has_cluster)
        self._promote_text()
        for w in (self.status_button, self.measure_button, self.edit_button, self.problem_orders_button,
                  self.suggest_button, self.status_combo):
            w.setEnabled(has_problem)

    def set_status(self) -> None:
        p = self._problem()
        if p is not None:
            self.ctx.as_actor(R.set_status, p.number, self.status_combo.currentData(), on_error=self._error)

    def add_measure(self) -> None:
        p = self._problem()
        if p is None:
            return
        dialog = MeasureDialog(self)
        if dialog.exec():
            day, text = dialog.values()
            self.ctx.as_actor(R.add_measure, p.number, day, text, on_error=self._error)

    def edit_measure(self) -> None:
        """Correct the selected measure's date or words (it syncs to the centre)."""
        from PySide6.QtCore import QDate

        p, r = self._problem(), self.measures_table.currentRow()
        if p is None or not 0 <= r < len(p.measures):
            return
        m = p.measures[r]
        dialog = MeasureDialog(self)
        dialog.setWindowTitle(self.tr("Correct a measure"))
        dialog.day.setDate(QDate.fromString(m.taken_on, "yyyy-MM-dd"))
        dialog.text.setPlainText(m.text)
        if dialog.exec():
            day, text = dialog.values()
            self.ctx.as_actor(R.edit_measure, m.id, day, text, on_error=self._error)

    def edit_problem(self) -> None:
        p = self._problem()
        if p is None:
            return
        dialog = PromoteDialog(self, p.title, self.departments, p.lead_department_id, self.tr("Edit the problem"))
        if dialog.exec():
            title, department = dialog.values()
            self.ctx.as_actor(R.edit, p.number, title, department, on_error=self._error)

    def show_problem_orders(self) -> None:
        p = self._problem()
        if p is not None:
            self.ctx.as_actor(R.problem_orders, p.number, on_error=self._error,
                              on_done=lambda orders: self._orders_dialog(f"#{p.number} {p.title}", p.place, orders))

    def show_suggestions(self) -> None:
        p = self._problem()
        if p is None:
            return
        explanation = self.tr("Orders at {place} about the same thing that are not linked yet. Linking an order "
                              "that came after the problem was solved reopens it.").format(place=p.place)
        self.ctx.as_actor(R.suggestions, p.number, on_error=self._error, on_done=lambda orders: self._orders_dialog(
            self.tr("Suggested for #{n}").format(n=p.number), explanation, orders, link_to=p.number))

    def _orders_dialog(self, heading: str, explanation: str, orders, link_to: int | None = None) -> OrdersDialog:
        dialog = OrdersDialog(self, heading, explanation, orders, self.tr("&Link to the problem") if link_to else "")
        dialog.open_order.connect(self.open_order)
        if link_to is not None:
            dialog.link_requested.connect(lambda ids: self._link(link_to, ids, dialog))
        dialog.show()
        self.orders_dialog = dialog  # kept for tests and so it is not collected
        return dialog

    def _link(self, number: int, ids: list[str], dialog: OrdersDialog) -> None:
        def done(reopened: bool) -> None:
            dialog.accept()
            self.message.setText(self.tr("Linked {n} orders to #{p}; it came back after being solved, so it is open "
                                         "again.").format(n=len(ids), p=number) if reopened else
                                 self.tr("Linked {n} orders to #{p}.").format(n=len(ids), p=number))

        self.ctx.as_actor(R.link, number, ids, on_done=done, on_error=self._error)

    # -- printing ---------------------------------------------------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """Where to save the register ('' if cancelled). Tests patch this one method."""
        path, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("ProblemsScreen", "Save the problem register"), suggested, "PDF (*.pdf)")
        return path

    @classmethod
    def open_file(cls, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_register(self) -> None:
        from desk.printing.problems_report import make_problem_register

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        today = self.ctx.store.now().astimezone(self.ctx.tz).date()
        path = self.ask_save_path(self, str(Path(folder) / f"问题清单-{today.isoformat()}.pdf"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.message.setText(self.tr("Writing the register…"))
        # The all-stations section too when that page has fetched it.
        self.ctx.as_actor(make_problem_register, path, self.all_stations.view, on_error=self._error,
                          on_done=lambda pages: self._printed(path, pages))

    def _printed(self, path: str, pages: int) -> None:
        opened = self.open_file(Path(path))
        text = (self.tr("Saved the register ({pages} pages) to {path} and opened it.") if opened else
                self.tr("Saved the register ({pages} pages) to {path}. Open it from there to print."))
        self.message.setText(text.format(pages=pages, path=path))

    def _error(self, exc: BaseException) -> None:
        self.progress.setVisible(False)
        self.message.setText(describe(exc))

    def shutdown(self) -> None:
        if isinstance(self._scan_runner, ThreadRunner):
            self._scan_runner.shutdown(5000)
