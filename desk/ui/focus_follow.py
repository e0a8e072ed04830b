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


def visible_rect(widget: QWidget) -> QRect:
    """The widget's rectangle on the screen, clipped by every parent (scroll viewports too)."""
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.intersected(QRect(parent.mapToGlobal(QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def _scroll_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 8, 8)
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
        if self.log_path:
            # After the scroll and any layout it causes.
            QTimer.singleShot(60, lambda w=new: self._log(w))

    def _log(self, widget: QWidget) -> None:
        import shiboken6

        if not shiboken6.isValid(widget) or QApplication.focusWidget() is not widget:
            return
        full = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        seen = visible_rect(widget)
        window = widget.window()
        wrect = window.frameGeometry()
        screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
        line = {"name": widget.objectName(), "cls": type(widget).__name__, "window": window.objectName(),
                "rect": _r(full), "visible": _r(seen), "window_rect": _r(wrect), "screen": _r(screen)}
        with open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def _r(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


_installed: list[FocusFollower] = []


def install(app: QApplication) -> FocusFollower:
    """Once per application (the tests build many windows in one)."""
    if not _installed:
        _installed.append(FocusFollower(app, os.environ.get("DESK_FOCUS_LOG") or None))
    return _installed[0]
