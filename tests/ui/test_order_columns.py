"""The columns of an order list are defined once (desk/services/order_columns.py): the window's
queue shows, heads and aligns exactly them, and the printed list carries the same columns."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt

from desk.printing import order_list
from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.services.order_columns import ORDER_COLUMNS, cells, headers
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def _orders(store, supervisor, ref):
    result = intake.register_visit(store, supervisor, VisitInput(name="张三明", phone="13812345678", matters=(
        MatterInput(summary="楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True,
                    urgency="urgent"),
        MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True))))
    lifecycle.perform(store, supervisor, result.orders[1].ticket_no, "supervise", reason="拖了三天")
    return [o.ticket_no for o in result.orders]


def test_the_queue_shows_heads_and_aligns_the_shared_columns(ui, store, supervisor, ref):
    tickets = _orders(store, supervisor, ref)
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.show_screen(1)
    queue = window.queue
    queue.set_view("all")
    settle()
    model = queue.model
    assert model.columnCount() == len(ORDER_COLUMNS)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == headers()
    shown = {}
    for r in range(model.rowCount()):
        row = model.row_at(r)
        texts = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        assert texts == cells(row, ctx.tz)
        shown[row.ticket_no] = dict(zip((c.key for c in ORDER_COLUMNS), texts))
        for c, column in enumerate(ORDER_COLUMNS):
            flags = Qt.AlignmentFlag(model.data(model.index(r, c), Qt.ItemDataRole.TextAlignmentRole))
            assert bool(flags & Qt.AlignmentFlag.AlignHCenter) == (column.align == "center")
    assert shown[tickets[0]]["ticket"].endswith(" !") and shown[tickets[0]]["kind"] == "求助"
    assert shown[tickets[1]]["status"].endswith("（督办）")
    sortable = [c for c, column in enumerate(ORDER_COLUMNS) if column.sort]
    model.sort(sortable[-1], Qt.SortOrder.AscendingOrder)
    assert model.sort_key == ORDER_COLUMNS[sortable[-1]].sort


def test_the_printed_list_carries_the_same_columns(store, supervisor, ref, tmp_path):
    _orders(store, supervisor, ref)
    pdf = tmp_path / "list.pdf"
    assert order_list.list_pdf(store, supervisor, OrderFilter(view="all"), pdf, title="工单列表：全部") == 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "").replace("\n", "")
    for header in headers():
        assert header in flat, header
    assert "求助" in flat and "（督办）" in flat  # the kind column and the supervised mark, as on screen


def test_no_column_head_is_cut_in_either_language(ui, store, supervisor, ref):
    # English heads are longer: measured as text alone, "Status" and "Kind" were cut at 1366.
    _orders(store, supervisor, ref)
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.resize(1366, 740)
    window.show_screen(1)
    for lang in ("en", "zh_CN"):
        window.set_language(lang)
        settle()
        table = window.queue.table
        header = table.horizontalHeader()
        for i in range(header.count()):
            assert table.columnWidth(i) >= header.sectionSizeHint(i), (lang, i, header.model().headerData(
                i, Qt.Orientation.Horizontal))
