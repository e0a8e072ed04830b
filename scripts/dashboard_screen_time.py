#!/usr/bin/env python3
"""Wall and CPU time of what the dashboard screen computes when it opens (figures, the lists'
rows, the previous period's comparison), for today, this month and last month, without a
window. CPU time is the comparable figure on a shared machine; prints JSON. Only reads (the
supervisor is taken from the staff table; the file is opened without upgrading it).

    .venv/bin/python scripts/dashboard_screen_time.py /tmp/bench/desk-1000000.sqlite3 [repeats]
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(db: str, reps: int = 5) -> dict:
    from benchmarks.database import fixed_clock
    from desk.db import open_database
    from desk.services import figures as F
    from desk.services.dto import Actor
    from desk.services.store import Store
    from desk.services import dashboard_data as DD

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sid, username, name = con.execute("SELECT id, username, display_name FROM staff WHERE role = 'supervisor' "
                                      "AND active = 1 LIMIT 1").fetchone()
    actor = Actor(id=sid, username=username, display_name=name, role="supervisor")
    store = Store(open_database(Path(db), migrate=False), clock=fixed_clock())
    today = store.now().astimezone(store.calendar().tz).date()
    out = {}
    for label, period in (("day", F.Period.day(today)), ("month", F.Period.month(today)),
                          ("last_month", F.Period.month(today).previous())):
        walls, cpus, heads = [], [], []
        for i in range(reps + 1):  # the first is a warm-up
            w, c = time.perf_counter(), time.process_time()
            fig = F.compute(store, actor, period)
            h = time.perf_counter() - w
            DD.all_stations_available(store)
            DD.load_details(store, actor, fig)
            DD.previous_figures(store, actor, fig)
            if i:
                walls.append((time.perf_counter() - w) * 1000)
                cpus.append((time.process_time() - c) * 1000)
                heads.append(h * 1000)
        n = con.execute("SELECT count(*) FROM work_order WHERE created_local_date BETWEEN ? AND ?",
                        (period.date_from.isoformat(), period.date_to.isoformat())).fetchone()[0]
        out[label] = {"orders": n, "wall_ms": sorted(walls), "cpu_ms": sorted(cpus), "headline_ms": sorted(heads)}
    store.close()
    con.close()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)))
