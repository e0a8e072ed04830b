"""Restoring an old backup never breaks numbering or sync (issue 14), end to end through the
`desk` command with a real desk-server on the suite's PostgreSQL: restore, register, sync
twice, register again — no ticket twice anywhere, nothing lost, sync keeps working, and
`desk sync --status` says what happened."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from collections import Counter

import pytest
from sqlalchemy import select

from desk.cli import main
from desk.models import WorkOrder
from desk.services.store import Store
from desk.sync import held as held_mod
from tests.sync.conftest import PASSWORD
from tests.sync.helpers import central_rows, desk_rows, normalise, outbox_count

VISIT = {"channel": "walk_in", "visitor": {"name": "张三明", "phone": "13812345678", "lane": "陕西南路550弄"},
         "matters": [{"summary": "公用厨房漏水", "kind": "complaint", "category": "HOUSE-LEAK", "dispatch": True}]}


@pytest.fixture
def desk(monkeypatch, capsys):
    """`desk --db PATH ARGS` in-process, as the station's administrator; (code, stdout, stderr)."""
    from argon2 import PasswordHasher

    from desk.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setenv("DESK_USER", "admin")
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("DESK_LANG", "en")

    def run(path, *args, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", str(path), "--lang", "en", *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


def register(desk, path, matters: int = 1) -> list[str]:
    visit = dict(VISIT, matters=VISIT["matters"] * matters)
    code, out, err = desk(path, "orders", "create", "-", "--json", stdin=json.dumps(visit, ensure_ascii=False))
    assert code == 0, err
    return [o["ticket_no"] for o in json.loads(out)["orders"]]


def sync(desk, path) -> str:
    code, out, err = desk(path, "sync")
    assert code == 0, err
    return out


def status(desk, path) -> dict:
    code, out, err = desk(path, "sync", "--status", "--json")
    assert code == 0, err
    return json.loads(out)


def local_tickets(path) -> list[str]:
    store = Store.open(path)
    try:
        with store.read() as s:
            return list(s.scalars(select(WorkOrder.ticket_no)))
    finally:
        store.close()


def assert_orders_converged(central, path) -> None:
    """The visits, orders and history on the desk are exactly the centre's (staff rows are left
    out: each CLI log-in stamps the account locally)."""
    tables = ("visitor", "visit", "work_order", "event")
    store = Store.open(path)
    try:
        mine = normalise(desk_rows(store, tables))
        assert outbox_count(store) == 0
    finally:
        store.close()
    assert mine == normalise(central_rows(central.engine, "SX", tables))


def legacy_twin(path, ticket: str, twin: str) -> None:
    """What an older desk did after a restore: the new order got a number the centre already
    holds (in the file and in the change waiting to be sent)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE work_order SET ticket_no = ? WHERE ticket_no = ?", (twin, ticket))
        for seq, fields in conn.execute("SELECT seq, fields FROM sync_outbox WHERE table_name = 'work_order'").fetchall():
            data = json.loads(fields)
            if data.get("ticket_no") == ticket:
                data["ticket_no"] = twin
                conn.execute("UPDATE sync_outbox SET fields = ? WHERE seq = ?", (json.dumps(data, ensure_ascii=False), seq))


def central_tickets(central) -> list[str]:
    return [r["ticket_no"] for (t, _), r in central_rows(central.engine, "SX", ("work_order",)).items()]


@pytest.fixture
def station(stations, desk):
    """A station that syncs, with two tickets synced and an old backup taken, then two more
    synced that the backup never saw."""
    st = stations("SX")
    path = Path(st.store.path)
    st.store.close()
    assert desk(path, "sync", "--server", st.url, "--token", st.token, "--save")[0] == 0
    first = register(desk, path, 2)
    sync(desk, path)
    old = path.parent / "old-backup.sqlite3"
    assert desk(path, "backup", "--out", str(old))[0] == 0
    later = register(desk, path, 2)
    sync(desk, path)
    assert first == ["SX-%s-0001" % first[0][3:11], "SX-%s-0002" % first[0][3:11]] and len(set(first + later)) == 4
    st.old_backup, st.before = old, first + later
    return st


def test_restore_over_the_live_file_then_register_and_sync(central, station, desk):
    path = Path(station.store.path)
    assert desk(path, "restore", str(station.old_backup))[0] == 0
    assert len(local_tickets(path)) == 2  # the backup's two

    new = register(desk, path)  # the counter came from the replaced file: past all four
    assert new[0] not in station.before and new[0].endswith("-0005")
    sync(desk, path)
    sync(desk, path)
    again = register(desk, path)
    assert again[0].endswith("-0006")
    sync(desk, path)

    everything = station.before + new + again
    assert sorted(local_tickets(path)) == sorted(everything)  # the two lost ones came back
    assert sorted(central_tickets(central)) == sorted(everything)  # and the centre has no twins
    st = status(desk, path)
    assert st["last_error"] == "" and st["held"] == [] and st["pending"] == 0 and not st["numbering_pending"]
    assert_orders_converged(central, path)


def test_restore_on_a_fresh_machine_waits_for_the_centre(central, station, desk, tmp_path):
    """The replaced file could not tell (a new computer): registering waits for a pull from the
    centre, with a sentence; after it, numbers go on past every ticket the centre holds."""
    path = tmp_path / "new-computer.sqlite3"
    assert desk(path, "restore", str(station.old_backup))[0] == 0
    code, out, err = desk(path, "orders", "create", "-", stdin=json.dumps(VISIT, ensure_ascii=False))
    assert code != 0 and "Sync first" in err and "ticket numbers" in err
    assert status(desk, path)["numbering_pending"] is True
    code, out, _ = desk(path, "sync", "--status")
    assert "Ticket numbers not yet checked" in out

    sync(desk, path)  # brings back the two tickets the backup never saw
    assert sorted(local_tickets(path)) == sorted(station.before)
    new = register(desk, path)
    assert new[0].endswith("-0005")
    sync(desk, path)
    sync(desk, path)
    again = register(desk, path)
    sync(desk, path)
    assert Counter(central_tickets(central)) == Counter(station.before + new + again)
    assert sorted(local_tickets(path)) == sorted(station.before + new + again)
    assert status(desk, path)["numbering_pending"] is False
    assert_orders_converged(central, path)


def test_a_row_the_desk_cannot_apply_is_set_aside_and_the_rest_goes_on(central, station, desk):
    """A desk already holding a twin ticket (made by an older version after a restore): the
    pull sets that one row aside with its reason, applies the rest, and keeps syncing; a
    supervisor sees it in `desk sync --status` and retries or discards it."""
    import sqlite3

    path = Path(station.store.path)
    assert desk(path, "restore", str(station.old_backup))[0] == 0
    new = register(desk, path)
    twin = station.before[2]  # a ticket the centre holds and this desk lost in the restore
    legacy_twin(path, new[0], twin)

    out = sync(desk, path)
    assert "set aside" in out
    st = status(desk, path)
    # The order, and its two history rows waiting with it.
    assert st["last_error"] == "" and [h["ticket_no"] for h in st["held"]] == [twin] * 3
    assert sorted(h["reason"] for h in st["held"]) == ["duplicate_ticket", "parent_held", "parent_held"]
    assert station.before[3] in local_tickets(path)  # the other lost order came back
    code, text, _ = desk(path, "sync", "--status")
    assert twin in text and "already has another order with this ticket number" in text
    sync(desk, path)  # the next sync works too, and the row stays aside (not re-pulled, not lost)
    assert len(status(desk, path)["held"]) == 3

    code, out, err = desk(path, "sync", "--retry-held", twin)  # still in the way: stays aside
    assert code == 0 and "3 still set aside" in out
    assert {h["attempts"] for h in status(desk, path)["held"] if h["table"] == "work_order"} == {2}
    with sqlite3.connect(path) as conn:  # the supervisor renumbers the local twin, then retries
        conn.execute("UPDATE work_order SET ticket_no = ? WHERE ticket_no = ?", (new[0], twin))
    code, out, _ = desk(path, "sync", "--retry-held", "all")
    assert code == 0 and "Applied 3" in out
    assert status(desk, path)["held"] == [] and twin in local_tickets(path)
    code, out, _ = desk(path, "audit", "--action", "sync.", "--json")
    assert "sync.held_retry" in out


def test_discard_is_for_supervisors_and_audited(central, station, desk, tmp_path):
    path = Path(station.store.path)
    assert desk(path, "restore", str(station.old_backup))[0] == 0
    new = register(desk, path)
    legacy_twin(path, new[0], station.before[2])
    sync(desk, path)
    code, out, err = desk(path, "sync", "--discard-held", "SX-NOPE")
    assert code != 0 and "No set-aside row SX-NOPE" in err
    code, out, _ = desk(path, "sync", "--discard-held", station.before[2])
    assert code == 0 and "Discarded 3" in out
    assert status(desk, path)["held"] == []
    assert "sync.held_discard" in desk(path, "audit", "--action", "sync.", "--json")[1]


def test_an_unexpected_failure_is_recorded_and_the_retry_backs_off(tmp_path, central, stations, monkeypatch):
    from datetime import timedelta

    from desk.sync import client, schedule
    from desk.sync.status import sync_brief

    st = stations("SX")
    client.configure(st.store, st.url, st.token)

    def broken(*a, **k):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(client, "apply_page_safely", broken)
    for n in (1, 2, 3):
        with pytest.raises(RuntimeError):
            st.sync()
        brief = sync_brief(st.store)
        assert "RuntimeError" in brief.last_error and brief.failures == n
    assert [schedule.retry_delay(n) for n in (1, 2, 3, 4, 5, 9)] == [
        timedelta(minutes=m) for m in (15, 30, 60, 120, 240, 240)]
    now = st.store.now()
    assert not schedule.scheduled_sync_due(st.store, now + timedelta(minutes=59))  # 3rd failure: wait 60
    assert schedule.scheduled_sync_due(st.store, now + timedelta(minutes=61))
    monkeypatch.undo()
    st.sync()
    brief = sync_brief(st.store)
    assert brief.last_error == "" and brief.failures == 0


def test_held_rows_reach_the_window_status(central, station, desk):
    """The status bar's brief and the sync screen's status carry the set-aside rows."""
    from desk.sync.status import sync_brief, sync_status

    path = Path(station.store.path)
    assert desk(path, "restore", str(station.old_backup))[0] == 0
    new = register(desk, path)
    legacy_twin(path, new[0], station.before[2])
    sync(desk, path)
    store = Store.open(path)
    try:
        assert sync_brief(store).held == 3
        rows = sync_status(store).held
        assert {r.ticket_no for r in rows} == {station.before[2]} and all(held_mod.REASONS[r.reason] for r in rows)
    finally:
        store.close()
