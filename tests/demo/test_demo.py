"""The demo generator writes in bulk; its rows must obey the rules the services enforce."""

import json
import sqlite3
from collections import defaultdict

from desk.demo import generate
from desk.services import queries
from desk.services.calendar import parse_limit
from desk.services.dto import OrderFilter


def test_demo_on_empty_database_is_deterministic_and_consistent(tmp_path, clock):
    from desk.services.store import Store

    reports = []
    for name in ("a", "b"):
        store = Store.open(tmp_path / f"{name}.sqlite3", clock=clock)
        reports.append(generate(store, days=20, per_day=40, seed=7))
        store.close()
    assert reports[0].orders == reports[1].orders > 500
    a = sqlite3.connect(tmp_path / "a.sqlite3")
    b = sqlite3.connect(tmp_path / "b.sqlite3")
    dump = lambda c: c.execute("SELECT ticket_no, status, summary, resolve_due_at FROM work_order ORDER BY ticket_no").fetchall()  # noqa: E731
    assert dump(a) == dump(b)

    # every order's status equals the last status-changing event; events in time order
    last = {}
    for order_id, to_status, at in a.execute(
            "SELECT order_id, to_status, at FROM event WHERE to_status != '' ORDER BY order_id, at, seq"):
        last[order_id] = to_status
    statuses = dict(a.execute("SELECT id, status FROM work_order"))
    assert last == statuses
    # tickets gap-free per day and the counter agrees
    per_day = defaultdict(list)
    for (ticket,) in a.execute("SELECT ticket_no FROM work_order"):
        _, day, seq = ticket.split("-")
        per_day[day].append(int(seq))
    for day, seqs in per_day.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), day
    counters = {d.replace("-", ""): n for d, n in a.execute("SELECT local_date, last_seq FROM ticket_counter")}
    assert counters == {d: len(s) for d, s in per_day.items()}
    # the search index covers every order
    assert a.execute("SELECT count(*) FROM order_search").fetchone()[0] == len(statuses)
    # deadlines: none while registered, resolve >= accept
    for status, accept, resolve in a.execute("SELECT status, accept_due_at, resolve_due_at FROM work_order"):
        if status == "registered":
            assert accept is None and resolve is None
        if accept and resolve:
            assert resolve >= accept
    # noise complaints cluster after 22:00
    night = a.execute("SELECT count(*) FROM work_order w JOIN category c ON c.id = w.category_id "
                      "WHERE c.code = 'NOISE-BAR' AND (created_local_hour >= 22 OR created_local_hour < 1)").fetchone()[0]
    noise = a.execute("SELECT count(*) FROM work_order w JOIN category c ON c.id = w.category_id "
                      "WHERE c.code = 'NOISE-BAR'").fetchone()[0]
    assert night > noise / 2


def test_demo_data_is_usable_through_the_services(store, clock):
    from desk.services import auth, lifecycle

    report = generate(store, days=10, per_day=30, seed=3)
    clerk = auth.login(store, "wangli", report.accounts[0][1])
    assert queries.count_orders(store, clerk, OrderFilter()) == report.orders
    assert queries.count_orders(store, clerk, OrderFilter(text="漏水")) > 0
    open_rows = queries.list_orders(store, clerk, OrderFilter(statuses=("dispatched",)), limit=1)
    if open_rows:
        detail = lifecycle.perform(store, clerk, open_rows[0].ticket_no, "accept")
        assert detail.row.status == "accepted"
    rows = queries.list_orders(store, clerk, OrderFilter(view="today"), limit=5)
    assert all(r.ticket_no.startswith("SX-20261130-") for r in rows)


def test_demo_deadlines_match_the_service_calendar(store, clock):
    """The bulk generator's cached deadlines equal WorkCalendar.due for the same start."""
    generate(store, days=15, per_day=30, seed=5)
    cal = store.calendar()
    with store.read() as s:
        from sqlalchemy import text

        rows = s.execute(text(
            "SELECT w.dispatched_at, w.accept_due_at, c.accept_limit, w.urgency FROM work_order w "
            "JOIN category c ON c.id = w.category_id JOIN event e ON e.order_id = w.id "
            "WHERE w.dispatched_at IS NOT NULL AND e.kind = 'dispatch' AND w.reopen_count = 0 "
            "AND w.return_count = 0 AND w.urgency = 'normal' LIMIT 200")).all()
    from datetime import datetime, timezone

    parse = lambda v: datetime.fromisoformat(v).replace(tzinfo=timezone.utc)  # noqa: E731
    assert rows
    for dispatched, accept_due, limit, _ in rows:
        assert parse(accept_due) == cal.due(parse(dispatched), parse_limit(limit))


def test_demo_refuses_a_real_station(store, admin):
    import pytest

    from desk.errors import DeskError

    with pytest.raises(DeskError) as e:
        generate(store, days=1, per_day=1)
    assert "正式站点" in str(e.value)
