"""Lost every password: the station chief's printed recovery key opens the encrypted file and
sets a new password for an administrator, who is then logged in (the log-in page's link)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desk.errors import DeskError
from desk.services import recovery
from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating


class RecoveryUnlockDialog(Retranslating, QDialog):
    recovered = Signal(object)  # Actor, logged in

    def __init__(self, ctx, username: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryUnlockDialog")
        self.ctx = ctx
        self.intro = QLabel(wordWrap=True)
        self.key = QLineEdit(objectName="recoveryKeyInput")
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.username = QLineEdit(username, objectName="recoveryUser")
        self.password = QLineEdit(objectName="recoveryPassword", echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(objectName="recoveryRepeat", echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(wordWrap=True, objectName="warningLabel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.key, self.username, self.password, self.repeat)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(max(520, 38 * self.fontMetrics().horizontalAdvance("M")))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open with the recovery key"))
        self.intro.setText(self.tr("When no administrator can log in any more: type the recovery key from the "
                                   "station's printed recovery kit (the station chief keeps it), and a new password "
                                   "for an administrator account. Colleagues keep their passwords."))
        for label, text in zip(self.labels, (self.tr("&Recovery key"), self.tr("&Administrator"),
                                             self.tr("&New password"), self.tr("Re&peat it"))):
            label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open and set the password"))

    def submit(self) -> None:
        self.error.clear()
        if not self.key.text().strip() or not self.username.text().strip():
            self.error.setText(self.tr("Type the recovery key and the administrator's user name."))
            return
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two new passwords differ; type them again."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.buttons.setEnabled(False)
        self.ctx.call(recovery.recover_administrator, self.key.text(), self.username.text(), self.password.text(),
                      on_done=self._done, on_error=self._failed)

    def _done(self, actor) -> None:
        self.password.clear()
        self.repeat.clear()
        self.key.clear()
        self.recovered.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, DeskError):  # wrong key, not an administrator, password too short
            text = str(exc)
            if exc.code == "recovery_key_wrong":
                from desk.i18n import message

                text += "\n" + message("recovery_key_lost_too")
            self.error.setText(text)
            return
        show_error(self, exc)
