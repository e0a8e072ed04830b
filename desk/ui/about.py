"""The About box: name, version (the same as `desk --version`), the icon, what it is built on."""

from __future__ import annotations

import sys
from importlib import resources

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from desk import __version__
from desk.i18n import _


def icon() -> QIcon:
    return QIcon(str(resources.files("desk.resources") / "icons" / "desk.svg"))


def about_text() -> str:
    return (
        f"<h3>全岗接待台 Desk</h3>"
        f"<p>{_('Version')} <b>{__version__}</b></p>"
        f"<p>{_('The front desk of community service stations: intake, dispatch, callbacks and reports.')}</p>"
        f"<p style='color: gray'>Python {sys.version.split()[0]} · Qt {qVersion()} · PySide6 {pyside_version}<br>"
        f"{_('Font: WenQuanYi Micro Hei (Apache-2.0)')}</p>"
    )


def about_box(parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(_("About Desk"))
    box.setIconPixmap(icon().pixmap(64, 64))
    box.setText(about_text())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_about(parent: QWidget | None = None) -> None:
    """For the Help menu: Help ▸ About."""
    about_box(parent).exec()
