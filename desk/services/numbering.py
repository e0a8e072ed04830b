"""Ticket numbers: SX-20261128-0007, never handed out twice by a station, whatever was restored.

Three guards, each cheap:
- `next_ticket` takes the day's counter AND the highest ticket of that day already in the
  file (made here, or pulled from the centre), so a counter left behind by a restore or a pull
  can never give an existing number again;
- `desk restore` carries the replaced file's counters into the restored one (`carry_counters`),
  so the tickets the restored backup never saw are still skipped, offline too;
- when the replaced file could not tell (damaged, missing) and the desk syncs, registering waits
  until a pull from the centre has brought this station's tickets back (`numbering_check`).

Past 9999 a day the number keeps sorting as text: A0000 is 10000, B0000 20000, ... Z9999 is
269,999 ("SX-…-9999" < "SX-…-A0000", where 10000 sorted before 9999). Tickets already made
with five digits by an older desk keep their number and still count for the counter.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from desk.db import driver_connection
from desk.i18n import M_
from desk.models.sync import state as sync_state
from desk.errors import ValidationError

_MESSAGES = (
    M_("numbering_unchecked", "This desk was restored from a backup and has not yet checked its ticket numbers with the centre. Sync first (F9 \"Sync now\" or desk sync); then registering works again, and no ticket number is given to two orders."),
    M_("tickets_used_up", "Today's ticket numbers are used up ({n} on {date})."),
)

WIDTH = 4
MAX_SEQ = 26 * 10**WIDTH + 10**WIDTH - 1  # Z9999
STATE_KEY = "numbering_check"  # sync_state: "pending" after a restore the desk could not check itself


def format_seq(seq: int) -> str:
    """0007 ... 9999, then A0000 (10000) ... Z9999: same width, sorts as text."""
    if seq < 10**WIDTH:
        return f"{seq:0{WIDTH}d}"
    high, low = divmod(seq, 10**WIDTH)
    if high > 26:
        raise ValueError(seq)
    return f"{chr(64 + high)}{low:0{WIDTH}d}"


def parse_seq(tail: str) -> int | None:
    """The inverse of format_seq; an older desk's five-digit numbers (10000) read as they are."""
    if tail[:1].isascii() and tail[:1].isalpha() and tail[1:].isdigit():
        return (ord(tail[0].upper()) - 64) * 10**WIDTH + int(tail[1:])
    return int(tail) if tail.isdigit() else None


def ticket_prefix(station_code: str, local_date: str) -> str:
    return f"{station_code}-{local_date.replace('-', '')}-"


# The day's tickets are a range of the unique ticket index ('.' follows '-'), and the format sorts
# as text: the highest is the last entry of the range (one index seek, not a scan). Plain SQL
# text on the connection: run on every save, where compiling a statement cost more than SQLite.
_DAY_LAST = ("SELECT ticket_no FROM work_order WHERE ticket_no >= ? AND ticket_no < ? "
             "ORDER BY ticket_no DESC LIMIT 1")
# An older desk's five-digit tickets (10000 ...) sort among 1000-9999: looked for only there, so
# a day under a thousand tickets reads nothing more.
_DAY_LEGACY = ("SELECT max(CAST(substr(ticket_no, ?) AS INTEGER)) FROM work_order "
               "WHERE ticket_no >= ? AND ticket_no < ? AND length(ticket_no) = ? + 4")
_BUMP = ("INSERT INTO ticket_counter (station_code, local_date, last_seq) VALUES (?, ?, ? + 1) "
         "ON CONFLICT (station_code, local_date) DO UPDATE SET last_seq = max(last_seq, ?) + 1 "
         "RETURNING last_seq")


def highest_in_file(session, station_code: str, local_date: str, *,
                    legacy_seen: dict[tuple[str, str], int] | None = None) -> int:
    """`legacy_seen`: the older desk's five-digit tickets per (station, day) as last read, kept by
    the caller (the Store) until something but a save may have brought more (a sync, a restore):
    past a thousand tickets a day their look-up walks every ticket from 1000 up (2 ms at 13,000)."""
    prefix = ticket_prefix(station_code, local_date)
    raw = driver_connection(session)
    row = raw.execute(_DAY_LAST, (prefix, prefix[:-1] + ".")).fetchone()
    last = row[0] if row else None
    best = (parse_seq(last[len(prefix):]) or 0) if last else 0
    legacy = None if legacy_seen is None else legacy_seen.get((station_code, local_date))
    if legacy is None:
        n = len(prefix) + 1
        legacy = raw.execute(_DAY_LEGACY, (n, prefix + "1", prefix + ":", n)).fetchone()[0] or 0
        if legacy_seen is not None:
            legacy_seen[(station_code, local_date)] = legacy  # this desk never makes one
    return max(best, legacy)


def next_ticket(session, station_code: str, local_date: str, *,
                legacy_seen: dict[tuple[str, str], int] | None = None) -> str:
    """Gap-free per station and day. The counter row is bumped inside the saving transaction
    (which holds SQLite's write lock), so a rollback gives the number back."""
    floor = highest_in_file(session, station_code, local_date, legacy_seen=legacy_seen)
    seq = driver_connection(session).execute(_BUMP, (station_code, local_date, floor, floor)).fetchone()[0]
    if seq > MAX_SEQ:
        raise ValidationError("tickets_used_up", date=local_date, n=seq - 1)
    return ticket_prefix(station_code, local_date) + format_seq(seq)


def numbering_pending(bind) -> bool:
    """`bind`: a Session or a Connection (read in its transaction, on the driver: every save asks)."""
    row = driver_connection(bind).execute("SELECT value FROM sync_state WHERE key = ?", (STATE_KEY,)).fetchone()
    return row is not None and row[0] == "pending"


def require_checked(session) -> None:
    """Refuse to register while a restore's numbering still waits for the centre."""
    if numbering_pending(session):
        raise ValidationError("numbering_unchecked")


def mark_checked(conn) -> None:
    """A pull from the centre finished: every ticket of this station is in the file now."""
    if numbering_pending(conn):
        conn.execute(update(sync_state).where(sync_state.c.key == STATE_KEY).values(value="checked"))


# --- restore: what the replaced file knew ---------------------------------------------------

def high_water_marks(db_path: Path, *, key: bytes | None = None) -> dict[tuple[str, str], int] | None:
    """{(station, date): highest sequence} the file knew (its counters and its tickets), or None
    when it cannot be read (damaged, locked, not a desk file). `key`: an encrypted file's."""
    from desk.db import connect, driver_errors

    try:
        conn = connect(db_path, key=key, readonly=True, timeout=5)
    except driver_errors():
        return None
    try:
        marks: dict[tuple[str, str], int] = {}
        for code, day, seq in conn.execute("SELECT station_code, local_date, last_seq FROM ticket_counter"):
            marks[(code, day)] = max(marks.get((code, day), 0), int(seq or 0))
        for (ticket,) in conn.execute("SELECT ticket_no FROM work_order"):
            parts = str(ticket).rsplit("-", 2)
            if len(parts) == 3 and len(parts[1]) == 8 and parts[1].isdigit():
                seq = parse_seq(parts[2])
                if seq is not None:
                    key = (parts[0], f"{parts[1][:4]}-{parts[1][4:6]}-{parts[1][6:]}")
                    marks[key] = max(marks.get(key, 0), seq)
        return marks
    except driver_errors():
        return None
    finally:
        conn.close()


def after_restore(db_path: Path, carried: dict[tuple[str, str], int] | None, *, key: bytes | None = None) -> None:
    """In the restored file: counters raised to what the replaced file knew; and when it knew
    nothing of this station and the desk syncs, registering waits for a pull from the centre."""
    from desk.db import connect

    conn = connect(db_path, key=key, timeout=30)  # plain or encrypted, as backup._copy_into
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        with conn:
            if carried and "ticket_counter" in tables:
                conn.executemany(
                    "INSERT INTO ticket_counter (station_code, local_date, last_seq) VALUES (?, ?, ?) "
                    "ON CONFLICT (station_code, local_date) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                    [(code, day, seq) for (code, day), seq in carried.items()])
            if "sync_state" in tables:
                syncs = conn.execute("SELECT 1 FROM sync_state WHERE key = 'token' AND value != ''").fetchone()
                code = conn.execute("SELECT code FROM station WHERE is_local").fetchone() if "station" in tables else None
                # The replaced file was this desk's live file: what it knew is every ticket the
                # desk gave. When it knew none of this station's (damaged, a fresh machine),
                # only the centre can tell.
                knew = carried is not None and any(k[0] == (code[0] if code else None) for k in carried)
                value = "pending" if syncs and not knew else "checked"
                conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (STATE_KEY, value))
    finally:
        conn.close()
