"""Deadlines on the Chinese calendar, the override table, overdue / due-soon views, 督办."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from core_helpers import events, local, order_in, order_row, register
from desk.services import intake, lifecycle, queries, reference
from desk.services.calendar import WorkCalendar, library_is_workday, parse_limit
from desk.services.dto import OrderFilter
from desk.errors import ValidationError

DAY = 86400


def unknown_year() -> int:
    """The first year chinese-calendar has no data for (2027 with chinesecalendar 1.11)."""
    for year in range(2026, 2100):
        if library_is_workday(date(year, 3, 2)) is None:
            return year
    pytest.skip("the calendar library knows every year up to 2100")


def test_what_the_library_knows():
    # 2026 National Day week and Spring Festival are off; their make-up Saturdays work.
    assert not any(library_is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert library_is_workday(date(2026, 10, 10)) is True  # Saturday 调休
    assert library_is_workday(date(2026, 9, 20)) is True  # Sunday 调休
    assert not any(library_is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert library_is_workday(date(2026, 2, 14)) is True and library_is_workday(date(2026, 2, 28)) is True
    assert library_is_workday(date(unknown_year(), 1, 1)) is None


@pytest.mark.parametrize("start,limit,due", [
    # Monday 09:00 + 1 working day -> Tuesday 09:00; + 5 -> next Monday.
    (local(2026, 11, 30, 9), "1d", local(2026, 12, 1, 9)),
    (local(2026, 11, 30, 9), "5d", local(2026, 12, 7, 9)),
    # Friday: the weekend does not count.
    (local(2026, 12, 4, 16), "1d", local(2026, 12, 7, 16)),
    # The day before National Day: 15 h on 30 Sep, then 1-7 Oct off.
    (local(2026, 9, 30, 9), "1d", local(2026, 10, 8, 9)),
    # ... and the make-up Saturday 10 Oct counts: 9/30, 10/8, 10/9, 10/10, 10/12 -> 10/13.
    (local(2026, 9, 30, 9), "5d", local(2026, 10, 13, 9)),
    # Spring Festival: 13 Feb (Fri) + the make-up Saturday 14 Feb, then 15-23 Feb off.
    (local(2026, 2, 13, 9), "1d", local(2026, 2, 14, 9)),
    (local(2026, 2, 13, 9), "3d", local(2026, 2, 25, 9)),
    # Registered on a holiday: the clock starts with the next working day.
    (local(2026, 10, 2, 10), "1d", local(2026, 10, 9, 0)),
    # Hours are clock hours, holiday or not (urgent matters do not wait).
    (local(2026, 10, 2, 10), "2h", local(2026, 10, 2, 12)),
    (local(2026, 12, 5, 23), "4h", local(2026, 12, 6, 3)),
])
def test_due_on_the_chinese_calendar(start, limit, due):
    assert WorkCalendar().due(start, parse_limit(limit)) == due


def test_working_seconds_between_skip_days_off():
    cal = WorkCalendar()
    assert cal.working_seconds_between(local(2026, 9, 30, 9), local(2026, 10, 8, 9)) == 24 * 3600
    assert cal.working_seconds_between(local(2026, 12, 4, 12), local(2026, 12, 7, 12)) == 24 * 3600
    assert cal.working_seconds_between(local(2026, 10, 10, 0), local(2026, 10, 12, 0)) == DAY  # Sat works, Sun not
    assert cal.working_seconds_between(local(2026, 10, 2), local(2026, 10, 1)) == 0
    # add and measure agree
    start = local(2026, 9, 28, 14, 30)
    for seconds in (1, 3600, DAY, 5 * DAY + 7):
        end = cal.add_working_seconds(start, seconds)
        assert cal.working_seconds_between(start, end) == seconds


@pytest.mark.parametrize("text", ["", "0d", "5", "d5", "1w", "1000d", "-1d", None])
def test_bad_limits(text):
    with pytest.raises(ValidationError):
        parse_limit(text)


def test_limits_parse():
    assert str(parse_limit(" 15D ")) == "15d" and parse_limit("2h").unit == "h"


def test_override_table_for_a_year_the_library_does_not_know(store, clock, admin, supervisor, ref):
    year = unknown_year()
    # The last working day of the year before, 09:00; 1 Jan of the unknown year is a weekday or not.
    new_year = date(year, 1, 1)
    start_day = new_year - timedelta(days=1)
    while not WorkCalendar().is_workday(start_day):
        start_day -= timedelta(days=1)
    clock.now = local(start_day.year, start_day.month, start_day.day, 9)
    cat = ref.cat["HOUSE-LEAK"].id
    accept, _ = intake.promised_dates(store, cat)
    # Without overrides an unknown year is Monday-Friday.
    first = start_day + timedelta(days=1)
    while not (first.weekday() < 5 and (first.year == year or library_is_workday(first))):
        first += timedelta(days=1)
    assert accept == local(first.year, first.month, first.day, 9)
    # Enter the holidays: 1-3 Jan off, and a make-up working Sunday the week after.
    for d in (1, 2, 3):
        reference.set_calendar_override(store, admin, f"{year}-01-0{d}", False, "元旦")
    sunday = next(date(year, 1, d) for d in range(4, 12) if date(year, 1, d).weekday() == 6)
    cat = ref.cat["HOUSE"].id  # 1 / 15 working days: the resolution deadline passes that Sunday
    reference.set_calendar_override(store, admin, sunday.isoformat(), True, "调休")
    assert [o.day for o in reference.list_calendar_overrides(store)][:3] == [f"{year}-01-0{d}" for d in (1, 2, 3)]
    accept, resolve = intake.promised_dates(store, cat)
    expect = store.calendar().add_working_seconds(clock.now, DAY)
    assert accept == expect and accept.astimezone(store.calendar().tz).date() >= date(year, 1, 4)
    # The make-up Sunday counts in a 5-day limit; removing it moves the deadline a day later.
    cal = store.calendar()
    assert cal.is_workday(sunday) and not cal.is_workday(date(year, 1, 2))
    reference.set_calendar_override(store, admin, sunday.isoformat(), None)
    _, resolve_without = intake.promised_dates(store, cat)
    assert resolve_without > resolve
    # A dispatched order uses the same calendar.
    ticket = register(store, supervisor, ref, dispatch=True)
    assert order_row(store, ticket)["accept_due_at"] is not None
    assert queries.get_order(store, supervisor, ticket).row.accept_due_at == expect


def test_override_beats_the_library_and_needs_the_right_role(store, clock, admin, supervisor, clerk, ref):
    from desk.errors import PermissionDenied

    # 8 Oct 2026 is a working day for the library; the station closes that day.
    clock.now = local(2026, 9, 30, 9)
    before, _ = intake.promised_dates(store, ref.cat["HOUSE-LEAK"].id)
    assert before == local(2026, 10, 8, 9)
    with pytest.raises(PermissionDenied):
        reference.set_calendar_override(store, clerk, "2026-10-08", False)
    reference.set_calendar_override(store, supervisor, "2026-10-08", False, "站点闭馆")
    after, _ = intake.promised_dates(store, ref.cat["HOUSE-LEAK"].id)
    assert after == local(2026, 10, 9, 9)
    with pytest.raises(ValidationError):
        reference.set_calendar_override(store, supervisor, "2026-13-01", False)


def test_urgent_orders_use_clock_hours(store, clock, supervisor, ref):
    clock.now = local(2026, 10, 2, 10)  # National Day holiday
    ticket = register(store, supervisor, ref, dispatch=True, urgency="urgent")
    row = queries.get_order(store, supervisor, ticket).row
    assert row.accept_due_at == local(2026, 10, 2, 12)  # urgent_accept_limit 2h
    # urgent_resolve_limit 1d is a working day: starts on 8 Oct.
    assert row.resolve_due_at == local(2026, 10, 9, 0)
    normal = register(store, supervisor, ref, dispatch=True)
    assert queries.get_order(store, supervisor, normal).row.accept_due_at == local(2026, 10, 9, 0)
    # A category with an hours limit (垃圾清运 4h) runs through the holiday too.
    rubbish = register(store, supervisor, ref, category="ENV-RUBBISH", dispatch=True)
    assert queries.get_order(store, supervisor, rubbish).row.accept_due_at == local(2026, 10, 2, 14)


def test_pending_over_national_day_does_not_count(store, clock, supervisor, ref):
    clock.now = local(2026, 9, 30, 9)
    ticket = order_in(store, supervisor, ref, "in_progress")
    due = queries.get_order(store, supervisor, ticket).row.resolve_due_at
    assert due == local(2026, 10, 13, 9)
    lifecycle.perform(store, supervisor, ticket, "pend", reason="业主国庆外出")
    clock.now = local(2026, 10, 8, 9)  # 15 h + 9 h of working time paused
    d = lifecycle.perform(store, supervisor, ticket, "resume")
    assert d.row.resolve_due_at == local(2026, 10, 14, 9)
    assert json.loads(events(store, ticket)[-1]["data"])["paused_working_seconds"] == DAY


def _view(store, actor, view):
    return {r.ticket_no for r in queries.list_orders(store, actor, OrderFilter(view=view))}


def test_overdue_and_due_soon_follow_the_clock(store, clock, supervisor, ref):
    ticket = register(store, supervisor, ref, dispatch=True)  # accept by Tue 09:00, resolve by Mon 12-07 09:00
    pending = order_in(store, supervisor, ref, "pending")
    resolved = order_in(store, supervisor, ref, "resolved")
    registered = order_in(store, supervisor, ref, "registered")
    clock.now = local(2026, 12, 1, 8)
    assert _view(store, supervisor, "overdue") == set()
    clock.now = local(2026, 12, 1, 10)  # acceptance late for the dispatched ones
    assert _view(store, supervisor, "overdue") == {ticket}
    rows = {r.ticket_no: r for r in queries.list_orders(store, supervisor)}
    assert rows[ticket].overdue and not rows[pending].overdue and not rows[registered].overdue
    lifecycle.perform(store, supervisor, ticket, "accept")
    assert _view(store, supervisor, "overdue") == set()
    clock.now = local(2026, 12, 6, 10)  # Sunday: resolution due within 24 h
    assert _view(store, supervisor, "due_soon") == {ticket}
    assert queries.count_orders(store, supervisor, OrderFilter(view="due_soon")) == 1
    assert {r.ticket_no for r in queries.list_orders(store, supervisor) if r.due_soon} == {ticket}
    clock.now = local(2026, 12, 7, 9, 1)
    assert _view(store, supervisor, "overdue") == {ticket}
    assert _view(store, supervisor, "due_soon") == set()
    # Pending and resolved orders are never overdue: their clock is not running.
    clock.now = local(2027, 1, 30, 9)
    assert _view(store, supervisor, "overdue") == {ticket}
    assert resolved not in _view(store, supervisor, "overdue")


def test_supervise_overdue_flags_each_late_order_once(store, clock, supervisor, ref):
    late_resolve = order_in(store, supervisor, ref, "accepted")
    late_accept = None
    clock.now = local(2026, 12, 4, 9)
    late_accept = register(store, supervisor, ref, dispatch=True)  # accept by Mon 12-07 09:00
    on_time = register(store, supervisor, ref, dispatch=True, category="HOUSE")  # 1d / 15d
    pending = order_in(store, supervisor, ref, "pending")
    clock.now = local(2026, 12, 7, 12)
    overdue = _view(store, supervisor, "overdue")
    assert late_resolve in overdue and late_accept in overdue and on_time in overdue
    assert pending not in overdue
    n = lifecycle.supervise_overdue(store)
    assert n == len(overdue) == 3
    for t in overdue:
        ev = events(store, t)[-1]
        assert ev["kind"] == "supervise" and ev["actor_id"] is None and json.loads(ev["data"]) == {"automatic": True}
        assert order_row(store, t)["supervised"] == 1
    assert _view(store, supervisor, "supervised") >= overdue
    assert lifecycle.supervise_overdue(store) == 0
    assert not order_row(store, pending)["supervised"]
