"""The window's sync services: status (last success, waiting, refused, conflicts with both
values, who and when) and the nightly schedule with catch-up; central edits reach the desk."""

from datetime import datetime, time, timezone

from desk.server import service
from desk.sync.schedule import is_due, next_slot, seconds_until_next
from desk.sync.status import sync_status
from tests.sync.helpers import act, register


def test_schedule_nightly_with_catch_up_after_a_missed_night():
    nightly = time(22, 30)
    # 2026-12-01 10:00 Shanghai; last success the night before at 22:31 -> not due.
    now = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
    last = datetime(2026, 11, 30, 14, 31, tzinfo=timezone.utc)
    assert not is_due(now, last, nightly)
    assert next_slot(now, nightly).isoformat() == "2026-12-01T22:30:00+08:00"
    assert seconds_until_next(now, last, nightly) == 12.5 * 3600
    # Missed last night (app closed): due at start-up.
    assert is_due(now, datetime(2026, 11, 29, 14, 31, tzinfo=timezone.utc), nightly)
    assert is_due(now, None, nightly)
    # At the nightly time itself.
    assert is_due(datetime(2026, 12, 1, 14, 30, tzinfo=timezone.utc), last, nightly)


def test_nightly_time_setting_and_due_now(stations, central):
    import pytest

    from desk.errors import ValidationError
    from desk.sync.schedule import due_now, nightly_time, set_nightly_time

    a = stations("SX")
    assert nightly_time(a.store) == time(2, 0)  # one default: settings sync_time
    set_nightly_time(a.store, "21:05")
    assert nightly_time(a.store) == time(21, 5)
    with pytest.raises(ValidationError):
        set_nightly_time(a.store, "25:99")
    now = datetime.now(timezone.utc)
    assert due_now(a.store, now)  # never synced: catch up at once
    a.sync()
    assert not due_now(a.store, now)


def test_status_shows_waiting_and_last_success(stations, central):
    a = stations("SX")
    register(a, 2)
    before = sync_status(a.store)
    assert before.pending > 0 and before.last_success_at is None
    a.sync()
    after = sync_status(a.store)
    assert after.pending == 0 and after.last_success_at is not None and after.last_error == ""


def test_central_close_and_concurrent_desk_edit_end_the_same_and_the_conflict_is_visible(stations, central):
    a = stations("SX")
    oid = register(a, 1)[0]
    act(a, oid, "accept")
    a.sync()
    # The centre resolves the order while the desk, offline, starts work on it.
    service.central_status(central.engine, oid, "resolved", reason="街道已处理", actor_name="街道办")
    act(a, oid, "start")
    a.sync()
    a.sync()
    from desk.services import queries

    detail = queries.get_order(a.store, a.admin, oid)
    assert detail.row.status == "resolved"  # the later lifecycle stage wins, whatever the clocks
    st = sync_status(a.store)
    conflict = next(c for c in st.conflicts if c.field == "status")
    assert conflict.lost_value[0] == "in_progress" and conflict.lost_station == "SX"
    assert conflict.kept_value[0] == "resolved" and conflict.kept_station == "CENTRAL"
    assert conflict.ticket_no.startswith("SX-") and conflict.lost_at is not None
    # The centre's history event came down too, and the order is findable in the new state.
    assert "central_status" in [e.kind for e in detail.events]


def test_central_reference_edit_reaches_every_desk(stations, central):
    a, b = stations("SX"), stations("JL")
    a.sync()
    b.sync()
    from sqlalchemy import select

    from desk.server import models as m

    with central.engine.connect() as conn:
        wy = conn.execute(select(m.record.c.row_id).where(m.record.c.table_name == "department",
                                                          m.record.c.natural_key == "WY")).scalar_one()
    service.central_edit(central.engine, "department", wy, {"phone": "021-12345678", "contact": "李经理"})
    a.sync()
    b.sync()
    from desk.services import reference

    for st in (a, b):
        dep = {d.code: d for d in reference.list_departments(st.store)}["WY"]
        assert dep.phone == "021-12345678" and dep.contact == "李经理"


def test_figures_for_all_stations(stations, central):
    import httpx

    a, b = stations("SX"), stations("JL")
    register(a, 3)
    register(b, 2, dispatch=False)
    a.sync()
    b.sync()
    token = central.token("SUPERVISOR-1", "central")
    resp = httpx.get(f"{central.url}/v1/figures", headers={"Authorization": f"Bearer {token}", "X-Desk-Protocol": "1",
                                                           "X-Desk-Schema": "0002"})
    body = resp.json()
    assert body["stations"] == {"SX": {"dispatched": 3}, "JL": {"registered": 2}} and body["orders"] == 5


def test_desk_fetches_all_station_figures_with_its_saved_settings(stations, central):
    from desk.sync.client import configure, fetch_figures

    a = stations("SX")
    register(a, 2)
    configure(a.store, a.url, a.token)
    a.sync()
    figures = fetch_figures(a.store)
    assert figures["stations"]["SX"] == {"dispatched": 2}
