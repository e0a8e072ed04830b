"""Callbacks (回访): resolved orders waiting for a call, oldest first. Record whether the
resident says it is solved and how satisfied they are; the core reopens unsatisfied ones."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPlainTextEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from desk.i18n import label
from desk.services import lifecycle
from desk.services.dto import OrderFilter, OrderRow
from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.queue_delegate import DeadlineDelegate
from desk.ui.queue_model import ROW_ROLE, OrdersModel, fit_columns
from desk.ui.widgets import Retranslating


class CallbacksScreen(Retranslating, QWidget):
    open_order = Signal(str)

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = OrdersModel(ctx, self)
        self.model.filter = OrderFilter(view="awaiting_callback")
        self.model.sort_key, self.model.descending = "created_at", False  # oldest first
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.count_label = QLabel(objectName="callbackCount")
        self.table = QTableView(objectName="callbackTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegate(DeadlineDelegate(self.table))
        self.restyle()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self._open())

        self.form_box = QGroupBox()
        self.order_text = QLabel(objectName="callbackOrder")
        self.order_text.setWordWrap(True)
        self.solved = QCheckBox(objectName="callbackSolved")
        self.solved.setChecked(True)
        self.rating = QComboBox(objectName="callbackRating")
        self.note = QPlainTextEdit(objectName="callbackNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.record_button = QPushButton(objectName="recordCallback")
        self.record_button.clicked.connect(self.record)
        self.open_button = QPushButton(objectName="openOrder")
        self.open_button.clicked.connect(self._open)
        self.rating_label, self.note_label = QLabel(), QLabel()
        self.rating_label.setBuddy(self.rating)
        self.note_label.setBuddy(self.note)
        form = QFormLayout(self.form_box)
        form.addRow(self.order_text)
        form.addRow(self.solved)
        form.addRow(self.rating_label, self.rating)
        form.addRow(self.note_label, self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        form.addRow(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="callbackSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)
        self.model.count_changed.connect(self._show_count)
        self.model.loaded.connect(self._select_first)
        ctx.changed.connect(self._on_changed)
        self.retranslate()
        self._row_changed()

    def restyle(self) -> None:
        fit_columns(self.table)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Callbacks"))
        self.form_box.setTitle(self.tr("Call the resident back"))
        self.solved.setText(self.tr("The &resident says it is solved"))
        self.rating_label.setText(self.tr("&Satisfaction"))
        self.note_label.setText(self.tr("&Note"))
        self.record_button.setText(self.tr("Record callback"))
        self.open_button.setText(self.tr("Open order"))
        current = self.rating.currentData()
        self.rating.clear()
        for value in (5, 4, 3, 2, 1):
            self.rating.addItem(label(f"rating.{value}"), value)
        self.rating.setCurrentIndex(max(self.rating.findData(current), 0))
        self.model.retranslate()
        fit_columns(self.table)
        self._show_count(self.model.count)
        self._row_changed()

    def reload(self) -> None:
        if self.ctx.actor is not None:
            self.model.reload()

    def _on_changed(self, kinds) -> None:
        if "orders" in kinds and self.ctx.actor is not None:
            self.model.reload()

    def _show_count(self, n: int) -> None:
        self.count_label.setText(self.tr("{n} waiting").format(n=n))

    def _select_first(self) -> None:
        if self.model.count:
            self.table.selectRow(0)
        self._row_changed()

    def current_row(self) -> OrderRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def _row_changed(self, *_args) -> None:
        row = self.current_row()
        self.record_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None)
        if row is None:
            self.order_text.setText(self.tr("Nothing selected."))
            return
        self.order_text.setText(f"<b>{row.ticket_no}</b> {row.summary}<br>{row.department_name} · "
                                f"{row.visitor_name} {row.visitor_phone}")

    def _open(self) -> None:
        row = self.current_row()
        if row:
            self.open_order.emit(row.id)

    def record(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.ctx.as_actor(lifecycle.perform, row.id, "callback", solved=self.solved.isChecked(),
                          rating=self.rating.currentData(), reason=self.note.toPlainText(),
                          on_done=lambda _d: self._recorded(), on_error=lambda e: show_error(self, e))

    def _recorded(self) -> None:
        self.note.clear()
        self.solved.setChecked(True)
        self.rating.setCurrentIndex(0)
