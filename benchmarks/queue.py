"""The work queue at scale: first rows after opening, jump to the end, filter changes, counts,
and how much memory the process grows while doing them (RSS high-water mark, reset first)."""

from __future__ import annotations

import statistics
import time

from benchmarks.harness import Figure, percentile, timed_ms

PAGE = 100


def _rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:  # Linux: writing 5 resets VmHWM to the current RSS
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def filters(store) -> list:
    """What a clerk or supervisor clicks through: views, a department, a category, dates."""
    from desk.services import reference
    from desk.services.dto import OrderFilter

    deps = reference.list_departments(store)
    cats = [c for c in reference.list_categories(store) if c.parent_id is None]
    areas = reference.list_areas(store)
    return [
        OrderFilter(view="open"),
        OrderFilter(view="overdue"),
        OrderFilter(view="today"),
        OrderFilter(view="awaiting_callback"),
        OrderFilter(statuses=("dispatched", "accepted", "in_progress")),
        OrderFilter(department_ids=(deps[0].id,)),
        OrderFilter(category_ids=(cats[0].id,)),
        OrderFilter(area_ids=(areas[0].id,)),
        OrderFilter(date_from="2026-01-01", date_to="2026-03-31"),
        OrderFilter(view="open", department_ids=(deps[1 % len(deps)].id,)),
    ]


def measure(store, actor, reps: int) -> list[Figure]:
    from desk.services import queries
    from desk.services.dto import OrderFilter

    every = OrderFilter()
    _reset_peak()
    rss_before = _rss_mb()
    started = time.perf_counter()

    first, count, end, change = [], [], [], []
    flist = filters(store)
    for i in range(reps):
        # Opening: the first window of rows and the total shown in the status bar.
        first.append(timed_ms(lambda: queries.list_orders(store, actor, every, limit=PAGE)))
        total = [0]
        count.append(timed_ms(lambda: total.__setitem__(0, queries.count_orders(store, actor, every))))
        # Jump to the end: the UI asks for the last window by offset.
        end.append(timed_ms(lambda: queries.list_orders(store, actor, every, offset=max(0, total[0] - PAGE),
                                                        limit=PAGE)))
        # A filter change: the first window and the new count.
        f = flist[i % len(flist)]
        change.append(timed_ms(lambda: (queries.list_orders(store, actor, f, limit=PAGE),
                                        queries.count_orders(store, actor, f))))
    growth = _rss_mb("VmHWM") - rss_before
    seconds = time.perf_counter() - started

    def fig(key, what, values, note=""):
        p95 = percentile(values, 95)
        return Figure(key, what + ", p95", "ms", p95, None, "≤ 100 ms", p95 <= 100, note=note,
                      detail={"p50": statistics.median(values), "max": max(values), "reps": len(values)})

    return [
        fig("queue_first_page", f"queue: first {PAGE} rows after opening", first),
        fig("queue_count", "queue: count of all orders", count, note=f"{total[0]} orders"),
        fig("queue_jump_end", f"queue: jump to the end (offset {max(0, total[0] - PAGE)})", end),
        fig("queue_filter_change", "queue: filter change (first rows + count)", change,
            note=f"{len(flist)} different filters"),
        Figure("queue_memory", "queue: memory growth (RSS peak − start)", "MB", growth, None, "≤ 60 MB",
               growth <= 60, note=f"over {reps * 5} queue calls in {seconds:.1f} s",
               detail={"rss_before_mb": rss_before}),
    ]
