"""Personal data: retention anonymises old visitors and leaves every statistic as it was;
secrets (passwords, sync tokens) never reach logs, exports or the audit log."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desk.services import audit, auth, backup, intake, lifecycle, queries, retention, settings
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import PermissionDenied

from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture

PASSWORD = "correct-horse-1"


def _statistics(path) -> dict:
    """Every figure a report is made of, straight from the tables."""
    conn = sqlite3.connect(path)
    try:
        q = lambda sql: sorted(conn.execute(sql).fetchall(), key=repr)  # noqa: E731
        return {
            "by_area_lane": q("SELECT area_id, lane, number, count(*) FROM work_order GROUP BY 1, 2, 3"),
            "by_category_status": q("SELECT category_id, status, count(*) FROM work_order GROUP BY 1, 2"),
            "by_day_hour": q("SELECT created_local_date, created_local_hour, count(*) FROM work_order GROUP BY 1, 2"),
            "by_department": q("SELECT lead_department_id, kind, channel, count(*) FROM work_order GROUP BY 1, 2, 3"),
            "ratings": q("SELECT rating, solved, count(*) FROM work_order GROUP BY 1, 2"),
            "durations": q("SELECT ticket_no, accepted_at, resolved_at, closed_at, return_count, reopen_count "
                           "FROM work_order"),
            "visitor_areas": q("SELECT area_id, lane, count(*) FROM visitor GROUP BY 1, 2"),
            "events": q("SELECT kind, count(*) FROM event WHERE kind != 'reveal' GROUP BY 1"),
        }
    finally:
        conn.close()


def _visit(store, actor, ref, *, name, phone, room, summary="楼道漏水", answer=None):
    m = MatterInput(summary=summary, kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=answer is None,
                    answer=answer)
    return intake.register_visit(store, actor, VisitInput(
        name=name, phone=phone, id_number="11010519491231002X", area_id=ref.area["SX"].id, lane="陕西南路550弄",
        number="17", room=room, notes="腿脚不便", matters=(m,)))


def _close(store, actor, order_id):
    for action, params in (("accept", {}), ("start", {}), ("resolve", {"result": "已修好", "solved": True}),
                           ("callback", {"solved": True, "rating": 5}), ("close", {})):
        lifecycle.perform(store, actor, order_id, action, **params)


def test_retention_anonymises_old_visitors_and_keeps_the_statistics(store, admin, supervisor, clerk, ref, clock):
    settings.put(store, admin, "retention_days", 365)
    # Three years ago: one visitor with a closed order, one with a voided order.
    clock.advance(days=-3 * 365)
    old = _visit(store, clerk, ref, name="张三明", phone="13812345678", room="302")
    _close(store, clerk, old.orders[0].id)
    voided = _visit(store, clerk, ref, name="李四", phone="13912345678", room="401", summary="骚扰")
    lifecycle.perform(store, supervisor, voided.orders[0].id, "void", reason="骚扰电话")
    # Also three years ago, a visitor who came back last month: kept (newer orders).
    back = _visit(store, clerk, ref, name="王五", phone="13712345678", room="101")
    _close(store, clerk, back.orders[0].id)
    clock.advance(days=3 * 365 - 30)
    _visit(store, clerk, ref, name="王五", phone="13712345678", room="101", summary="又漏水了")
    # A visitor from three years ago whose matter is still open: kept.
    clock.advance(days=-3 * 365 + 30)
    still_open = _visit(store, clerk, ref, name="赵六", phone="13612345678", room="202")
    clock.advance(days=3 * 365 - 30)
    clock.advance(days=30)  # today

    before = _statistics(store.path)
    counts_before = {v: queries.count_orders(store, supervisor, OrderFilter(view=v))
                     for v in ("all", "open", "overdue", "awaiting_callback")}
    assert queries.count_orders(store, supervisor, OrderFilter(text="张三明")) == 1
    assert queries.count_orders(store, supervisor, OrderFilter(text="13812345678")) == 1

    with pytest.raises(PermissionDenied):
        retention.anonymise_expired(store, supervisor)
    dry = retention.anonymise_expired(store, admin, dry_run=True)
    assert (dry.visitors, dry.orders) == (2, 2)
    result = retention.anonymise_expired(store, None)  # the scheduled run, as the system
    assert (result.visitors, result.orders, result.dry_run) == (2, 2, False)

    # Personal data gone, search rows rewritten.
    for res in (old, voided):
        d = queries.get_order(store, admin, res.orders[0].id, reveal=True)
        v = d.visitor
        assert (v.name, v.phone, v.id_number, v.room, v.notes) == ("", "", "", "", "")
        assert (v.area_id, v.lane, v.number) == (ref.area["SX"].id, "陕西南路550弄", "17")
        assert d.room == "" and d.lane == "陕西南路550弄"
    conn = sqlite3.connect(store.path)
    anonymised = conn.execute("SELECT count(*) FROM visitor WHERE anonymised_at IS NOT NULL").fetchone()[0]
    conn.close()
    assert anonymised == 2
    for gone in ("张三明", "13812345678", "李四", "13912345678"):
        assert queries.count_orders(store, supervisor, OrderFilter(text=gone)) == 0, gone
    assert queries.count_orders(store, supervisor, OrderFilter(text="漏水")) >= 3  # the matter stays findable
    # The others are untouched.
    for res in (back, still_open):
        assert queries.get_order(store, admin, res.orders[0].id, reveal=True).visitor.phone
    assert queries.count_orders(store, supervisor, OrderFilter(text="王五")) == 2

    # Every statistic is the same.
    assert _statistics(store.path) == before
    assert {v: queries.count_orders(store, supervisor, OrderFilter(view=v)) for v in counts_before} == counts_before

    # Recorded, and a second run finds nothing more.
    entry = audit.entries(store, admin, action="retention.anonymise")[0]
    assert entry.actor_name == "" and "2 visitors" in entry.target and old.visitor_id in entry.detail
    assert retention.anonymise_expired(store, None).visitors == 0


def test_retention_cli(store, admin, clerk, ref, clock, monkeypatch, capsys):
    from desk.cli import main

    clock.advance(days=-2000)
    res = _visit(store, clerk, ref, name="张三明", phone="13812345678", room="302", answer="已答复")
    lifecycle.perform(store, clerk, res.orders[0].id, "close")
    clock.advance(days=2000)
    db = str(store.path)
    store.close()
    assert main(["--db", db, "--lang", "en", "retention", "run", "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["visitors"] == 1
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    assert main(["--db", db, "--lang", "en", "retention", "run", "--user", "wangli"]) == 2
    assert "may not" in capsys.readouterr().err
    assert main(["--db", db, "--lang", "en", "retention", "run", "--user", "admin"]) == 0
    assert "Anonymised 1 visitors" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name, phone FROM visitor").fetchall() == [("", "")]
    conn.close()


# -- secrets -----------------------------------------------------------------------------------------

SECRET_PASSWORD = "Sup3r-Secret-Pass!"
WRONG_PASSWORD = "Typo-In-Secret-Pass?"
SYNC_TOKEN = "tok_7f3a9c0de1b2SECRETSYNCTOKEN"


def _all_text_under(*folders: Path) -> dict[Path, bytes]:
    out = {}
    for folder in folders:
        if folder.is_dir():
            for p in folder.rglob("*"):
                if p.is_file() and not p.name.endswith((".sqlite3", "-wal", "-shm")):
                    out[p] = p.read_bytes()
    return out


def test_secrets_never_reach_logs_exports_or_the_audit_log(tmp_path, monkeypatch, capsys):
    """A whole session through the CLI: set-up, log-ins (right and wrong), a secret setting, an
    unexpected error (which writes the error log), a backup, audit exports. Then every log and
    export file, every output and the audit table are searched for the secrets."""
    from desk.cli import main
    from desk.config import log_dir
    from desk.services.store import Store

    db = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("DESK_PASSWORD", SECRET_PASSWORD)
    outputs = []

    def run(*argv) -> int:
        code = main(["--db", str(db), *argv])
        out = capsys.readouterr()
        outputs.append(out.out + out.err)
        return code

    assert run("init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站", "--admin", "admin") == 0
    assert run("users", "list", "--user", "admin") == 0  # the encrypted file opens with a log-in
    monkeypatch.setenv("DESK_PASSWORD", WRONG_PASSWORD)
    assert run("audit", "--user", "admin") == 2  # a wrong password: a failed log-in
    assert run("audit", "--user", SECRET_PASSWORD) == 2  # a password typed as the user name?
    monkeypatch.setenv("DESK_PASSWORD", SECRET_PASSWORD)
    # A secret setting (the sync engineer's token) is stored, but never shown in the audit.
    monkeypatch.setitem(settings.DEFAULTS, "sync_token", "")
    store = Store.open(db)
    admin = auth.login(store, "admin", SECRET_PASSWORD)
    settings.put(store, admin, "sync_token", SYNC_TOKEN)
    store.close()
    # An unexpected error: the CLI writes a traceback to the error log.
    def boom(*_a, **_k):
        raise RuntimeError("simulated failure while the password was in the environment")

    import desk.cli.orders

    real = desk.cli.orders.run_list
    monkeypatch.setattr(desk.cli.orders, "run_list", boom)  # build_parser binds it at each main()
    assert run("orders", "list", "--user", "admin") == 1
    monkeypatch.setattr(desk.cli.orders, "run_list", real)
    assert run("backup", "--user", "admin") == 0
    assert run("audit", "--csv", str(tmp_path / "exports" / "audit.csv"), "--user", "admin") == 2  # no folder
    assert "exports" in outputs[-1] and "Traceback" not in outputs[-1]
    (tmp_path / "exports").mkdir()
    assert run("audit", "--csv", str(tmp_path / "exports" / "audit.csv"), "--user", "admin") == 0
    assert run("audit", "--json", "--user", "admin") == 0
    assert run("orders", "list", "--json", "--user", "admin") in (0, 1)

    files = _all_text_under(log_dir(), tmp_path / "exports")
    assert any(p.name == "audit.csv" for p in files)
    assert any(p.name == "desk-errors.log" for p in files), "the error log was written"
    haystacks = {str(p): data for p, data in files.items()}
    haystacks.update({f"output {i}": o.encode() for i, o in enumerate(outputs)})
    from desk.db import connect
    from desk.services.keyfile import KeyFile, path_for

    keys = KeyFile.load(path_for(db))  # the file is encrypted (desk init); the key file holds no secret
    haystacks["key file"] = path_for(db).read_bytes()
    conn = connect(db, key=keys.unwrap_user("admin", SECRET_PASSWORD))
    haystacks["audit_log table"] = json.dumps(conn.execute("SELECT * FROM audit_log").fetchall(),
                                              ensure_ascii=False).encode()
    haystacks["event table"] = json.dumps(conn.execute("SELECT * FROM event").fetchall(),
                                          ensure_ascii=False).encode()
    conn.close()
    for where, data in haystacks.items():
        for secret in (SECRET_PASSWORD, WRONG_PASSWORD, SYNC_TOKEN, "$argon2id$"):
            assert secret.encode() not in data, f"{secret!r} leaked into {where}"
    # The backup holds the hashes (it is the database) but no plain password.
    for b in backup.list_backups(db):
        raw = b.path.read_bytes()
        assert SECRET_PASSWORD.encode() not in raw and WRONG_PASSWORD.encode() not in raw
