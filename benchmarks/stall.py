"""Does the window ever freeze? The real main window (offscreen Qt, the real database worker
thread) over the benchmark database, with the GUI thread's stall watch (desk/ui/stall.py)
running while the window does what a station does in a day:

  type      a clerk types a returning visitor's phone and a complaint, key by key, and saves
  queue     the work queue of every order opened and scrolled, page by page, to the end
  dashboard the month dashboard opened (figures, details, the previous period, the charts)
  report    the monthly summary PDF rendered (the dashboard's "Print this")
  backup    a manual backup of the whole file (the online backup, then its check)
  sync      a catch-up sync (the window's own sync thread) against a real desk-server, when a
            PostgreSQL server can be started here (skipped with a note otherwise)

For each: the longest gap between the watch's 5 ms ticks and the 99th percentile gap. The
goal (issue 20): no gap over 50 ms and p99 ≤ 20 ms in every one.

Typing goes on during the slow phases too (a key every 120 ms into the queue's search box is
not wanted — it would change the work — so the keys go to a scratch line edit): the window
must answer a person while the worker is busy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from benchmarks.harness import Figure

TARGET = "max gap ≤ 50 ms, p99 ≤ 20 ms"


def _pump(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(cond: Callable[[], bool], timeout_s: float, what: str) -> float:
    """Turn the event loop until cond() holds; seconds taken."""
    t0 = time.perf_counter()
    while not cond():
        if time.perf_counter() - t0 > timeout_s:
            raise TimeoutError(f"stall benchmark: {what} did not finish within {timeout_s:.0f} s")
        _pump(10)
    return time.perf_counter() - t0


class _Typist:
    """A person typing into a scratch field while the window works: a key every 120 ms."""

    def __init__(self):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QLineEdit

        self.edit = QLineEdit()
        self.timer = QTimer(interval=120)
        self.timer.timeout.connect(self._key)

    def _key(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self.edit.windowHandle(), Qt.Key.Key_A)  # as X delivers a key: the desk sees a person
        if len(self.edit.text()) > 40:
            self.edit.clear()

    def __enter__(self):
        from PySide6.QtWidgets import QApplication

        self.edit.show()  # a small window of its own, watched like the desk's (main_window.py)
        self.edit.setFocus()
        for widget in QApplication.topLevelWidgets():
            if hasattr(widget, "_activity"):
                widget._activity.watch_windows()
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.stop()
        self.edit.hide()


def _type_text(widget, text: str, pace_ms: int = 80) -> None:
    """ASCII with key clicks, Chinese as an input method commits it (two characters at once)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii():  # through the window, as X delivers a key (and the desk sees a person)
            QTest.keyClick(widget.window().windowHandle(), ch)
            i += 1
        else:
            event = QInputMethodEvent()
            event.setCommitString(text[i:i + 2])
            QApplication.sendEvent(widget, event)
            i += 2
        _pump(pace_ms)


def _orders(store) -> str:
    """The newest order's time (benchmarks/shift.py waits for a save by it; the stall phases
    do not read the database on the GUI thread they measure)."""
    from sqlalchemy import func, select

    from desk.models import WorkOrder

    with store.read() as s:
        return s.scalar(select(func.max(WorkOrder.created_at))) or ""


def _a_phone(store) -> str:
    from sqlalchemy import select

    from desk.models import Visitor

    with store.read() as s:
        return s.scalar(select(Visitor.phone).where(Visitor.phone.is_not(None)).limit(1))


def phase_type(window, phone: str) -> None:
    """`phone` is read before the watch starts: the benchmark asks nothing of the database on
    the GUI thread while it measures it (the desk never does; the save is seen by its signal)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLineEdit

    window.show_screen(0)
    intake = window.intake
    saved: list = []
    intake.saved.connect(saved.append)
    _type_text(intake.phone, phone)
    _pump(400)  # the returning visitor's history arrives from the worker
    summary = intake.findChild(QLineEdit, "summary")
    kind = intake.findChild(QComboBox, "kind")
    kind.setCurrentIndex(kind.findData("complaint"))  # a complaint, dispatched: the busiest save
    category = intake.findChild(QComboBox, "category")
    category.setCurrentIndex(1)
    _type_text(summary, "楼上装修噪音从早上七点一直到晚上影响老人休息")
    QTest.keyClick(summary.window().windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    _wait(lambda: saved or _errors(), 60, "saving the visit")
    intake.saved.disconnect(saved.append)
    if _errors():
        raise RuntimeError("stall benchmark: the visit was not saved: " + _errors()[0].text())
    _pump(500)


def _errors():
    from desk.ui import errors

    return errors.open_boxes()


def phase_queue(window) -> None:
    from PySide6.QtWidgets import QTableView

    window.show_screen(1)  # F3: the screen is built in parts, a turn apart (main_window.py)
    # Waited for as a person waits: asking for it in code (window.queue) builds the rest at once.
    _wait(lambda: window.queue_tab.built, 60, "the queue's screen")
    queue = window.queue
    table = queue.findChild(QTableView, "queueTable")
    queue.apply_filters()
    _wait(lambda: table.model().rowCount() > 0, 60, "the queue's first rows")
    bar = table.verticalScrollBar()
    with _Typist():  # a person scrolling a page at a time, then dragging the thumb to the end
        for _ in range(30):
            bar.setValue(bar.value() + bar.pageStep())
            _pump(60)
        for frac in (0.25, 0.5, 0.75, 1.0):
            bar.setValue(int(bar.maximum() * frac))
            _pump(400)


def phase_dashboard(window) -> None:
    window.show_dashboard()  # F6: the screen is built in parts, a turn apart (desk/ui/lazy_tab.py)
    # Waited for as a person waits: asking for it in code (window.dashboard) builds the rest at once.
    _wait(lambda: window.dashboard_tab.built, 60, "the dashboard's screen")
    dash = window.dashboard
    dash.chooser.set_preset("this_month")
    dash.fig = None
    with _Typist():
        dash.reload()
        _wait(lambda: getattr(dash, "fig", None) is not None, 300, "the month dashboard")
        _pump(2000)  # the details and the previous period arrive and are drawn


def phase_report(window, ctx, out: Path) -> None:
    done: list = []
    with _Typist():
        from desk.printing import report_apart  # what the dashboard's "Print this" runs

        ctx.as_actor(report_apart.print_figures, window.dashboard.fig, out, remote=False,
                     on_done=done.append, on_error=done.append)
        _wait(lambda: bool(done), 600, "the monthly summary")
    if isinstance(done[0], BaseException):
        raise done[0]


def phase_backup(ctx, out: Path) -> None:
    from desk.services import backup

    done: list = []
    with _Typist():
        ctx.runner.run(backup.backup_now, ctx.store, ctx.actor, out=out, on_done=done.append, on_error=done.append)
        _wait(lambda: bool(done), 3600, "the backup")
    if isinstance(done[0], BaseException):
        raise done[0]


def phase_sync(window) -> None:
    control = window.sync_control
    finished: list = []
    control.finished.connect(finished.append)
    control.failed.connect(finished.append)
    with _Typist():
        assert control.start(manual=True), "the sync did not start"
        _wait(lambda: bool(finished), 1800, "the catch-up sync")
    if isinstance(finished[0], str):
        raise RuntimeError(f"stall benchmark: the sync failed: {finished[0]}")


def open_window(db: Path, prefs_dir: Path):
    """The real window over `db` with the real worker thread, logged in as a supervisor."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from desk.models import Staff
    from desk.services import auth
    from desk.services.startup import open_store
    from desk.ui.main import build_window, make_app, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import ThreadRunner

    from desk.ui import errors

    errors.set_modal(False)  # a refusal must show up in the figures, not block the run
    app = make_app(["desk"])
    prefs = Prefs(QSettings(str(prefs_dir / "prefs.ini"), QSettings.Format.IniFormat))
    family = setup_look(app, prefs)
    store = open_store(db, thorough=False)
    with store.read() as s:
        chief = s.scalars(select(Staff).where(Staff.role == "supervisor", Staff.active.is_(True))).first()
        if chief is None:
            chief = s.scalars(select(Staff).where(Staff.role == "admin")).first()
        name = chief.username
    with store.write() as s:  # a known password for the benchmark's supervisor, given back at the end
        account = s.scalars(select(Staff).where(Staff.username == name)).one()
        _PASSWORDS_TO_RESTORE[id(store)] = (name, account.password_hash)
        account.password_hash = auth.hash_password("bench-2026")
    runner = ThreadRunner()
    ctx, window = build_window(store, runner, prefs, family)
    window.resize(1366, 768)
    window.show()
    # As the desk starts (desk/ui/main.py): the work screens, the spare matter form and the
    # suggestions' training come in the clerk's pauses after log-in (screen_builder.py). The
    # day's backup, queued there too, is left out: the backup phase measures one.
    window.build_screens_when_ready()
    window.login.username.setText(name)
    window.login.password.setText("bench-2026")
    window.login.submit()
    _wait(lambda: ctx.actor is not None, 60, "the log-in")
    _pump(1000)
    QApplication.processEvents()
    return ctx, window, store, runner


def close_window(ctx, window, store, runner) -> None:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from desk.models import Staff

    window.close()
    runner.shutdown()
    ctx.detach()
    window.deleteLater()
    QApplication.sendPostedEvents(None, 0)
    if id(store) in _PASSWORDS_TO_RESTORE:  # another benchmark (firstkey) logs in with the file's own
        name, password_hash = _PASSWORDS_TO_RESTORE.pop(id(store))
        with store.write() as s:
            s.scalars(select(Staff).where(Staff.username == name)).one().password_hash = password_hash
    store.close()


_PASSWORDS_TO_RESTORE: dict = {}  # id(store) -> (user name, the password hash it had)


def measure(db: Path, *, with_sync: bool = True, log=print, after_training: bool = False,
            only: tuple[str, ...] = ()) -> list[Figure]:
    """Every phase on the real window; the sync phase on its own catch-up station.
    `after_training`: start once the suggestion model's first training is over (the CI smoke
    test: that training imports pypinyin, whose ~300 ms hold of the GIL is measured here by
    default, in the typing phase, and is the suggestion feature's to remove)."""
    from desk.ui.stall import StallWatch

    work = Path(tempfile.mkdtemp(prefix="desk-bench-stall-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures: list[Figure] = []
    try:
        ctx, window, store, runner = open_window(db, work)
        if after_training:
            from desk.ui.suggestions import engine_for

            engine_for(ctx).wait_trained(120)
            _pump(500)
        watch = StallWatch(log_path=os.environ.get("DESK_STALL_LOG"))  # each long gap, with every thread's clocks
        try:
            phone = _a_phone(store)
            phases = (("type", lambda: phase_type(window, phone)), ("queue", lambda: phase_queue(window)),
                      ("dashboard", lambda: phase_dashboard(window)),
                      ("report", lambda: phase_report(window, ctx, work / "monthly.pdf")),
                      ("backup", lambda: phase_backup(ctx, work / "backup.sqlite3")))
            for name, run in phases:
                if only and name not in only:
                    continue
                log(f"stall: {name} …")
                watch.start(name)
                run()
                s = watch.mark("")
                log(f"  {name}: longest gap {s.max_gap_ms} ms, p99 {s.p99_gap_ms} ms over {s.seconds} s; less the "
                    f"run-queue wait: {s.max_own_ms} ms, p99 {s.p99_own_ms} ms")
        finally:
            watch.stop()
            close_window(ctx, window, store, runner)
        figures += figures_from(watch.summaries[:-1])
        if with_sync:
            figures += _sync_figure(work, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _sync_figure(work: Path, log) -> list[Figure]:
    from benchmarks.sync import Server, _catch_up_station
    from desk.server import service
    from desk.server.db import open_central
    from desk.services.store import Store
    from desk.sync.client import configure
    from desk.ui.stall import StallWatch

    try:
        from tests.postgres_server import Postgres

        pg = Postgres()
    except Exception as exc:  # no PostgreSQL here: say so rather than invent a figure
        return [Figure("stall_sync", "window never freezes: catch-up sync", "ms", target=TARGET,
                       note=f"not measured: PostgreSQL could not start ({exc})")]
    server = None
    try:
        db_url = pg.new_database()
        engine = open_central(db_url)
        token = service.add_account(engine, "SX")
        engine.dispose()
        server = Server(db_url, work)
        db = work / "catch-up.sqlite3"
        waiting, _info = _catch_up_station(db, int(os.environ.get("BENCH_STALL_SYNC_CHANGES", "100000")), log)
        store = Store.open(db)
        configure(store, server.url, token)
        store.close()
        ctx, window, store, runner = open_window(db, work)
        watch = StallWatch(log_path=os.environ.get("DESK_STALL_LOG"))  # each long gap, with every thread's clocks
        try:
            log(f"stall: sync of {waiting} changes …")
            watch.start(f"sync")
            phase_sync(window)
            s = watch.mark("")
            log(f"  sync: longest gap {s.max_gap_ms} ms, p99 {s.p99_gap_ms} ms over {s.seconds} s")
        finally:
            watch.stop()
            close_window(ctx, window, store, runner)
        return figures_from(watch.summaries[:-1])
    finally:
        if server is not None:
            server.close()
        pg.stop()


def figures_from(summaries) -> list[Figure]:
    """The judged figure is the longest gap the desk caused (the machine's run-queue wait taken
    out); the raw gap, what a person on this loaded machine saw, stands beside it."""
    out = []
    for s in summaries:
        out.append(Figure(
            f"stall_{s.phase}", f"window never freezes: {s.phase} (longest GUI-thread gap the desk caused)", "ms",
            value=s.max_own_ms, target=TARGET, met=s.met(),
            note=f"p99 {s.p99_own_ms} ms; raw (with the machine's load) longest {s.max_gap_ms} ms, p99 "
                 f"{s.p99_gap_ms} ms; {s.stalls_own} gaps over 50 ms; {s.ticks} ticks over {s.seconds} s",
            detail={"p99_ms": s.p99_own_ms, "stalls": s.stalls_own, "raw_max_ms": s.max_gap_ms,
                    "raw_p99_ms": s.p99_gap_ms, "ticks": s.ticks, "seconds": s.seconds}))
    return out


def main(argv: list[str] | None = None) -> int:
    """python -m benchmarks.stall --db FILE [--no-sync]: these figures alone."""
    import argparse

    from benchmarks.harness import table

    ap = argparse.ArgumentParser(prog="python -m benchmarks.stall")
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--no-sync", action="store_true")
    ap.add_argument("--out", type=Path, help="every figure with its p99 and raw gaps, as JSON")
    ap.add_argument("--only", default="", help="some of the phases: type,queue,dashboard,report,backup")
    ap.add_argument("--after-training", action="store_true",
                    help="start once the suggestion model's first training (and its pypinyin import) is over")
    args = ap.parse_args(argv)
    figs = measure(args.db, with_sync=not args.no_sync, after_training=args.after_training,
                   only=tuple(p for p in args.only.split(",") if p))
    print(table(figs))
    if args.out:
        import json

        args.out.write_text(json.dumps([{"key": f.key, "own_max_ms": f.value, "met": f.met, **(f.detail or {}),
                                         "note": f.note} for f in figs], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
