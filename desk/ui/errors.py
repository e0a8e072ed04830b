"""Every failure reaches the clerk as a sentence in their language, never a traceback.

A DeskError is the core refusing on purpose: its message is shown as it is. Anything else is
a bug: it is written with its traceback to a log file in the platform log folder and the
clerk sees a short apology with that file's path, to give to whoever supports the desk.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.config import log_dir
from desk.errors import DeskError

_logger = logging.getLogger("desk.ui")


def log_file() -> Path:
    return log_dir() / "desk-errors.log"


def log_unexpected(exc: BaseException) -> Path:
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    _logger.error("unexpected error, logged to %s: %s", path, exc)
    return path


def describe(exc: BaseException) -> str:
    """The sentence shown for an error (logging it first when it is unexpected)."""
    if isinstance(exc, DeskError):
        return str(exc)
    path = log_unexpected(exc)
    return QCoreApplication.translate(
        "errors", "Something went wrong that the desk did not expect. Nothing already saved was lost. "
                  "The details were written to:\n{path}").format(path=path)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    message = describe(exc)
    for box in open_boxes():  # the same sentence again: bring the open box forward, not a stack
        if box.text() == message:
            box.raise_()
            box.activateWindow()
            return
    if isinstance(exc, DeskError):
        title = QCoreApplication.translate("errors", "Not done")
    else:
        title = QCoreApplication.translate("errors", "Unexpected error")
    box = QMessageBox(QMessageBox.Icon.Warning if isinstance(exc, DeskError) else QMessageBox.Icon.Critical,
                      title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    _boxes.append(box)
    box.finished.connect(lambda _=None, b=box: _boxes.remove(b) if b in _boxes else None)
    if _modal:
        box.exec()
    else:
        box.open()


# Tests and the screenshot script set this False so a message box never blocks; the boxes
# stay reachable through `open_boxes()` for assertions.
_modal = True
_boxes: list[QMessageBox] = []


def set_modal(modal: bool) -> None:
    global _modal
    _modal = modal


def open_boxes() -> list[QMessageBox]:
    import shiboken6

    _boxes[:] = [b for b in _boxes if shiboken6.isValid(b)]
    return [b for b in _boxes if b.isVisible()]
