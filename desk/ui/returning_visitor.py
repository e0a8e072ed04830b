"""The intake's right-hand panel: a returning visitor's open orders and history, found by the
phone number typed on the left. Double-click (or Enter) on an order opens it."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from desk.services.common import address_text
from desk.services.dto import VisitorHistory
from desk.ui.widgets import core_label


class ReturningVisitorPanel(QGroupBox):
    open_order = Signal(str)  # order id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history: Optional[VisitorHistory] = None
        self.summary = QLabel(objectName="historySummary")
        self.summary.setWordWrap(True)
        self.open_list = QListWidget(objectName="openOrders")
        self.recent_list = QListWidget(objectName="recentOrders")
        self.open_title, self.recent_title = QLabel(), QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.open_title)
        layout.addWidget(self.open_list, 1)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent_list, 2)
        for lst in (self.open_list, self.recent_list):
            lst.setWordWrap(True)
            lst.itemActivated.connect(lambda item: self.open_order.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Returning visitor"))
        self.open_title.setText(self.tr("Open orders"))
        self.recent_title.setText(self.tr("History"))
        self.show_history(self.history)

    def show_history(self, history: Optional[VisitorHistory]) -> None:
        self.history = history
        self.open_list.clear()
        self.recent_list.clear()
        if history is None:
            self.summary.setText(self.tr("Type a phone number to see a returning visitor's orders."))
            return
        v = history.visitor
        self.summary.setText(self.tr("{name} {phone}, {address}: {n} orders so far")
                             .format(name=v.name or self.tr("(no name)"), phone=v.phone,
                                     address=f"{v.area_name} {address_text(v.lane, v.number)}".strip(),
                                     n=history.total_orders))
        for lst, rows in ((self.open_list, history.open_orders), (self.recent_list, history.recent_orders)):
            for r in rows:
                item = QListWidgetItem(f"{r.ticket_no}  {core_label('status', r.status)}  {r.summary}")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                lst.addItem(item)
