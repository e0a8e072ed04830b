"""The question asked before a half-typed visit would be lost: save it, throw it away, or go
back to it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def ask_unsaved(parent) -> str:
    """'save', 'discard' or 'cancel'. Offscreen tests and the screenshot script (message boxes
    not modal, no person to ask) close as before the question existed."""
    from desk.ui import errors

    if not errors._modal:
        return "discard"
    tr = lambda text: QCoreApplication.translate("unsaved", text)  # noqa: E731
    box = QMessageBox(QMessageBox.Icon.Question, tr("Unsaved visit"),
                      tr("The intake form has a visit that is not saved yet."), parent=parent)
    box.setObjectName("unsavedBox")
    box.setInformativeText(tr("Save it now, discard it, or go back to it?"))
    save = box.addButton(tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)  # a stray Enter keeps the visit
    box.setEscapeButton(cancel)
    box.exec()
    return {save: "save", discard: "discard"}.get(box.clickedButton(), "cancel")
