"""Small shared pieces: retranslation on language change, core labels, date formatting."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QTableView, QWidget

from desk.i18n import label


class Retranslating:
    """Mixin: call `retranslate()` when the language changes (and once from __init__)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and hasattr(self, "restyle"):
            self.restyle()  # text size changed: widths measured in text follow
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        raise NotImplementedError


def core_label(prefix: str, value: str | None) -> str:
    """Names of statuses, kinds, channels… from the core catalogue (desk.i18n)."""
    return label(f"{prefix}.{value}") if value else ""


def fill_enum_combo(combo: QComboBox, prefix: str, values: Iterable[str], *, blank: str | None = None) -> None:
    """(Re)fill a combo with core labels, keeping the current choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for value in values:
        combo.addItem(core_label(prefix, value), value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def local_time(moment: datetime | None, tz, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime(fmt)


def row_table(table: QTableView, *, single: bool = True) -> QTableView:
    """A read-only table of records chosen by row: no row numbers, and Tab moves on to the next
    control instead of walking the cells (QTableView's default traps a keyboard user in it)."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)
    return table


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def clear_layout_widgets(parent: QWidget) -> None:
    for child in parent.findChildren(QWidget):
        child.deleteLater()


def focus_if_shown(widget: QWidget) -> None:
    """Focus `widget` only when it is on screen: a screen built behind the log-in page (or a
    form cleared while hidden) must not pull the keyboard away from where the person types."""
    if widget.isVisible():
        widget.setFocus()


class OptionalDateEdit(QDateEdit):
    """A date editor (calendar pop-up, arrows, typing) that may be left empty: the lowest date
    stands for "no date" and shows as a dash. text()/setText()/clear() speak ISO dates, ''
    when empty, like the line edit it replaces."""

    _EMPTY = QDate(2000, 1, 1)

    def __init__(self, parent=None, objectName: str = ""):  # noqa: N803 - Qt's own keyword
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self._EMPTY)
        self.setSpecialValueText("—")
        self.setDate(self._EMPTY)
        # A day picked in the calendar counts like a date typed and confirmed.
        self.calendarWidget().clicked.connect(lambda _d: self.editingFinished.emit())

    def is_empty(self) -> bool:
        return self.date() == self._EMPTY

    def text(self) -> str:  # noqa: D102
        return "" if self.is_empty() else self.date().toString("yyyy-MM-dd")

    def setText(self, value: str) -> None:  # noqa: N802
        parsed = QDate.fromString((value or "").strip(), "yyyy-MM-dd")
        self.setDate(parsed if parsed.isValid() and parsed > self._EMPTY else self._EMPTY)

    def clear(self) -> None:
        self.setDate(self._EMPTY)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if self.is_empty():  # the first arrow press starts from today, not from the year 2000
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)
