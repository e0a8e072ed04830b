"""Pulled rows the desk set aside (desk.sync.held) and a restore still waiting for the centre show
in the status bar and on the sync screen (issue 14)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def test_set_aside_rows_and_unchecked_numbering_are_shown(ui, store, admin):
    from desk.sync import held, state
    from desk.sync.client import configure

    ctx, window = ui
    configure(store, "http://127.0.0.1:9", "SX.token")
    with store.write() as s:
        conn = s.connection()
        held._hold(conn, {"table": "work_order", "row_id": "a" * 32, "data": {"ticket_no": "SX-20261130-0003"}},
                   "duplicate_ticket", "UNIQUE constraint failed: work_order.ticket_no")
        state.put(conn, "numbering_check", "pending")
    login(window, "admin", PASSWORD)
    window.sync_control.refresh()
    settle()
    bar = window.sync_control.label.text()
    assert "1 条收到的数据已搁置" in bar and "登记前请先同步" in bar
    panel = window.sync_tab.screen()
    window.tabs.setCurrentWidget(panel)
    settle()
    text = panel.error.text()
    assert "SX-20261130-0003" in text and "本机已有同号工单" in text and "--retry-held" in text
    assert "同步核对工单号之后才能登记" in text
    assert panel.retry_held_button.isVisible() and panel.retry_held_button.text() == "重试搁置的数据"
    out = Path(__file__).resolve().parents[2] / "out" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "sync-held-zh_CN.png"))  # looked at by hand (issue 14 report)


def test_the_retry_button_applies_a_set_aside_row_that_now_fits(ui, store, admin, ref):
    """Once what stood in a held row's way is gone, the sync screen's button applies it and the
    row leaves the list (here: the held copy is the order as this desk already has it)."""
    from types import SimpleNamespace

    from sqlalchemy import select

    from desk.models import WorkOrder
    from desk.sync import held, schema
    from desk.sync.wire import row_to_wire
    from tests.sync.helpers import register

    oid = register(SimpleNamespace(store=store, admin=admin, ref=ref), 1)[0]
    with store.write() as s:
        order = s.get(WorkOrder, oid)
        data = row_to_wire("work_order", {c.name: getattr(order, c.key) for c in WorkOrder.__table__.columns})
        held._hold(s.connection(), {"table": "work_order", "row_id": oid, "data": data, "clocks": {}},
                   "duplicate_ticket", "UNIQUE constraint failed: work_order.ticket_no")
    ctx, window = ui
    login(window, "admin", PASSWORD)
    panel = window.sync_tab.screen()
    window.tabs.setCurrentWidget(panel)
    settle()
    assert panel.retry_held_button.isVisible()
    panel.retry_held()
    settle()
    with store.read() as s:
        assert s.execute(select(schema.held)).first() is None
    assert not panel.retry_held_button.isVisible()
