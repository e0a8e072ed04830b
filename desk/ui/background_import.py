"""Warming a screen's imports on a thread of its own, before the screen is first opened."""

from __future__ import annotations


def import_in_background(*modules: str) -> None:
    """Import the modules a screen will need on a thread of their own: imported when the screen
    first opens, they held the window for ~200 ms (QtCharts, scipy; issue 20). Importing runs
    Python code, which hands the GIL back to the window every few milliseconds."""
    import importlib
    import threading

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # imported again (and reported) when the screen opens
                return

    threading.Thread(target=run, name="desk-warm-imports", daemon=True).start()
