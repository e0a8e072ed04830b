#!/usr/bin/env python3
"""How long the supervisor dashboard takes on a big database: for "today" and "this month",
the time from asking to the headline figures and charts on screen, and to everything (lists
and the comparison with the previous period), through the real window and database worker.
Only reads: the supervisor is taken from the staff table, no log-in is written.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/dashboard_bench.py /tmp/bench/desk-1000000.sqlite3
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db: str, repeat: int = 3) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desk.services import figures
    from desk.services.dto import Actor
    from desk.services.figures import Period
    from desk.db import open_database
    from desk.services.store import Store
    from desk.ui import errors
    from desk.ui.main import build_window, make_app, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import ThreadRunner

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    orders = con.execute("SELECT count(*) FROM work_order").fetchone()[0]
    sid, username, name = con.execute("SELECT id, username, display_name FROM staff WHERE role = 'supervisor' "
                                      "AND active = 1 LIMIT 1").fetchone()
    con.close()
    actor = Actor(id=sid, username=username, display_name=name, role="supervisor")
    print(f"database {db}: {orders:,} work orders; supervisor {username}")

    app = make_app(sys.argv[:1])
    errors.set_modal(False)
    prefs = Prefs(QSettings(str(Path(tempfile.mkdtemp()) / "prefs.ini"), QSettings.Format.IniFormat))
    family = setup_look(app, prefs)
    store = Store(open_database(Path(db), migrate=False))  # read as it is: never upgrade someone's file
    today = store.now().astimezone(store.calendar().tz).date()
    runner = ThreadRunner()
    ctx, window = build_window(store, runner, prefs, family)
    window.resize(1440, 960)
    window.show()
    ctx.set_actor(actor)
    window.stack.setCurrentWidget(window.tabs)
    dash = window.dashboard
    window.tabs.setCurrentWidget(dash)

    def wait(signal, timeout_s: float = 300) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    wait(dash.loaded)  # the first automatic load (and warm caches)
    for preset, period in (("today", Period.day(today)), ("this_month", Period.month(today)),
                           ("yesterday", Period.day(today).previous())):
        t = time.perf_counter()
        figures.compute(store, actor, period)
        compute_only = time.perf_counter() - t
        firsts, totals = [], []
        for _ in range(repeat):
            shown = []
            dash.status.setText("")
            original = dash._render

            def timed_render(original=original):
                original()
                app.processEvents()  # painted
                shown.append(time.perf_counter())

            dash._render = timed_render
            t = time.perf_counter()
            dash.chooser.blockSignals(True)
            dash.chooser.set_preset(preset)
            dash.chooser.blockSignals(False)
            dash.reload()
            wait(dash.loaded)
            totals.append(time.perf_counter() - t)
            firsts.append(shown[0] - t if shown else float("nan"))
            dash._render = original
        fig = dash.fig
        print(f"{preset:10} {period.text():25} intake {fig.intake:>6,}: figures.compute {compute_only * 1000:6.0f} ms; "
              f"on screen {min(firsts) * 1000:6.0f} ms (median {sorted(firsts)[len(firsts) // 2] * 1000:.0f}); "
              f"complete with lists and comparison {sorted(totals)[len(totals) // 2] * 1000:6.0f} ms")
    window.close()
    runner.shutdown()
    ctx.detach()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
