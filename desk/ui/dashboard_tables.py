"""The dashboard's lists: hot topics with their orders, the overdue list with 督办, extension
requests waiting for approval, and the department league table. They only show what they are
given and say what was clicked; the screen runs the actions."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget)

from desk.services.dto import OrderRow
from desk.services.figures import HotTopic, LeagueRow
from desk.ui.widgets import core_label, local_time, row_table

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _setup(view, headers: Sequence[str]) -> None:
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setMinimumHeight(220)
    if isinstance(view, QTableWidget):
        row_table(view)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
        view.setWordWrap(False)


def _item(text: str, order_id: str | None = None, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if order_id:
        item.setData(ID_ROLE, order_id)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class HotTopicsView(QTreeWidget):
    """One row per hot topic (double-click: all its orders in the queue); its first orders
    below it (double-click: open the order), then how many more there are (double-click: the
    queue, as on the topic)."""

    topic_activated = Signal(int)
    order_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hotTopics")
        _setup(self, ())
        self.setColumnCount(4)
        self.itemActivated.connect(self._activated)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def set_headers(self, headers: Sequence[str]) -> None:
        self.setHeaderLabels(list(headers))

    def show_topics(self, topics: Sequence[HotTopic], orders: Sequence[Sequence[OrderRow]], tz,
                    level_names: dict[str, str]) -> None:
        self.clear()
        for i, topic in enumerate(topics):
            top = QTreeWidgetItem([f"{topic.category_name} · {topic.place}", f"{topic.count}",
                                   level_names.get(topic.level, topic.level), f"{topic.first_date} – {topic.last_date}"])
            top.setData(0, ID_ROLE, i)
            top.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            rows = orders[i] if i < len(orders) else ()
            for row in rows:
                child = QTreeWidgetItem([row.ticket_no, core_label("status", row.status),
                                         local_time(row.created_at, tz), row.summary])
                child.setData(0, ID_ROLE, row.id)
                top.addChild(child)
            if rows and topic.count > len(rows):
                more = QTreeWidgetItem([self.tr("… {n} more: double-click to see all in the queue")
                                        .format(n=topic.count - len(rows))])
                more.setData(0, ID_ROLE, i)
                top.addChild(more)
            self.addTopLevelItem(top)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, ID_ROLE)
        if isinstance(value, int):  # the topic, or its "… more" row
            self.topic_activated.emit(value)
        elif isinstance(value, str):
            self.order_activated.emit(value)


class OrderListTable(QTableWidget):
    """Orders with action buttons in the last column; double-click opens the order."""

    order_activated = Signal(str)
    action_clicked = Signal(str, str)  # action, order id

    ROWS_PER_TURN = 6  # each row with its buttons is a few ms of the GUI thread (issue 20)

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.later = lambda fn: fn()  # the screen sets runner.later: rows then come in turns
        self._filling = 0
        _setup(self, ())
        self.cellDoubleClicked.connect(self._double_clicked)
        self.rows: list[OrderRow] = []
        self.buttons: dict[tuple[str, str], QPushButton] = {}  # (action, order id) -> button

    def set_headers(self, headers: Sequence[str]) -> None:
        """Ticket, summary, department, deadline, action: the summary takes the spare width so
        the action buttons stay in view."""
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    def show_rows(self, rows: Sequence[OrderRow], tz, actions: Sequence[tuple[str, str]],
                  disabled: dict[str, str] | None = None) -> None:
        """`actions`: (action, button text); `disabled`: order id -> text shown instead."""
        self.rows = list(rows)
        self.buttons = {}
        self.setRowCount(len(rows))
        self._filling += 1
        self._fill_rows(self._filling, 0, tz, actions, disabled)

    def _fill_rows(self, filling: int, start: int, tz, actions, disabled) -> None:
        """A few rows (their cells and buttons) now, the next few in the next turn."""
        import shiboken6

        if filling != self._filling or not shiboken6.isValid(self):
            return  # newer rows arrived (or the table closed) meanwhile
        rows = self.rows
        end = min(len(rows), start + self.ROWS_PER_TURN)
        for r in range(start, end):
            row = rows[r]
            cells = (row.ticket_no, " · ".join(x for x in (row.category_name, row.summary) if x),
                     row.department_name, local_time(row.resolve_due_at, tz))
            for c, text in enumerate(cells):
                self.setItem(r, c, _item(text, row.id))
            if not actions:  # nothing to do on these rows (another station's orders)
                old = self.cellWidget(r, len(cells))
                if old is not None:
                    old.hide()  # deleted later by Qt; must not show meanwhile
                    self.removeCellWidget(r, len(cells))
                continue
            box = QWidget()
            lay = QHBoxLayout(box)
            lay.setContentsMargins(2, 0, 2, 0)
            for action, text in actions:
                done = (disabled or {}).get(row.id)
                button = QPushButton(done or text)
                button.setMinimumWidth(button.sizeHint().width())
                button.setObjectName(f"{action}_{row.ticket_no}")
                button.setEnabled(done is None)
                button.clicked.connect(lambda _=False, a=action, oid=row.id: self.action_clicked.emit(a, oid))
                lay.addWidget(button)
                self.buttons[(action, row.id)] = button
            self.setCellWidget(r, len(cells), box)
        if end < len(rows):
            self.later(lambda: self._fill_rows(filling, end, tz, actions, disabled))
        else:
            self._fit_buttons()

    def _fit_buttons(self) -> None:
        rows = self.rows
        # Rows and the action column as big as the buttons (the theme's buttons are tall, and
        # "fit to contents" does not see cell widgets).
        if self.buttons:
            boxes = [self.cellWidget(r, self.columnCount() - 1) for r in range(len(rows))]
            height = max(b.sizeHint().height() for b in boxes) + 4
            self.verticalHeader().setDefaultSectionSize(max(self.fontMetrics().height() + 14, height))
            last = self.columnCount() - 1
            self.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(last, max(b.sizeHint().width() for b in boxes) + 6)
        # Place the new button cells now: a widget set before the next layout pass can stay
        # drawn at the table's top-left corner.
        self.doItemsLayout()
        self.updateGeometries()

    def _double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            self.order_activated.emit(self.rows[row].id)


class LeagueTable(QTableWidget):
    """Department, volume, on-time rate, returns, satisfaction; clicking a cell shows its orders."""

    cell_drill = Signal(int, str)  # row, which figure: volume / on_time / returns / satisfaction

    COLUMNS = ("department", "volume", "on_time", "returns", "satisfaction")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("leagueTable")
        _setup(self, ())
        self.setColumnCount(len(self.COLUMNS))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.cellClicked.connect(self._clicked)
        self.itemActivated.connect(lambda item: self._clicked(item.row(), item.column()))
        self.rows: list[LeagueRow] = []

    def set_headers(self, headers: Sequence[str]) -> None:
        self.setHorizontalHeaderLabels(list(headers))

    def show_league(self, rows: Sequence[LeagueRow]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.department_name, f"{row.volume:,}", _rate(row.on_time), f"{row.returns:,}",
                     _rate(row.satisfaction))
            for c, text in enumerate(cells):
                self.setItem(r, c, _item(text, align_right=c > 0))

    def _clicked(self, row: int, column: int) -> None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.COLUMNS):
            key = self.COLUMNS[column]
            self.cell_drill.emit(row, "volume" if key == "department" else key)


def _rate(rate) -> str:
    return f"{rate.percent()} ({rate.numerator}/{rate.denominator})" if rate.denominator else "—"
