"""Figures whose code is owned by other issues: measured once their code is on main."""

from __future__ import annotations

import importlib.util

from benchmarks.harness import NOT_MERGED, Figure, pending

# (key, what, target, modules that must exist before the figure can be measured)
_PLANNED = [
    ("dashboard_day", "dashboard: one day", "≤ 150 ms", ("desk.services.figures",)),
    ("dashboard_month", "dashboard: one month", "≤ 500 ms", ("desk.services.figures",)),
    ("dashboard_last_month", "dashboard: last month (a past period)", "≤ 500 ms", ("desk.services.figures",)),
    ("slip_warm", "slip PDF, warm (font registered)", "≤ 30 ms; ≤ 1.5× floor", ("desk.printing.slip",)),
    ("slip_first", "slip PDF, first in the process", "≤ 1 s", ("desk.printing.slip",)),
    ("monthly_pdf", "monthly summary PDF", "≤ 3 s", ("desk.services.figures", "desk.printing.report")),
    ("sync_nightly", "nightly sync of 300 changes (local server, PostgreSQL)", "≤ 2 s", ("desk.sync", "desk.server")),
    ("sync_catch_up", "catch-up sync of 100,000 changes", "≤ 60 s; peak memory stated",
     ("desk.sync", "desk.server")),
]


def _present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def printing_merged() -> bool:
    return all(_present(m) for m in ("desk.services.figures", "desk.printing.slip", "desk.printing.report"))


def figures(skip: set[str] = frozenset()) -> list[Figure]:
    """The planned figures not measured in this run (`skip`: those that were)."""
    out = []
    for key, what, target, modules in _PLANNED:
        if key in skip:
            continue
        missing = [m for m in modules if not _present(m)]
        note = NOT_MERGED if missing else "not measured in this run"
        fig = pending(key, what, target, note)
        fig.detail = {"needs": list(modules), "missing": missing}
        out.append(fig)
    return out
