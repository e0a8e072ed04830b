"""The dashboard's first opening never holds the window (issue 20): built at once, its screen
took one turn of the event loop of ~100-150 ms of the GUI thread's own CPU; now it goes into its
tab unfinished and its parts follow a turn apart (desk/ui/lazy_tab.py, DashboardScreen.build_step).

Judged on the GUI thread's CPU time between two ticks of a 1 ms timer, not on wall time, so a
loaded machine does not fail it (a turn's own work does not grow with other people's load). The
real window with the real database worker thread (the tests' SyncRunner runs every call at once)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer

from tests.conftest import PASSWORD
from tests.ui.conftest import close_window, login

TURN_CPU_MS = 75  # the whole screen in one turn took 100-150 ms; each part takes 10-40 ms


def test_first_opening_of_the_dashboard_takes_no_long_turn(qapp, qtbot, store, admin, supervisor, prefs):
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import ThreadRunner

    errors.set_modal(False)
    family = setup_look(qapp, prefs)
    runner = ThreadRunner()
    ctx, window = build_window(store, runner, prefs, family)
    window.resize(1366, 768)
    window.show()
    try:
        login(window, "chenjing", PASSWORD)
        qtbot.waitUntil(lambda: ctx.actor is not None, timeout=20_000)
        import desk.ui.dashboard  # noqa: F401  (imported on a thread after log-in in the desk)

        qtbot.wait(500)  # the screens built after log-in, their first rows
        turns: list[float] = []
        last = [time.thread_time()]

        def tick() -> None:
            now = time.thread_time()
            turns.append((now - last[0]) * 1000)
            last[0] = now

        meter = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
        meter.timeout.connect(tick)
        meter.start()
        qtbot.wait(50)
        turns.clear()
        assert not window.dashboard_tab.built
        window.dashboard_action.trigger()  # F6, as a supervisor opens it
        qtbot.waitUntil(lambda: window.dashboard_tab.built, timeout=20_000)
        qtbot.wait(30)  # the turn that shows it complete
        meter.stop()
        dash = window.dashboard
        assert window.tabs.currentWidget() is dash
        assert max(turns) <= TURN_CPU_MS, f"a turn of {max(turns):.0f} ms of the GUI thread's CPU: {sorted(turns)[-5:]}"
        # Complete and working: its figures arrive and fill the tiles, as before.
        qtbot.waitUntil(lambda: dash.fig is not None and dash.tiles["intake"].shown_value != "", timeout=20_000)
        qtbot.waitUntil(lambda: all(w.isVisible() for w in (*dash.charts.values(), dash.tiles["intake"], dash.overdue,
                                                          dash.extensions, dash.league, dash.hot_topics)), timeout=20_000)
    finally:
        runner.shutdown()
        close_window(qapp, ctx, window)
