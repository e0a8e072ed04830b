"""Settings › Station, for administrators of an encrypted file: unattended sync on or off (the
machine key in the system secret store), with what it protects against and what it does not."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from desk.services import encryption
from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating


class UnattendedSyncBox(Retranslating, QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("unattendedSync")
        self.ctx = ctx
        self.enabled: bool | None = None
        self.state = QLabel(objectName="unattendedState")
        self.explain = QLabel(wordWrap=True)
        self.toggle = QPushButton(objectName="unattendedToggle")
        self.toggle.clicked.connect(self.flip)
        layout = QVBoxLayout(self)
        for w in (self.state, self.explain, self.toggle):
            layout.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Unattended nightly sync"))
        self.explain.setText(self.tr(
            "When on, the nightly sync started by the computer opens the encrypted database with no one logged in, "
            "using a machine key kept in this computer's secret store (Windows Credential Manager, GNOME Keyring). "
            "It still protects the data against a copied database or backup, a removed disk and other accounts on "
            "this computer. It does not protect against someone using this computer's logged-in station account, "
            "or a program running as it: they can ask the secret store as the sync does. Off: the sync runs only "
            "while someone is logged in to the desk."))
        if self.enabled is None:
            self.state.setText("")
        else:
            self.state.setText(self.tr("On: the machine key is in the secret store.") if self.enabled
                               else self.tr("Off."))
        self.toggle.setText(self.tr("Turn unattended sync off") if self.enabled else self.tr("Turn unattended sync on"))

    def reload(self) -> None:
        self.setVisible(bool(self.ctx.store.encrypted))
        if self.ctx.store.encrypted:
            self.ctx.call(encryption.unattended_enabled, on_done=self._show)

    def _show(self, enabled: bool) -> None:
        self.enabled = enabled
        self.toggle.setEnabled(True)
        self.retranslate()

    def flip(self) -> None:
        fn = encryption.disable_unattended if self.enabled else encryption.enable_unattended
        self.toggle.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.toggle.setEnabled(True)
            show_error(self, exc)

        self.ctx.as_actor(fn, on_done=lambda _r: self.reload(), on_error=failed)
