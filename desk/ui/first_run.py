"""First run on a new database: the station and its first administrator (auth.initialise)."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

from desk.services import auth
from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating


class FirstRunDialog(Retranslating, QDialog):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.actor = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit("SX")
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        for lab, field in zip(self.labels, (self.code, self.name, self.phone, self.address, self.username,
                                             self.display_name, self.password, self.password2)):
            lab.setBuddy(field)
            self.form.addRow(lab, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this desk"))
        self.intro.setText(self.tr("This database is new. Enter the station's details and the first "
                                   "administrator account."))
        for lab, text in zip(self.labels, (self.tr("Station &code"), self.tr("Station &name"), self.tr("&Phone"),
                                           self.tr("&Address"), self.tr("Administrator &user name"),
                                           self.tr("&Display name"), self.tr("Pass&word"),
                                           self.tr("&Repeat password"))):
            lab.setText(text)

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            from desk.errors import ValidationError

            show_error(self, ValidationError("passwords_differ"))
            return
        self.ctx.call(auth.initialise, station_code=self.code.text(), station_name=self.name.text(),
                      admin_username=self.username.text(), admin_password=self.password.text(),
                      admin_display_name=self.display_name.text(), phone=self.phone.text(),
                      address=self.address.text(), on_done=self._done, on_error=lambda e: show_error(self, e))

    def _done(self, actor) -> None:
        # A new station is encrypted from its first minute; the recovery key is shown once.
        self.actor = actor
        self.ctx.runner.run(_encrypt_and_read_station, self.ctx.store, actor, self.password.text(),
                            on_done=self._encrypted, on_error=lambda e: show_error(self, e))

    def _encrypted(self, answer) -> None:
        from desk.ui.recovery_key import RecoveryKeyDialog

        recovery_key, st = answer
        self.recovery_dialog = RecoveryKeyDialog(recovery_key, st.name, st.code, str(self.ctx.store.path), self)
        self.recovery_dialog.finished.connect(lambda _result: self.accept())
        self.recovery_dialog.open()


def _encrypt_and_read_station(store, actor, password: str):
    """On the worker: the recovery key and the new station's name and code for its kit (the
    GUI thread never reads the database)."""
    return auth.encrypt_station(store, actor, password), store.station()
