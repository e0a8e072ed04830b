"""No screen reads the database on the GUI thread: log-in, intake (a returning visitor's
phone, a saved visit), the queue painted, an order's detail with its history, the callbacks,
the dashboard, every other tab, and the first-run set-up with its recovery key. Every SQL statement or new
connection on the Qt main thread outside a runner call fails the test with where it came from."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSWORD
from tests.core.core_helpers import order_in
from tests.ui.conftest import login, settle, type_chinese
from tests.ui.gui_thread_guard import no_database_on_gui_thread


def test_the_work_screens_never_read_the_database_on_the_gui_thread(ui, store, supervisor, ref, qtbot):
    ctx, window = ui
    ticket = order_in(store, supervisor, ref, "resolved")  # a returning visitor, an order with history
    with no_database_on_gui_thread(store) as use:
        login(window, "chenjing", PASSWORD)
        settle()
        intake = window.intake
        qtbot.keyClicks(intake.phone, "13812345678")
        settle()
        assert intake.history is not None  # the lookup ran, on the runner
        form = intake.forms()[0]
        form.kind.setCurrentIndex(form.kind.findData("complaint"))
        form.category.setCurrentIndex(form.category.findData(ref.cat["HOUSE-LEAK"].id))
        form.disposition.setCurrentIndex(form.disposition.findData("register"))
        type_chinese(form.summary, "楼道灯坏了")
        qtbot.keyClick(intake.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        settle()
        assert intake.last_result is not None, [b.text() for b in __import__("desk.ui.errors", fromlist=["x"]).open_boxes()] + [window.failure_banner.text()]
        window.show_screen(1)
        window.queue.set_view("open")
        settle()
        window.queue.table.grab()  # paints every visible cell
        detail = window.open_order(ticket)
        settle()
        assert detail.detail is not None and len(detail.detail.events) >= 5
        detail.grab()
        window.show_screen(2)
        settle()
        window.callbacks.grab()
        window.show_dashboard()
        settle()
        window.dashboard.grab()
        for index in range(window.tabs.count()):  # and every other screen (settings, sync, problems, …)
            window.tabs.setCurrentIndex(index)
            settle()
            window.tabs.currentWidget().grab()
        window.grab()
    assert use.hits == [], "the GUI thread read the database:\n" + use.report()


def test_first_run_and_its_recovery_key_never_read_the_database_on_the_gui_thread(qapp, store, prefs):
    from desk.ui import errors
    from desk.ui.context import DeskContext
    from desk.ui.first_run import FirstRunDialog
    from desk.ui.worker import SyncRunner

    errors.set_modal(False)
    ctx = DeskContext(store, SyncRunner(), prefs)
    try:
        with no_database_on_gui_thread(store) as use:
            dialog = FirstRunDialog(ctx)
            dialog.name.setText("陕西居民区党群服务站")
            dialog.password.setText("long-enough-1")
            dialog.password2.setText("long-enough-1")
            dialog.submit()
            assert dialog.recovery_dialog.isVisible()
            dialog.recovery_dialog.grab()
        assert use.hits == [], "the GUI thread read the database:\n" + use.report()
        dialog.recovery_dialog.accept()
    finally:
        for box in errors.open_boxes():
            box.close()
        ctx.detach()


def test_the_guard_sees_a_read_on_the_gui_thread_and_not_one_on_the_runner(qapp, store, admin):
    from desk.ui.worker import SyncRunner

    with no_database_on_gui_thread(store) as use:
        SyncRunner().run(lambda: store.station())
    assert use.hits == []
    with no_database_on_gui_thread(store) as use:
        store.station()
    assert any("SELECT" in h for h in use.hits) and any("Store.station()" in h for h in use.hits)


def test_encrypting_from_the_status_bar_never_reads_the_database_on_the_gui_thread(ui, store, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    ctx, window = ui
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSWORD, True)))
    with no_database_on_gui_thread(store) as use:
        login(window, "admin", PASSWORD)
        settle()
        window.encrypt_button.click()
        settle()
        assert store.encrypted and window.recovery_dialog.station_code == "SX"
    assert use.hits == [], "the GUI thread read the database:\n" + use.report()
    window.recovery_dialog.accept()
