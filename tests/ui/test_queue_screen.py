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
