"""The window shows its log-in page before the work screens exist; the intake is built when the
log-in is submitted, the queue and callbacks in a pause after log-in or when first shown
(screen_builder.py, lazy_tab.py), and whichever way they come they work and keep their saved
layout."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.conftest import PASSWORD
from tests.ui.conftest import close_window, login


def _built(window) -> dict[str, bool]:
    return {name: getattr(window, f"{name}_tab").built
            for name in ("intake", "queue", "callbacks", "settings", "dashboard")}


def _rows_arrived(screen) -> bool:
    """The screen's list asked the worker for its first rows and has them (empty on this file)."""
    return 0 in screen.model._pages


def test_screens_are_built_after_the_log_in_page_shows(qtbot, ui, clerk):
    ctx, window = ui
    assert not any(_built(window).values())
    assert window.stack.currentWidget() is window.login
    window.build_screens_soon(delay_ms=1)
    qtbot.waitUntil(lambda: all(_built(window)[n] for n in ("intake", "queue", "callbacks")), timeout=10_000)
    # Built in their own tabs, in order, and wired: the intake screen knows slips can print.
    assert [window.tabs.widget(i) for i in range(3)] == [window.intake, window.queue, window.callbacks]
    assert window.intake.print_button.isEnabled()
    assert not _built(window)["settings"] and not _built(window)["dashboard"]


def test_logging_in_before_anything_is_built_shows_a_working_intake(ui, clerk, qtbot):
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.currentWidget() is window.intake
    assert window.intake.isVisible()
    # Only the intake holds up the log-in; the others wait to be shown (or for a pause).
    assert not _built(window)["queue"] and not _built(window)["callbacks"]
    assert not _built(window)["dashboard"]  # a clerk never sees it
    window.go_actions[2].trigger()  # F4: built on first show, its rows loaded for the clerk
    assert window.tabs.currentWidget() is window.callbacks
    qtbot.waitUntil(lambda: _rows_arrived(window.callbacks), timeout=5_000)
    window.go_actions[1].trigger()  # F3
    assert window.tabs.currentWidget() is window.queue
    qtbot.waitUntil(lambda: _rows_arrived(window.queue), timeout=5_000)


def test_submitting_the_log_in_builds_the_intake_and_pauses_build_the_rest(ui, clerk, qtbot, monkeypatch):
    from desk.ui.screen_builder import WorkScreenBuilder

    ctx, window = ui
    monkeypatch.setattr(WorkScreenBuilder, "IDLE_MS", 20)
    window.build_screens_when_ready()
    qtbot.wait(200)  # idle at the log-in page: nothing built (the worker stays free for the password)
    assert not any(_built(window).values())
    window.login.username.setText("wangli")
    window.login.password.setText("wrong password")
    window.login.submit()  # refused, but the intake is built meanwhile all the same
    qtbot.waitUntil(lambda: _built(window)["intake"], timeout=5_000)
    assert window.stack.currentWidget() is window.login and not _built(window)["queue"]
    login(window, "wangli", PASSWORD)
    assert window.intake.phone.hasFocus() or QApplication.focusWidget() is window.intake.phone
    qtbot.waitUntil(lambda: _built(window)["queue"] and _built(window)["callbacks"], timeout=5_000)
    assert [window.tabs.widget(i) for i in range(3)] == [window.intake, window.queue, window.callbacks]
    assert window.tabs.currentWidget() is window.intake  # built behind the clerk's back, not shown
    qtbot.waitUntil(lambda: _rows_arrived(window.callbacks) and _rows_arrived(window.queue), timeout=5_000)
    assert not _built(window)["dashboard"] and not _built(window)["settings"]


def test_suggestions_and_the_spare_form_wait_until_after_the_log_in(ui, clerk, qtbot, monkeypatch):
    """Training the suggestions (every order read, a process for pinyin) and the intake's spare
    matter form used to start with the intake, as the log-in was checked, and the clerk's first
    key waited for them (issue 20, benchmarks/firstkey.py); now the training starts a second
    after the log-in (or in the first pause), the spare form in a pause."""
    from desk.ui.screen_builder import WorkScreenBuilder

    ctx, window = ui
    monkeypatch.setattr(WorkScreenBuilder, "IDLE_MS", 300)
    window.build_screens_when_ready()
    login(window, "wangli", PASSWORD)
    engine = ctx._suggestion_engine  # made with the intake's first matter form
    assert not engine.started and window.intake._spare is None
    qtbot.waitUntil(lambda: engine.started, timeout=5_000)  # the pause
    assert engine.wait_trained(30)
    qtbot.waitUntil(lambda: window.intake._spare is not None, timeout=5_000)  # the next pause
    assert window.intake.forms()[0].category.count() > 0


def test_settings_and_dashboard_are_built_when_first_opened(ui, supervisor):
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.show_screen(3)
    assert _built(window)["settings"] and window.tabs.currentWidget() is window.settings
    assert not _built(window)["dashboard"]
    window.dashboard_action.trigger()
    assert _built(window)["dashboard"] and window.tabs.currentWidget() is window.dashboard
    assert window.tabs.tabText(window.tabs.indexOf(window.dashboard)) == window.dashboard_action.text()


def test_a_screen_built_later_gets_its_saved_layout(qapp, ui, clerk, prefs, store):
    from desk.ui.main import build_window
    from desk.ui.worker import SyncRunner

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.queue.table.setColumnWidth(2, 277)
    window.close()  # saves the layout
    ctx2, again = build_window(store, SyncRunner(), prefs)
    try:
        assert not again.queue_tab.built
        assert again.queue.table.columnWidth(2) == 277
    finally:
        again.close()
        ctx2.detach()


def test_keys_typed_during_a_real_log_in_land_in_the_phone(qapp, qtbot, store, clerk, prefs):
    """The real database worker: the password check, then the categories, arrive after the
    window has shown the intake; the first matter form must not take the keyboard from the
    phone (it did when built on the categories' arrival), and keys typed while the log-in runs
    land there too."""
    from PySide6.QtCore import Qt

    from desk.ui.main import build_window
    from desk.ui.worker import ThreadRunner

    runner = ThreadRunner()
    ctx, window = build_window(store, runner, prefs)
    try:
        window.show()
        window.activateWindow()
        window.build_screens_when_ready()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.login.username, timeout=5_000)
        login(window, "wangli", PASSWORD)
        qtbot.keyClicks(QApplication.focusWidget(), "13")  # typed before the check has answered
        qtbot.waitUntil(lambda: ctx.actor is not None, timeout=10_000)
        qtbot.waitUntil(lambda: runner.pending() == 0 and window.intake.matters.count() == 1, timeout=10_000)
        qtbot.wait(50)
        assert QApplication.focusWidget() is window.intake.phone
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_8)
        assert window.intake.phone.text() == "138"
        assert window.intake.forms()[0].category.count() > 0  # its lists filled when they came
    finally:
        runner.shutdown()
        window.intake.phone.clear()
        close_window(qapp, ctx, window)


def test_what_the_window_keeps_is_frozen_out_of_full_collections_once_logged_in(ui, clerk, qtbot):
    """A full collection walked every object of the logged-in window (~250,000 at a million
    orders, 50-60 ms on whichever thread allocated last: the stall benchmark's typing gap)."""
    import gc

    ctx, window = ui
    gc.unfreeze()
    window.build_screens_when_ready()
    login(window, "wangli", PASSWORD)
    assert gc.get_freeze_count() > 10_000  # the modules, the window and its intake at least
    frozen = gc.get_freeze_count()
    window.go_actions[1].trigger()  # the queue, finished: what it keeps is frozen too
    qtbot.waitUntil(lambda: window.queue_tab.built, timeout=5_000)
    assert gc.get_freeze_count() > frozen
