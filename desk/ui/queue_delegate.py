"""Marks overdue and due-soon rows. Painted over the cell after the normal paint, because
qt-material's stylesheet overrides the model's background colours."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyledItemDelegate

from desk.ui.queue_model import ROW_ROLE

OVERDUE = QColor(229, 57, 53)
DUE_SOON = QColor(255, 160, 0)


class DeadlineDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        row = index.data(ROW_ROLE)
        if row is None or not (row.overdue or row.due_soon):
            return
        color = QColor(OVERDUE if row.overdue else DUE_SOON)
        painter.save()
        tint = QColor(color)
        tint.setAlpha(45)
        painter.fillRect(option.rect, tint)
        if index.column() == 0:  # a solid bar at the row's start, readable in both themes
            bar = option.rect.adjusted(0, 0, 0, 0)
            bar.setWidth(5)
            painter.fillRect(bar, color)
        painter.restore()
