"""When to sync (Qt-free): nightly at a set local time while the app runs, and a catch-up at
start when last night's sync was missed. The window calls these from a timer.

One default everywhere: 02:00 station time (the station setting `sync_time`, set on the sync
screen). The operating system's timer for `desk sync` (installer/) runs at 02:30, half an hour
later on purpose: it is the fallback for a night when the window is closed. When the window did
sync at 02:00, the 02:30 run only sends what changed since (usually nothing); the station lock
keeps the two from ever overlapping."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

# The configuration (nightly time, its parsing and checking) lives in desk.sync.config; these
# names stay importable from here.
from desk.sync.config import DEFAULT_NIGHTLY, check_time, nightly_time, parse_time, set_nightly_time  # noqa: F401
from desk.sync.status import sync_brief

RETRY_MINUTES = 15  # after a failed scheduled sync, the window tries again this much later


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


def _station_tz(store) -> str:
    return store.station().timezone if store.is_initialised() else "Asia/Shanghai"


def due_now(store, now: datetime) -> bool:
    """Is a sync due (nightly or catch-up)? Reads two values, cheap enough for a timer."""
    return is_due(now, sync_brief(store).last_success_at, nightly_time(store), _station_tz(store))


def scheduled_sync_due(store, now: datetime, retry_minutes: int = RETRY_MINUTES) -> bool:
    """What the window's timer asks: a server is configured, a sync is due, and no attempt
    failed in the last `retry_minutes` (an unreachable centre is not hammered every minute)."""
    brief = sync_brief(store)
    if not brief.configured or not is_due(now, brief.last_success_at, nightly_time(store), _station_tz(store)):
        return False
    attempt = brief.last_attempt_at
    return attempt is None or brief.last_error == "" or now - attempt >= timedelta(minutes=retry_minutes)
