"""Issue 16's figures beside the code before them: what the dashboard computes for this month,
last month and today (figures.compute, then the comparison and the lists), N runs each.

    PYTHONPATH=<checkout> .venv/bin/python benchmarks/figures_definitions.py DB N

Run it once with PYTHONPATH at an export of the old code (git archive main | tar -x -C DIR)
on a copy of the file, and once with this checkout on another copy (it upgrades the file to
0006_figures on opening); see benchmarks/README.md "Figures a supervisor can defend"."""
import statistics, sys, time
from pathlib import Path

import desk
from desk.services import auth, figures
from desk.services.figures import Period
from desk.services.store import Store
try:
    from desk.services import dashboard_data as DD
except ImportError:
    from desk.ui import dashboard_data as DD

db, runs = sys.argv[1], int(sys.argv[2])
store = Store.open(Path(db))
chief = auth.login(store, "chenjing", "demo-2026")
today = store.now().astimezone(store.calendar().tz).date()
out = {}
for name, period in (("this month", Period.month(today)), ("last month", Period.month(today.replace(day=1) - __import__("datetime").timedelta(days=1))),
                     ("today", Period.day(today))):
    head, full = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        fig = figures.compute(store, chief, period)
        t1 = time.perf_counter()
        DD.previous_figures(store, chief, fig)
        DD.load_details(store, chief, fig)
        t2 = time.perf_counter()
        head.append((t1 - t0) * 1000); full.append((t2 - t0) * 1000)
    head.sort(); full.sort()
    print(f"{Path(desk.__file__).parent.parent.name:8s} {name:10s} intake {fig.intake:6d}  headline median {statistics.median(head):6.0f} ms  "
          f"max {head[-1]:6.0f} ms | everything median {statistics.median(full):6.0f} ms max {full[-1]:6.0f} ms")
store.close()
