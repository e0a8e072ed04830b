"""Shared frame of a settings page: a table of rows on the left, an edit form on the right."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtWidgets import (QAbstractButton, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.widgets import row_table


class TablePage(QWidget):
    """Subclasses add their inputs with `add_field`, and give `reload()`, `fill_form(row)` and
    `save()`; a save's on_done is `saved` (the form then shows the record as stored)."""

    def __init__(self, ctx: DeskContext, columns: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.editing_id = None
        self._fields: list[QWidget] = []
        self._baseline: Optional[tuple] = None  # the form as last filled: typing makes it differ
        self._after_save: Optional[Callable[[], None]] = None
        self._shown = None  # the record the form was filled with (None: a new one)
        self._saving = False  # one save at a time: a second click would make a new record twice
        self.table = row_table(QTableWidget(0, columns))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, _c, before, _b: self._select(row, before))
        self.form = QFormLayout()
        self.new_button = QPushButton()
        self.save_button = QPushButton()
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.request_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addStretch(1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)
        ctx.changed.connect(self._on_changed)

    def add_field(self, widget) -> QLabel:
        lab = QLabel()
        lab.setBuddy(widget)
        self.form.addRow(lab, widget)
        self._fields.append(widget)
        return lab

    def _snapshot(self) -> tuple:
        values = []
        for w in self._fields:
            if isinstance(w, QAbstractButton):
                values.append(w.isChecked())
            elif isinstance(w, QComboBox):
                values.append(w.currentIndex())
            elif isinstance(w, QPlainTextEdit):
                values.append(w.toPlainText())
            else:  # line edits and date fields
                values.append(w.text())
        return tuple(values)

    def show_row(self, row) -> None:
        """The form shows a record (None: a new one), and that is what "nothing typed" means."""
        self._shown = row
        self.fill_form(row)
        self._baseline = self._snapshot()

    def request_save(self) -> None:
        """Save, unless a save is under way (its answer comes back to `saved` or `failed`)."""
        if self._saving:
            return
        self._saving = True
        self.save()

    def saved(self, row) -> None:
        """A save's on_done: the record as stored, then whatever waited for the save."""
        self._saving = False
        self.show_row(row)
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._baseline is None:  # the empty form first shown: a new record can be typed at once
            self._baseline = self._snapshot()

    def has_unsaved_input(self) -> bool:
        return self._baseline is not None and self._snapshot() != self._baseline

    def unsaved_input_handled(self, then: Callable[[], None]) -> bool:
        """Typed changes are never thrown away unasked (another row, New, closing, logging out).
        True: go on now. False: stop (cancelled, or saving first and `then` runs once saved)."""
        from desk.ui.unsaved import unsaved_handled

        return not self.has_unsaved_input() or unsaved_handled(
            self, "record", save=lambda: self.save_then(then),
            discard=lambda: self.show_row(self._shown))  # back to the record as stored

    def save_then(self, then: Callable[[], None]) -> None:
        self._after_save = then
        self.request_save()

    def set_rows(self, rows, cells) -> None:
        # Refilling the list (after a save, a sync) does not refill the form over typed changes.
        self.rows = list(rows)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, text in enumerate(cells(r)):
                self.table.setItem(i, j, QTableWidgetItem(str(text)))
        self.table.blockSignals(False)

    def _select(self, row: int, before: int = -1) -> None:
        if not 0 <= row < len(self.rows):
            return
        if not self.has_unsaved_input():
            self.show_row(self.rows[row])
            return
        self._highlight(before)  # while asking, the highlighted row is the one the form shows
        if self.unsaved_input_handled(lambda: self.table.selectRow(row)):  # saved, or thrown away
            self.table.selectRow(row)

    def new(self) -> None:
        if not self.unsaved_input_handled(self.new):
            return
        self._highlight(-1)
        self.show_row(None)

    def _highlight(self, row: int) -> None:
        """Select `row` (-1: none) in the list without filling the form from it."""
        self.table.blockSignals(True)
        self.table.clearSelection()
        if 0 <= row < len(self.rows):
            self.table.selectRow(row)
        self.table.blockSignals(False)

    def failed(self, exc) -> None:
        self._saving, self._after_save = False, None  # refused: the typed changes stay, nothing goes on
        show_error(self, exc)

    def _on_changed(self, kinds) -> None:
        if kinds & self.watches and self.ctx.actor is not None:
            self.reload()

    watches: set[str] = {"reference"}

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def fill_form(self, row) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def retranslate_buttons(self) -> None:
        from PySide6.QtCore import QCoreApplication

        # translate() with an explicit context: tr() inside a base class is ambiguous.
        self.new_button.setText(QCoreApplication.translate("TablePage", "New"))
        self.save_button.setText(QCoreApplication.translate("TablePage", "Save"))
