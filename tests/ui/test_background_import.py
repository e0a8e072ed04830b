"""Only Qt-free modules are imported off the GUI thread. The dashboard's QtCharts imports on a
thread of their own, while the window used Qt, crashed a supervisor's desk at log-in (a CI e2e
run, 2026-12-06: the warm-import thread inside desk/ui/charts.py, the GUI thread making an enum)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desk.ui.background_import import import_in_background
from desk.ui.main_window import DASHBOARD_CORE_MODULES, DASHBOARD_QT_MODULES


@pytest.mark.parametrize("module", ["desk.ui.dashboard", "desk.ui.charts", "PySide6.QtCharts"])
def test_a_qt_module_is_refused(module):
    with pytest.raises(ValueError, match="GUI thread"):
        import_in_background("desk.services.figures", module)


def test_what_the_dashboard_warms_in_the_background_loads_no_qt():
    code = ("import importlib, sys\n"
            f"for m in {DASHBOARD_CORE_MODULES!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_the_dashboard_imports_its_qt_modules_a_turn_each_when_built(ui, monkeypatch):
    """Built as a person opens it, each of its Qt modules is imported in a turn of its own (the
    largest, desk.ui.charts with QtCharts' types, ~35 ms), on the GUI thread."""
    import importlib
    import threading

    ctx, window = ui
    seen = []
    real = importlib.import_module

    def watch(name, *args):
        if name in DASHBOARD_QT_MODULES:
            seen.append((name, threading.current_thread() is threading.main_thread()))
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", watch)
    parts = window._build_dashboard()
    for _ in DASHBOARD_QT_MODULES:
        next(parts)
    assert seen == [(m, True) for m in DASHBOARD_QT_MODULES]
    parts.close()
