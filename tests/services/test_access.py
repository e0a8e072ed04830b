"""Roles: every lifecycle action and every permission tried as every role against the one
table (desk.rules.permissions.PERMISSIONS) and the services that enforce it; log-in
throttling, password change, disabling; the audit log and its CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from desk.services import audit, auth, backup, intake, lifecycle, queries, reference, retention, settings
from desk.services.dto import MatterInput, VisitInput
from desk.rules.enums import Action, Role
from desk.errors import AuthError, PermissionDenied, ValidationError
from desk.rules.permissions import PERMISSIONS, Permission

from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture

PASSWORD = "correct-horse-1"
CHECKED: list[tuple[str, str, bool]] = []  # (role, what, allowed) pairs, counted in the report


@pytest.fixture
def actors(store, admin, supervisor, clerk):
    return {Role.ADMIN: admin, Role.SUPERVISOR: supervisor, Role.CLERK: clerk}


# How to bring a fresh order to where each action applies (done as the administrator), and the
# parameters the action needs. Each action is then tried as each role.
def _dep(ref):
    return ref.dep["WY"].id


PREPARE = {
    Action.ANSWER_AT_DESK: ([], {"result": "七点开门"}),
    Action.DISPATCH: ([], {"department_id": "WY"}),
    Action.REDISPATCH: (["dispatch"], {"department_id": "FG", "reason": "不归我们管"}),
    Action.ACCEPT: (["dispatch"], {}),
    Action.START: (["dispatch", "accept"], {}),
    Action.PEND: (["dispatch", "accept"], {"reason": "等材料"}),
    Action.RESUME: (["dispatch", "accept", "pend"], {}),
    Action.RESOLVE: (["dispatch", "accept", "start"], {"result": "已修好", "solved": True}),
    Action.CALLBACK: (["dispatch", "accept", "start", "resolve"], {"solved": True, "rating": 5}),
    Action.CLOSE: (["dispatch", "accept", "start", "resolve", "callback"], {}),
    Action.CLOSE_UNREACHED: (["dispatch", "accept", "start", "resolve"], {"reason": "三次未接"}),
    Action.RETURN: (["dispatch"], {"reason": "不是我们的"}),
    Action.CONTACT: (["dispatch"], {"by": "department"}),
    Action.REOPEN: (["dispatch", "accept", "start", "resolve", "callback", "close"], {"reason": "又漏了"}),
    Action.REQUEST_EXTENSION: (["dispatch"], {"reason": "要买零件", "days": 3}),
    Action.APPROVE_EXTENSION: (["dispatch", "request_extension"], {}),
    Action.REFUSE_EXTENSION: (["dispatch", "request_extension"], {"reason": "不合理"}),
    Action.SUPERVISE: (["dispatch"], {}),
    Action.MERGE: ([], {"target": None}),  # filled in with another order
    Action.VOID: ([], {"reason": "骚扰电话"}),
    Action.NOTE: ([], {"text": "已电话联系"}),
    Action.PRINT: ([], {"reprint": True}),
}
STEP_PARAMS = {
    "dispatch": {"department_id": "WY"}, "accept": {}, "start": {}, "pend": {"reason": "等材料"},
    "resolve": {"result": "已修好", "solved": True}, "callback": {"solved": True, "rating": 5}, "close": {},
    "request_extension": {"reason": "要买零件", "days": 3},
}


def _new_order(store, admin, ref):
    return intake.register_visit(store, admin, VisitInput(name="张三明", phone="13812345678", matters=(
        MatterInput(summary="楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id),))).orders[0]


def _fix(params, ref):
    out = dict(params)
    if "department_id" in out:
        out["department_id"] = ref.dep[out["department_id"]].id
    return out


def test_every_lifecycle_action_as_every_role(store, admin, actors, ref):
    assert set(PREPARE) == set(lifecycle.RULES), "a new action needs a line in PREPARE"
    pairs = 0
    for action, (steps, params) in PREPARE.items():
        for role, actor in actors.items():
            order = _new_order(store, admin, ref)
            for step in steps:
                lifecycle.perform(store, admin, order.id, step, **_fix(STEP_PARAMS[step], ref))
            params_now = _fix(params, ref)
            if action == Action.MERGE:
                params_now["target"] = _new_order(store, admin, ref).ticket_no
            before = queries.get_order(store, admin, order.id)
            may = role in PERMISSIONS[action]
            if may:
                after = lifecycle.perform(store, actor, order.id, action, **params_now)
                assert len(after.events) > len(before.events), (action, role)
                assert action.value in before.allowed_actions or action in (Action.NOTE, Action.PRINT)
            else:
                with pytest.raises(PermissionDenied) as err:
                    lifecycle.perform(store, actor, order.id, action, **params_now)
                assert str(err.value)
                after = queries.get_order(store, admin, order.id)
                assert after.events == before.events and after.row.status == before.row.status
            # What the window offers this role never includes a refused action.
            offered = queries.get_order(store, actor, order.id).allowed_actions
            assert all(role in PERMISSIONS[Action(a)] for a in offered)
            CHECKED.append((role.value, action.value, may))
            pairs += 1
    assert pairs == len(lifecycle.RULES) * len(Role)


def _permission_calls(store, ref, tmp_path, admin):
    """For each permission, a service call that needs it (None: no service yet, table only)."""
    from desk.printing import exports
    from desk.services import figures

    order = _new_order(store, admin, ref)
    counter = iter(range(10_000))

    def code() -> str:
        return f"P{next(counter)}"

    return {
        Action.REGISTER: lambda a: intake.register_visit(store, a, VisitInput(matters=(MatterInput(summary="咨询"),))),
        Action.REVEAL: lambda a: queries.get_order(store, a, order.id, reveal=True),
        Permission.REVEAL_PERSONAL_DATA: lambda a: queries.get_order(store, a, order.id, reveal=True),
        Permission.VIEW_AUDIT: lambda a: (audit.entries(store, a), audit.export_csv(store, a, io.StringIO())),
        Permission.MANAGE_REFERENCE: lambda a: (
            reference.save_department(store, a, reference.DepartmentEdit(code=code(), name="新部门")),
            reference.save_area(store, a, code(), "新小区"),
            reference.set_calendar_override(store, a, "2027-01-02", True, "调休")),
        Permission.MANAGE_STAFF: lambda a: (
            auth.add_user(store, a, f"user{next(counter)}", "新人", "clerk", PASSWORD)),
        Permission.MANAGE_STATION: lambda a: (
            settings.put(store, a, "due_soon_hours", 24),
            reference.update_station(store, a, name="陕西居民区党群服务站", phone="", address=""),
            retention.anonymise_expired(store, a, dry_run=True)),
        Permission.BACKUP: lambda a: backup.backup_now(store, a, out=tmp_path / f"b{next(counter)}.sqlite3"),
        Permission.EXPORT_FULL: lambda a: exports.export(store, a, "2026-11-30", "2026-11-30", "csv",
                                                         tmp_path / f"full{next(counter)}.csv", full=True),
        Permission.EXPORT_MASKED: lambda a: exports.export(store, a, "2026-11-30", "2026-11-30", "csv",
                                                           tmp_path / f"masked{next(counter)}.csv"),
        Permission.VIEW_DASHBOARD: lambda a: figures.compute(store, a, figures.Period.day("2026-11-30")),
        # The sync is another engineer's service (not on this branch yet): the table is checked.
        Permission.SYNC: None,
    }


def test_every_permission_as_every_role(store, admin, actors, ref, tmp_path):
    from desk.rules.permissions import allowed, require

    calls = _permission_calls(store, ref, tmp_path, admin)
    assert set(calls) | set(lifecycle.RULES) == set(PERMISSIONS), "every entry of the table is tried"
    pairs = 0
    for what, call in calls.items():
        for role, actor in actors.items():
            may = role in PERMISSIONS[what]
            assert allowed(role.value, what) is may
            if call is None:
                if may:
                    require(role.value, what)
                else:
                    with pytest.raises(PermissionDenied):
                        require(role.value, what)
            elif may:
                call(actor)
            else:
                with pytest.raises(PermissionDenied) as err:
                    call(actor)
                assert str(err.value)
            CHECKED.append((role.value, str(what), may))
            pairs += 1
    assert pairs == len(calls) * len(Role)


def test_table_shape_clerks_cannot_reach_personal_data_or_staff():
    assert Role.CLERK not in PERMISSIONS[Permission.REVEAL_PERSONAL_DATA]
    assert Role.CLERK not in PERMISSIONS[Permission.EXPORT_FULL]
    assert PERMISSIONS[Permission.MANAGE_STAFF] == frozenset({Role.ADMIN})
    assert all(Role.ADMIN in roles for roles in PERMISSIONS.values())


def test_report_role_pairs_checked():
    print(f"\nrole-action pairs checked: {len(CHECKED)} "
          f"({sum(1 for *_, may in CHECKED if may)} allowed, {sum(1 for *_, may in CHECKED if not may)} refused)")
    keys = {str(k): k for k in PERMISSIONS}
    assert all((Role(role) in PERMISSIONS[keys[what]]) is may for role, what, may in CHECKED)


# -- log-in throttling, passwords, disabled accounts -----------------------------------------------

def test_failed_logins_lock_after_the_configured_count_and_unlock_later(store, admin, clock):
    settings.put(store, admin, "login_max_failures", 3)
    settings.put(store, admin, "login_lock_minutes", 10)
    auth.add_user(store, admin, "zhao", "赵", "clerk", PASSWORD)
    for _ in range(3):
        with pytest.raises(AuthError):
            auth.login(store, "zhao", "wrong-password")
    with pytest.raises(AuthError) as err:  # locked: even the right password is refused
        auth.login(store, "zhao", PASSWORD)
    assert err.value.code == "account_locked"
    clock.advance(minutes=9)
    with pytest.raises(AuthError):
        auth.login(store, "zhao", PASSWORD)
    clock.advance(minutes=2)
    assert auth.login(store, "zhao", PASSWORD).username == "zhao"
    actions = [e.action for e in audit.entries(store, admin, action="login.")]
    assert actions.count("login.failed") == 5  # 3 wrong + 2 while locked


def test_password_change_and_disable(store, admin, clerk):
    with pytest.raises(AuthError):
        auth.change_password(store, clerk, "wangli", "new-password-1", old_password="not-my-password")
    with pytest.raises(ValidationError):
        auth.change_password(store, clerk, "wangli", "short", old_password=PASSWORD)
    with pytest.raises(PermissionDenied):
        auth.change_password(store, clerk, "admin", "new-password-1")
    auth.change_password(store, clerk, "wangli", "new-password-1", old_password=PASSWORD)
    with pytest.raises(AuthError):
        auth.login(store, "wangli", PASSWORD)
    assert auth.login(store, "wangli", "new-password-1").role == "clerk"
    stored = [u for u in auth.list_users(store) if u.username == "wangli"]
    assert stored
    with store.read() as s:
        from desk.models import Staff

        hashed = s.query(Staff).filter_by(username="wangli").one().password_hash
    assert hashed.startswith("$argon2id$") and "new-password-1" not in hashed
    auth.set_active(store, admin, "wangli", False)
    with pytest.raises(AuthError) as err:
        auth.login(store, "wangli", "new-password-1")
    assert err.value.code == "account_disabled"
    with pytest.raises(ValidationError):
        auth.set_active(store, admin, "admin", False)  # the last administrator


# -- the audit log ----------------------------------------------------------------------------------

def test_audit_records_logins_reveals_exports_prints_roles_settings(store, admin, supervisor, clerk, ref, tmp_path):
    with pytest.raises(AuthError):
        auth.login(store, "wangli", "wrong-password")
    order = _new_order(store, admin, ref)
    queries.get_order(store, supervisor, order.id, reveal=True)
    lifecycle.perform(store, clerk, order.id, "print", printer="80mm")
    lifecycle.perform(store, clerk, order.id, "print", reprint=True)
    audit.record_export(store, supervisor, "orders.xlsx", 12, masked=True, target="/tmp/orders.xlsx")
    audit.record_export(store, supervisor, "orders-full.xlsx", 12, masked=False)
    auth.set_role(store, admin, "wangli", "supervisor")
    settings.put(store, admin, "retention_days", 400)
    auth.change_password(store, admin, "chenjing", "another-pass-9")
    auth.set_active(store, admin, "chenjing", False)
    backup.backup_now(store, admin)
    audit.export_csv(store, admin, tmp_path / "audit.csv")
    actions = {e.action: e for e in audit.entries(store, admin)}
    for expected in ("station.init", "staff.add", "login", "login.failed", "reveal", "print", "print.reprint",
                     "export.masked", "export.full", "staff.role", "settings.change", "staff.password",
                     "staff.disable", "backup.create", "audit.export"):
        assert expected in actions, expected
    assert actions["reveal"].actor_name == "陈静" and actions["reveal"].target == order.ticket_no
    assert actions["staff.role"].detail == "clerk -> supervisor"
    assert actions["settings.change"].target == "retention_days" and actions["settings.change"].detail == "400"
    assert actions["login.failed"].actor_name == "" and actions["login.failed"].target == "wangli"


def test_audit_is_for_supervisors_and_exports_safe_csv(store, admin, supervisor, clerk, tmp_path):
    with pytest.raises(PermissionDenied):
        audit.entries(store, clerk)
    with pytest.raises(PermissionDenied):
        audit.export_csv(store, clerk, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    # A display name that a spreadsheet would run as a formula; and a password typed into the
    # user-name box, which must not be recorded.
    auth.add_user(store, admin, "mal", "=HYPERLINK(\"http://evil\")", "clerk", PASSWORD)
    auth.login(store, "mal", PASSWORD)
    with pytest.raises(AuthError):
        auth.login(store, "my-secret-password", "x")
    path = tmp_path / "audit.csv"
    n = audit.export_csv(store, supervisor, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(audit.CSV_COLUMNS) and len(rows) == n + 1
    actors = [r[3] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil\")" in actors
    assert "my-secret-password" not in raw.decode("utf-8-sig") and "(unknown)" in [r[5] for r in rows[1:]]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows[1:] for cell in r[3:])
    assert audit.entries(store, supervisor, limit=1)[0].action == "audit.export"


def test_audit_filters_by_time_and_action(store, admin, clock):
    start = clock.now
    clock.advance(days=1)
    settings.put(store, admin, "due_soon_hours", 12)
    later = audit.entries(store, admin, since=start + timedelta(hours=1))
    assert [e.action for e in later] == ["settings.change"]
    assert all(e.action.startswith("staff.") for e in audit.entries(store, admin, action="staff."))


def test_cli_audit_list_json_and_csv(store, admin, supervisor, clerk, monkeypatch, capsys, tmp_path):
    import json

    from desk.cli import main

    db = str(store.path)
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    assert main(["--db", db, "audit", "--user", "wangli"]) == 2
    assert "无权" in capsys.readouterr().err
    assert main(["--db", db, "audit", "--json", "--user", "chenjing", "--action", "login"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and all(e["action"] == "login" for e in listed)
    out = tmp_path / "audit.csv"
    assert main(["--db", db, "--lang", "en", "audit", "--csv", str(out), "--user", "chenjing"]) == 0
    assert "Exported" in capsys.readouterr().out and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["--db", db, "--lang", "zh_CN", "audit", "--since", "2026-11-30", "--until", "2026-11-30",
                 "--user", "admin"]) == 0
    assert "login" in capsys.readouterr().out
