"""The window's message area for a failure no screen handled itself (the runner's default,
desk/ui/worker.py): a line across the top of the window, in the person's language, that stays
until it is closed or the next failure replaces it. The sentence is selectable (an unexpected
error names the log file to give to support); the traceback is only in that file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desk.ui.widgets import Retranslating


class FailureBanner(Retranslating, QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="failureBanner")
        self.setStyleSheet("#failureBanner { background: #fdecea; border-bottom: 1px solid #e53935; }"
                           "#failureBanner QLabel { color: #611a15; }")
        self.label = QLabel(objectName="failureText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(objectName="failureClose", text="×", autoRaise=True)
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Close"))

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()


def install_failure_banner(window) -> FailureBanner:
    """Put the banner above the window's central widget and make it the runner's message area."""
    central = window.takeCentralWidget()  # kept: setCentralWidget alone would delete it
    holder = QWidget(objectName="centralHolder")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    banner = FailureBanner(holder)
    column.addWidget(banner)
    column.addWidget(central, 1)
    window.setCentralWidget(holder)
    window.ctx.runner.show_message = banner.show_text
    return banner
