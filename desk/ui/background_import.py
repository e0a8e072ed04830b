"""Warming a screen's imports on a thread of its own, before the screen is first opened."""

from __future__ import annotations

# Only modules free of Qt may be imported off the GUI thread. PySide makes its types and enums
# as they are first used; a second thread doing that (the dashboard's QtCharts imports) while
# the window used Qt crashed a supervisor's desk at log-in (CI, an e2e run, 2026-12-06). A
# screen's Qt modules are imported on the GUI thread, a part a turn (main_window.py).
_QT_PREFIXES = ("PySide6", "shiboken6", "desk.ui")


def import_in_background(*modules: str) -> None:
    """Import Qt-free modules a screen will need (the dashboard's figures: ~0.5 s) on a thread
    of their own; imported when the screen first opens, they held the window (issue 20).
    Importing runs Python code, which hands the GIL back to the window every few milliseconds."""
    import importlib
    import threading

    qt = [m for m in modules if any(m == p or m.startswith(p + ".") for p in _QT_PREFIXES)]
    if qt:
        raise ValueError(f"Qt modules are imported on the GUI thread only: {qt}")

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # imported again (and reported) when the screen opens
                return

    threading.Thread(target=run, name="desk-warm-imports", daemon=True).start()
