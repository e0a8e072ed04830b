"""Shared frame of a settings page: a table of rows on the left, an edit form on the right."""

from __future__ import annotations

from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.widgets import row_table


class TablePage(QWidget):
    """Subclasses give `fields` (label widgets + inputs), `load()`, `fill_form(row)`, `save()`."""

    def __init__(self, ctx: DeskContext, columns: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.editing_id = None
        self.table = row_table(QTableWidget(0, columns))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.form = QFormLayout()
        self.new_button = QPushButton()
        self.save_button = QPushButton()
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
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
        return lab

    def set_rows(self, rows, cells) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, text in enumerate(cells(r)):
                self.table.setItem(i, j, QTableWidgetItem(str(text)))

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.fill_form(self.rows[row])

    def new(self) -> None:
        self.table.clearSelection()
        self.fill_form(None)

    def failed(self, exc) -> None:
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
