"""Volume: thirty offline days (demo history, thousands of changes) in bounded memory, resumed
after a cut; and a nightly-sized sync end to end. Timings and peak memory are printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from desk.services.store import Store
from tests.sync.conftest import Station, make_station
from tests.sync.helpers import act, assert_converged, outbox_count, register

HERE = Path(__file__).parent


def _measured_sync(db: Path, central, token: str, **env_extra) -> tuple[subprocess.CompletedProcess, dict]:
    env = dict(os.environ, DESK_SYNC_BATCH="200", DESK_SYNC_PAGE="500", **env_extra)
    # The benchmarks' runner: the desk CLI in one process, then wall time and peak RSS on stderr.
    proc = subprocess.run([sys.executable, "-m", "benchmarks.desk_process", "--db", str(db), "sync", "--server",
                           central.url, "--token", token], env=env, capture_output=True, text=True, timeout=600,
                          cwd=HERE.parents[1])
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("{")]
    return proc, (json.loads(lines[-1]) if lines else {})


def test_thirty_offline_days_bounded_memory_and_resume_after_cut(tmp_path, central, capsys):
    from desk import demo

    db = tmp_path / "SX.sqlite3"
    store = Store.open(db)
    made = demo.generate(store, days=30, per_day=60)
    waiting_rows = made.visits + made.orders + made.events
    token = central.token("SX")
    stn = Station("SX", store, token, None, None, central.url)

    cut, _ = _measured_sync(db, central, token, DESK_SYNC_CRASH_AT="after_ack", DESK_SYNC_CRASH_COUNT="20")
    assert cut.returncode == -9, cut.stderr[-2000:]
    left = outbox_count(store)
    assert 0 < left < waiting_rows  # part went, part waits
    done, measured = _measured_sync(db, central, token)
    assert done.returncode == 0, done.stderr[-2000:]
    assert_converged(central, stn)
    # Bounded: batches and pages, never the whole history in memory at once.
    assert measured["peak_rss_mb"] < 150, measured
    with capsys.disabled():
        print(f"\n[sync volume] 30 days: {made.orders} orders, {made.events} events, {waiting_rows}+ rows; "
              f"resume after cut ({left} changes left): {measured['seconds']} s, desk peak RSS "
              f"{measured['peak_rss_mb']} MB")
    store.close()


def test_nightly_sized_sync_end_to_end(tmp_path, central, capsys):
    stn = make_station(tmp_path, central, "SX")
    stn.sync()  # yesterday's state
    ids = register(stn, 50)
    for oid in ids[:25]:
        act(stn, oid, "accept")
    changes = outbox_count(stn.store)
    assert changes >= 300
    started = time.perf_counter()
    report = stn.sync()
    seconds = time.perf_counter() - started
    assert_converged(central, stn)
    assert report.pushed == changes
    assert seconds < 30
    with capsys.disabled():
        print(f"\n[sync volume] nightly: {changes} changes pushed in {report.batches} batches, "
              f"{report.pulled} rows pulled, {seconds:.2f} s end to end (desk + central in one process)")
    stn.store.close()
