"""Callbacks (回访): resolved orders waiting for a call, oldest first. Record whether the
resident says it is solved and how satisfied they are; the core reopens unsatisfied ones."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget)

from desk.i18n import label
from desk.services import callbacks as callback_service
from desk.services import lifecycle
from desk.services.dto import OrderFilter, OrderRow
from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.deadline_table import DeadlineTable
from desk.ui.queue_model import ColumnFitter, ROW_ROLE, OrdersModel, fit_columns
from desk.ui.widgets import Retranslating, row_table


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
        self.table = DeadlineTable(objectName="callbackTable")
        self.table.setModel(self.model)
        row_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.restyle()
        self.column_fitter = ColumnFitter(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self._open())

        self.form_box = QGroupBox()
        self.order_text = QLabel(objectName="callbackOrder")
        self.order_text.setWordWrap(True)
        # Nothing preselected: a hurried click must not record "solved, very satisfied".
        self.solved = QComboBox(objectName="callbackSolved")
        self.rating = QComboBox(objectName="callbackRating")
        self.card = None  # CallbackCard of the current row: the number in full, attempts
        self._current_id: str | None = None
        # The order the resident's answers were given for (ticket shown if another row is chosen):
        # a reload or a click must never record them on another order.
        self._answers_for: OrderRow | None = None
        self._recording = False  # one record at a time: a second Alt+L would count a second unanswered call
        self._cards: dict[str, object] = {}
        self.note = QPlainTextEdit(objectName="callbackNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.record_button = QPushButton(objectName="recordCallback")
        self.record_button.clicked.connect(self.record)
        self.unreached_button = QPushButton(objectName="notReached")
        self.unreached_button.clicked.connect(self.not_reached)
        self.form_error = QLabel(objectName="warningLabel")
        self.form_error.setWordWrap(True)
        self.open_button = QPushButton(objectName="openOrder")
        self.open_button.clicked.connect(self._open)
        self.rating_label, self.note_label, self.solved_label = QLabel(), QLabel(), QLabel()
        self.solved_label.setBuddy(self.solved)
        self.rating_label.setBuddy(self.rating)
        self.note_label.setBuddy(self.note)
        form = QFormLayout(self.form_box)
        form.addRow(self.order_text)
        form.addRow(self.solved_label, self.solved)
        form.addRow(self.rating_label, self.rating)
        form.addRow(self.note_label, self.note)
        form.addRow(self.form_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unreached_button)
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
        self.solved.currentIndexChanged.connect(self._answers_changed)
        self.rating.currentIndexChanged.connect(self._answers_changed)
        self.note.textChanged.connect(self._answers_changed)
        self._row_changed()

    def restyle(self) -> None:
        fit_columns(self.table)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Callbacks"))
        self.form_box.setTitle(self.tr("Call the resident back"))
        self.solved_label.setText(self.tr("The &resident says"))
        self.rating_label.setText(self.tr("&Satisfaction"))
        self.note_label.setText(self.tr("&Note"))
        self.record_button.setText(self.tr("Record &callback"))
        self.unreached_button.setText(self.tr("Not reached, call &later"))
        self.open_button.setText(self.tr("&Open order"))
        self.solved.blockSignals(True)  # refilled in the new language: the answers stay the same
        self.rating.blockSignals(True)
        current = self.solved.currentData()
        self.solved.clear()
        self.solved.addItem(self.tr("— ask the resident —"), None)
        self.solved.addItem(self.tr("Solved"), True)
        self.solved.addItem(self.tr("Not solved"), False)
        self.solved.setCurrentIndex(max(self.solved.findData(current), 0))
        current = self.rating.currentData()
        self.rating.clear()
        self.rating.addItem(self.tr("— ask the resident —"), None)
        for value in (5, 4, 3, 2, 1):
            self.rating.addItem(label(f"rating.{value}"), value)
        self.rating.setCurrentIndex(max(self.rating.findData(current), 0))
        self.solved.blockSignals(False)
        self.rating.blockSignals(False)
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
        """After a reload: the order being called stays selected if it is still waiting."""
        keep = self._answers_for.id if self._answers_for else self._current_id
        at = self.model.row_of(keep) if keep else None
        if at is not None:
            self.table.selectRow(at)
        elif self.model.count:
            self.table.selectRow(0)
        self._row_changed()

    def has_answers(self) -> bool:
        return (self.solved.currentData() is not None or self.rating.currentData() is not None
                or bool(self.note.toPlainText().strip()))

    def _answers_changed(self, *_args) -> None:
        if not self.has_answers():
            self._answers_for = None
        elif self._answers_for is None:
            self._answers_for = self.current_row()

    def _answers_elsewhere(self, row: OrderRow) -> bool:
        """True (and said) when the form holds answers given for another order than `row`."""
        other = self._answers_for
        if other is None or other.id == row.id:
            return False
        self.form_error.setText(self.tr("These answers were given for {ticket}: select it again to record them, "
                                        "or clear them first.").format(ticket=other.ticket_no))
        return True

    def current_row(self) -> OrderRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def _row_changed(self, *_args) -> None:
        row = self.current_row()
        self._current_id = row.id if row is not None else None
        self.record_button.setEnabled(row is not None)
        self.unreached_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None)
        self.form_error.clear()
        if row is not None:
            self._answers_elsewhere(row)  # said at once, not only when Record is pressed
        if row is None:
            self.card = None
            self.order_text.setText(self.tr("Nothing selected."))
            return
        card = self._cards.get(row.id)
        if card is not None and card.ticket_no == row.ticket_no:
            self._show_card(card)
        else:
            self.card = None
            self._show_row(row)
            if self.isVisible():  # the number is shown (and audited) only to who is calling
                self.ctx.as_actor(callback_service.open_card, row.id, on_done=self._card_loaded)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._row_changed()

    def _show_row(self, row) -> None:
        self.order_text.setText(f"<b>{_esc(row.ticket_no)}</b> {_esc(row.summary)}<br>{_esc(row.department_name)} · "
                                f"{_esc(row.visitor_name)} {_esc(row.visitor_phone)}")

    def _card_loaded(self, card) -> None:
        self._cards[card.order_id] = card
        row = self.current_row()
        if row is not None and row.id == card.order_id:
            self._show_card(card)

    def _show_card(self, card) -> None:
        self.card = card
        said = {True: self.tr("solved"), False: self.tr("not solved"), None: ""}[card.solved]
        lines = [f"<b>{_esc(card.ticket_no)}</b> {_esc(card.summary)}",
                 self.tr("Department: {dep}").format(dep=_esc(card.department_name)),
                 self.tr("What the department did: {result}").format(result=_esc(card.result) or "—")
                 + (f" ({said})" if said else ""),
                 self.tr("Call: {name} <b>{phone}</b>").format(name=_esc(card.visitor_name),
                                                               phone=_esc(card.phone) or self.tr("(no number)")),
                 self.tr("Not reached so far: {n} of {limit} calls").format(n=card.attempts, limit=card.max_attempts)]
        self.order_text.setText("<br>".join(lines))

    def _open(self) -> None:
        row = self.current_row()
        if row:
            self.open_order.emit(row.id)

    def record(self) -> None:
        row = self.current_row()
        if row is None or self._recording or self._answers_elsewhere(row):
            return
        solved, rating = self.solved.currentData(), self.rating.currentData()
        if solved is None or rating is None:  # said here, nothing typed is lost
            self.form_error.setText(self.tr("Ask the resident whether it is solved and how satisfied they are."))
            (self.solved if solved is None else self.rating).setFocus()
            return
        self._recording = True
        self.ctx.as_actor(lifecycle.perform, row.id, "callback", solved=solved,
                          rating=rating, reason=self.note.toPlainText(),
                          on_done=lambda _d: self._recorded(), on_error=self._refused)

    def not_reached(self) -> None:
        row = self.current_row()
        if row is None or self._recording or self._answers_elsewhere(row):
            return
        self._recording = True
        self.ctx.as_actor(callback_service.not_reached, row.id, self.note.toPlainText(),
                          on_done=self._attempt_recorded, on_error=self._refused)

    def _refused(self, exc) -> None:
        self._recording = False
        show_error(self, exc)

    def _attempt_recorded(self, card) -> None:
        self._recording = False
        self._cards[card.order_id] = card
        self.note.clear()
        self.solved.setCurrentIndex(0)
        self.rating.setCurrentIndex(0)
        self.form_error.setText(self.tr("Closed as not reached after {n} calls.").format(n=card.attempts)
                                if card.closed_unreached else
                                self.tr("Recorded: not reached ({n} of {limit}).").format(n=card.attempts,
                                                                                          limit=card.max_attempts))
        self._show_card(card)

    def _recorded(self) -> None:
        self._recording = False
        self.note.clear()
        self.solved.setCurrentIndex(0)
        self.rating.setCurrentIndex(0)


def _esc(text) -> str:
    from html import escape

    return escape(str(text or ""))
