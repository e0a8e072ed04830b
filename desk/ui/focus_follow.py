"""Keyboard focus is always in sight: whatever the keyboard reaches (Tab, Alt+letter) is
scrolled into view inside its scroll areas, so nothing is typed blind on a 1366×768 screen or
with large text.

With DESK_FOCUS_LOG=FILE set, every focus change is also written to FILE as one JSON line (the
widget, its rectangle on the screen, the part of it not clipped by its parents, the window and
the screen): the end-to-end tests read it to check that focus never lands out of sight."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


def visible_rect(widget: QWidget) -> tuple[QRect, str]:
    """The widget's rectangle on the screen, clipped by every parent (scroll viewports too),
    and the first parent that clipped it ('' if none)."""
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    clipped_by = ""
    parent = widget.parentWidget()
    while parent is not None:
        clipped = rect.intersected(QRect(parent.mapToGlobal(QPoint(0, 0)), parent.size()))
        if clipped != rect and not clipped_by:
            clipped_by = f"{type(parent).__name__}#{parent.objectName()}"
        rect = clipped
        parent = parent.parentWidget()
    return rect, clipped_by


def _scroll_into_view(widget: QWidget, margin: int = 8) -> None:
    """The whole widget into view (QScrollArea.ensureWidgetVisible shows only a line edit's
    text cursor, which leaves the field half cut off at the bottom edge)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            top = widget.mapTo(parent.widget(), QPoint(0, 0)).y()
            bottom = top + widget.height()
            bar, height = parent.verticalScrollBar(), parent.viewport().height()
            if bottom + margin > bar.value() + height:
                bar.setValue(min(bar.maximum(), bottom + margin - height))
            if top - margin < bar.value():  # a field taller than the view shows its top
                bar.setValue(max(0, top - margin))
        parent = parent.parentWidget()


class FocusFollower(QObject):
    def __init__(self, app: QApplication, log_path: str | None = None):
        super().__init__(app)
        self.log_path = log_path
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if new is None:
            return
        _scroll_into_view(new)
        # Again once the layout has settled (a field that appears with the focus change, such
        # as the department or the answer row, moves what is below it).
        QTimer.singleShot(30, lambda w=new: _scroll_into_view(w) if _valid(w) else None)
        if self.log_path:
            # After the scroll and any layout it causes.
            QTimer.singleShot(60, lambda w=new: self._log(w))

    def _log(self, widget: QWidget) -> None:
        import shiboken6

        if not shiboken6.isValid(widget) or QApplication.focusWidget() is not widget:
            return
        full = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        seen, clipped_by = visible_rect(widget)
        window = widget.window()
        wrect = window.frameGeometry()
        screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
        line = {"name": widget.objectName(), "cls": type(widget).__name__, "window": window.objectName(),
                "rect": _r(full), "visible": _r(seen), "clipped_by": clipped_by, "window_rect": _r(wrect), "screen": _r(screen)}
        with open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def _valid(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def _r(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


_installed: list[FocusFollower] = []


def install(app: QApplication) -> FocusFollower:
    """Once per application (the tests build many windows in one)."""
    if not _installed:
        _installed.append(FocusFollower(app, os.environ.get("DESK_FOCUS_LOG") or None))
    return _installed[0]
