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
