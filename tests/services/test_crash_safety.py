"""Crash safety: a process saving visits through the services is SIGKILLed at random moments,
hundreds of times; after every kill the file is sound and every committed visit complete.

Each round forks a writer from this (already imported) process, so a round costs milliseconds
instead of a Python start-up; the writer opens its own Store, so every round also crosses
SQLite's recovery of the previous round's hot write-ahead log.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from desk.services.dto import Actor, MatterInput, VisitInput

# Imported here, before any fork, so a forked writer starts saving at once.
import alembic.runtime.migration  # noqa: E402,F401
import alembic.script  # noqa: E402,F401
from desk.services import intake, lifecycle, queries  # noqa: E402,F401

KILLS = int(os.environ.get("DESK_CRASH_KILLS", "250"))
PASSWORD = "correct-horse-1"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")]


def _writer(store, actor: Actor, cat_id: str, log_fd: int, ready_fd: int | None, seed: int,
            visits: int | None = None) -> None:
    """Save visits (forever, or `visits` of them); after each commit returns, append
    'visit_id matters' to the log."""
    rng = random.Random(seed)
    if ready_fd is not None:
        os.write(ready_fd, b"r")
    i = 0
    while visits is None or i < visits:
        n = rng.randint(1, 3)
        matters = []
        for k in range(n):
            roll = rng.random()
            if roll < 0.4:
                matters.append(MatterInput(summary=f"食堂开门时间{seed}-{i}-{k}", answer="七点开门"))
            elif roll < 0.8:
                matters.append(MatterInput(summary=f"楼道漏水{seed}-{i}-{k}", kind="complaint", category_id=cat_id,
                                           dispatch=True, details="水从天花板滴下来" * rng.randint(1, 200)))
            else:
                matters.append(MatterInput(summary=f"咨询{seed}-{i}-{k}"))
        os.write(log_fd, b"saving\n")
        result = intake.register_visit(store, actor, VisitInput(
            name="张三明", phone=f"138{rng.randint(0, 99999999):08d}", lane="陕西南路550弄", number=str(rng.randint(1, 40)),
            notes=f"n={n}", matters=tuple(matters)))
        os.write(log_fd, f"{result.visit_id} {n}\n".encode())
        for o in result.orders:
            if o.status == "dispatched" and rng.random() < 0.5:
                lifecycle.perform(store, actor, o.id, "accept")
                lifecycle.perform(store, actor, o.id, "note", text="已联系物业")
        i += 1


def _fork_writer(store, actor, cat_id, log_fd, seed):
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(ready_r)
            _writer(store, actor, cat_id, log_fd, ready_w, seed)
        except BaseException:  # noqa: BLE001 - report and exit, never return into pytest
            with open(f"{store.path}.writer-error", "a") as fh:
                fh.write(traceback.format_exc())
            code = 3
        finally:
            os._exit(code)
    os.close(ready_w)
    return pid, ready_r


def check_database(path: Path, logged: dict[str, int]) -> dict[str, int]:
    """Everything a kill must never break. Returns a few counts."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # FTS5's own consistency check raises if the index and its content disagree.
        conn.execute("INSERT INTO order_search(order_search, rank) VALUES ('integrity-check', 0)")
        visits = dict(conn.execute("SELECT v.id, v.notes FROM visit v").fetchall())
        per_visit = dict(conn.execute("SELECT visit_id, count(*) FROM work_order GROUP BY visit_id").fetchall())
        # Every visit has exactly the matters it was saved with: no half visit is visible.
        for vid, notes in visits.items():
            assert per_visit.get(vid, 0) == int(notes.removeprefix("n=")), (vid, notes, per_visit.get(vid))
        # Every visit whose commit returned is there (durable after a process crash).
        missing = [v for v in logged if v not in visits]
        assert not missing, f"{len(missing)} committed visits lost"
        for vid, n in logged.items():
            assert per_visit[vid] == n
        # Every order has its register event first, its search row, and the status its last
        # status-changing event says.
        bad = conn.execute("""
            SELECT o.ticket_no FROM work_order o
            WHERE (SELECT kind FROM event e WHERE e.order_id = o.id ORDER BY seq LIMIT 1) IS NOT 'register'
               OR (SELECT count(*) FROM order_search s WHERE s.rowid = o.rowid) != 1
               OR (SELECT to_status FROM event e WHERE e.order_id = o.id AND e.to_status != ''
                   ORDER BY seq DESC LIMIT 1) IS NOT o.status
        """).fetchall()
        assert bad == [], bad[:5]
        orphans = conn.execute("SELECT count(*) FROM event WHERE order_id NOT IN (SELECT id FROM work_order)").fetchone()
        assert orphans == (0,)
        fts_rows = conn.execute("SELECT count(*) FROM order_search").fetchone()[0]
        n_orders = conn.execute("SELECT count(*) FROM work_order").fetchone()[0]
        assert fts_rows == n_orders
        # Ticket numbers are gap-free per station and day, and the counter agrees.
        seqs = defaultdict(list)
        for (ticket,) in conn.execute("SELECT ticket_no FROM work_order"):
            station, day, seq = ticket.rsplit("-", 2)
            seqs[(station, day)].append(int(seq))
        counters = {(s, d.replace("-", "")): n for s, d, n in conn.execute(
            "SELECT station_code, local_date, last_seq FROM ticket_counter")}
        for key, numbers in seqs.items():
            assert sorted(numbers) == list(range(1, len(numbers) + 1)), key
            assert counters[key] == len(numbers), key
        events = conn.execute("SELECT count(*) FROM event").fetchone()[0]
        return {"visits": len(visits), "orders": n_orders, "events": events}
    finally:
        conn.close()


def _read_log(log_path: Path) -> dict[str, int]:
    logged = {}
    for line in log_path.read_text().splitlines(keepends=True):
        if line.endswith("\n") and line != "saving\n":  # a cut line is no confirmed commit
            vid, n = line.split()
            logged[vid] = int(n)
    return logged


def test_sigkill_during_saves_never_loses_or_half_writes(tmp_path):
    from desk.services import auth, reference
    from desk.services.store import Store

    path = tmp_path / "crash.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站",
                            admin_username="admin", admin_password=PASSWORD)
    cat_id = reference.find_category(store, "HOUSE-LEAK").id
    log_path = tmp_path / "committed.log"
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    # Warm SQLAlchemy's statement cache and the store's caches here, so each forked writer
    # saves at full speed; then close every connection: a child opens its own (an SQLite
    # connection must never cross a fork).
    _writer(store, admin, cat_id, log_fd, None, seed=-1, visits=3)
    store.engine.dispose()
    rng = random.Random(20261130)
    kills = kills_after_commits = early_kills = mid_save = 0
    started = time.monotonic()
    counts = {}
    try:
        for round_no in range(KILLS):
            before = len(_read_log(log_path))
            pid, ready = _fork_writer(store, admin, cat_id, log_fd, seed=round_no)
            if rng.random() < 0.1:
                time.sleep(rng.uniform(0, 0.03))  # kill during start-up, open or WAL recovery
                early_kills += 1
            else:
                select.select([ready], [], [], 10)
                time.sleep(rng.uniform(0, 0.2))  # kill somewhere in the saving loop
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            os.close(ready)
            error_file = Path(f"{path}.writer-error")
            assert not error_file.exists(), error_file.read_text()
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            kills += 1
            with open(log_path, "rb") as fh:  # was it killed between "saving" and the commit?
                fh.seek(max(0, log_path.stat().st_size - 200))
                mid_save += fh.read().endswith(b"saving\n")
            logged = _read_log(log_path)
            kills_after_commits += len(logged) > before
            counts = check_database(path, logged)
    finally:
        os.close(log_fd)
    elapsed = time.monotonic() - started
    summary = {"kills": kills, "kills_during_a_save": mid_save, "rounds_with_commits": kills_after_commits,
               "early_kills": early_kills,
               "seconds": round(elapsed, 1), **counts, "committed_visits_confirmed": len(_read_log(log_path))}
    print("crash-safety:", json.dumps(summary), file=sys.stderr)
    (tmp_path / "summary.json").write_text(json.dumps(summary))
    assert kills == KILLS and KILLS >= 200 or "DESK_CRASH_KILLS" in os.environ
    # The kills really landed among saves (most of those aimed at the saving loop inside a save;
    # the early ones are aimed at start-up and cannot: counted against "most", a faster save
    # left main at 129 and the branch savecpu3 at 111-125 of the 125 asked).
    assert mid_save >= (kills - early_kills) // 2 and kills_after_commits >= kills // 10, summary
    # A last normal open: the services read everything back.
    from desk.services import queries
    from desk.services.dto import OrderFilter

    store.close()
    store = Store.open(path)
    try:
        assert queries.count_orders(store, admin, OrderFilter()) == counts["orders"]
    finally:
        store.close()


def test_sigkill_during_backups_and_restores(tmp_path):
    """A killed backup never leaves a file that looks like a good backup; a killed restore
    leaves the database either as it was or fully restored, never a mix."""
    from desk.services import auth, backup, intake
    from desk.services.store import Store

    path = tmp_path / "desk.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="站", admin_username="admin",
                            admin_password=PASSWORD)
    for i in range(30):
        intake.register_visit(store, admin, VisitInput(notes="n=1", matters=(MatterInput(
            summary=f"旧事项{i}", details="说明" * 2000),)))
    snapshot = backup.create_backup(path, kind="manual", out=tmp_path / "snapshot.sqlite3")
    for i in range(30):
        intake.register_visit(store, admin, VisitInput(notes="n=1", matters=(MatterInput(summary=f"新事项{i}"),)))
    store.close()
    rng = random.Random(7)
    kills = {"backup": 0, "restore": 0}
    outcomes = Counter()
    for round_no in range(60):
        what = "backup" if round_no % 2 == 0 else "restore"
        pid = os.fork()
        if pid == 0:
            try:
                while True:
                    if what == "backup":
                        backup.create_backup(path, kind="manual", keep=3)
                    else:
                        backup.restore(path, snapshot)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills[what] += 1
        for b in backup.list_backups(path):  # every backup that is listed is whole
            assert backup.integrity_problem(b.path) == "", b.path
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            summaries = {r[0] for r in conn.execute("SELECT summary FROM work_order")}
        finally:
            conn.close()
        old = {f"旧事项{i}" for i in range(30)}
        new = {f"新事项{i}" for i in range(30)}
        # Before any restore finished: old + new; after: exactly the snapshot (old only).
        assert summaries in (old | new, old), len(summaries)
        outcomes["restored" if summaries == old else "as before"] += 1
    print("backup/restore kills:", kills, dict(outcomes), file=sys.stderr)
    assert kills["restore"] == 30 and kills["backup"] == 30
