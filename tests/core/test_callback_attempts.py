"""Callbacks as the 12345 hotline makes them: the caller sees the number (audited as a
callback, not a privacy reveal), unanswered calls are counted, and the last allowed one closes
the order as not reached through the lifecycle's own close."""

import pytest

from desk.services import callbacks, queries, settings
from desk.errors import DeskError
from tests.core.core_helpers import order_in


def test_a_clerk_sees_the_number_and_it_is_audited_as_a_callback(store, supervisor, clerk, ref):
    ticket = order_in(store, supervisor, ref, "resolved")
    card = callbacks.open_card(store, clerk, ticket)
    assert card.phone.isdigit() and len(card.phone) == 11 and "*" not in card.phone
    assert card.result == "已更换水管" and card.solved is True and card.department_name
    assert (card.attempts, card.max_attempts) == (0, 3)
    import sqlite3

    con = sqlite3.connect(store.path)
    rows = con.execute("select action, target from audit_log order by at").fetchall()
    con.close()
    assert ("callback_view", ticket) in rows and not any(a == "reveal" for a, _ in rows)


def test_unanswered_calls_are_counted_and_the_last_closes_as_not_reached(store, supervisor, clerk, ref):
    limit = settings.get(store, "callback_max_attempts")
    ticket = order_in(store, supervisor, ref, "resolved")
    for n in range(1, limit):
        card = callbacks.not_reached(store, clerk, ticket, "无人接听")
        assert (card.attempts, card.closed_unreached) == (n, False)
        assert queries.get_order(store, clerk, ticket).row.status == "resolved"
    card = callbacks.not_reached(store, clerk, ticket)
    assert card.closed_unreached and card.attempts == limit
    detail = queries.get_order(store, clerk, ticket)
    assert detail.row.status == "closed"
    kinds = [e.kind for e in detail.events]
    assert kinds.count("callback_attempt") == limit and kinds[-1] == "close_unreached"
    with pytest.raises(DeskError):  # closed: no more attempts
        callbacks.not_reached(store, clerk, ticket)


def test_only_resolved_orders_are_called_back(store, supervisor, clerk, ref):
    ticket = order_in(store, supervisor, ref, "dispatched")
    with pytest.raises(DeskError):
        callbacks.open_card(store, clerk, ticket)
