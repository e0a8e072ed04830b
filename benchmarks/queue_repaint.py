"""python -m benchmarks.queue_repaint --db FILE [--steps 90]

What a page step of the queue costs the GUI thread, beside its floor. The real window (as
benchmarks.stall opens it) shows the queue of open orders; each step scrolls a page down and
processes the events that follow (the repaint, the header, the scroll bar), and the GUI
thread's CPU time for it is recorded. The floor is the same table in the same window and
style, showing the same rows' texts from a model Qt keeps in C++ (a QStandardItemModel): what
painting the page costs without a single call into Python. The difference is the desk's
model answering Qt (its calls into Python) and the view's own Python (the deadline tints).

The stall benchmark's queue p99 is one of these steps plus whatever else the turn holds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _steps(table, steps: int) -> list[float]:
    """CPU seconds of the GUI thread per page step, from the top, `steps` in all."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.stall import _pump

    bar = table.verticalScrollBar()
    spent: list[float] = []
    while len(spent) < steps:
        bar.setValue(0)
        _pump(300)
        for _ in range(min(30, steps - len(spent))):
            _pump(60)  # a person's pace; the next page arrives from the worker meanwhile
            started = time.thread_time()
            bar.setValue(bar.value() + bar.pageStep())
            QApplication.processEvents()
            spent.append(time.thread_time() - started)
    return spent


def _floor_model(model, rows: int):
    """The same texts and alignments, kept by Qt in C++; `loaded_row` answers None (no tints)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from desk.ui.queue_model import COLUMNS

    class Floor(QStandardItemModel):
        def loaded_row(self, _row):
            return None

    loaded = [r for r in range(rows) if model.is_loaded(r)]
    if not loaded:
        raise SystemExit("queue_repaint: the queue shows no orders; use a file with open orders")
    floor = Floor(rows, len(COLUMNS))
    for r in range(rows):
        source = loaded[r % len(loaded)]
        for c in range(len(COLUMNS)):
            item = QStandardItem(model.data(model.index(source, c)) or "")
            item.setTextAlignment(Qt.AlignmentFlag(model.data(model.index(source, c), Qt.ItemDataRole.TextAlignmentRole)))
            item.setEditable(False)
            floor.setItem(r, c, item)
    return floor


def measure(db: Path, steps: int = 90) -> tuple[list[float], list[float], tuple[int, int]]:
    """(the desk's page steps, the floor's, the viewport's size): GUI thread CPU seconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QTableView

    from benchmarks.stall import _wait, close_window, open_window

    work = Path(tempfile.mkdtemp(prefix="desk-bench-repaint-"))
    ctx, window, store, runner = open_window(db, work)
    try:
        window.show_screen(1)
        _wait(lambda: window.queue_tab.built, 60, "the queue's screen")
        queue = window.queue
        table = queue.findChild(QTableView, "queueTable")
        queue.apply_filters()
        _wait(lambda: table.model().rowCount() > 0, 60, "the queue's first rows")
        desk = _steps(table, steps)
        model = table.model()
        table.setModel(_floor_model(model, steps * (table.verticalScrollBar().pageStep() + 1) + 200))
        floor = _steps(table, steps)
        table.setModel(model)
        return desk, floor, table.viewport().size().toTuple()
    finally:
        close_window(ctx, window, store, runner)
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.queue_repaint", description=__doc__.split("\n\n")[1])
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--steps", type=int, default=90)
    args = p.parse_args(argv)
    desk, floor, (width, height) = measure(args.db, args.steps)
    for name, spent in (("desk's model", desk), ("floor (C++ model)", floor)):
        spent = sorted(spent)
        print(f"{name:18s} page step, GUI thread CPU: median {statistics.median(spent) * 1e3:5.1f} ms, "
              f"p90 {spent[int(len(spent) * 0.9)] * 1e3:5.1f} ms ({len(spent)} steps)")
    print(f"ratio (medians) {statistics.median(desk) / statistics.median(floor):.2f}x; "
          f"viewport {width}x{height}; load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
