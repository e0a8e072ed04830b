"""The `desk` command: init, users, orders from JSON, list/show, every lifecycle action; a
refusal exits non-zero with a clear message and never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from desk.cli import main

PASSWORD = "correct-horse-1"


@pytest.fixture
def desk(tmp_path, monkeypatch, capsys):
    """Run `desk --db <file> ARGS` in-process; returns (exit code, stdout, stderr).

    Every command logs in, so the Argon2id parameters are lowered for these tests (still
    Argon2id; test_core_accounts checks the real parameters)."""
    from argon2 import PasswordHasher

    from desk.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("DESK_USER", "admin")

    def run(*args, stdin: str | None = None, user: str | None = None, password: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        if user:
            monkeypatch.setenv("DESK_USER", user)
        monkeypatch.setenv("DESK_PASSWORD", password or PASSWORD)
        try:
            code = main(["--db", str(path), *args])
        finally:
            monkeypatch.setenv("DESK_USER", "admin")
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    run.path = path
    return run


@pytest.fixture
def ready(desk):
    code, out, _ = desk("init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站", "--admin", "admin",
                        "--admin-name", "管理员", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "SX" in out
    for name, display, role in (("wangli", "王丽", "clerk"), ("chenjing", "陈静", "supervisor")):
        code, out, _ = desk("users", "add", name, "--name", display, "--role", role, "--password-stdin",
                            stdin=PASSWORD + "\n")
        assert code == 0 and name in out
    return desk


def create(desk, payload: dict, *extra, user="wangli") -> list[dict]:
    code, out, err = desk("orders", "create", "-", "--json", *extra, stdin=json.dumps(payload, ensure_ascii=False),
                          user=user)
    assert code == 0, err
    return json.loads(out)["orders"]


LEAK = {"channel": "walk_in",
        "visitor": {"name": "张三明", "phone": "13812345678", "area": "SX", "lane": "陕西南路550弄", "number": "17"},
        "matters": [{"summary": "公用厨房漏水", "kind": "complaint", "category": "HOUSE-LEAK", "dispatch": True},
                    {"summary": "食堂几点开门", "answer": "早上七点"}]}


def test_init_twice_and_users(ready):
    desk = ready
    code, out, err = desk("init", "--station-code", "SX", "--station-name", "又一次", "--admin", "admin2",
                          "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 2 and "已经初始化" in err
    code, out, _ = desk("users", "list", "--json")
    users = {u["username"]: u for u in json.loads(out)}
    assert set(users) == {"admin", "wangli", "chenjing"} and users["wangli"]["role"] == "clerk"
    code, out, _ = desk("users", "list")
    assert code == 0 and "王丽" in out and "接待员" in out
    from datetime import datetime
    from zoneinfo import ZoneInfo

    last = datetime.fromisoformat(users["admin"]["last_login_at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    assert last.strftime("%Y-%m-%d %H:%M") in out  # station time, not UTC
    # A clerk may not add staff.
    code, _, err = desk("users", "add", "zhao", "--name", "赵", "--role", "clerk", "--password-stdin",
                        stdin=PASSWORD + "\n", user="wangli")
    assert code == 2 and "无权" in err
    # passwd: the admin sets a clerk's password; the old one stops working.
    code, _, _ = desk("users", "passwd", "wangli", "--password-stdin", stdin="another-password\n")
    assert code == 0
    code, _, err = desk("orders", "list", user="wangli")
    assert code == 2 and "用户名或密码不正确" in err
    assert desk("orders", "list", user="wangli", password="another-password")[0] == 0
    # disable: the clerk can no longer log in; the last admin cannot be disabled.
    code, out, _ = desk("users", "disable", "wangli", "--json")
    assert code == 0 and json.loads(out)["active"] is False
    code, _, err = desk("orders", "list", user="wangli", password="another-password")
    assert code == 2 and "已停用" in err
    code, _, err = desk("users", "disable", "admin")
    assert code == 2 and "最后一个管理员" in err
    code, _, err = desk("--lang", "en", "users", "disable", "admin")
    assert code == 2 and "last administrator" in err


def test_create_from_file_and_stdin_list_and_show(ready, tmp_path):
    desk = ready
    f = tmp_path / "visit.json"
    f.write_text(json.dumps(LEAK, ensure_ascii=False), encoding="utf-8")
    code, out, err = desk("orders", "create", str(f), user="wangli")
    assert code == 0, err
    leak_ticket, canteen_ticket = [line.split()[0] for line in out.strip().splitlines()]
    assert "已派单" in out and "当场办结" in out and "物业服务企业" in out
    noise = create(desk, {"visitor": {"phone": "13987654321"}, "matters": [
        {"summary": "酒吧深夜噪音", "kind": "complaint", "category": "NOISE-BAR", "details": "22:00 后"}]})
    assert noise[0]["status"] == "registered"

    def listed(*args):
        code, out, err = desk("orders", "list", "--json", *args, user="wangli")
        assert code == 0, err
        data = json.loads(out)
        return data["total"], {o["ticket_no"] for o in data["orders"]}

    assert listed() == (3, {leak_ticket, canteen_ticket, noise[0]["ticket_no"]})
    assert listed("--status", "dispatched") == (1, {leak_ticket})
    assert listed("--category", "HOUSE") == (1, {leak_ticket})  # includes sub-categories
    assert listed("--category", "NOISE", "--kind", "complaint") == (1, {noise[0]["ticket_no"]})
    assert listed("--department", "WY") == (1, {leak_ticket})
    assert listed("--search", "漏水") == (1, {leak_ticket})
    assert listed("-s", "5678") == (2, {leak_ticket, canteen_ticket})
    assert listed("--view", "today")[0] == 3
    assert listed("--view", "open")[0] == 2
    assert listed("--area", "SX")[0] == 2
    assert listed("--limit", "1")[0] == 3 and len(listed("--limit", "1")[1]) == 1
    code, out, _ = desk("orders", "list", user="wangli")
    assert leak_ticket in out and "共 3 条" in out and "138****5678" in out
    code, out, _ = desk("orders", "show", leak_ticket, user="wangli")
    assert code == 0 and "公用厨房漏水" in out and "张*明" in out and "历史" in out and "派单" in out
    code, out, _ = desk("orders", "show", leak_ticket.lower(), "--json", user="wangli")
    d = json.loads(out)
    assert [e["kind"] for e in d["events"]] == ["register", "dispatch"] and d["siblings"] == [canteen_ticket]
    # Revealing personal data is for supervisors.
    code, _, err = desk("orders", "show", leak_ticket, "--reveal", user="wangli")
    assert code == 2 and "无权" in err
    code, out, _ = desk("orders", "show", leak_ticket, "--reveal", "--json", user="chenjing")
    assert code == 0 and json.loads(out)["visitor"]["phone"] == "13812345678"


@pytest.mark.parametrize("payload,needle", [
    ("{not json", "JSON"),
    ("[]", "JSON"),
    (json.dumps({"visitor": {}, "matters": [{"summary": "x", "category": "NO-SUCH"}]}), "NO-SUCH"),
    (json.dumps({"visitor": {"phone": "12345"}, "matters": [{"summary": "x"}]}), "12345"),
    (json.dumps({"visitor": {}, "matters": []}), "至少"),
    (json.dumps({"visitor": {}, "matters": [{"summary": "投诉", "kind": "complaint"}]}), "分类"),
])
def test_create_refusals(ready, payload, needle):
    code, out, err = ready("orders", "create", "-", stdin=payload, user="wangli")
    assert code == 2 and needle in err and out == ""
    code, out, _ = ready("orders", "list", "--json")
    assert json.loads(out)["total"] == 0


def act(desk, ticket, *args, user="chenjing", ok=True):
    code, out, err = desk("orders", *args[:1], ticket, *args[1:], "--json", user=user)
    if ok:
        assert code == 0, (args, err)
        return json.loads(out)
    assert code == 2 and err.startswith("desk: ") and out == ""
    return err


def test_every_lifecycle_action(ready):
    desk = ready
    one = lambda m: create(desk, {"visitor": {"phone": "13812345678"}, "matters": [m]})[0]["ticket_no"]  # noqa: E731
    leak = {"summary": "漏水", "kind": "complaint", "category": "HOUSE-LEAK"}

    a = one(leak)
    assert act(desk, a, "dispatch", "-d", "WY", user="wangli")["row"]["status"] == "dispatched"
    assert act(desk, a, "redispatch", "-d", "FG", "-r", "属房管办")["row"]["department_name"] == "房管办"
    assert act(desk, a, "return", "-r", "不属本单位")["return_count"] == 1
    act(desk, a, "dispatch", "-d", "WY")
    act(desk, a, "accept", user="wangli")
    act(desk, a, "start", user="wangli")
    act(desk, a, "pend", "-r", "等业主", user="wangli")
    assert act(desk, a, "resume", user="wangli")["row"]["status"] == "in_progress"
    assert act(desk, a, "extend", "--days", "3", "-r", "等配件")["row"]["extension_state"] == "requested"
    assert act(desk, a, "approve-extension")["extension_count"] == 1
    act(desk, a, "extend", "--days", "2", "-r", "再等")
    assert act(desk, a, "refuse-extension", "-r", "不批")["row"]["extension_state"] == "refused"
    assert act(desk, a, "supervise")["row"]["supervised"] is True
    act(desk, a, "note", "已电话联系物业 📞", user="wangli")
    assert act(desk, a, "resolve", "--result", "已修好", "--solved", user="wangli")["row"]["status"] == "resolved"
    d = act(desk, a, "callback", "--not-solved", "--rating", "2", user="wangli")
    assert d["row"]["status"] == "dispatched" and d["reopen_count"] == 1
    act(desk, a, "accept")
    act(desk, a, "resolve", "--result", "已修好", "--solved")
    assert act(desk, a, "callback", "--solved", "--rating", "5")["row"]["status"] == "called_back"
    assert act(desk, a, "close", user="wangli")["row"]["status"] == "closed"
    assert act(desk, a, "reopen", "-r", "又漏了")["row"]["status"] == "dispatched"

    b = one({"summary": "问路"})
    assert act(desk, b, "answer", "--result", "出门右转", user="wangli")["row"]["status"] == "answered"
    c = one(leak)
    act(desk, c, "dispatch", "-d", "WY")
    act(desk, c, "accept")
    act(desk, c, "resolve", "--result", "已修好", "--not-solved")
    assert act(desk, c, "close-unreached", "-r", "三次未接通")["row"]["status"] == "closed"
    dup = one(leak)
    d = act(desk, dup, "merge", "--into", a)
    assert d["row"]["status"] == "merged" and d["merged_into_ticket"] == a
    v = one({"summary": "骚扰"})
    assert act(desk, v, "void", "-r", "无效")["row"]["status"] == "voided"
    code, out, _ = desk("orders", "show", a)
    assert "已电话联系物业 📞" in out and "改派" in out and "退单" in out and "重办" in out

    # Refusals: the wrong role, the wrong status, a missing order; clear messages, non-zero exits.
    e = one(leak)
    assert "无权" in act(desk, e, "void", "-r", "x", user="wangli", ok=False)
    assert "不能执行" in act(desk, e, "accept", user="wangli", ok=False)
    assert "找不到工单" in act(desk, "SX-20000101-0001", "accept", ok=False)
    assert "1 到 5" in act(desk, a, "callback", "--solved", "--rating", "9", ok=False)
    code, _, err = desk("--lang", "en", "orders", "accept", e, user="wangli")
    assert code == 2 and "cannot be given" in err
    code, _, err = desk("--lang", "zh_CN", "orders", "approve-extension", e)
    assert code == 2 and "批准延期" in err


def test_sweep_and_argument_errors(ready, capsys):
    code, out, _ = ready("orders", "sweep", "--json")
    assert code == 0 and json.loads(out) == {"supervised": 0}
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(ready.path), "orders", "dispatch", "SX-1"])  # --department missing
    assert exit_.value.code == 2
    assert "--department" in capsys.readouterr().err


def test_not_initialised_and_subprocess_entry_point(tmp_path):
    env = dict(os.environ, DESK_USER="admin", DESK_PASSWORD=PASSWORD, HOME=str(tmp_path))
    run = lambda *a: subprocess.run([sys.executable, "-m", "desk", "--db", str(tmp_path / "x.sqlite3"), *a],  # noqa: E731
                                    capture_output=True, text=True, env=env, timeout=120)
    p = run("orders", "list")
    assert p.returncode == 2 and "desk init" in p.stderr and "Traceback" not in p.stderr
    p = run("orders", "--help")
    assert p.returncode == 0 and "create" in p.stdout and "merge" in p.stdout


def test_knowledge_base_from_the_command_line(ready, tmp_path):
    code, out, _ = ready("kb", "list", "--review", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 18 and {r["review"] for r in rows} == {"sample"}
    code, out, _ = ready("kb", "guide", "--out", str(tmp_path / "guide.pdf"), user="wangli")
    assert code == 0 and "服务指南已保存" in out and "示例 18 条" in out and (tmp_path / "guide.pdf").stat().st_size > 0
    code, out, err = ready("kb", "guide", "--out", str(tmp_path / "missing" / "dir" / "g.pdf"), user="wangli")
    assert code != 0 and "文件夹不存在" in err
