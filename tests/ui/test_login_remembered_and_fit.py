"""A remembered user name must not swallow a name typed at once, and a window saved on a larger
screen opens wholly on this one (both seen in the real window under X at 1366x768)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSWORD
from tests.ui.conftest import settle


def _type_at_once(qtbot, text: str) -> None:
    """Keys go wherever the keyboard is, as a person's do."""
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_name_typed_over_the_remembered_one_logs_in(ui, clerk, supervisor, qtbot):
    ctx, window = ui
    ctx.prefs.set("last_user", "chenjing")  # yesterday's supervisor
    window.login.username.setText("chenjing")
    window.login.reset()
    window.activateWindow()
    settle()
    assert QApplication.focusWidget() is window.login.username
    _type_at_once(qtbot, "wangli")
    _type_at_once(qtbot, PASSWORD)
    settle()
    assert ctx.actor is not None and ctx.actor.username == "wangli"


def test_enter_alone_keeps_the_remembered_name(ui, clerk, qtbot):
    ctx, window = ui
    window.login.username.setText("wangli")
    window.login.reset()
    window.activateWindow()
    settle()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _type_at_once(qtbot, PASSWORD)
    settle()
    assert ctx.actor is not None and ctx.actor.username == "wangli"


def test_a_window_saved_on_a_larger_screen_opens_inside_this_one(ui):
    _ctx, window = ui
    available = window.screen().availableGeometry()
    window.setGeometry(QRect(available.x() + available.width() - 300, available.y() + 100,
                             available.width() + 400, available.height() + 200))
    saved = QByteArray(window.saveGeometry())
    window.restoreGeometry(saved)
    window._fit_to_screen()
    g = window.geometry()
    assert available.contains(g), (available, g)
