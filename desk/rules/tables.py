"""The catalogue of synced tables: who owns their rows, the order they apply in, their keys."""

from __future__ import annotations

# Tables whose rows belong to the station that made them, merged field by field.
STATION_TABLES = ("staff", "visitor", "visit", "work_order")
# Append-only history, merged by union.
HISTORY_TABLES = ("event",)
# Central-authoritative reference data (a station may seed a row the centre does not have yet).
# Staff belong to their station (LWW like its other rows) and never travel to other stations.
REFERENCE_TABLES = ("grid", "residential_area", "department", "category", "station")
SYNCED_TABLES = STATION_TABLES + HISTORY_TABLES + REFERENCE_TABLES
# Parents before children: the order rows are applied in.
APPLY_ORDER = {t: i for i, t in enumerate(
    ("grid", "station", "residential_area", "department", "category", "staff", "visitor", "visit",
     "work_order", "event"))}

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
