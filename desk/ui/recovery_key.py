"""The station's recovery key, shown once (after the first-run set-up, or when an administrator
encrypts an existing file): in large letters, with a button that saves the recovery-kit PDF to
print; and the status-bar button that encrypts a plain file."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton, QVBoxLayout

from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating


class RecoveryKeyDialog(Retranslating, QDialog):
    def __init__(self, recovery_key: str, station_name: str, station_code: str, database: str, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.recovery_key, self.station_name, self.station_code, self.database = (
            recovery_key, station_name, station_code, database)
        self.intro = QLabel(wordWrap=True)
        self.key = QLabel(recovery_key, objectName="recoveryKey")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Large and monospaced, so it is copied onto paper letter by letter (the theme's style
        # sheet would override a QFont).
        self.key.setStyleSheet("font-size: 18pt; font-weight: bold; font-family: 'DejaVu Sans Mono', Consolas, monospace;")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.advice = QLabel(wordWrap=True)
        self.save = QPushButton(objectName="saveKit")
        self.save.clicked.connect(self.save_kit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.intro, self.key, self.advice, self.save, self.buttons):
            layout.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recovery key"))
        self.intro.setText(self.tr("The station's database and its backups are now encrypted. Staff unlock them by "
                                   "logging in as usual. This is the station's recovery key, shown this once:"))
        self.advice.setText(self.tr("Print the recovery kit and give it to the station chief to lock away. When every "
                                    "password is forgotten, only this key can open the data; without it and the "
                                    "passwords, nobody can, not even us."))
        self.save.setText(self.tr("Save the recovery kit to print (PDF)…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("I have printed or written it down"))

    def save_kit(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery kit"), "desk-recovery-kit.pdf", "PDF (*.pdf)")
        if path:
            self.write_kit(path)

    def write_kit(self, path: str) -> None:
        from desk.printing.recovery_kit import write_recovery_kit

        try:
            write_recovery_kit(path, station_name=self.station_name, station_code=self.station_code,
                               recovery_key=self.recovery_key, database=self.database, made_at=datetime.now())
        except OSError as exc:
            show_error(self, exc)


def show_recovery_key(ctx, recovery_key: str, parent=None) -> RecoveryKeyDialog:
    st = ctx.station  # read on the worker at log-in (the GUI thread never reads the database)
    dialog = RecoveryKeyDialog(recovery_key, st.name, st.code, str(ctx.store.path), parent)
    dialog.open()
    return dialog


class EncryptButton(QPushButton):
    """In the status bar of an administrator on a plain file (made by an older desk): encrypt
    it now. A button, not a question at log-in: the administrator picks the moment (a few
    minutes for years of records), and the password is asked again at that moment."""

    def __init__(self, window):
        super().__init__(objectName="encryptNow")
        self.window_ = window
        self.setFlat(True)
        self.clicked.connect(self.ask)
        window.ctx.actor_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from desk.rules.enums import Role

        ctx = self.window_.ctx
        self.setText(self.tr("Not encrypted: encrypt now…"))
        self.setVisible(ctx.actor is not None and ctx.actor.role == Role.ADMIN.value and not ctx.store.encrypted)

    def ask(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from desk.services import auth

        ctx = self.window_.ctx
        password, ok = QInputDialog.getText(
            self.window_, self.tr("Encrypt the database"),
            self.tr("Anyone who copies this station's database or its backups can read every resident's name, phone "
                    "and ID number. Encrypting makes a checked backup first and takes a few minutes for years of "
                    "records. Your password, to confirm:"), QLineEdit.EchoMode.Password)
        if not ok:
            return

        def done(recovery_key: str) -> None:
            self.refresh()
            self.window_.recovery_dialog = show_recovery_key(ctx, recovery_key, self.window_)

        ctx.as_actor(auth.encrypt_station, password, on_done=done, on_error=lambda e: show_error(self.window_, e))


def install_encrypt_button(window) -> EncryptButton:
    button = EncryptButton(window)
    window.statusBar().addPermanentWidget(button)
    return button
