"""Cold start: a fresh process until the main window is shown and the event loop is idle,
beside a bare PySide6 window with qt-material plus `import sqlalchemy.orm` (the floor).

Both run as new interpreters, alternately; the time runs from just before the process is
spawned to the first turn of the event loop after the window is shown (a zero-delay timer
set as the application enters exec()). The file cache is warm after the first run, as it
is for a clerk starting the desk a second time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from benchmarks.harness import Figure

# Installed before the desk (or the floor) starts: when the application enters its event
# loop, a zero-delay timer reports the elapsed time and the visible windows, then quits.
_HOOK = r"""
import os, sys, time
_t0 = float(os.environ["BENCH_T0"])
from PySide6 import QtCore, QtWidgets
_exec = QtWidgets.QApplication.exec
def _ready():
    shown = [w.windowTitle() or type(w).__name__ for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible()]
    print("READY", time.time() - _t0, "|".join(shown), flush=True)
    _after_ready()
def _after_ready():
    QtWidgets.QApplication.quit()
def _exec_and_report(*args):
    QtCore.QTimer.singleShot(0, _ready)
    return _exec()
QtWidgets.QApplication.exec = _exec_and_report
"""

_FLOOR = _HOOK + r"""
import sqlalchemy.orm
from qt_material import apply_stylesheet
app = QtWidgets.QApplication(sys.argv[:1])
apply_stylesheet(app, theme="light_blue.xml")
w = QtWidgets.QMainWindow()
w.setWindowTitle("floor")
w.setCentralWidget(QtWidgets.QLabel("全岗接待台"))
w.resize(1000, 700)
w.show()
app.exec()
"""

_DESK = _HOOK + r"""
# The work screens are no longer built as the log-in page shows (desk/ui/screen_builder.py:
# the intake when the log-in is submitted, the others when first shown or in a pause after
# log-in): the time to a person's first key is benchmarks/firstkey.py.
sys.argv = ["desk", "--db", os.environ["BENCH_DB"]]
from desk.cli import main
raise SystemExit(main())
"""


def _env(db: str) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["BENCH_DB"] = db
    env["PYTHONDONTWRITEBYTECODE"] = "0"
    return env


def _run(code: str, env: dict) -> tuple[float, str]:
    """(ms until the window is shown and the loop turns, windows shown)."""
    env = dict(env, BENCH_T0=repr(time.time()))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    ready = None
    for line in out.stdout.splitlines():
        if line.startswith("READY "):
            _, seconds, shown = (line.split(" ", 2) + [""])[:3]
            ready = float(seconds) * 1000, shown
    if ready is None:
        raise RuntimeError(f"the window never became ready (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return ready


def measure(db: str, reps: int, *, warm: bool = True) -> Figure:
    env = _env(db)
    if warm:  # the file cache, and qt-material's ~/.qt_material
        _run(_FLOOR, env), _run(_DESK, env)
    desk_ms, floor_ms, shown = [], [], ""
    for _ in range(reps):
        ms, shown = _run(_DESK, env)
        desk_ms.append(ms)
        floor_ms.append(_run(_FLOOR, env)[0])
    value, floor = statistics.median(desk_ms), statistics.median(floor_ms)
    return Figure("cold_start", "cold start to the main window (log-in page taking keys), median", "ms", value,
                  floor, "≤ 1.5× floor", value <= 1.5 * floor,
                  note=f"{reps} starts each; windows shown: {shown}; the first typed key: benchmarks/firstkey.py",
                  detail={"desk_ms": desk_ms, "floor_ms": floor_ms, "shown": shown})
