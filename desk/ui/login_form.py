"""The log-in page's fields and layout, without what they do.

Qt only, so that the desk can show it before SQLAlchemy, the models and the database file are
opened (desk/ui/early_login.py); desk/ui/login.py gives it the log-in itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class LoginForm(QWidget):
    def __init__(self, last_user: str = "", parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station = QLabel()
        self.station.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station.setWordWrap(True)
        self.username = QLineEdit(last_user)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.returnPressed.connect(self.password.setFocus)
        self.error = QLabel()
        self.error.setObjectName("warningLabel")
        self.error.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        # Lost every password: the recovery key (only over an encrypted file, never on the lock screen).
        self.recover_link = QPushButton(objectName="recoverLink", flat=True)
        self.recover_link.setVisible(False)
        self.user_label, self.password_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        box = QFrame()
        self.box = box
        form = QFormLayout(box)
        form.addRow(self.title)
        form.addRow(self.station)
        form.addRow(self.user_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.error)
        form.addRow(self.button)
        form.addRow(self.recover_link)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.restyle()

    def restyle(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        self.box.setFixedWidth(max(380, 30 * em))

    def translate_form(self, locked: bool = False) -> None:
        """The texts that need nothing from the database (the log-in page's context, so the
        early page shows the same words)."""
        def tr(text: str) -> str:
            return QCoreApplication.translate("LoginPage", text)

        self.title.setText(tr("Screen locked") if locked else tr("Log in to the desk"))
        self.user_label.setText(tr("&User name"))
        self.password_label.setText(tr("&Password"))
        self.button.setText(tr("Unlock") if locked else tr("Log in"))
        self.recover_link.setText(tr("Lost every password? Open with the recovery key…"))
