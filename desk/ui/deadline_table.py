"""A table of work orders that marks overdue and due-soon rows: a tint over the row and a
solid bar at its start, readable in both themes. Painted over the rows after the normal paint,
because qt-material's stylesheet overrides the model's background colours.

Painted once per repaint for the rows in view, not by an item delegate: a Python delegate is a
call into Python for every cell (with its own call back into the model), a third of the
queue's repaint time."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QTableView

OVERDUE = QColor(229, 57, 53)
DUE_SOON = QColor(255, 160, 0)
_TINT_ALPHA = 45
_BAR_PX = 5


def _tint(color: QColor) -> QColor:
    tint = QColor(color)
    tint.setAlpha(_TINT_ALPHA)
    return tint


class DeadlineTable(QTableView):
    """The model must offer loaded_row(row) -> an OrderRow or None (queue_model.OrdersModel)."""

    _TINTS = {True: _tint(OVERDUE), False: _tint(DUE_SOON)}

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        area = event.rect()
        first, last = self.rowAt(area.top()), self.rowAt(area.bottom())
        if model is None or first < 0:
            return
        if last < 0:
            last = model.rowCount() - 1
        columns = self.horizontalHeader()
        left = columns.sectionViewportPosition(columns.logicalIndex(0))
        width = min(columns.length() - self.horizontalOffset(), self.viewport().width()) - max(left, 0)
        painter = None
        for r in range(first, last + 1):
            row = model.loaded_row(r)
            if row is None or not (row.overdue or row.due_soon):
                continue
            if painter is None:
                painter = QPainter(self.viewport())
            top, height = self.rowViewportPosition(r), self.rowHeight(r)
            painter.fillRect(QRect(max(left, 0), top, width, height), self._TINTS[bool(row.overdue)])
            if left + _BAR_PX > 0:  # the row's start is in view
                painter.fillRect(QRect(left, top, _BAR_PX, height), OVERDUE if row.overdue else DUE_SOON)
        if painter is not None:
            painter.end()
