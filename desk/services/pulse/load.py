"""A period's orders as detection facts, read in one query (the register for a month over a
million orders is read in well under a second: benchmarks/pulse_speed.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import text

from desk.services.pulse.detect import Facts

# Problems are complaints, requests for help and suggestions (consultations, sign-ups, praise and
# paperwork are not); voided and merged orders are not the resident's problem a second time.
_SQL = text("""
SELECT w.id, w.ticket_no, w.summary, coalesce(w.category_id, ''), coalesce(c.parent_id, w.category_id, ''),
       w.lane, w.number, coalesce(w.area_id, ''), w.created_local_date, w.created_local_hour,
       coalesce(w.visitor_id, ''), w.called_back_at, w.solved
FROM work_order w LEFT JOIN category c ON c.id = w.category_id
WHERE w.created_local_date BETWEEN :a AND :b AND w.status NOT IN ('voided', 'merged')
  AND w.kind IN ('complaint', 'help', 'suggestion')
""")


def facts(store, date_from: date, date_to: date) -> list[Facts]:
    tz = store.calendar().tz
    out = []
    with store.read() as s:
        rows = s.execute(_SQL, {"a": date_from.isoformat(), "b": date_to.isoformat()}).all()
    parse = date.fromisoformat
    for r in rows:
        solved_on = None
        if r[11] is not None and r[12]:
            at = r[11] if isinstance(r[11], datetime) else datetime.fromisoformat(str(r[11]))
            solved_on = at.replace(tzinfo=timezone.utc).astimezone(tz).date()
        out.append(Facts(r[0], r[1], r[2] or "", r[3], r[4], r[5] or "", r[6] or "", r[7], parse(r[8]), r[9],
                         r[10], solved_on))
    return out


def history_span(store) -> tuple[date, date] | None:
    with store.read() as s:
        lo, hi = s.execute(text("SELECT min(created_local_date), max(created_local_date) FROM work_order")).one()
    return (date.fromisoformat(lo), date.fromisoformat(hi)) if lo else None


def windows(first: date, last: date, days: int = 365, step: int = 182) -> list[tuple[date, date]]:
    """Overlapping windows for the long scan (a problem that spans a window edge is seen whole
    in the next one)."""
    out, start = [], first
    while True:
        end = min(last, start + timedelta(days=days - 1))
        out.append((start, end))
        if end >= last:
            return out
        start += timedelta(days=step)


ProgressFn = Callable[[int, int], None]
