"""Accounts: first-run set-up, Argon2id, log-in throttling and lock on the clock, disable,
the last administrator, roles."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from desk.services import audit, auth, reference, settings
from desk.errors import AuthError, DeskError, NotInitialised, PermissionDenied, ValidationError

PASSWORD = "correct-horse-1"


def staff_row(store, username):
    con = sqlite3.connect(store.path)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM staff WHERE username = ?", (username,)).fetchone())
    finally:
        con.close()


def test_initialise_a_new_desk(empty_store):
    store = empty_store
    assert not store.is_initialised()
    with pytest.raises(NotInitialised) as err:
        store.station()
    assert "desk init" in str(err.value)
    with pytest.raises(NotInitialised):  # not "wrong password" on a file nobody has set up
        auth.login(store, "admin", PASSWORD)
    for bad in (dict(station_code="s"), dict(station_code="TOO-LONG-CODE"), dict(admin_username="a b"),
                dict(admin_password="short"), dict(station_name="  "), dict(phone="123")):
        args = dict(station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                    admin_password=PASSWORD) | bad
        with pytest.raises(ValidationError):
            auth.initialise(store, **args)
        assert not store.is_initialised()
    admin = auth.initialise(store, station_code="sx", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234")
    assert admin.role == "admin" and admin.display_name == "管理员"
    st = store.station()
    assert (st.code, st.phone, st.timezone, st.is_demo) == ("SX", "02164331234", "Asia/Shanghai", False)
    assert staff_row(store, "admin")["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in staff_row(store, "admin")["password_hash"]
    # The station's reference data comes with it.
    assert {d.code for d in reference.list_departments(store)} >= {"JWH", "WY", "CG", "SL", "FG", "PCS", "ST"}
    assert [a.name for a in reference.list_areas(store)] == ["陕西居民区"]
    assert len(reference.list_categories(store)) >= 20
    with pytest.raises(DeskError) as err:
        auth.initialise(store, station_code="SX", station_name="又一次", admin_username="admin2",
                        admin_password=PASSWORD)
    assert err.value.code == "already_initialised"
    assert [e.action for e in audit.list_entries(store, admin)] == ["station.init"]


def test_login_and_throttling_with_the_clock(store, clock, admin):
    actor = auth.login(store, "admin", PASSWORD)
    assert actor == admin and staff_row(store, "admin")["last_login_at"]
    with pytest.raises(AuthError) as err:
        auth.login(store, "nobody", PASSWORD)
    unknown = str(err.value)
    with pytest.raises(AuthError) as err:
        auth.login(store, "admin", "wrong-password")
    assert str(err.value) == unknown  # no hint which part was wrong
    assert staff_row(store, "admin")["failed_logins"] == 1
    for _ in range(3):
        with pytest.raises(AuthError):
            auth.login(store, "admin", "wrong-password")
    assert staff_row(store, "admin")["failed_logins"] == 4
    auth.login(store, "admin", PASSWORD)  # success resets the count
    assert staff_row(store, "admin")["failed_logins"] == 0
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.login(store, "admin", "wrong-password")
    assert staff_row(store, "admin")["locked_until"]
    with pytest.raises(AuthError) as err:
        auth.login(store, "admin", PASSWORD)  # even the right password waits
    assert err.value.code == "account_locked" and "09:15" in str(err.value)
    clock.advance(minutes=14)
    with pytest.raises(AuthError):
        auth.login(store, "admin", PASSWORD)
    clock.advance(minutes=1, seconds=1)
    assert auth.login(store, "admin", PASSWORD).id == admin.id
    actions = [e.action for e in audit.list_entries(store, admin)]
    assert actions.count("login.failed") == 1 + 4 + 5 + 2 and actions.count("login") == 3


def test_settings_change_throttling(store, clock, admin):
    settings.put(store, admin, "login_max_failures", 2)
    settings.put(store, admin, "login_lock_minutes", 1)
    for _ in range(2):
        with pytest.raises(AuthError):
            auth.login(store, "admin", "nope-nope")
    with pytest.raises(AuthError):
        auth.login(store, "admin", PASSWORD)
    clock.advance(minutes=1, seconds=1)
    auth.login(store, "admin", PASSWORD)


def test_disable_and_the_last_admin(store, admin, supervisor, clerk):
    info = auth.set_active(store, admin, "wangli", False)
    assert not info.active
    with pytest.raises(AuthError) as err:
        auth.login(store, "wangli", PASSWORD)
    assert err.value.code == "account_disabled"
    auth.set_active(store, admin, "wangli", True)
    assert auth.login(store, "wangli", PASSWORD).role == "clerk"
    # The only administrator can be neither disabled nor demoted ...
    for attempt in (lambda: auth.set_active(store, admin, "admin", False),
                    lambda: auth.set_role(store, admin, "admin", "clerk")):
        with pytest.raises(ValidationError) as err:
            attempt()
        assert err.value.code == "last_admin"
    assert staff_row(store, "admin")["active"] == 1 and staff_row(store, "admin")["role"] == "admin"
    # ... until there is another one.
    auth.set_role(store, admin, "chenjing", "admin")
    auth.set_active(store, admin, "admin", False)
    with pytest.raises(AuthError):
        auth.login(store, "admin", PASSWORD)
    second = auth.login(store, "chenjing", PASSWORD)
    with pytest.raises(ValidationError):
        auth.set_active(store, second, "chenjing", False)
    # The disabled administrator may be demoted: the active one stays.
    assert auth.set_role(store, second, "admin", "clerk").role == "clerk"
    with pytest.raises(ValidationError):
        auth.set_role(store, second, "chenjing", "supervisor")


def test_roles_decide_who_manages_staff(store, admin, supervisor, clerk):
    for actor in (supervisor, clerk):
        with pytest.raises(PermissionDenied):
            auth.add_user(store, actor, "zhaoliu", "赵六", "clerk", PASSWORD)
        with pytest.raises(PermissionDenied):
            auth.set_active(store, actor, "admin", False)
        with pytest.raises(PermissionDenied):
            auth.set_role(store, actor, "wangli", "admin")
        with pytest.raises(PermissionDenied):
            auth.change_password(store, actor, "admin", "a-new-password")
    with pytest.raises(PermissionDenied):
        audit.list_entries(store, clerk)
    audit.list_entries(store, supervisor)
    with pytest.raises(ValidationError) as err:
        auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    assert err.value.code == "username_taken"
    for bad in (dict(username="中文名"), dict(role="boss"), dict(password="short"), dict(display_name=" ")):
        args = dict(username="zhaoliu", display_name="赵六", role="clerk", password=PASSWORD) | bad
        with pytest.raises(ValidationError):
            auth.add_user(store, admin, **args)
    info = auth.add_user(store, admin, "zhaoliu", "赵六", "supervisor", PASSWORD)
    assert [u.username for u in auth.list_users(store)] == ["admin", "chenjing", "wangli", "zhaoliu"]
    assert info.role == "supervisor" and staff_row(store, "zhaoliu")["password_hash"].startswith("$argon2id$")


def test_passwords(store, admin, clerk):
    # Your own: with the old password.
    with pytest.raises(AuthError):
        auth.change_password(store, clerk, "wangli", "a-brand-new-one", old_password="wrong")
    auth.change_password(store, clerk, "wangli", "a-brand-new-one", old_password=PASSWORD)
    with pytest.raises(AuthError):
        auth.login(store, "wangli", PASSWORD)
    auth.login(store, "wangli", "a-brand-new-one")
    # Anyone's, as administrator; the hash is a fresh salted Argon2id.
    before = staff_row(store, "wangli")["password_hash"]
    auth.change_password(store, admin, "wangli", "a-brand-new-one")
    after = staff_row(store, "wangli")["password_hash"]
    assert after != before and after.startswith("$argon2id$")
    with pytest.raises(ValidationError):
        auth.change_password(store, admin, "wangli", "short")
    from desk.errors import NotFound

    with pytest.raises(NotFound):
        auth.change_password(store, admin, "nobody", "a-brand-new-one")
