"""The queue screen: search with two-character Chinese words, filters, views, and the last
view and column layout remembered for the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle, type_chinese


def _seed(store, clerk, ref):
    intake.register_visit(store, clerk, VisitInput(phone="13812345678", lane="陕西南路550弄", matters=(
        MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
        MatterInput(summary="酒吧夜里噪音太大", kind="complaint", category_id=ref.cat["NOISE-BAR"].id, dispatch=True),
        MatterInput(summary="食堂几点开门", answer="七点"))))


def test_search_filters_and_views(ui, clerk, ref, store, qtbot):
    _seed(store, clerk, ref)
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    q = window.queue
    window.show_screen(1)
    q.set_view("all")
    settle()
    assert q.model.count == 3 and "3" in q.count_label.text()
    type_chinese(q.search, "漏水")
    qtbot.keyClick(q.search, Qt.Key.Key_Return)
    assert q.model.count == 1
    assert q.model.data(q.model.index(0, 5)) == "公用厨房漏水"
    q.search.clear()
    qtbot.keyClicks(q.search, "5678")  # the phone's last four digits
    qtbot.keyClick(q.search, Qt.Key.Key_Return)
    assert q.model.count == 3
    q.reset_filters()
    q.status.setCurrentIndex(q.status.findData("answered"))
    assert q.model.count == 1
    q.status.setCurrentIndex(0)
    q.department.setCurrentIndex(q.department.findData(ref.dep["CG"].id))
    assert q.model.count == 1
    q.reset_filters()
    q.set_view("open")
    assert q.model.count == 2
    q.date_from.setText("2026-12-01")
    q.apply_filters()
    assert q.model.count == 0


def test_last_view_and_columns_are_remembered(qapp, ui, clerk, prefs, store):
    from desk.ui.main import build_window
    from desk.ui.worker import SyncRunner

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.queue.set_view("overdue")
    window.queue.table.setColumnWidth(5, 333)
    window.close()
    ctx2, again = build_window(store, SyncRunner(), prefs)
    try:
        assert again.queue.view_combo.currentData() == "overdue"
        assert again.queue.table.columnWidth(5) == 333
    finally:
        again.close()
        ctx2.detach()
        again.deleteLater()


def _orders(store, clerk, ref, n):
    for i in range(n):
        intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
            summary=f"楼道灯不亮 {i:02d}", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),)))


def _logged_in_and_active(window, qtbot) -> None:
    """Shortcuts (F3, F4) reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    login(window, "wangli", PASSWORD)


def test_f3_puts_the_keyboard_in_the_search_and_pagedown_moves_into_the_list(ui, clerk, ref, store, qtbot):
    """Opened by F3 (first while it is still being built, then again from the intake), the queue
    takes keys in its search box; Down or PageDown there go on into the list. Before, the keyboard
    landed in the view list, and a PageDown meant to scroll switched the view to 'due soon'."""
    from PySide6.QtWidgets import QApplication

    _orders(store, clerk, ref, 60)
    ctx, window = ui
    _logged_in_and_active(window, qtbot)
    assert not window.queue_tab.built
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.queue_tab.built and window.queue.model.count == 60, timeout=5_000)
    q = window.queue
    qtbot.waitUntil(lambda: QApplication.focusWidget() is q.search, timeout=5_000)
    view = q.view_combo.currentData()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert QApplication.focusWidget() is q.table and q.view_combo.currentData() == view
    assert q.table.currentIndex().row() > 0  # a page down from the first row
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.intake.phone
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert QApplication.focusWidget() is q.table  # back where it was
    q.search.setFocus()
    q.table.setCurrentIndex(q.model.index(-1, -1))
    qtbot.keyClick(q.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is q.table and q.table.currentIndex().row() == 0
    assert q.view_combo.currentData() == view


def test_a_screen_opened_before_it_is_built_gets_the_keyboard_not_the_tab_bar(ui, clerk, qtbot):
    """F4 straight after log-in: the callbacks screen is built as it opens; the keyboard goes to
    its first control. Qt gave it to the tab bar (the placeholder page it had was removed), where
    the arrow keys switch screens."""
    from PySide6.QtWidgets import QApplication, QTabBar

    ctx, window = ui
    _logged_in_and_active(window, qtbot)
    assert not window.callbacks_tab.built
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.callbacks_tab.built, timeout=5_000)
    settle()
    focus = QApplication.focusWidget()
    assert focus is not None and not isinstance(focus, QTabBar) and focus is not window.callbacks
    assert window.callbacks.isAncestorOf(focus)


def test_the_highlight_stays_on_its_order_when_a_change_reorders_the_list(ui, clerk, supervisor, ref, store):
    """Sorted by status, an order accepted elsewhere moves up while the count holds: the highlight
    used to stay on the row number, over another order, and Enter opened that one."""
    from desk.services import lifecycle

    made = intake.register_visit(store, clerk, VisitInput(phone="13812345678", matters=(
        MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
        MatterInput(summary="楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-STAIR"].id, dispatch=True))))
    ids = [o.id for o in made.orders]
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.show_screen(1)
    q = window.queue
    q.set_view("open")
    q.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # status: accepted before dispatched
    settle()
    second = next(i for i in ids if q.model.row_of(i) == 1)  # the lower row (ties go by id)
    first = next(i for i in ids if i != second)
    q.table.setCurrentIndex(q.model.index(1, 0))
    lifecycle.perform(store, supervisor, second, "accept")  # the same count, the rows swap
    settle()
    settle()
    assert q.model.row_of(second) == 0
    opened = []
    q.open_order.connect(opened.append)
    q.open_current()
    assert opened == [second]
    lifecycle.perform(store, supervisor, first, "accept")
    settle()
    settle()
    q.open_current()
    assert opened == [second, second]
