"""The large database: generated once with `desk demo`'s generator, then reused.

The file lives outside the repository (default /tmp/bench). A reused file is only taken if
it was made with the same size and seed (recorded in a small JSON beside it).
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

# Mean orders per requested per-day: weekends run at 0.6 and days vary ±20 %.
_ORDERS_PER_PER_DAY = (5 + 2 * 0.6) / 7


def plan(orders: int) -> tuple[int, int]:
    """(days, per_day) for about `orders` work orders: ten years once the size allows."""
    days = min(3650, max(5, orders // 270))
    per_day = max(1, round(orders / days / _ORDERS_PER_PER_DAY))
    return days, per_day


def _load() -> float:
    try:
        return os.getloadavg()[1]  # five minutes
    except OSError:
        return 0.0


def _schedstat() -> tuple[int, int] | None:
    """(ns on a CPU, ns runnable but waiting for a CPU) of this thread, from Linux's schedstat."""
    try:
        with open("/proc/thread-self/schedstat") as fh:
            on_cpu, waiting, _ = fh.read().split()
        return int(on_cpu), int(waiting)
    except (OSError, ValueError):
        return None


def fixed_clock():
    # The history ends on a fixed working Monday, so every run and seed sees the same data.
    moment = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
    return lambda: moment


def build(path: Path, orders: int, seed: int, *, reuse: bool, log=print) -> dict:
    """Make (or reuse) the database; returns what was made and how long it took."""
    from desk.demo import generate
    from desk.services.store import Store

    stamp = path.with_suffix(path.suffix + ".json")
    if reuse and path.exists() and stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("requested") == orders and info.get("seed") == seed:
            log(f"reusing {path} ({info['orders']} orders, generated in {info['seconds']:.1f} s)")
            return {**info, "reused": True}
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), stamp):
        p.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    days, per_day = plan(orders)
    log(f"generating about {orders} orders ({days} days × {per_day}/day) into {path} …")
    load_before = _load()
    sched = _schedstat()
    started, cpu = time.perf_counter(), time.process_time()
    store = Store.open(path, clock=fixed_clock())
    try:
        report = generate(store, days=days, per_day=per_day, seed=seed)
    finally:
        store.close()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    split = {}
    if sched is not None and (after := _schedstat()) is not None:
        # Where the wall clock went: on a CPU, waiting for one (other people's work), and
        # neither (blocked: disk reads and writes, fsync; the rest of the process is idle).
        on_cpu, runqueue = (after[0] - sched[0]) / 1e9, (after[1] - sched[1]) / 1e9
        split = {"on_cpu_seconds": round(on_cpu, 2), "waiting_for_cpu_seconds": round(runqueue, 2),
                 "blocked_seconds": round(max(0.0, seconds - on_cpu - runqueue), 2)}
    info = {"requested": orders, "seed": seed, "days": days, "per_day": per_day, "orders": report.orders,
            "events": report.events, "visits": report.visits, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "generate_seconds": round(report.seconds, 2), "bytes": path.stat().st_size,
            "load_average": round((load_before + _load()) / 2, 2), "nproc": os.cpu_count(), **split}
    stamp.write_text(json.dumps(info))
    return {**info, "reused": False}


def write_copy(path: Path, *, log=print) -> Path:
    """A private copy of the database for the benchmarks that write (saving visits), made once
    with SQLite's online backup (consistent while others read the original) and reused while
    the original's stamp is unchanged. Others measure queue and dashboard figures on the
    original at the same time: hundreds of new visits on "today" would change their numbers."""
    import shutil
    import sqlite3

    copy = path.with_name(path.stem + "-writes" + path.suffix)
    stamp, copy_stamp = path.with_suffix(path.suffix + ".json"), copy.with_suffix(copy.suffix + ".json")
    source = stamp.read_text() if stamp.exists() else str(path.stat().st_mtime_ns)
    if copy.exists() and copy_stamp.exists() and copy_stamp.read_text() == source:
        log(f"writing benchmarks use the private copy {copy}")
        return copy
    size = path.stat().st_size
    free = shutil.disk_usage(path.parent).free
    if free < 2 * size:
        raise SystemExit(f"{path.parent}: {free / 2**30:.1f} GiB free, the private copy for the writing "
                         f"benchmarks needs {size / 2**30:.1f} GiB plus room to spare; skip them with --only")
    for p in (copy, copy.with_name(copy.name + "-wal"), copy.with_name(copy.name + "-shm"), copy_stamp):
        p.unlink(missing_ok=True)
    log(f"copying {path} to {copy} for the writing benchmarks ({size / 2**30:.1f} GiB, once) …")
    started = time.perf_counter()
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    try:
        src.backup(dst, pages=16384)
    finally:
        dst.close()
        src.close()
    copy_stamp.write_text(source)
    log(f"copied in {time.perf_counter() - started:.0f} s")
    return copy
