"""The centre under faults: the pull cursor follows commit order (no gap), and a PostgreSQL
crash or a killed backend during apply leaves no half batch; the retry succeeds."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select, text

from desk.models import new_id
from desk.server import models as m
from desk.server import service
from desk.sync.errors import SyncError
from tests.sync.helpers import assert_converged, register


def _visitor_change(name: str) -> dict:
    return {"change_id": new_id(), "table": "visitor", "row_id": new_id(), "hlc": "0000000000001.00000",
            "fields": {"name": name, "origin_station": "SX"}}


def test_cursor_gap_a_slow_transaction_committing_late_is_never_missed(central, monkeypatch):
    central.token("SX")
    engine = central.engine
    slow_inside = threading.Event()
    release = threading.Event()

    def hook(name, conn):
        if threading.current_thread().name == "slow":
            slow_inside.set()
            release.wait(10)

    monkeypatch.setattr(service, "PAUSE_HOOK", hook)
    slow_change, fast_change = _visitor_change("慢"), _visitor_change("快")
    slow = threading.Thread(target=service.apply_batch, args=(engine, "SX", "b-slow", [slow_change]), name="slow")
    slow.start()
    assert slow_inside.wait(10)
    fast = threading.Thread(target=service.apply_batch, args=(engine, "SX", "b-fast", [fast_change]), name="fast")
    fast.start()
    time.sleep(0.3)  # the later transaction is now waiting on the counter, not committing first

    seen: set[str] = set()
    cursor = ""
    page = service.pull_page(engine, "SX", cursor)
    # (The centre's own seeded reference rows are there from the start; the visitors are not.)
    seen |= {r["row_id"] for r in page["rows"] if r["table"] == "visitor"}
    cursor = page["cursor"]
    assert not seen, "nothing is visible before the slow transaction commits"
    release.set()
    slow.join(10)
    fast.join(10)
    while True:
        page = service.pull_page(engine, "SX", cursor, limit=1)
        seen |= {r["row_id"] for r in page["rows"]}
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert {slow_change["row_id"], fast_change["row_id"]} <= seen
    with engine.connect() as conn:
        seqs = dict(conn.execute(select(m.record.c.row_id, m.record.c.seq)).all())
    assert seqs[slow_change["row_id"]] < seqs[fast_change["row_id"]]  # numbers follow commit order


def test_pull_during_concurrent_writes_misses_nothing(central):
    """Many writers and a puller racing: the puller's union is everything once writers stop."""
    central.token("SX")
    engine = central.engine
    written: list[str] = []
    stop = threading.Event()

    def writer(k):
        for i in range(15):
            ch = _visitor_change(f"w{k}-{i}")
            service.apply_batch(engine, "SX", new_id(), [ch])
            written.append(ch["row_id"])

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    seen: set[str] = set()
    cursor = ""
    while True:
        done = all(not t.is_alive() for t in threads)
        page = service.pull_page(engine, "SX", cursor, limit=3)
        seen |= {r["row_id"] for r in page["rows"]}
        cursor = page["cursor"]
        if done and not page["more"]:
            break
    stop.set()
    assert set(written) <= seen and len(written) == 60


@pytest.mark.parametrize("fault", ["postgres_crash", "backend_killed"])
def test_fault_during_apply_leaves_no_half_batch_and_retry_succeeds(stations, central, postgres, monkeypatch, fault):
    a = stations("SX")
    register(a, 3)
    inside = threading.Event()
    done = threading.Event()
    pid = {}

    def hook(name, conn):
        if not inside.is_set():
            pid["pid"] = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            inside.set()
            done.wait(20)

    monkeypatch.setattr(service, "PAUSE_HOOK", hook)
    errors = []

    def run():
        try:
            a.sync(batch_size=500)
        except SyncError as exc:
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    assert inside.wait(20)
    if fault == "postgres_crash":
        postgres.crash()
        postgres.start()
    else:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={postgres.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute("SELECT pg_terminate_backend(%s)", (pid["pid"],))
    done.set()
    t.join(60)
    assert errors, "the sync saw the failure"
    with central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.record).where(m.record.c.origin_station == "SX")).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(m.batch)).scalar_one() == 0
    monkeypatch.setattr(service, "PAUSE_HOOK", None)
    a.sync()
    assert_converged(central, a)
