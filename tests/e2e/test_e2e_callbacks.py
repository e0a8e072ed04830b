"""A clerk makes the callback: the number is shown to them (audited as a callback view, not a
privacy reveal), and an unanswered call is recorded as an attempt; nothing is preselected."""

from __future__ import annotations

import time

from tests.e2e.conftest import query
from tests.e2e.xdesk import log_in


def wait_rows(db, sql, *args, timeout=15):
    deadline = time.monotonic() + timeout
    rows = []
    while time.monotonic() < deadline:
        rows = query(db, sql, *args)
        if rows:
            return rows
        time.sleep(0.2)
    return rows


def test_a_clerk_calls_back_sees_the_number_and_records_not_reached(start_desk, tmp_path):
    desk = start_desk()
    waiting = query(desk.db, "select count(*) from work_order where status = 'resolved'")[0][0]
    assert waiting >= 1
    log_in(desk)
    assert desk.wait_focus("phone"), desk.log()
    desk.key("F4")
    viewed = wait_rows(desk.db, "select actor_name, target from audit_log where action = 'callback_view'")
    assert viewed and viewed[0][0] == "王丽", "the number was not shown to the clerk making the call"
    assert not query(desk.db, "select 1 from audit_log where action = 'reveal'")
    desk.shot(tmp_path / "callbacks.png")
    ticket = viewed[0][1]

    # Recording the callback with nothing chosen is refused in the form, not saved as 非常满意.
    desk.key("alt+c")
    time.sleep(1)
    assert query(desk.db, "select status from work_order where ticket_no = ?", ticket) == [("resolved",)]

    desk.key("alt+l")  # 未接通，稍后再拨
    attempts = wait_rows(desk.db, "select e.actor_name, e.data from event e join work_order o on o.id = e.order_id "
                                  "where o.ticket_no = ? and e.kind = 'callback_attempt'", ticket)
    assert len(attempts) == 1 and attempts[0][0] == "王丽" and '"attempt": 1' in attempts[0][1]
    assert query(desk.db, "select status from work_order where ticket_no = ?", ticket) == [("resolved",)]
