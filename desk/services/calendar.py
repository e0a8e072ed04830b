"""Working time on the Chinese calendar.

A deadline of N working days adds N whole working days (24 h each) to the start, skipping
public holidays and weekends but counting make-up working weekends (调休). "2h" limits are
clock hours, for urgent matters that do not wait for a holiday to end. Time spent pending is
measured in the same working time and added back on resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Mapping
from zoneinfo import ZoneInfo

import chinese_calendar

from desk.errors import ValidationError

DAY = 86400
_LIMIT_RE = re.compile(r"^\s*(\d{1,3})\s*([hd])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: str  # "h" clock hours, "d" working days

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def parse_limit(text: str) -> Limit:
    m = _LIMIT_RE.match(text or "")
    if not m or int(m.group(1)) == 0:
        raise ValidationError("bad_limit", value=text)
    return Limit(int(m.group(1)), m.group(2).lower())


def library_is_workday(day: date) -> bool | None:
    """What chinese-calendar says, or None for a year it does not know yet."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class WorkCalendar:
    """Working days from the library, overridden by the station's own table."""

    def __init__(self, overrides: Mapping[str, bool] | None = None, tz: str = "Asia/Shanghai"):
        self.overrides = dict(overrides or {})
        self.tz = ZoneInfo(tz)
        self._cache: dict[date, bool] = {}

    def is_workday(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        key = day.isoformat()
        if key in self.overrides:
            result = self.overrides[key]
        else:
            known = library_is_workday(day)
            # Unknown year: Monday to Friday until someone enters that year's holidays.
            result = known if known is not None else day.weekday() < 5
        self._cache[day] = result
        return result

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def _day_start(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.tz)

    def add_working_seconds(self, start: datetime, seconds: float) -> datetime:
        """The moment `seconds` of working time after `start` (UTC in, UTC out)."""
        if seconds <= 0:
            return start
        local = self._local(start)
        day = local.date()
        # Starting on a day off: the clock starts with the next working day.
        if not self.is_workday(day):
            while not self.is_workday(day):
                day += timedelta(days=1)
            local = self._day_start(day)
        remaining = float(seconds)
        while True:
            day_end = self._day_start(day + timedelta(days=1))
            available = (day_end - local).total_seconds()
            if remaining <= available:
                return (local + timedelta(seconds=remaining)).astimezone(timezone.utc)
            remaining -= available
            day += timedelta(days=1)
            while not self.is_workday(day):
                day += timedelta(days=1)
            local = self._day_start(day)

    def working_seconds_between(self, start: datetime, end: datetime) -> float:
        if end <= start:
            return 0.0
        a, b = self._local(start), self._local(end)
        total = 0.0
        day = a.date()
        while day <= b.date():
            lo = max(a, self._day_start(day))
            hi = min(b, self._day_start(day + timedelta(days=1)))
            if hi > lo and self.is_workday(day):
                total += (hi - lo).total_seconds()
            day += timedelta(days=1)
        return total

    def due(self, start: datetime, limit: Limit) -> datetime:
        if limit.unit == "h":
            return start + timedelta(hours=limit.amount)
        return self.add_working_seconds(start, limit.amount * DAY)

    def shift_for_pause(self, due: datetime, paused_from: datetime, paused_to: datetime) -> datetime:
        """A deadline moved on by the working time spent pending."""
        return self.add_working_seconds(due, self.working_seconds_between(paused_from, paused_to))


def local_now(tz: str, now: Callable[[], datetime] | None = None) -> datetime:
    moment = now() if now else datetime.now(timezone.utc)
    return moment.astimezone(ZoneInfo(tz))
