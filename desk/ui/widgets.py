"""Small shared pieces: retranslation on language change, core labels, date formatting."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget

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
