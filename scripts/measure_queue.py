#!/usr/bin/env python3
"""Time the work queue on a real database: first rows, scrolling, jumps, search.

    .venv/bin/python scripts/measure_queue.py --db PATH [--user chenjing --password demo-2026]

Drives the real OrdersModel in a real (off-screen) QTableView with the real database worker
thread, and prints milliseconds for each step (median of --repeat runs where it makes sense).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", default="chenjing")
    parser.add_argument("--password", default="demo-2026")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTableView

    from desk.services import auth
    from desk.services.dto import OrderFilter
    from desk.services.store import Store
    from desk.ui.context import DeskContext
    from desk.ui.fonts import install_cjk_font
    from desk.ui.prefs import Prefs
    from desk.ui.queue_model import OrdersModel
    from desk.ui.worker import ThreadRunner

    app = QApplication(sys.argv[:1])
    install_cjk_font(app)
    t0 = time.perf_counter()
    store = Store.open(args.db)
    print(f"open database: {(time.perf_counter() - t0) * 1000:.0f} ms")
    actor = auth.login(store, args.user, args.password)
    runner = ThreadRunner()
    ctx = DeskContext(store, runner, Prefs(QSettings("/tmp/desk-measure.ini", QSettings.Format.IniFormat)))
    ctx.set_actor(actor)
    model = OrdersModel(ctx)
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 800)
    view.show()

    def wait(predicate, timeout=120.0) -> None:
        end = time.perf_counter() + timeout
        while not predicate():
            app.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError
            time.sleep(0.001)

    def visible_loaded() -> bool:
        top = view.rowAt(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        if top < 0:
            return model.rowCount() == 0
        bottom = bottom if bottom >= 0 else model.rowCount() - 1
        return model.is_loaded(top) and model.is_loaded(bottom)

    def first_rows(f: OrderFilter) -> tuple[float, int]:
        loaded = []
        model.loaded.connect(lambda: loaded.append(1))
        start = time.perf_counter()
        model.set_filter(f)
        wait(lambda: loaded)
        app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        model.loaded.disconnect()
        return elapsed, model.rowCount()

    for label, f in (("all orders", OrderFilter(view="all")), ("open", OrderFilter(view="open")),
                     ("overdue", OrderFilter(view="overdue")), ("search 漏水", OrderFilter(view="all", text="漏水")),
                     ("search ticket", None)):
        if f is None:
            model.set_filter(OrderFilter(view="all"))
            wait(lambda: model.rowCount() > 0)
            ticket = model.row_at(0).ticket_no if model.is_loaded(0) else ""
            f = OrderFilter(view="all", text=ticket)
        times, count = [], 0
        for _ in range(args.repeat):
            ms, count = first_rows(f)
            times.append(ms)
        print(f"first rows, {label}: median {statistics.median(times):.0f} ms (max {max(times):.0f}) for {count:,} rows")

    first_rows(OrderFilter(view="all"))
    total = model.rowCount()
    scroll = view.verticalScrollBar()
    for label, fraction in (("jump to 25 %", 0.25), ("jump to middle", 0.5), ("jump to 75 %", 0.75),
                            ("jump to the end", 1.0), ("jump to the start", 0.0)):
        start = time.perf_counter()
        scroll.setValue(int(scroll.maximum() * fraction))
        app.processEvents()
        wait(visible_loaded)
        print(f"{label} (row {view.rowAt(0):,} of {total:,}): {(time.perf_counter() - start) * 1000:.0f} ms")

    # Smooth scrolling: a page down at a time, 50 times, from the top; each step timed until
    # the rows on screen are real rows.
    scroll.setValue(0)
    app.processEvents()
    wait(visible_loaded)
    steps = []
    for _ in range(50):
        start = time.perf_counter()
        scroll.setValue(scroll.value() + scroll.pageStep())
        app.processEvents()
        wait(visible_loaded)
        steps.append((time.perf_counter() - start) * 1000)
    steps.sort()
    print(f"page down x50: median {statistics.median(steps):.1f} ms, 95th {steps[int(len(steps) * 0.95) - 1]:.1f} ms, "
          f"max {steps[-1]:.1f} ms")
    view.close()
    runner.shutdown()
    ctx.detach()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
