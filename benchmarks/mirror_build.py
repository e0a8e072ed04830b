#!/usr/bin/env python3
"""How long the central mirror takes: a cold build from the record table, an incremental
refresh after one more sync, and the all-stations figures of a month on it.

    .venv/bin/python benchmarks/mirror_build.py [--days 30] [--per-day 20]

Central on a SQLite file in this process (the mirror's cost is the desk-side apply, the same
whatever the central database)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--per-day", type=int, default=20)
    args = p.parse_args()
    from scripts.dashboard_all_stations_screens import demo_station

    from desk.server import service
    from desk.server.db import open_central
    from desk.server.figures import all_stations
    from desk.server.mirror import Mirror
    from desk.services.figures import Period
    from desk.sync import client

    folder = Path(tempfile.mkdtemp(prefix="desk-mirror-bench-"))
    engine = open_central(f"sqlite:///{folder / 'central.sqlite3'}")

    class Direct:  # the sync client's HTTP calls straight into the service (no server needed)
        def __init__(self, code):
            self.code = code

        def push(self, batch_id, changes):
            return service.apply_batch(engine, self.code, batch_id, changes)

        def pull(self, cursor, limit):
            return service.pull_page(engine, self.code, cursor, limit)

    stores = {}
    for code, seed in (("SX", 1), ("JL", 2)):
        store = demo_station(folder / f"{code}.sqlite3", code, seed, args.days, args.per_day)
        client.snapshot_missing(store)
        report = client.SyncReport()
        client.push_all(store, Direct(code), report, 200)
        client.pull_all(store, Direct(code), report, 500)
        stores[code] = store
        print(f"{code}: pushed {report.pushed} changes")
    mirror = Mirror(folder / "mirror.sqlite3")
    started = time.perf_counter()
    rows = mirror.refresh(engine)
    print(f"cold build: {rows} rows in {time.perf_counter() - started:.2f} s")
    today = mirror.store.now().astimezone(mirror.store.calendar().tz).date()
    for label, period in (("day", Period.day(today)), ("month", Period.month(today))):
        started = time.perf_counter()
        all_stations(engine, mirror, period, __import__("desk.services.figures", fromlist=["Scope"]).Scope())
        print(f"all-stations figures, {label}: {time.perf_counter() - started:.2f} s (refresh + compute + JSON)")
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.services import auth

    jl = stores["JL"]
    actor = auth.login(jl, "admin", "demo-2026")
    for i in range(50):
        intake.register_visit(jl, actor, VisitInput(matters=(MatterInput(summary="测试", kind="consult"),),
                                                    channel="walk_in"))
    report = client.SyncReport()
    client.push_all(jl, Direct("JL"), report, 200)
    started = time.perf_counter()
    rows = mirror.refresh(engine)
    print(f"incremental refresh after a sync of {report.pushed} changes: {rows} rows in "
          f"{time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
