"""The window shows its log-in page before the work screens exist; they are built just after
(or when first needed), and whichever way they come they work and keep their saved layout."""

from __future__ import annotations

from tests.conftest import PASSWORD
from tests.ui.conftest import login


def _built(window) -> dict[str, bool]:
    return {name: getattr(window, f"{name}_tab").built
            for name in ("intake", "queue", "callbacks", "settings", "dashboard")}


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


def test_logging_in_before_anything_is_built_shows_a_working_intake(ui, clerk):
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.currentWidget() is window.intake
    assert window.intake.isVisible()
    assert _built(window)["queue"] and _built(window)["callbacks"]  # loaded at log-in
    assert not _built(window)["dashboard"]  # a clerk never sees it


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
