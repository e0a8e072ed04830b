"""What the CLI must refuse, and how (issue 14): the JSON of `desk orders create` against a
declared schema (strict types, no unknown keys, no keypad letters, BOM accepted, nesting and size
limited); names kept as typed; a shared phone keeps both names; files, terminals and pipes are
sentences; each kind of failure has its own exit code."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from desk.cli import exit_codes, main
from tests.conftest import PASSWORD

VISIT = {"visitor": {"name": "张老伯", "phone": "13812345678"},
         "matters": [{"summary": "楼道灯坏了", "kind": "complaint", "category": "HOUSE-LEAK", "dispatch": True}]}


@pytest.fixture
def desk(tmp_path, monkeypatch, capsys):
    from argon2 import PasswordHasher

    from desk.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    path = tmp_path / "cli.sqlite3"

    def run(*args, stdin: str | bytes | None = None, user: str = "admin", lang: str = "en"):
        if stdin is not None:
            raw = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8")
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        monkeypatch.setenv("DESK_USER", user)
        monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
        code = main(["--db", str(path), "--lang", lang, *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err and "unexpected error" not in err
        return code, out, err

    assert run("init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站", "--admin", "admin",
               "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    for name, role in (("wangli", "clerk"), ("chenjing", "supervisor")):
        assert run("users", "add", name, "--name", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    run.path = path
    return run


def create(desk, payload, **kw):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload, ensure_ascii=False)
    return desk("orders", "create", "-", "--json", stdin=body, user="wangli", **kw)


def count(desk) -> int:
    return json.loads(desk("orders", "list", "--json", "--view", "all")[1])["total"]


@pytest.mark.parametrize("change,needle", [
    (lambda v: v["matters"][0].update(dispatch="false"), "matters[0].dispatch must be true or false"),
    (lambda v: v["matters"][0].update(dispatch="no"), "matters[0].dispatch must be true or false"),
    (lambda v: v["matters"][0].update(dispatch=1), "matters[0].dispatch must be true or false"),
    (lambda v: v["visitor"].update(phone="1381234ABCD"), "visitor.phone may hold only digits"),
    (lambda v: v.update(visitr=v.pop("visitor")), "unknown field visitr"),
    (lambda v: v["matters"][0].update(sumary="x"), "unknown field matters[0].sumary"),
    (lambda v: v["visitor"].update(name=["张"]), "visitor.name must be text"),
    (lambda v: v["matters"][0].update(summary=1.5), "matters[0].summary must be text"),
    (lambda v: v.update(matters=v["matters"] * 21), "matters has too many items (at most 20)"),
    (lambda v: v["matters"][0].update(summary="漏" * 201), "matters[0].summary is too long"),
])
def test_the_schema_refuses_with_the_field_name(desk, change, needle):
    visit = json.loads(json.dumps(VISIT))
    change(visit)
    code, out, err = create(desk, visit)
    assert code == exit_codes.REFUSED and needle in err and out == "", err
    assert count(desk) == 0


def test_keypad_letters_are_refused_in_the_service_too(store, clerk):
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.errors import ValidationError

    with pytest.raises(ValidationError):
        intake.register_visit(store, clerk, VisitInput(phone="1381234ABCD", matters=(MatterInput(summary="咨询"),)))


def test_a_bom_file_is_read_and_oversized_or_deep_input_is_a_sentence(desk, tmp_path):
    f = tmp_path / "notepad.json"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(VISIT, ensure_ascii=False).encode("utf-8"))
    code, out, err = desk("orders", "create", str(f), "--json", user="wangli")
    assert code == 0, err and json.loads(out)["orders"][0]["ticket_no"]
    code, out, err = create(desk, "[" * 100_000 + "]" * 100_000)
    assert code == exit_codes.REFUSED and "nested too deeply" in err
    big = dict(VISIT, matters=[dict(VISIT["matters"][0], details="细" * 20000)] * 20)
    code, out, err = create(desk, big)
    assert code == exit_codes.REFUSED and "too big" in err
    code, out, err = desk("orders", "create", str(tmp_path / "none.json"), user="wangli")
    assert code == exit_codes.IO and "none.json" in err
    assert count(desk) == 1


def test_names_are_kept_as_typed_and_a_shared_phone_keeps_both_names(desk):
    code, out, _ = create(desk, VISIT)
    first = json.loads(out)["orders"][0]["ticket_no"]
    family = json.loads(json.dumps(VISIT))
    family["visitor"]["name"] = " 李阿姨 "
    code, out, err = create(desk, family)
    assert code == 0, err
    second = json.loads(out)["orders"][0]["ticket_no"]
    shown = {t: json.loads(desk("orders", "show", t, "--reveal", "--json", user="chenjing")[1])["visitor"]["name"]
             for t in (first, second)}
    assert shown == {first: "张老伯", second: " 李阿姨 "}  # 张老伯 is not renamed; nothing trimmed
    again = json.loads(json.dumps(VISIT))
    code, out, _ = create(desk, again)
    third = json.loads(out)["orders"][0]["ticket_no"]
    d1 = json.loads(desk("orders", "show", first, "--reveal", "--json", user="chenjing")[1])
    d3 = json.loads(desk("orders", "show", third, "--reveal", "--json", user="chenjing")[1])
    assert d1["visitor"]["id"] == d3["visitor"]["id"]  # 张老伯 coming back is the same visitor


def test_the_window_picking_by_phone_keeps_both_names_too(store, clerk, supervisor):
    """The window passes the visitor found by the phone typed: another name typed under it is
    another person (earlier orders keep 张老伯); picking by id with no phone still corrects."""
    from desk.services import intake, queries
    from desk.services.dto import MatterInput, VisitInput

    first = intake.register_visit(store, clerk, VisitInput(name="张老伯", phone="13812345678",
                                                           matters=(MatterInput(summary="咨询"),)))
    second = intake.register_visit(store, clerk, VisitInput(visitor_id=first.visitor_id, name="李阿姨",
                                                            phone="13812345678", matters=(MatterInput(summary="报名"),)))
    assert second.visitor_id != first.visitor_id
    names = {r.visitor_id: queries.get_order(store, supervisor, r.orders[0].id, reveal=True).visitor.name
             for r in (first, second)}
    assert names == {first.visitor_id: "张老伯", second.visitor_id: "李阿姨"}
    third = intake.register_visit(store, clerk, VisitInput(visitor_id=first.visitor_id, name="张老伯",
                                                           phone="13812345678", matters=(MatterInput(summary="又来"),)))
    assert third.visitor_id == first.visitor_id


def test_files_terminals_and_pipes_are_sentences(desk, tmp_path):
    create(desk, VISIT)
    ticket = json.loads(desk("orders", "list", "--json")[1])["orders"][0]["ticket_no"]
    missing = tmp_path / "no-such-folder"
    for args in (("slip", ticket, "--out", str(missing / "s.pdf")),
                 ("report", "daily", "--date", "2026-11-30", "--out", str(missing / "r.pdf")),
                 ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv", "--out", str(missing / "e.csv"))):
        code, out, err = desk(*args, user="chenjing")
        assert code == exit_codes.IO and "folder does not exist" in err and str(missing) in err, (args, err)
    code, out, err = desk("users", "add", "zhao", "--name", "赵", "--role", "clerk", stdin="")
    assert code == exit_codes.USAGE and "--password-stdin" in err


def test_a_clerk_is_told_the_right_they_lack_for_reports(desk, tmp_path):
    code, _, err = desk("report", "daily", "--date", "2026-11-30", "--out", str(tmp_path / "r.pdf"), user="wangli")
    assert code == exit_codes.NOT_ALLOWED and "print the daily, weekly and monthly summaries" in err
    code, _, err = desk("report", "daily", "--date", "2026-11-30", "--out", str(tmp_path / "r.pdf"), user="wangli",
                        lang="zh_CN")
    assert "打印日报" in err and "看板" not in err


def test_exit_codes_are_distinct(desk):
    create(desk, VISIT)
    ticket = json.loads(desk("orders", "list", "--json")[1])["orders"][0]["ticket_no"]
    assert desk("orders", "void", ticket, "-r", "x", user="wangli")[0] == exit_codes.NOT_ALLOWED
    assert desk("orders", "show", "SX-20000101-0001", user="wangli")[0] == exit_codes.NOT_FOUND
    code, _, err = desk("orders", "callback", ticket, "--solved", "--rating", "5", user="chenjing")
    assert code == exit_codes.REFUSED and "is not possible while the order is" in err
    os.environ["DESK_PASSWORD"] = "wrong"
    assert main(["--db", str(desk.path), "orders", "list", "--user", "wangli"]) == exit_codes.AUTHENTICATION
    assert len({exit_codes.USAGE, exit_codes.REFUSED, exit_codes.NOT_ALLOWED, exit_codes.AUTHENTICATION,
                exit_codes.NOT_FOUND, exit_codes.IO}) == 6


def test_an_encrypted_file_with_a_password_but_no_user_is_a_usage_sentence(desk, monkeypatch, capsys):
    """`desk sync` by hand with $DESK_PASSWORD and no --user (the OS timer's run has neither and
    uses the machine key): the command line is incomplete, exit 2, the sentence says what to add."""
    monkeypatch.delenv("DESK_USER")
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    code = main(["--db", str(desk.path), "--lang", "en", "sync", "--status"])
    err = capsys.readouterr().err
    assert code == exit_codes.USAGE and "encrypted" in err and "add --user NAME" in err
    assert "Traceback" not in err


def test_a_broken_pipe_ends_quietly(desk, tmp_path):
    """More than a pipe's 64 KB of output, read by `head`: the writer meets a closed pipe."""
    from desk.services import auth, intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store

    store = Store.open(desk.path)
    try:
        clerk = auth.login(store, "wangli", PASSWORD)
        for i in range(150):
            intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(summary=f"{i} " + "楼道" * 90),)))
    finally:
        store.close()
    env = dict(os.environ, DESK_USER="wangli", DESK_PASSWORD=PASSWORD, PYTHONPATH=os.getcwd())
    script = (f"{sys.executable} -m desk --db {desk.path} orders list --view all --limit 500 --json | head -c 10 >/dev/null; "
              "echo ${PIPESTATUS[0]}")
    p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert "BrokenPipe" not in p.stderr and "Traceback" not in p.stderr and p.stdout.strip() == "0", p.stderr
