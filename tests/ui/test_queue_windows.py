"""The queue's million-row shapes (windows chosen by key, far windows read from the other
end, frequent words walked in sort order) return exactly what the plain query returns."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from desk.demo import generate
from desk.services import auth, queries
from desk.services.dto import OrderFilter


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desk.services.store import Store

    moment = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
    store = Store.open(tmp_path_factory.mktemp("queue") / "desk.sqlite3", clock=lambda: moment)
    report = generate(store, days=12, per_day=40, seed=9)
    yield store, auth.login(store, "wangli", report.accounts[0][1])
    store.close()


@pytest.fixture(params=[1, 10**9], ids=["walk-sort-index", "sort-the-few"])
def small_thresholds(monkeypatch, request):
    # A few hundred orders take every path a million would.
    monkeypatch.setattr(queries, "_FAR_OFFSET", 30)
    monkeypatch.setattr(queries, "_MANY_HITS", 5)
    monkeypatch.setattr(queries, "_FEW", request.param)


def _tickets(rows):
    return [r.ticket_no for r in rows]


@pytest.mark.parametrize("f", [OrderFilter(), OrderFilter(view="open"), OrderFilter(text="漏水"),
                               OrderFilter(statuses=("closed", "answered")),
                               OrderFilter(date_from="2026-11-20", date_to="2026-11-25")])
def test_every_window_matches_the_whole_list(demo, small_thresholds, f):
    store, clerk = demo
    total = queries.count_orders(store, clerk, f)
    for sort, descending in (("created_at", True), ("created_at", False), ("ticket_no", True), ("status", False)):
        everything = _tickets(queries.list_orders(store, clerk, f, sort=sort, descending=descending, limit=100000))
        assert len(everything) == total > 0
        for offset in (0, 7, 31, total // 2 - 3, total // 2 + 1, total - 25, total - 1, total, total + 10):
            window = _tickets(queries.list_orders(store, clerk, f, sort=sort, descending=descending,
                                                  offset=offset, limit=25))
            assert window == everything[max(0, offset):max(0, offset) + 25], (sort, descending, offset, total)


def test_frequent_word_walks_the_sort_index_with_the_same_result(demo, small_thresholds, monkeypatch):
    store, clerk = demo
    f = max((OrderFilter(text=w) for w in ("漏水", "食堂", "噪音", "垃圾", "楼道", "酒吧")),
            key=lambda f: queries.count_orders(store, clerk, f))
    assert queries.count_orders(store, clerk, f) > 30
    frequent = _tickets(queries.list_orders(store, clerk, f, limit=30))
    monkeypatch.setattr(queries, "_MANY_HITS", 10**9)  # now every word counts as rare
    rare = _tickets(queries.list_orders(store, clerk, f, limit=30))
    assert len(frequent) == 30
    assert frequent == rare


def test_date_filter_keeps_exactly_its_local_days(demo):
    store, clerk = demo
    rows = queries.list_orders(store, clerk, OrderFilter(date_from="2026-11-20", date_to="2026-11-25"), limit=100000)
    everything = queries.list_orders(store, clerk, OrderFilter(), limit=100000)
    # A ticket number carries its local registration date (SX-20261120-0007).
    expected = [r.ticket_no for r in everything if "20261120" <= r.ticket_no.split("-")[1] <= "20261125"]
    assert [r.ticket_no for r in rows] == expected
    assert rows


def test_search_count_from_the_index_equals_the_count_through_orders(demo, monkeypatch):
    store, clerk = demo
    for word in ("漏水", "楼道灯", "食堂"):
        fast = queries.count_orders(store, clerk, OrderFilter(text=word))
        monkeypatch.setattr(queries, "_text_only_match", lambda f: None)
        slow = queries.count_orders(store, clerk, OrderFilter(text=word))
        monkeypatch.undo()
        assert fast == slow


def test_newest_hits_of_a_frequent_word_equal_sorting_every_hit(demo, monkeypatch):
    """The newest-first shortcut for frequent words (look among recent orders, widen until
    provably complete) gives the same page as sorting all hits."""
    store, clerk = demo
    monkeypatch.setattr(queries, "_MANY_HITS", 5)
    monkeypatch.setattr(queries, "_SPAN_MARGIN", 1)  # the first span seldom proves itself: widening is tested too
    used = []
    real = queries._newest_hits
    monkeypatch.setattr(queries, "_newest_hits", lambda *a: used.append(real(*a)) or used[-1])
    for word in ("漏水", "食堂", "楼道"):
        for offset, limit in ((0, 10), (5, 20), (0, 60)):
            fast = _tickets(queries.list_orders(store, clerk, OrderFilter(text=word), offset=offset, limit=limit))
            monkeypatch.setattr(queries, "_MANY_HITS", 10**9)
            slow = _tickets(queries.list_orders(store, clerk, OrderFilter(text=word), offset=offset, limit=limit))
            monkeypatch.setattr(queries, "_MANY_HITS", 5)
            assert fast == slow, (word, offset)
    assert any(u is not None for u in used), "the shortcut was never taken"


def test_newest_hits_read_only_the_span_of_the_newest_hits(demo, monkeypatch):
    """The first span is where the word's newest hits lie (read from the index, newest first),
    not a fixed number of orders: a fixed 20,000 read 560 orders' rows and 346 sort-index pages
    of a million-order file for 漏水's first 100 rows (each page decrypted, encrypted)."""
    store, clerk = demo
    monkeypatch.setattr(queries, "_MANY_HITS", 5)
    lows = []
    real = queries._newest_hits
    monkeypatch.setattr(queries, "_newest_hits", lambda *a: lows.append(real(*a)) or lows[-1])
    with store.read() as s:
        top = s.execute(text("SELECT max(rowid) FROM work_order")).scalar()
        hits = [r[0] for r in s.execute(text(
            "SELECT rowid FROM order_search WHERE order_search MATCH '\"漏水\"' ORDER BY rowid DESC LIMIT 6"))]
    assert len(hits) == 6 and top - hits[-1] < top // 2  # a frequent word of the demo
    fast = _tickets(queries.list_orders(store, clerk, OrderFilter(text="漏水"), limit=3))
    monkeypatch.setattr(queries, "_MANY_HITS", 10**9)
    assert fast == _tickets(queries.list_orders(store, clerk, OrderFilter(text="漏水"), limit=3))
    assert lows and lows[0] is not None, "the newest hits were not read from their own span"
    with store.read() as s:  # 3 rows wanted: the span of the 6 newest hits
        assert queries._first_span(s, '"漏水"', top, 3) == top - hits[-1] + 1


def test_a_newer_hit_at_an_old_rowid_is_found_without_widening(tmp_path, monkeypatch):
    """An order whose rowid does not follow its time (a clock set back, a row written by
    another station) is newer than everything in the newest hits' span: it is added from
    the sort index, instead of the span widening fourfold until half the orders are read
    (and then the slow path reading every hit)."""
    from desk.services.store import Store

    moment = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
    store = Store.open(tmp_path / "desk.sqlite3", clock=lambda: moment)
    report = generate(store, days=12, per_day=40, seed=9)
    clerk = auth.login(store, "wangli", report.accounts[0][1])
    try:
        with store.write() as w:
            oldest = w.execute(text(
                "SELECT rowid FROM order_search WHERE order_search MATCH '\"漏水\"' ORDER BY rowid LIMIT 1")).scalar()
            w.execute(text("UPDATE work_order SET created_at = (SELECT max(created_at) FROM work_order) WHERE rowid = :r"),
                      {"r": oldest})
            ticket = w.execute(text("SELECT ticket_no FROM work_order WHERE rowid = :r"), {"r": oldest}).scalar()
            # and an order that is no hit, newer still: the sort index shows it, the index says no
            other = w.execute(text("SELECT min(rowid) FROM work_order WHERE rowid NOT IN "
                                   "(SELECT rowid FROM order_search WHERE order_search MATCH '\"漏水\"')")).scalar()
            w.execute(text("UPDATE work_order SET created_at = '2026-11-30 02:00:00.000000' WHERE rowid = :r"),
                      {"r": other})
        monkeypatch.setattr(queries, "_MANY_HITS", 5)
        used = []
        real = queries._newest_hits
        monkeypatch.setattr(queries, "_newest_hits", lambda *a: used.append(real(*a)) or used[-1])
        fast = _tickets(queries.list_orders(store, clerk, OrderFilter(text="漏水"), limit=3))
        monkeypatch.setattr(queries, "_MANY_HITS", 10**9)
        assert fast == _tickets(queries.list_orders(store, clerk, OrderFilter(text="漏水"), limit=3))
        assert ticket in fast
        assert used and used[0] is not None, "the span widened until the shortcut gave up"
    finally:
        store.close()


def test_a_page_fetched_ahead_does_not_repaint_the_table_but_one_shown_waiting_does(demo, qapp):
    """Qt repaints the whole table for a dataChanged over many rows, seen or not (~20 ms at a
    million orders): only a page the view drew placeholders for is announced when it arrives."""
    from desk.ui import queue_model
    from desk.ui.context import DeskContext
    from desk.ui.worker import SyncRunner

    store, clerk = demo
    ctx = DeskContext(store, SyncRunner())
    ctx.actor = clerk
    model = queue_model.OrdersModel(ctx)
    model.set_filter(OrderFilter(view="all"))
    assert model.rowCount() > 3 * queue_model.PAGE_SIZE
    announced: list = []
    model.dataChanged.connect(lambda first, last: announced.append((first.row(), last.row())))
    size = queue_model.PAGE_SIZE
    assert model.data(model.index(size - 10, 0)) not in (None, "…")  # page 0's second half: page 1 asked ahead
    qapp.processEvents()
    assert model.is_loaded(size) and announced == []
    assert model.data(model.index(3 * size + 5, 0)) == "…"  # page 3 drawn as placeholders
    qapp.processEvents()
    assert model.is_loaded(3 * size + 5)
    assert announced == [(3 * size, min(model.rowCount(), 4 * size) - 1)]
    assert model.data(model.index(3 * size + 5, 0)) not in (None, "…")
    ctx.detach()
