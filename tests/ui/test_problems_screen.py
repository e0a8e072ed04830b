"""The 问题清单 screen in a real (off-screen) window over a demo database with the stories."""

from __future__ import annotations

import pytest

from tests.pulse.demo_data import copy_db, make_demo
from tests.ui.conftest import login, settle

PASSWORD = "demo-2026"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return make_demo(tmp_path_factory.mktemp("pulse-ui") / "demo.sqlite3", days=20, per_day=20, seed=2)


@pytest.fixture
def desk(qapp, demo_file, tmp_path, prefs):
    from desk.services.store import Store
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    store = Store.open(copy_db(demo_file, tmp_path / "copy.sqlite3"))
    errors.set_modal(False)
    ctx, window = build_window(store, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.show()
    yield ctx, window
    window.close()
    ctx.detach()
    store.close()
    from desk.ui import language

    language.set_language("zh_CN")


def _open(window):
    login(window, "chenjing", PASSWORD)
    window.problems_control.action.trigger()
    settle()
    return window.problems_control.screen


def test_found_clusters_show_why_and_their_orders_one_click_away(desk):
    ctx, window = desk
    screen = _open(window)
    assert window.tabs.currentWidget() is screen
    screen.period.setCurrentIndex(3)  # the last 12 months
    settle()
    places = [screen.found_table.item(r, 1).text() for r in range(screen.found_table.rowCount())]
    assert "陕西南路550弄" in places and "嘉善路140弄" in places
    row = places.index("陕西南路550弄")
    screen.found_table.selectRow(row)
    assert screen.why.text().startswith("这 ") and "陕西南路550弄" in screen.why.text()
    assert screen.found_table.item(row, 7).text() == "#1"
    screen.orders_button.click()
    dialog = screen.orders_dialog
    assert dialog.table.rowCount() == screen.found[row].cluster.orders
    opened = []
    dialog.open_order.disconnect()
    dialog.open_order.connect(opened.append)
    dialog.table.doubleClicked.emit(dialog.table.model().index(0, 0))
    assert opened == [screen.found[row].cluster.order_ids[0]]
    dialog.close()


def test_a_found_problem_already_registered_opens_there_instead_of_a_second_entry(desk, monkeypatch):
    from desk.ui import problems_dialogs

    ctx, window = desk
    screen = _open(window)
    screen.period.setCurrentIndex(3)
    settle()
    row = next(r for r, v in enumerate(screen.found) if v.cluster.place_key == "嘉善路140弄")
    screen.found_table.selectRow(row)
    assert screen.found_table.item(row, 7).text() == "#2"
    assert screen.promote_button.text() == "在清单中打开 #2(&T)"

    def no_dialog(self):
        raise AssertionError("the register already has it: no dialog to take it in again")

    monkeypatch.setattr(problems_dialogs.PromoteDialog, "exec", no_dialog)
    screen.promote_button.click()
    settle()
    assert screen.pages.currentIndex() == 1 and screen._problem().number == 2
    assert screen.register_table.rowCount() == 2  # nothing added
    fresh = next(r for r, v in enumerate(screen.found) if v.problem_number is None)
    screen.found_table.selectRow(fresh)
    assert screen.promote_button.text() == "登记为问题…(&T)"


def test_the_register_shows_the_2200_rule_and_its_effect(desk):
    ctx, window = desk
    screen = _open(window)
    screen.pages.setCurrentIndex(1)
    assert screen.register_table.rowCount() == 2
    screen.register_table.selectRow(0)
    settle()
    effects = [screen.measures_table.item(r, 2).text() for r in range(screen.measures_table.rowCount())]
    assert any("下降" in e and "95 % 置信区间" in e for e in effects)
    assert len(screen.chart.chart().series()) == 3  # the weeks and two measure lines
    assert screen.suggest_button.text().startswith("建议关联")


def test_promote_add_a_measure_and_print(desk, monkeypatch, tmp_path):
    from desk.ui import problems_dialogs

    ctx, window = desk
    screen = _open(window)
    screen.period.setCurrentIndex(4)  # the whole history, scanned with progress
    settle()
    assert not screen.progress.isVisible()
    row = next(r for r, v in enumerate(screen.found) if v.cluster.place_key == "建国西路120弄5号")
    screen.found_table.selectRow(row)
    assert "梅雨季" in screen.found_table.item(row, 6).text()
    monkeypatch.setattr(problems_dialogs.PromoteDialog, "exec", lambda self: True)
    monkeypatch.setattr(problems_dialogs.MeasureDialog, "exec", lambda self: True)
    screen.promote()
    settle()
    assert screen.pages.currentIndex() == 1 and screen.register_table.rowCount() == 3
    assert screen._problem().number == 3  # the new problem is the one shown
    screen.register_table.selectRow(2)
    monkeypatch.setattr(problems_dialogs.MeasureDialog, "values", lambda self: (__import__("datetime").date(2030, 1, 1), "x"))
    screen.add_measure()
    assert "不能晚于今天" in screen.message.text()
    out = tmp_path / "register.pdf"
    monkeypatch.setattr(type(screen), "ask_save_path", classmethod(lambda cls, parent, suggested: str(out)))
    monkeypatch.setattr(type(screen), "open_file", classmethod(lambda cls, path: False))
    screen.print_button.click()
    assert out.exists() and "已保存" in screen.message.text() or "Saved" in screen.message.text()


def test_clerks_do_not_get_the_tab_and_english_reads(desk):
    ctx, window = desk
    login(window, "wangli", PASSWORD)
    index = window.problems_control.tab.index()
    assert not window.tabs.isTabVisible(index) and not window.problems_control.action.isEnabled()
    window.logout()
    window.set_language("en")
    screen = _open(window)
    settle()
    assert window.tabs.tabText(window.problems_control.tab.index()) == "Problems"
    assert screen.pages.tabText(1) == "Register"
    screen.pages.setCurrentIndex(1)
    screen.register_table.selectRow(0)
    effects = [screen.measures_table.item(r, 2).text() for r in range(screen.measures_table.rowCount())]
    assert any(e.startswith("After the measure") for e in effects)
    # The long English effect sentence wraps in the table's width; it ran off the right edge,
    # its heading with it (seen under X at 1366×768).
    window.resize(1366, 740)
    settle()
    screen.register_table.selectRow(1)  # #2, filled at this size as a click does
    settle()
    table = screen.measures_table
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.rowHeight(0) > table.fontMetrics().height() * 2  # wrapped onto several lines


def test_the_dashboard_strip_says_what_the_register_holds(desk):
    ctx, window = desk
    login(window, "chenjing", PASSWORD)
    window.show_dashboard()
    settle()
    strip = window.problems_control.strips[0]
    assert "2" in strip.text.text() and "观察中" in strip.text.text()
    window.set_language("en")  # the counts joined in the language shown (a Chinese "，" stayed in English)
    settle()
    assert "Watching" in strip.text.text() and "，" not in strip.text.text()
    window.set_language("zh_CN")
    strip.button.click()
    assert window.tabs.currentWidget() is window.problems_control.screen


def test_the_whole_history_scan_runs_on_its_own_thread_with_progress(qapp, qtbot, demo_file, tmp_path):
    """With the real threaded runners the window keeps handling events while the scan runs, the
    desk's database worker stays free for other calls, and progress arrives on the GUI thread."""
    import threading

    from PySide6.QtCore import QTimer

    from desk.services import auth
    from desk.services.store import Store
    from desk.ui.context import DeskContext
    from desk.ui.problems import ProblemsScreen
    from desk.ui.worker import ThreadRunner

    store = Store.open(copy_db(demo_file, tmp_path / "threaded.sqlite3"))
    runner = ThreadRunner()
    ctx = DeskContext(store, runner)
    ctx.set_actor(auth.login(store, "chenjing", PASSWORD))
    screen = ProblemsScreen(ctx)
    progress, ticks, scan_threads = [], [], []
    screen.scan_progress.connect(lambda done, total: progress.append((done, total, threading.current_thread().name)))
    timer = QTimer(interval=5, timeout=lambda: ticks.append(1))
    timer.start()
    try:
        from desk.services.pulse import register as R

        real_scan = R.scan

        def watched_scan(*args, **kwargs):
            scan_threads.append(threading.current_thread())
            return real_scan(*args, **kwargs)

        import desk.ui.problems as P

        P.R.scan = watched_scan
        screen.period.setCurrentIndex(4)
        assert not screen.progress.isHidden()
        # the desk's own worker answers meanwhile
        answered = []
        ctx.call(lambda s: s.station().code, on_done=answered.append)
        qtbot.waitUntil(lambda: bool(screen.found) and screen.progress.isHidden(), timeout=60_000)
        qtbot.waitUntil(lambda: answered == ["SX"], timeout=5_000)
    finally:
        P.R.scan = real_scan
        timer.stop()
        screen.shutdown()
        runner.shutdown()
        ctx.detach()
        store.close()
    assert scan_threads and scan_threads[0] is not threading.main_thread()
    assert progress and progress[-1][0] == progress[-1][1]
    assert all(name == threading.main_thread().name for _, _, name in progress)
    assert ticks  # the event loop ran during the scan
    assert any(v.cluster.place_key == "陕西南路550弄" for v in screen.found)
