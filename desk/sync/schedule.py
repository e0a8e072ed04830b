"""When to sync (Qt-free): nightly at a set local time while the app runs, and a catch-up at
start when last night's sync was missed. The window calls these from a timer."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_NIGHTLY = time(22, 30)


def parse_time(text: str) -> time:
    hour, minute = text.strip().split(":")
    return time(int(hour), int(minute))


def last_slot(now: datetime, nightly: time, tz: str = "Asia/Shanghai") -> datetime:
    """The most recent scheduled moment at or before `now` (aware datetimes)."""
    local = now.astimezone(ZoneInfo(tz))
    slot = local.replace(hour=nightly.hour, minute=nightly.minute, second=0, microsecond=0)
    if slot > local:
        slot -= timedelta(days=1)
    return slot


def next_slot(now: datetime, nightly: time, tz: str = "Asia/Shanghai") -> datetime:
    return last_slot(now, nightly, tz) + timedelta(days=1)


def is_due(now: datetime, last_success: datetime | None, nightly: time = DEFAULT_NIGHTLY,
           tz: str = "Asia/Shanghai") -> bool:
    """True when the last scheduled sync has not happened since its time: at the nightly time,
    and at start-up after a missed night (catch-up)."""
    return last_success is None or last_success < last_slot(now, nightly, tz)


def seconds_until_next(now: datetime, last_success: datetime | None, nightly: time = DEFAULT_NIGHTLY,
                       tz: str = "Asia/Shanghai") -> float:
    """For a single-shot timer: 0 when a sync is due now, otherwise until the next nightly slot."""
    if is_due(now, last_success, nightly, tz):
        return 0.0
    return max(0.0, (next_slot(now, nightly, tz) - now).total_seconds())


def nightly_time(store) -> time:
    """The station's configured nightly sync time (default 22:30, local station time)."""
    from desk.sync import state

    with store.read() as s:
        text = state.get(s.connection(), "nightly_time")
    try:
        return parse_time(text) if text else DEFAULT_NIGHTLY
    except ValueError:
        return DEFAULT_NIGHTLY


def set_nightly_time(store, text: str) -> time:
    from desk.services.errors import ValidationError
    from desk.sync import state

    try:
        value = parse_time(text)
    except ValueError:
        raise ValidationError("bad_time", value=text) from None
    with store.write() as s:
        state.put(s.connection(), "nightly_time", value.strftime("%H:%M"))
    return value


def due_now(store, now: datetime) -> bool:
    """For the window's timer and its start-up check: is a sync due (nightly or catch-up)?"""
    from desk.sync.status import sync_status

    tz = store.station().timezone if store.is_initialised() else "Asia/Shanghai"
    return is_due(now, sync_status(store).last_success_at, nightly_time(store), tz)
