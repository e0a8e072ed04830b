"""Log-in page, also the lock screen: the work screens stay underneath with their input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desk.services import auth
from desk.services.dto import Actor
from desk.errors import AuthError
from desk.ui.context import DeskContext
from desk.ui.login_form import LoginForm
from desk.ui.widgets import Retranslating


class LoginPage(Retranslating, LoginForm):
    logged_in = Signal(object)  # Actor
    submitted = Signal()  # a log-in is being checked: the window builds the intake meanwhile

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(ctx.prefs.get("last_user"), parent)
        self.ctx = ctx
        self.locked_by: Actor | None = None
        self.password.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.recover_link.clicked.connect(self.open_recovery)
        self.recovery_dialog = None
        # Keys typed while a log-in runs (it unwraps the file's key: Argon2id, about a second):
        # kept here and typed into the work screen once it shows, not into the password field.
        self._typed_meanwhile: list[tuple[int, Qt.KeyboardModifier, str]] | None = None
        for field in (self.username, self.password, self.button):
            field.installEventFilter(self)
        self.retranslate()
        ctx.station_loaded.connect(self.retranslate)  # the station's name, read on the worker

    def retranslate(self) -> None:
        locked = self.locked_by is not None
        self.translate_form(locked)
        self.recover_link.setVisible(not locked and bool(getattr(self.ctx.store, "encrypted", False)))
        # The station's name as the worker read it; over an encrypted file still locked, from its key file.
        name = self.ctx.station_name()
        if not name:
            from desk.services.encryption import station_name_before_unlock

            name = station_name_before_unlock(self.ctx.store)
        self.station.setText(name)

    def lock(self, actor: Actor) -> None:
        self.locked_by = actor
        self.username.setText(actor.username)
        self.username.setReadOnly(True)
        self.reset()

    def reset(self) -> None:
        self.password.clear()
        self.error.clear()
        self.retranslate()
        if self.locked_by is not None:  # the screen is locked: only the password is asked
            self.password.setFocus()
            return
        # The remembered name is selected, not skipped: a clerk who types a name, Enter, the
        # password and Enter at once replaces it, instead of typing the name into the password
        # (a failed log-in that counts towards the lock-out); Enter alone keeps it.
        self.username.setFocus()
        self.username.selectAll()

    def eventFilter(self, obj, event) -> bool:
        if self._typed_meanwhile is not None and event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            if event.type() == QEvent.Type.KeyPress and _typed_text(event):
                self._typed_meanwhile.append((event.key(), event.modifiers(), event.text()))
            return True  # Enter again does not log in twice; the password stays what was sent
        return super().eventFilter(obj, event)

    def checking(self) -> bool:
        """A log-in was sent and has not been answered: the fields keep what was sent."""
        return self._typed_meanwhile is not None

    def submit(self) -> None:
        if self._typed_meanwhile is not None:
            return
        self._typed_meanwhile = []
        self.error.clear()
        self.ctx.call(auth.login, self.username.text(), self.password.text(), on_done=self._done, on_error=self._failed)
        self.submitted.emit()

    def open_recovery(self) -> None:
        from desk.ui.recovery_unlock import RecoveryUnlockDialog

        self.recovery_dialog = RecoveryUnlockDialog(self.ctx, self.username.text(), self.window())
        self.recovery_dialog.recovered.connect(self._done)
        self.recovery_dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self._typed_meanwhile = None  # meant for the work screen, which stays shut
        if isinstance(exc, AuthError):
            self.error.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        from desk.ui.errors import show_error

        show_error(self, exc)

    def _done(self, actor: Actor) -> None:
        self.password.clear()
        self.ctx.prefs.set("last_user", actor.username)
        self.locked_by = None
        self.username.setReadOnly(False)
        self.retranslate()
        typed, self._typed_meanwhile = self._typed_meanwhile or [], None
        self.logged_in.emit(actor)
        target = QApplication.focusWidget()  # the work screen's first field (intake: the phone)
        if target is not None and not self.isAncestorOf(target):
            for key, modifiers, text in typed:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))


def _typed_text(event) -> bool:
    """Characters and Backspace; shortcuts and Enter typed before the screen shows are not
    replayed (they would act on a screen the clerk has not seen yet)."""
    if event.key() == Qt.Key.Key_Backspace:
        return True
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return bool(event.text()) and event.text().isprintable() and not (event.modifiers() & chord)
