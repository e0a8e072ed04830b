"""Real windows, off-screen, over a real SQLite file; the database runner is synchronous so a
test can act and assert without waiting for a thread."""

from __future__ import annotations

import pytest

# The end of a driver script run in a child (`python -c HEAD + RUN_DESK_AND_REPORT`): the desk
# started as `desk --db $T_DB` starts it, with QApplication.exec patched to the head's
# `exec_and_poll` (which starts its `poll`), then the head's `report` printed as one JSON line.
RUN_DESK_AND_REPORT = r"""
QtWidgets.QApplication.exec = exec_and_poll
sys.argv = ["desk", "--db", os.environ["T_DB"]]
from desk.cli import main as cli
code = cli()
print("REPORT", json.dumps(report), flush=True)
raise SystemExit(code)
"""


@pytest.fixture
def prefs(tmp_path):
    from PySide6.QtCore import QSettings

    from desk.ui.prefs import Prefs

    return Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def ui(qapp, store, admin, prefs):
    """(ctx, window) over the test store, logged out, Chinese, light theme."""
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    errors.set_modal(False)
    family = setup_look(qapp, prefs)
    ctx, window = build_window(store, SyncRunner(), prefs, family)
    window.show()
    yield ctx, window
    close_window(qapp, ctx, window)
    from desk.ui import language

    language.set_language("zh_CN")


def close_window(qapp, ctx, window) -> None:
    """Close a test's window and delete the Qt side now, not during interpreter shutdown
    (PySide6 may crash there)."""
    from desk.ui import errors

    window.close()
    ctx.detach()
    for box in errors.open_boxes():
        box.close()
    errors._boxes.clear()
    window.deleteLater()
    qapp.sendPostedEvents(None, 0)
    qapp.processEvents()


def login(window, username: str, password: str) -> None:
    window.login.username.setReadOnly(False)
    window.login.username.setText(username)
    window.login.password.setText(password)
    window.login.submit()


def type_chinese(widget, text: str) -> None:
    """What a Pinyin input method sends: one commit string (keyClicks with CJK aborts pytest)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle() -> None:
    """Deliver queued change notifications and page requests (the runner itself is synchronous)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
