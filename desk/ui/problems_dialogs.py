"""Small dialogs of the 问题清单 screen: promote a cluster, add a measure, a list of orders
(a cluster's, a problem's, or the suggested ones to link)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QTableWidget, QTableWidgetItem, QVBoxLayout)

from desk.i18n import label
from desk.ui.widgets import row_table, select_data


class PromoteDialog(QDialog):
    """Title and lead department of a problem (new, or edited)."""

    def __init__(self, parent, title: str, departments, department_id: str | None = None, heading: str = ""):
        super().__init__(parent)
        self.setObjectName("promoteDialog")
        self.setWindowTitle(heading or self.tr("Take into the problem register"))
        self.title = QLineEdit(title, objectName="problemTitle")
        self.title.setMaxLength(120)
        self.department = QComboBox(objectName="problemDepartment")
        self.department.addItem(self.tr("(not set)"), None)
        for d in departments:
            self.department.addItem(d[1], d[0])
        select_data(self.department, department_id)
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Lead department:"), self.department)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str | None]:
        return self.title.text(), self.department.currentData()


class MeasureDialog(QDialog):
    def __init__(self, parent):
        super().__init__(parent)
        self.setObjectName("measureDialog")
        self.setWindowTitle(self.tr("Add a measure"))
        self.day = QDateEdit(QDate.currentDate(), objectName="measureDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.text = QPlainTextEdit(objectName="measureText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("e.g. lane rule: outdoor seating moves indoors after 22:00"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Date it took effect:"), self.day)
        form.addRow(self.tr("&Measure:"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self):
        return self.day.date().toPython(), self.text.toPlainText()


class OrdersDialog(QDialog):
    """Orders in a table; Enter or double-click opens one. With `link_text`, a button links the
    selected rows (all when none is selected)."""

    open_order = Signal(str)
    link_requested = Signal(list)

    def __init__(self, parent, heading: str, explanation: str, orders, link_text: str = ""):
        super().__init__(parent)
        self.setObjectName("problemOrdersDialog")
        self.setWindowTitle(heading)
        self.resize(860, 480)
        self.orders = list(orders)
        text = QLabel(explanation, objectName="ordersWhy")
        text.setWordWrap(True)
        self.table = QTableWidget(len(self.orders), 5, objectName="problemOrdersTable")
        self.table.setHorizontalHeaderLabels((self.tr("Ticket"), self.tr("Date"), self.tr("Summary"),
                                              self.tr("Address"), self.tr("Status")))
        row_table(self.table, single=False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, o in enumerate(self.orders):
            for c, value in enumerate((o.ticket_no, o.local_date, o.summary, o.address, label("status." + o.status))):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 360))
        self.table.doubleClicked.connect(lambda i: self.open_order.emit(self.orders[i.row()].id))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if link_text:
            self.link_button = buttons.addButton(link_text, QDialogButtonBox.ButtonRole.ActionRole)
            self.link_button.setObjectName("linkOrders")
            self.link_button.setEnabled(bool(self.orders))
            self.link_button.clicked.connect(self._link)
        layout.addWidget(buttons)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
            self.open_order.emit(self.orders[self.table.currentRow()].id)
            return
        super().keyPressEvent(event)

    def _link(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) or range(len(self.orders))
        self.link_requested.emit([self.orders[r].id for r in rows])
