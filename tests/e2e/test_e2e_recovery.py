"""Every password lost, with real key presses: from the log-in page, Tab to the recovery link,
type the printed recovery key (lower case, spaces for dashes, as read from paper), the
administrator and a new password twice, Enter: the administrator is logged in, and the key file
beside the database now opens with the new password. X key events only."""

from __future__ import annotations

from desk.services.keyfile import KeyFile, path_for
from tests.e2e.conftest import data_key, query, recovery_key


def test_the_recovery_key_typed_on_the_log_in_page_sets_a_new_admin_password(start_desk):
    desk = start_desk(name="recover")
    assert desk.wait_focus("username"), desk.log()
    desk.key("Tab", "Tab", "Tab", "space")  # name, password, log in, the recovery link
    assert desk.wait_focus("recoveryKeyInput"), desk.log()
    desk.type(recovery_key(desk.db).lower().replace("-", " "))
    desk.key("Tab", "ctrl+a")
    desk.type("admin")
    desk.key("Tab")
    desk.type("a-new-admin-pass-7")
    desk.key("Tab")
    desk.type("a-new-admin-pass-7")
    desk.key("Return")
    assert desk.wait_focus("phone", timeout=30), desk.log()  # logged in: the intake screen
    keys = KeyFile.load(path_for(desk.db))
    assert keys.unwrap_user("admin", "a-new-admin-pass-7") == data_key(desk.db)
    assert keys.unwrap_user("admin", "demo-2026") is None
    assert query(desk.db, "SELECT count(*) FROM audit_log WHERE action = 'staff.password' AND detail = 'recovery key'")[0][0] == 1
