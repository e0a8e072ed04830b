"""The windowed queue model: Qt's model tester, pages fetched lazily, the far end read from
the other side with the reversed sort, and a live count after changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from desk.services import intake, queries
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.ui import queue_model
from desk.ui.context import DeskContext
from desk.ui.queue_model import ID_ROLE, OrdersModel
from desk.ui.worker import SyncRunner
from tests.ui.conftest import settle


def _register(store, clerk, n, ref):
    for i in range(n):
        intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
            summary=f"漏水 {i:03d}", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=i % 2 == 0),)))


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 7)


def _model(qapp, store, clerk, prefs):
    ctx = DeskContext(store, SyncRunner(), prefs)
    ctx.set_actor(clerk)
    model = OrdersModel(ctx)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return ctx, model, tester


def test_model_passes_qt_tester_through_reloads_pages_and_sorting(qapp, store, clerk, ref, prefs, small_pages):
    _register(store, clerk, 30, ref)
    ctx, model, tester = _model(qapp, store, clerk, prefs)
    model.set_filter(OrderFilter(view="all"))
    assert model.rowCount() == 30 and model.columnCount() == len(queue_model.COLUMNS)
    assert model.is_loaded(0) and not model.is_loaded(7)  # only the first page is fetched
    assert model.data(model.index(20, 0)) == "…"  # placeholder, page requested
    settle()
    assert model.is_loaded(20)
    expected = queries.list_orders(store, clerk, OrderFilter(view="all"), offset=0, limit=30)
    # Every row ends up where a straight query puts it, including the far end (reversed fetch).
    for r in range(30):
        model.data(model.index(r, 0))
    settle()
    assert [model.data(model.index(r, 0), ID_ROLE) for r in range(30)] == [r.id for r in expected]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    settle()
    for r in range(30):
        model.data(model.index(r, 0))
    settle()
    tickets = [model.data(model.index(r, 0)).rstrip(" !") for r in range(30)]
    assert tickets == sorted(tickets)
    model.set_text("漏水 017")
    assert model.rowCount() == 1
    ctx.detach()


def test_last_page_is_read_with_reversed_sort(store, clerk, ref, monkeypatch):
    _register(store, clerk, 12, ref)
    calls = []
    real = queries.list_orders

    def spy(*args, **kwargs):
        calls.append((kwargs["descending"], kwargs["offset"], kwargs["limit"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "list_orders", spy)
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 5)
    f = OrderFilter(view="all")
    rows = queue_model.fetch_page(store, clerk, f, "created_at", True, 2, 12)
    assert calls == [(False, 0, 2)]
    assert [r.id for r in rows] == [r.id for r in real(store, clerk, f, offset=10, limit=2)]


def test_count_is_live_after_a_change(qapp, store, clerk, ref, prefs):
    ctx, model, tester = _model(qapp, store, clerk, prefs)
    ctx.changed.connect(lambda kinds: model.refresh())
    model.set_filter(OrderFilter(view="open"))
    counts = []
    model.count_changed.connect(counts.append)
    _register(store, clerk, 2, ref)
    settle()
    assert model.rowCount() == 2 and counts[-1] == 2
    ctx.detach()



class _AsBefore(OrdersModel):
    """What the model answered before: alignment as Qt's enum, overdue and due-soon rows with a
    background brush of their own."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        from PySide6.QtGui import QBrush, QColor

        if role == Qt.ItemDataRole.BackgroundRole:
            row = self.loaded_row(index.row())
            if row is not None and (row.overdue or row.due_soon):
                return QBrush(QColor(229, 57, 53, 70) if row.overdue else QColor(255, 179, 0, 70))
            return None
        value = super().data(index, role)
        return Qt.AlignmentFlag(value) if role == Qt.ItemDataRole.TextAlignmentRole else value


def test_a_repaint_calls_python_nine_times_a_cell_and_paints_as_before(ui, store, clerk, ref, prefs, clock):
    """A repaint of the queue is mostly calls from Qt into Python: 9 a cell (7 roles, the row and
    column counts), not 13 (a flags() override and an alignment enum read through two
    Python-level calls); no cell's own background is made (the stylesheet paints over it). The
    picture, overdue rows' tints included, is the one the model painted before."""
    import sys
    from collections import Counter

    from desk.ui.deadline_table import DeadlineTable

    _register(store, clerk, 6, ref)
    clock.advance(days=12)  # the first six are overdue by now
    _register(store, clerk, 6, ref)
    ctx = DeskContext(store, SyncRunner(), prefs)
    ctx.set_actor(clerk)
    pictures = []
    for kind in (OrdersModel, _AsBefore):
        model = kind(ctx)
        model.set_filter(OrderFilter(view="all"))
        table = DeadlineTable()
        table.setModel(model)
        table.resize(1600, 400)
        table.show()
        settle()
        calls = Counter()

        def count(frame, event, _arg):
            if event == "call":
                calls[frame.f_code.co_name] += 1

        sys.setprofile(count)
        try:
            pictures.append(table.viewport().grab().toImage())
        finally:
            sys.setprofile(None)
        if kind is OrdersModel:
            cells = sum(1 for r in range(model.rowCount()) for c in range(model.columnCount())
                        if table.visualRect(model.index(r, c)).intersects(table.viewport().rect()))
            assert cells >= 12 * 5
            assert any(model.loaded_row(r).overdue for r in range(12))
            assert calls["data"] == 7 * cells and calls["flags"] == 0
            assert calls["rowCount"] + calls["columnCount"] <= 2 * cells + 10
            assert calls["__get__"] == 0 and calls["loaded_row"] <= 24  # no enum read; rows only for the tints
        table.close()
    assert pictures[0] == pictures[1]
    ctx.detach()


def test_a_fetched_page_brings_its_cell_texts_made_on_the_worker(qapp, store, clerk, ref, prefs, small_pages):
    """The texts of a page come with it (made where it was read), so a page step's repaint
    does not make them; made in another language than the window's by then, they are not kept."""
    from desk import i18n

    _register(store, clerk, 30, ref)
    ctx, model, tester = _model(qapp, store, clerk, prefs)
    model.set_filter(OrderFilter(view="all"))
    assert model.data(model.index(15, 5)) is None  # page 2: asked for, not here yet
    settle()
    rows, texts = model._texts[2]
    assert rows is model._pages[2] and all(t is not None for t in texts)
    assert model.data(model.index(15, 5)) == texts[1][5] == rows[1].summary
    english = [tuple("x" for _ in queue_model.COLUMNS) for _ in rows]
    assert i18n.language() == "zh_CN"
    model._page_arrived(model._generation, 2, (rows, "en", english))
    assert model._texts.get(2) is None or model._texts[2][1] is not english
    assert model.data(model.index(15, 2)) == texts[1][2]  # made anew, in Chinese
    ctx.detach()


def test_cell_texts_are_kept_only_for_the_pages_held(qapp, store, clerk, ref, prefs, small_pages, monkeypatch):
    """Texts go with their page when it is dropped or the rows are read anew (an eight-hour shift
    reopens the queue every few minutes: the texts of every page ever shown were kept)."""
    monkeypatch.setattr(queue_model, "MAX_PAGES", 2)
    _register(store, clerk, 30, ref)
    ctx, model, tester = _model(qapp, store, clerk, prefs)
    model.set_filter(OrderFilter(view="all"))
    for r in range(0, 30, 7):
        model.data(model.index(r, 0))
        settle()
        assert set(model._texts) <= set(model._pages) and len(model._pages) <= 2
    model.reload()
    settle()
    assert set(model._texts) <= {0} and set(model._pages) == {0}
    ctx.detach()
