"""The log-in page at a cold start, shown before SQLAlchemy, the models and the database file.

Importing the database stack and opening the file took ~0.5 s (more on a busy machine) before
the window could show (issue 20, benchmarks/firstkey.py), and the log-in form needs nothing from
them. So the desk shows this page first, a window like the desk's own with the same form, then
imports and opens in turns (`in_turns`): between two, the keys typed meanwhile reach the page.

Everything done on it is written down in order (each key with the field it went to, a click
on the button) and, once the desk's window is built over the open file, done again on that
window's log-in page: the same keys into the same fields, so Enter, Backspace, a remembered name
typed over and a log-in submitted before the file was open all behave as if typed there. Keys that still arrive here
before the desk's window has the keyboard are passed on to it; then this window goes.

Qt only (no database module): it is what shows first.
"""

from __future__ import annotations

import time
from importlib import import_module
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from desk.ui.login_form import LoginForm

HAND_OVER_MS = 2000  # longest this page waits for the window manager to focus the desk's window
EXPOSE_WAIT_S = 0.5  # longest the first paint is waited for before the imports start


class EarlyLogin(QMainWindow):
    def __init__(self, prefs):
        super().__init__()
        self.setObjectName("earlyLogin")
        self.form = LoginForm(prefs.get("last_user"))
        self.form.translate_form()
        self.setCentralWidget(self.form)
        # The same frame as the desk's window (title, menu titles, status bar), so nothing
        # moves when it takes this one's place.
        tr = lambda text: QCoreApplication.translate("MainWindow", text)  # noqa: E731
        self.setWindowTitle(tr("Desk"))
        for title in ("&Desk", "&Go", "&View"):
            self.menuBar().addMenu(tr(title)).setEnabled(False)
        self.statusBar().addPermanentWidget(QLabel(tr("Not logged in")))
        restore_geometry(self, prefs)
        # ("key", field, type, key, modifiers, text, autorepeat) | ("commit", field, text) | ("submit",)
        self.done_here: list[tuple] = []
        self.closed = False
        self._submitted = False
        self._window = None  # the desk's window, once handed over
        for field in (self.form.username, self.form.password, self.form.button):
            field.installEventFilter(self)
        self.form.password.returnPressed.connect(self._submit)
        self.form.button.clicked.connect(self._submit)
        self.form.username.setFocus()
        self.form.username.selectAll()

    def _submit(self) -> None:
        if not self._submitted and self.sender() is self.form.button:
            self.done_here.append(("submit",))  # Enter is replayed as the key it was
        self._submitted = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            if self._window is not None:  # handed over: on to wherever the desk's window has the keyboard
                target = self._window.focusWidget() or self._field
                QApplication.sendEvent(target, _copy(event))
                return True
            self.done_here.append(("key", obj.objectName(), kind, event.key(), event.modifiers(), event.text(),
                                   event.isAutoRepeat()))
            return self._submitted  # after Enter the fields keep what was sent, as on the desk's page
        if kind == QEvent.Type.InputMethod and event.commitString() and self._window is None:
            # A name typed through an input method arrives as its committed text, not as keys.
            self.done_here.append(("commit", obj.objectName(), event.commitString()))
            return self._submitted
        return super().eventFilter(obj, event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.closed = self._window is None  # closed by the person before the desk's window came
        super().closeEvent(event)

    def wait_until_shown(self) -> None:
        """Paint once before the imports hold the GUI thread (else a blank frame until they end)."""
        app = QApplication.instance()
        deadline = time.monotonic() + EXPOSE_WAIT_S
        while time.monotonic() < deadline and not (self.windowHandle() and self.windowHandle().isExposed()):
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()

    def hand_over(self, window) -> None:
        """Do on `window`'s log-in page what was done here, then pass on what still comes here
        until `window` has the keyboard."""
        login = window.login
        fields = {f.objectName(): f for f in (login.username, login.password, login.button)}
        # Where the keyboard is here: there on the desk's page too (a click moved it, or Tab).
        here = self.focusWidget()
        self._field = fields.get(here.objectName() if here is not None else "", login.username)
        for item in self.done_here:
            if item[0] == "key":
                QApplication.sendEvent(fields[item[1]], QKeyEvent(*item[2:]))
            elif item[0] == "commit" and not login.checking():
                fields[item[1]].insert(item[2])
            elif item[0] == "submit":
                login.submit()
        self.done_here.clear()
        self._field.setFocus()  # the log-in, if sent, is still being checked: the page is still up
        self._window = window
        app = QGuiApplication.instance()

        def focus_moved(_focus=None) -> None:
            if window.windowHandle() is not None and app.focusWindow() is window.windowHandle():
                self._go()

        app.focusWindowChanged.connect(focus_moved)
        self._disconnect = lambda: app.focusWindowChanged.disconnect(focus_moved)
        QTimer.singleShot(HAND_OVER_MS, self, self._go)
        focus_moved()

    def _go(self) -> None:
        if getattr(self, "_disconnect", None) is not None:
            self._disconnect()
            self._disconnect = None
            self.discard()

    def discard(self) -> None:
        """Hidden, not closed: closing the last window would post Qt's quit for the loop to come."""
        self.hide()
        self.deleteLater()


def in_turns(steps: Iterable[Callable[[], object]]) -> None:
    """Run `steps` on the GUI thread, letting the events that came meanwhile (keys, paints) in
    between two: the work overlaps a person's typing instead of coming before the window."""
    app = QApplication.instance()
    for step in steps:
        app.processEvents()
        step()
    app.processEvents()


def importing(*modules: str) -> list[Callable[[], object]]:
    return [lambda m=m: import_module(m) for m in modules]


def restore_geometry(window: QMainWindow, prefs) -> None:
    """Where the window was last closed; on the first run as large as is comfortable, never
    larger than the screen (the desk's window and the early page both open this way)."""
    from PySide6.QtCore import Qt

    geometry = prefs.state("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)  # moved wholly onto this screen once shown (MainWindow.showEvent)
        return
    screen = window.screen() or QApplication.primaryScreen()
    available = screen.availableGeometry()
    window.resize(min(1280, available.width()), min(800, available.height()))
    if available.width() <= 1440 or available.height() <= 820:
        window.setWindowState(Qt.WindowState.WindowMaximized)


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat())
