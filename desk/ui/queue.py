"""The work queue (工单): saved views, filters, search, sort, a live count; Enter opens."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from desk.i18n import by_language
from desk.services import queries, reference
from desk.services.dto import OrderFilter
from desk.rules.enums import Channel, Kind, Status
from desk.ui.context import DeskContext
from desk.ui.deadline_table import DeadlineTable
from desk.ui.queue_model import ColumnFitter, ID_ROLE, OrdersModel, fit_columns
from desk.ui.widgets import OptionalDateEdit, Retranslating, fill_enum_combo, row_table


class QueueScreen(Retranslating, QWidget):
    open_order = Signal(str)

    def __init__(self, ctx: DeskContext, parent=None, *, in_steps: bool = False):
        """`in_steps`: the rest is built by build_steps(), a part per turn of the event loop
        (main_window.py, lazy_tab.py): built at once, the screen held the window ~140 ms at a
        million orders, in the turn a clerk first opened it or paused after log-in."""
        super().__init__(parent)
        self.ctx = ctx
        self.model = OrdersModel(ctx, self)
        self.departments, self.categories, self.areas = [], [], []
        self._current_id: str | None = None  # the order under the highlight (kept through refreshes)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._complete = False  # language and style changes wait for the last step
        if not in_steps:
            for _ in self.build_steps():
                pass

    def build_steps(self):
        self._build_filters()
        yield
        self._build_table()
        yield
        self._wire()

    def _build_filters(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.view_combo = QComboBox(objectName="viewCombo")
        # As wide as its longest view name (retranslate); not AdjustToContents, which re-measured
        # the list at every change and made the queue's first paint 50 ms in one run of five.
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="countLabel")
        self.status = QComboBox(objectName="statusFilter")
        self.department = QComboBox(objectName="departmentFilter")
        self.category = QComboBox(objectName="categoryFilter")
        self.area = QComboBox(objectName="areaFilter")
        self.kind = QComboBox(objectName="kindFilter")
        self.channel = QComboBox(objectName="channelFilter")
        # Date editors with a calendar (not "YYYY-MM-DD" typed by hand); "—" is no date.
        self.date_from = OptionalDateEdit(objectName="dateFrom")
        self.date_to = OptionalDateEdit(objectName="dateTo")
        for combo in (self.status, self.department, self.category, self.area, self.kind, self.channel):
            # Long department names may shrink: the filter row must not widen the window.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.reset_button = QPushButton(objectName="resetFilters")
        self.reset_button.clicked.connect(self.reset_filters)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.view_combo)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        filters = QGridLayout()
        self.filter_labels = [QLabel() for _ in range(8)]
        widgets = (self.status, self.department, self.category, self.area, self.kind, self.channel,
                   self.date_from, self.date_to)
        for i, (lab, w) in enumerate(zip(self.filter_labels, widgets)):
            lab.setBuddy(w)
            filters.addWidget(lab, i // 4, (i % 4) * 2)
            filters.addWidget(w, i // 4, (i % 4) * 2 + 1)
        filters.addWidget(self.reset_button, 1, 8)
        from desk.ui.queue_lists import QueueLists

        self.lists = QueueLists(self)  # print or export the list as filtered
        filters.addWidget(self.lists.print_button, 0, 8)
        filters.addWidget(self.lists.export_button, 0, 9)

        self._layout.addLayout(top)
        self._layout.addLayout(filters)
        # The keyboard starts at the search (F3, a click on the tab, log-in): Qt's default was the
        # first control in the tab order, the view list, where a PageDown meant to scroll the
        # list switched the view instead.
        QWidget.setTabOrder(self.search, self.view_combo)
        self.setFocusProxy(self.search)

    def _build_table(self) -> None:
        self.table = DeadlineTable(objectName="queueTable")
        self.table.setModel(self.model)
        row_table(self.table)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_index)
        for key in ("Return", "Enter"):
            sc = QShortcut(QKeySequence(key), self.table)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.open_current)
        self.search.installEventFilter(self)  # Down, PageDown, PageUp: on into the list
        self.column_fitter = ColumnFitter(self.table)
        self._layout.addWidget(self.table, 1)

    def _wire(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textEdited.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.view_combo, self.status, self.department, self.category, self.area, self.kind, self.channel):
            combo.currentIndexChanged.connect(self.apply_filters)
        for w in (self.date_from, self.date_to):
            w.editingFinished.connect(self.apply_filters)
        self.model.count_changed.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._remember_current)
        self.model.refreshed.connect(self._keep_current)
        self.model.loaded.connect(self._keep_current)
        self.ctx.changed.connect(self._on_changed)
        self._ready = False
        self._complete = True
        self.restyle()
        self.retranslate()
        self._load_reference()
        last = self.ctx.prefs.get("last_view")
        self.view_combo.setCurrentIndex(max(self.view_combo.findData(last), 0))
        self._ready = True
        self.apply_filters()

    _INTO_LIST = (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """From the search box, the keys that move through a list move into it (as in a browser's
        address bar): the list takes the keyboard and the key, its first row if none was current."""
        if (obj is self.search and event.type() == QEvent.Type.KeyPress and event.key() in self._INTO_LIST
                and event.modifiers() == Qt.KeyboardModifier.NoModifier and self.model.rowCount() > 0):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
                if event.key() == Qt.Key.Key_Down:
                    return True  # the first row is where Down from the search lands
            QApplication.sendEvent(self.table, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(obj, event)

    def restyle(self) -> None:
        if not self._complete:
            return
        fit_columns(self.table)
        for w in (self.date_from, self.date_to):
            w.setFixedWidth(w.fontMetrics().horizontalAdvance("2026-12-31") + 56)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)

    def retranslate(self) -> None:
        if not self._complete:
            return
        self.title.setText(self.tr("Work orders"))
        self.lists.retranslate()
        self.search.setPlaceholderText(self.tr("Search: ticket, phone, name, address or any words"))
        view_names = {"all": self.tr("All orders"), "today": self.tr("Today"), "mine": self.tr("Registered by me"),
                      "open": self.tr("Open"), "overdue": self.tr("Overdue"), "due_soon": self.tr("Due soon"),
                      "awaiting_callback": self.tr("Awaiting callback"), "supervised": self.tr("Supervised"),
                      "extension_requested": self.tr("Extension requested")}
        current = self.view_combo.currentData()
        self.view_combo.blockSignals(True)
        self.view_combo.clear()
        for key in queries.VIEWS:
            self.view_combo.addItem(view_names.get(key, key), key)
        self.view_combo.setCurrentIndex(max(self.view_combo.findData(current), 0))
        self.view_combo.blockSignals(False)
        # In widths of 'x': a Chinese character takes two (at 1366x768 '即将到期' was cut).
        self.view_combo.setMinimumContentsLength(max(
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in name) for name in view_names.values()))
        anything = self.tr("(any)")
        for combo, prefix, values in ((self.status, "status", [s.value for s in Status]),
                                      (self.kind, "kind", [k.value for k in Kind]),
                                      (self.channel, "channel", [c.value for c in Channel])):
            combo.blockSignals(True)
            fill_enum_combo(combo, prefix, values, blank=anything)
            combo.blockSignals(False)
        self._fill_reference_combos()
        for lab, text in zip(self.filter_labels, (self.tr("&Status"), self.tr("De&partment"), self.tr("&Category"),
                                                  self.tr("&Area"), self.tr("&Kind"), self.tr("C&hannel"),
                                                  self.tr("&From"), self.tr("&To"))):
            lab.setText(text)
        self.reset_button.setText(self.tr("Reset filters"))
        self.model.retranslate()
        fit_columns(self.table)
        self._show_count(self.model.count)

    def _fill_reference_combos(self) -> None:
        anything = self.tr("(any)")
        for combo, items in ((self.department, self.departments), (self.category, self.categories),
                             (self.area, self.areas)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for item in items:
                indent = "    " * getattr(item, "depth", 0)
                combo.addItem(indent + by_language(item.name, item.name_en or item.name), item.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _load_reference(self) -> None:
        def load(store):
            return reference.list_departments(store), reference.list_categories(store), reference.list_areas(store)

        def done(data) -> None:
            self.departments, self.categories, self.areas = data
            self._fill_reference_combos()

        self.ctx.runner.run(load, self.ctx.store, on_done=done)

    def current_filter(self) -> OrderFilter:
        def one(combo):
            value = combo.currentData()
            return (value,) if value else ()

        return OrderFilter(
            view=self.view_combo.currentData() or "all", statuses=one(self.status), department_ids=one(self.department),
            category_ids=one(self.category), area_ids=one(self.area), kinds=one(self.kind), channels=one(self.channel),
            date_from=self.date_from.text().strip() or None, date_to=self.date_to.text().strip() or None,
            text=self.search.text().strip(),
        )

    def apply_filters(self) -> None:
        if not self._ready or self.ctx.actor is None:
            return
        self.ctx.prefs.set("last_view", self.view_combo.currentData() or "all")
        self.title.setText(self.tr("Work orders"))
        self.model.set_filter(self.current_filter())

    def show_filter(self, f: OrderFilter, caption: str = "") -> None:
        """Show exactly the orders of `f` (a dashboard drill-down), titled `caption`; touching
        any filter above, or Reset filters, goes back to the filters."""
        self.title.setText(caption or self.tr("Work orders"))
        self.model.set_filter(f)

    def reset_filters(self) -> None:
        self._ready = False
        for combo in (self.status, self.department, self.category, self.area, self.kind, self.channel):
            combo.setCurrentIndex(0)
        for w in (self.date_from, self.date_to, self.search):
            w.clear()
        self._ready = True
        self.apply_filters()

    def set_view(self, view: str) -> None:
        self.view_combo.setCurrentIndex(max(self.view_combo.findData(view), 0))

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("{n} orders").format(n=f"{count:,}"))

    def _on_changed(self, kinds) -> None:
        if "orders" in kinds and self.ctx.actor is not None:
            self.model.refresh()
        if kinds & {"reference", "station"}:
            self._load_reference()

    def _remember_current(self, index, _previous=None) -> None:
        if index.isValid():
            self._current_id = self.model.data(index, ID_ROLE) or self._current_id  # None: not read yet

    def _keep_current(self) -> None:
        """After a refresh or reload the highlight stays on the order it was on, wherever it moved
        (a save or a sync reorders the list): Enter must open the order the person chose."""
        current_id = self._current_id
        if current_id is None:
            return
        at = self.model.row_of(current_id)
        index = self.table.currentIndex()
        if at is not None:
            if not index.isValid() or index.row() != at:
                self.table.setCurrentIndex(self.model.index(at, max(index.column(), 0)))
            return
        shown = self.model.data(index, ID_ROLE) if index.isValid() else None
        if shown is not None and shown != current_id:  # another order under the highlight: none
            self.table.selectionModel().clear()

    def _open_index(self, index) -> None:
        order_id = self.model.data(index, ID_ROLE)
        if order_id:
            self.open_order.emit(order_id)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)
