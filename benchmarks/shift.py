"""An eight-hour shift in minutes: does the window's memory stay put?

The real main window (offscreen, the real database worker) over a copy of a demo database:
a visit typed and saved for each minute of the shift (480), the work queue opened and
scrolled and the dashboard opened every 15 visits, an order detail opened and closed every
10, one sync halfway when a central server is given. Measured: the process's RSS and the live
QObjects (every object reachable from the application and its top-level widgets) after a
warm-up hour (caches filled, every screen built once) and at the end of the shift.

Goal (issue 20): RSS grows by at most 30 MB over the shift, and no widget or model leaks
(the live QObjects at the end equal those after the warm-up, give or take the ones a screen
keeps for its current contents).
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Figure
from benchmarks.stall import _a_phone, _errors, _orders, _pump, _type_text, _wait, close_window, open_window


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def live_qobjects() -> dict[str, int]:
    """Class name -> count of QObjects reachable from the application and its windows."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    import shiboken6

    app = QApplication.instance()
    seen: dict[int, str] = {}
    stack: list[QObject] = [app, *QApplication.topLevelWidgets()]
    while stack:
        obj = stack.pop()
        # Keyed by the C++ object's address: a Python wrapper can be freed once popped and its
        # id() reused by the next one, which made whole subtrees look "already seen".
        key = shiboken6.getCppPointer(obj)[0]
        if key in seen:
            continue
        seen[key] = obj.metaObject().className()
        stack.extend(obj.children())
    counts: dict[str, int] = {}
    for name in seen.values():
        counts[name] = counts.get(name, 0) + 1
    return counts


def _visit(window, ctx, n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLineEdit

    window.show_screen(0)
    intake = window.intake
    newest = _orders(ctx.store)
    _type_text(intake.phone, _a_phone(ctx.store) if n % 3 else f"1390000{n:04d}", pace_ms=5)
    _pump(30)
    kind = intake.findChild(QComboBox, "kind")
    kind.setCurrentIndex(kind.findData("complaint"))
    category = intake.findChild(QComboBox, "category")
    category.setCurrentIndex(1 + n % max(1, category.count() - 1))
    summary = intake.findChild(QLineEdit, "summary")
    _type_text(summary, f"楼道灯坏了第{n}次反映请尽快修理", pace_ms=5)
    QTest.keyClick(summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    try:
        _wait(lambda: _orders(ctx.store) != newest or _errors(), 300, "saving a visit")
    except TimeoutError:
        import faulthandler
        import sys

        from PySide6.QtWidgets import QApplication

        faulthandler.dump_traceback(sys.stderr)  # what the worker is busy with
        raise RuntimeError(f"visit {n} not saved; focus {QApplication.focusWidget()}, active "
                           f"{QApplication.activeWindow()}, result {intake.result_label.text()!r}, saving "
                           f"{intake.saving}, summary {summary.text()!r}, phone {intake.phone.text()!r}") from None
    if _errors():
        raise RuntimeError("shift benchmark: a visit was not saved: " + _errors()[0].text())
    _pump(20)


def _browse(window) -> None:
    from PySide6.QtWidgets import QTableView

    window.show_screen(1)
    table = window.queue.findChild(QTableView, "queueTable")
    window.queue.apply_filters()
    _wait(lambda: table.model().rowCount() > 0, 60, "the queue")
    bar = table.verticalScrollBar()
    for _ in range(5):
        bar.setValue(bar.value() + bar.pageStep())
        _pump(20)
    window.show_dashboard()
    window.dashboard.reload()
    _pump(300)


def _detail(window) -> None:
    from PySide6.QtWidgets import QTableView

    table = window.queue.findChild(QTableView, "queueTable")
    model = table.model()
    if model.rowCount() == 0:
        return
    row = model.row_at(0)
    if row is None:
        return
    dialog = window.open_order(row.id)
    _pump(150)
    dialog.close()
    window.activateWindow()  # a window manager gives the main window back its focus; offscreen Qt does not
    _pump(50)


def _settle(runner) -> None:
    """Every queued database call answered and drawn (the dashboard's lists included), and
    every widget a screen let go of deleted: both counts then describe the same screens."""
    from PySide6.QtCore import QCoreApplication, QEvent

    _wait(lambda: runner.pending() == 0, 600, "the database worker")
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        _pump(50)
    gc.collect()


def measure(db: Path, *, visits: int = 480, log=print) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="desk-bench-shift-"))
    try:
        copy = work / "shift.sqlite3"
        shutil.copyfile(db, copy)
        ctx, window, store, runner = open_window(copy, work)
        try:
            warm = max(1, visits // 8)  # the first hour
            started = time.perf_counter()
            for n in range(visits):
                if n == warm:
                    _browse(window)  # every screen built once before the first count
                    _detail(window)
                    _settle(runner)
                    rss0, objs0 = rss_mb(), live_qobjects()
                    log(f"shift: after the first hour ({warm} visits) RSS {rss0:.1f} MB, "
                        f"{sum(objs0.values())} live QObjects")
                _visit(window, ctx, n)
                if n % 15 == 14:
                    _browse(window)
                if n % 10 == 9:
                    _detail(window)
            window.show_screen(0)
            _settle(runner)
            rss1, objs1 = rss_mb(), live_qobjects()
            seconds = time.perf_counter() - started
        finally:
            close_window(ctx, window, store, runner)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    grown = {k: objs1.get(k, 0) - objs0.get(k, 0) for k in set(objs0) | set(objs1)}
    grown = {k: v for k, v in sorted(grown.items(), key=lambda kv: -kv[1]) if v}
    n0, n1 = sum(objs0.values()), sum(objs1.values())
    log(f"shift: end RSS {rss1:.1f} MB (+{rss1 - rss0:.1f}), {n1} live QObjects ({n1 - n0:+d}); {seconds:.0f} s; "
        f"changed classes: {dict(list(grown.items())[:8])}")
    return [
        Figure("shift_rss", f"an eight-hour shift ({visits} visits, queue and dashboard every 15): RSS growth "
               "after the first hour", "MB", value=round(rss1 - rss0, 1), target="≤ 30 MB", met=rss1 - rss0 <= 30,
               note=f"{rss0:.0f} → {rss1:.0f} MB over {seconds:.0f} s", detail={"rss_start": rss0, "rss_end": rss1}),
        Figure("shift_qobjects", "an eight-hour shift: live QObjects, end minus first hour", "", value=n1 - n0,
               target="no leak (|Δ| ≤ 20)", met=abs(n1 - n0) <= 20, note=f"{n0} → {n1}",
               detail={"changed": grown}),
    ]


def main(argv: list[str] | None = None) -> int:
    """python -m benchmarks.shift --db FILE [--visits 480]"""
    import argparse

    from benchmarks.harness import table

    ap = argparse.ArgumentParser(prog="python -m benchmarks.shift")
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--visits", type=int, default=480)
    args = ap.parse_args(argv)
    print(table(measure(args.db, visits=args.visits)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
