"""Issue 14, the last three: CLI commands audit what they do (not a "login" row each); pending
an overdue order is for supervisors; `desk demo` killed during set-up finishes on the next run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest

from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, VisitInput
from desk.errors import PermissionDenied
from tests.conftest import PASSWORD


def _audit_actions(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_cli_commands_record_what_they_do_not_a_login_each(store, admin, clerk, supervisor, tmp_path, monkeypatch,
                                                          capsys):
    from argon2 import PasswordHasher

    from desk.cli import main
    from desk.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    before = _audit_actions(store.path)
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    db = str(store.path)
    visit = json.dumps({"matters": [{"summary": "咨询", "answer": "已答复"}]})
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(visit))
    assert main(["--db", db, "orders", "create", "-", "--user", "wangli"]) == 0
    for _ in range(3):
        assert main(["--db", db, "orders", "list", "--user", "wangli"]) == 0
    assert main(["--db", db, "export", "--from", "2026-11-30", "--to", "2026-11-30", "--format", "csv",
                 "--out", str(tmp_path / "o.csv"), "--user", "chenjing"]) == 0
    monkeypatch.setenv("DESK_PASSWORD", "wrong")
    assert main(["--db", db, "orders", "list", "--user", "wangli"]) != 0
    capsys.readouterr()
    new = _audit_actions(store.path)[len(before):]
    assert "login" not in new  # five commands, no log-in rows
    assert new == ["export.masked", "login.failed"]  # what was done, and the failed attempt


def _overdue_order(store, clock, clerk, ref):
    order = intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),))).orders[0]
    lifecycle.perform(store, clerk, order.id, "accept")
    clock.now += timedelta(days=30)
    return order


def test_pending_an_overdue_order_needs_a_supervisor(store, clock, clerk, supervisor, ref):
    order = _overdue_order(store, clock, clerk, ref)
    with pytest.raises(PermissionDenied) as refused:
        lifecycle.perform(store, clerk, order.id, "pend", reason="等配件")
    assert "超期" in str(refused.value) or "overdue" in str(refused.value)
    d = lifecycle.perform(store, supervisor, order.id, "pend", reason="等配件")
    assert d.row.status == "pending"


def test_a_clerk_still_pends_an_order_on_time(store, clock, clerk, ref):
    order = intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),))).orders[0]
    lifecycle.perform(store, clerk, order.id, "accept")
    assert lifecycle.perform(store, clerk, order.id, "pend", reason="等配件").row.status == "pending"


@pytest.mark.parametrize("point", ["after_station", "after_account"])
def test_demo_killed_during_set_up_is_finished_by_the_next_run(tmp_path, point):
    db = tmp_path / "demo.sqlite3"
    env = dict(os.environ, HOME=str(tmp_path), DESK_DEMO_CRASH_AT=point)
    args = [sys.executable, "-m", "desk", "--db", str(db), "--lang", "en", "demo", "--days", "1", "--per-day", "5"]
    killed = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert killed.returncode == -9, killed.stderr
    with sqlite3.connect(db) as conn:
        before = {r[0] for r in conn.execute("SELECT username FROM staff")}
    assert "admin" in before and len(before) < 4  # the kill left a half set-up
    env.pop("DESK_DEMO_CRASH_AT")
    again = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    for username in ("admin", "chenjing", "wangli", "liming"):
        assert username in again.stdout
        ok = subprocess.run([sys.executable, "-m", "desk", "--db", str(db), "orders", "list", "--user", username],
                            capture_output=True, text=True, env=dict(env, DESK_PASSWORD="demo-2026"), timeout=120)
        assert ok.returncode == 0, (username, ok.stderr)
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT code FROM residential_area")} >= {"DA", "DB", "DC"}
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
