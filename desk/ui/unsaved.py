"""The question asked before a half-typed visit would be lost: save it, throw it away, or go
back to it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def ask_unsaved(parent, what: str = "visit") -> str:
    """'save', 'discard' or 'cancel' for a half-typed visit (what="visit"), knowledge-base entry
    (what="entry") or settings record (what="record"). Offscreen tests and the screenshot script (message boxes not modal, no person
    to ask) go on as before the question existed."""
    from desk.ui import errors

    if not errors._modal:
        return "discard"
    title, text = {
        "visit": (QCoreApplication.translate("unsaved", "Unsaved visit"),
                  QCoreApplication.translate("unsaved", "The intake form has a visit that is not saved yet.")),
        "entry": (QCoreApplication.translate("unsaved", "Unsaved entry"),
                  QCoreApplication.translate("unsaved", "The knowledge-base entry being edited is not saved yet.")),
        "record": (QCoreApplication.translate("unsaved", "Unsaved changes"),
                   QCoreApplication.translate("unsaved", "The changes in this form are not saved yet.")),
    }[what]
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("unsavedBox")
    box.setInformativeText(QCoreApplication.translate("unsaved", "Save it now, discard it, or go back to it?"))
    save = box.addButton(QCoreApplication.translate("unsaved", "&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("unsaved", "&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QCoreApplication.translate("unsaved", "&Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)  # a stray Enter keeps the visit
    box.setEscapeButton(cancel)
    box.exec()
    return {save: "save", discard: "discard"}.get(box.clickedButton(), "cancel")


def unsaved_handled(parent, what: str, *, save: Callable[[], None], discard: Callable[[], None]) -> bool:
    """Ask about typed input and do what the answer says. True: go on now (thrown away, after
    `discard`). False: stop (cancelled, or `save` started and what waits for it runs once saved)."""
    answer = ask_unsaved(parent, what)
    if answer == "save":
        save()
        return False
    if answer == "discard":
        discard()
        return True
    return False
