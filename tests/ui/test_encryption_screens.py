"""The window's encryption screens (issue 21): every password lost, the recovery key opens the
file and sets a new administrator password from the log-in page; an administrator turns
unattended sync on and off in Settings › Station. Real SQLCipher files, a file-backed keyring."""

from __future__ import annotations

import keyring
import pytest

from desk.services import auth
from desk.services.keyfile import KeyFile, path_for
from desk.services.startup import open_store
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.ui.conftest import close_window, login, settle


@pytest.fixture
def locked(qapp, store, admin, clerk, db_path, prefs):
    """(store, ctx, window, recovery key): an encrypted station, the window on its log-in page."""
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    recovery_key = auth.encrypt_station(store, admin, PASSWORD)
    store.close()
    s = open_store(db_path, thorough=False)
    assert s.locked
    errors.set_modal(False)
    ctx, window = build_window(s, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.show()
    window.build_screens_soon(delay_ms=0)
    yield s, ctx, window, recovery_key
    close_window(qapp, ctx, window)
    s.close()


def fill(dialog, key: str, user: str, password: str, repeat: str | None = None) -> None:
    dialog.key.setText(key)
    dialog.username.setText(user)
    dialog.password.setText(password)
    dialog.repeat.setText(password if repeat is None else repeat)
    dialog.submit()
    settle()


def test_lost_passwords_the_recovery_key_sets_a_new_admin_password_in_the_window(locked, db_path):
    store, ctx, window, recovery_key = locked
    settle()
    page = window.login
    assert page.recover_link.isVisible()
    page.recover_link.click()
    dialog = page.recovery_dialog
    assert dialog.isVisible()
    fill(dialog, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "admin", "brand-new-pass-1")
    assert "恢复密钥不正确" in dialog.error.text() and "恢复密钥也找不到" in dialog.error.text()
    assert store.locked and dialog.isVisible()
    fill(dialog, recovery_key, "admin", "brand-new-pass-1", "brand-new-pass-2")
    assert "不一致" in dialog.error.text() and store.locked
    fill(dialog, recovery_key.lower().replace("-", " "), "wangli", "brand-new-pass-1")
    assert "不是管理员" in dialog.error.text() and store.locked  # refused, and the file locked again
    fill(dialog, recovery_key, "admin", "brand-new-pass-1")
    assert not dialog.isVisible() and not store.locked
    assert window.stack.currentWidget() is window.tabs and ctx.actor.username == "admin"
    assert dialog.key.text() == "" and dialog.password.text() == ""
    # The new password is the one the key file now knows; the old one no longer unwraps.
    keys = KeyFile.load(path_for(db_path))
    assert keys.unwrap_user("admin", "brand-new-pass-1") == store.keys.key
    assert keys.unwrap_user("admin", PASSWORD) is None


def test_the_lock_screen_offers_no_recovery(locked):
    store, ctx, window, _key = locked
    login(window, "admin", PASSWORD)
    settle()
    window.lock()
    settle()
    assert not window.login.recover_link.isVisible()


def test_plain_file_offers_no_recovery(ui):
    ctx, window = ui
    settle()
    assert not window.login.recover_link.isVisible()


def test_administrator_turns_unattended_sync_on_and_off(locked, db_path, tmp_path, monkeypatch):
    from tests.file_keyring import FileKeyring

    store, ctx, window, _key = locked
    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        auth.change_password(*_admin_unlocked(window, ctx), "wangli", PASSWORD)
        window.logout()
        login(window, "wangli", PASSWORD)
        settle()
        box = _station_page(window).unattended
        _station_page(window).reload()
        settle()
        assert box.isHidden()  # a clerk never sees it
        window.logout()
        login(window, "admin", PASSWORD)
        settle()
        page = _station_page(window)
        page.reload()
        settle()
        box = page.unattended
        assert not box.isHidden() and box.enabled is False and "不保护" in box.explain.text()
        box.toggle.click()
        settle()
        assert box.enabled is True and KeyFile.load(path_for(db_path)).machine_id
        assert "关闭" in box.toggle.text()
        box.toggle.click()
        settle()
        assert box.enabled is False and KeyFile.load(path_for(db_path)).machine_id is None
    finally:
        keyring.set_keyring(previous)


def _admin_unlocked(window, ctx):
    login(window, "admin", PASSWORD)
    settle()
    return ctx.store, ctx.actor


def _station_page(window):
    return window.settings.station


def test_recovery_and_unattended_sync_never_read_the_database_on_the_gui_thread(locked, tmp_path, monkeypatch):
    from tests.file_keyring import FileKeyring
    from tests.ui.gui_thread_guard import no_database_on_gui_thread

    store, ctx, window, recovery_key = locked
    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        settle()
        with no_database_on_gui_thread() as use:
            window.login.recover_link.click()
            fill(window.login.recovery_dialog, recovery_key, "admin", "brand-new-pass-1")
            window.settings.station.reload()
            settle()
            window.settings.station.unattended.toggle.click()
            settle()
            assert window.settings.station.unattended.enabled is True
        assert use.hits == [], "the GUI thread read the database:\n" + use.report()
    finally:
        keyring.set_keyring(previous)
