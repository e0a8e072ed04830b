"""The window over an encrypted station file: the log-in page shows before the file is open
(the station's name from the key file), nothing the screens ask for fails meanwhile, the
clerk's log-in opens it; and the status-bar button that encrypts a plain file."""

from __future__ import annotations

import pytest

from desk.services import auth, encryption, intake
from desk.services.dto import MatterInput, VisitInput
from desk.services.startup import open_store
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.ui.conftest import close_window, login, settle


@pytest.fixture
def locked_window(qapp, store, admin, clerk, ref, db_path, prefs):
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    intake.register_visit(store, clerk, VisitInput(name="欧阳震华", phone="13987654321", matters=(
        MatterInput(summary="楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-STAIR"].id, dispatch=True),)))
    auth.encrypt_station(store, admin, PASSWORD)
    auth.change_password(store, admin, "wangli", PASSWORD)  # the clerk's key (set by her administrator)
    store.close()
    locked = open_store(db_path, thorough=False)
    assert locked.locked
    errors.set_modal(False)
    ctx, window = build_window(locked, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.show()
    window.build_screens_soon(delay_ms=0)
    yield locked, ctx, window
    close_window(qapp, ctx, window)
    locked.close()


def test_log_in_opens_the_encrypted_file_and_nothing_fails_before(locked_window, qtbot):
    from desk.ui import errors

    store, ctx, window = locked_window
    qtbot.wait(200)
    settle()
    assert window.stack.currentWidget() is window.login
    assert window.login.station.text() == "陕西居民区党群服务站"
    assert errors.open_boxes() == []  # the screens' lists and the sync status waited
    login(window, "wangli", "wrong-password")
    assert "用户名或密码不正确" in window.login.error.text() and store.locked
    login(window, "wangli", PASSWORD)
    settle()
    assert not store.locked and window.stack.currentWidget() is window.tabs
    assert errors.open_boxes() == []
    window.show_screen(1)
    settle()
    assert window.queue.model.rowCount() >= 1
    assert not window.encrypt_button.isVisible()


def test_keys_typed_while_the_log_in_opens_the_file_reach_the_phone_field(locked_window, qtbot, monkeypatch):
    """The unwrap takes about a second on the worker: the visitor's number typed meanwhile goes
    to the phone field, not into the password field the log-in then clears; Enter again does
    not start a second log-in."""
    from PySide6.QtCore import Qt

    store, ctx, window = locked_window
    settle()
    window.activateWindow()
    running = []
    real_call = ctx.call
    monkeypatch.setattr(ctx, "call", lambda *args, **kwargs: running.append((args, kwargs)))
    window.login.username.setText("wangli")
    window.login.password.setText(PASSWORD)
    window.login.password.setFocus()
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    qtbot.keyClicks(window.login.password, "1390")
    qtbot.keyClick(window.login.password, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.login.password, "12")
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    assert len(running) == 1 and window.login.password.text() == PASSWORD
    monkeypatch.undo()
    (args, kwargs), = running
    real_call(*args, **kwargs)  # the log-in finishes
    settle()
    assert not store.locked and window.stack.currentWidget() is window.tabs
    assert window.intake.phone.text() == "13912"


def test_encrypt_button_for_an_administrator_on_a_plain_file(ui, clerk, store, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert not window.encrypt_button.isVisible()  # clerks never see it
    window.logout()
    login(window, "admin", PASSWORD)
    assert window.encrypt_button.isVisible() and not store.encrypted
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSWORD, True)))
    window.encrypt_button.click()
    settle()
    assert store.encrypted and not store.locked and not window.encrypt_button.isVisible()
    shown = window.recovery_dialog
    assert len(shown.key.text()) == 39
    shown.accept()


def test_suggestions_built_before_the_log_in_are_trained_after_it(locked_window, qtbot):
    """The intake (and its suggestion engine) is built while the log-in is checked: training
    then would meet a file it cannot read yet and leave the clerk with no suggestions all day.
    It waits for the log-in."""
    from desk.ui.suggestions import engine_for

    store, ctx, window = locked_window
    qtbot.waitUntil(lambda: window.intake_tab.built, timeout=5_000)
    engine = engine_for(ctx)
    assert store.locked and engine.models.categories is None
    login(window, "wangli", PASSWORD)
    settle()
    assert engine.wait_trained(30), "no suggestion model after the log-in"
    form = window.intake.forms()[0]
    form.summary.setText("楼道灯坏了，晚上看不见")
    qtbot.waitUntil(lambda: bool(form.suggestions.last and form.suggestions.last.categories), timeout=5_000)
