"""The catalogue of synced tables: who owns their rows, the order they apply in, their keys."""

from __future__ import annotations

# Tables whose rows belong to the station that made them, merged field by field.
STATION_TABLES = ("staff", "visitor", "visit", "work_order")
# The problem register (问题清单): a station's own rows too (issue 17: the centre groups them).
PROBLEM_TABLES = ("problem", "problem_measure", "problem_order")
STATION_TABLES = STATION_TABLES + PROBLEM_TABLES
# Append-only history, merged by union.
HISTORY_TABLES = ("event",)
# Central-authoritative reference data (a station may seed a row the centre does not have yet).
# Staff belong to their station (LWW like its other rows) and never travel to other stations.
REFERENCE_TABLES = ("grid", "residential_area", "department", "category", "station")
SYNCED_TABLES = STATION_TABLES + HISTORY_TABLES + REFERENCE_TABLES
# Parents before children: the order rows are applied in. New tables go at the end: a rank is
# stored with every central row (its pull cursor), so existing ranks never move.
APPLY_ORDER = {t: i for i, t in enumerate(
    ("grid", "station", "residential_area", "department", "category", "staff", "visitor", "visit",
     "work_order", "event") + PROBLEM_TABLES)}

# Columns that never leave the desk (secrets and per-desk counters).
LOCAL_ONLY = {
    "staff": {"password_hash", "failed_logins", "locked_until", "last_login_at"},
    "station": {"is_local"},
}
# Columns that are not data: keys and local bookkeeping.
NOT_SYNCED = {"id", "seq"}

# The column that names a row the same way on every replica, whatever its id (a station may
# create "dept ZH" before the centre's copy of it arrives under another id).
NATURAL_KEY = {"grid": "code", "residential_area": "code", "department": "code", "category": "code",
               "station": "code", "staff": "username"}
# Rows named by more than one column: a problem is its station's number n ("SX#7"), the same
# on the desk, at the centre and in its mirror, whatever its id.
COMPOSITE_KEY = {"problem": ("origin_station", "number")}


def natural_key(table: str, data: dict) -> str | None:
    """The row's natural key as one text (None when the row has none or lacks its parts)."""
    parts = COMPOSITE_KEY.get(table)
    if parts:
        values = [data.get(p) for p in parts]
        return None if any(v in (None, "") for v in values) else "#".join(str(v) for v in values)
    key = NATURAL_KEY.get(table)
    value = data.get(key) if key else None
    return None if value is None else str(value)
