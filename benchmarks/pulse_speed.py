"""How fast is the problem register? The month's register (load + detect + the sentences) and
the whole-history scan, each beside its floor (the bare SQL read of the same rows).

    python -m benchmarks.pulse_speed --generate --days 365 --per-day 275   # a year at a million-order density
    python -m benchmarks.pulse_speed --db /tmp/bench/desk-1000000.sqlite3  # any desk file, opened read-only

A month's cost depends on the orders in that month (the query reads them by date through the
cohort index), not on the years around it: a year at 275 orders a day has the month density of
ten years of a million orders (~8,300 a month). The scan is one month-like pass per year, so its
time grows with the years. An existing file is opened read-only (never migrated or written).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from desk.services.pulse import describe, load
from desk.services.pulse.detect import detect


class ReadOnlyStore:
    """What desk.services.pulse.load needs of a Store, over a file opened read-only."""

    def __init__(self, path: Path):
        self.engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        self._tz = ZoneInfo("Asia/Shanghai")

    @contextmanager
    def read(self):
        with Session(self.engine) as s:
            yield s

    def calendar(self):
        return self

    @property
    def tz(self):
        return self._tz


def month_register(store, a: date, b: date, names) -> tuple[float, int, int]:
    t = time.perf_counter()
    facts = load.facts(store, a, b)
    clusters = detect(facts)
    for c in clusters:
        describe.why(c, names), describe.pattern(c), describe.signals(c)
    return time.perf_counter() - t, len(facts), len(clusters)


def floor_read(store, a: date, b: date) -> float:
    t = time.perf_counter()
    with store.read() as s:
        s.execute(text("SELECT id, summary, category_id, lane, number, created_local_date, created_local_hour, "
                       "visitor_id, called_back_at, solved FROM work_order WHERE created_local_date BETWEEN :a AND :b"),
                  {"a": a.isoformat(), "b": b.isoformat()}).all()
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--generate", action="store_true")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--per-day", type=int, default=275)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-scan", action="store_true")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)
    result: dict = {}
    if a.generate:
        from desk.demo import generate
        from desk.services.store import Store

        path = a.db or Path(f"/tmp/bench-pulse/desk-{a.days}x{a.per_day}.sqlite3")
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            store = Store.open(path)
            t = time.perf_counter()
            report = generate(store, days=a.days, per_day=a.per_day, seed=11, stories=True)
            result["generated"] = {"orders": report.orders, "seconds": round(time.perf_counter() - t, 1)}
            store.close()
        a.db = path
    store = ReadOnlyStore(a.db)
    with store.read() as s:
        total = s.execute(text("SELECT count(*) FROM work_order")).scalar()
        last = date.fromisoformat(s.execute(text("SELECT max(created_local_date) FROM work_order")).scalar())
        names = {r[0]: (r[1], r[2] or r[1]) for r in s.execute(text("SELECT id, name, name_en FROM category"))}
    b = last.replace(day=1) - timedelta(days=1)  # the last full month
    a_ = b.replace(day=1)
    times, floors = [], []
    for _ in range(a.repeat):  # interleaved with the floor: a shared machine drifts
        floors.append(floor_read(store, a_, b))
        seconds, n_facts, n_clusters = month_register(store, a_, b, names)
        times.append(seconds)
    result["database"] = {"path": str(a.db), "orders": total}
    result["month"] = {"from": a_.isoformat(), "to": b.isoformat(), "problem_orders": n_facts, "clusters": n_clusters,
                       "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
                       "floor_median_s": round(statistics.median(floors), 3), "target_s": 2.0,
                       "met": max(times) <= 2.0}
    if not a.no_scan:
        span = load.history_span(store)
        t = time.perf_counter()
        years = []
        for w in load.windows(span[0], span[1], days=365, step=365):
            t0 = time.perf_counter()
            found = detect(load.facts(store, *w))
            years.append({"from": w[0].isoformat(), "to": w[1].isoformat(), "clusters": len(found),
                          "seconds": round(time.perf_counter() - t0, 2)})
        result["scan"] = {"years": years, "seconds": round(time.perf_counter() - t, 2)}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if a.out:
        a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
