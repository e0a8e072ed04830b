"""Column values to JSON and back, by the desk's own column types."""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from typing import Any

from desk.models import Base, UTCDateTime
from desk.rules.tables import LOCAL_ONLY, NOT_SYNCED
from desk.rules.wire import PROTOCOL_VERSION, to_wire  # noqa: F401 - the pure part lives in desk.rules



def table(name: str):
    return Base.metadata.tables[name]


@functools.cache
def synced_columns(name: str) -> tuple[str, ...]:
    """Once per table (the capture asks for every row it writes)."""
    skip = NOT_SYNCED | LOCAL_ONLY.get(name, set())
    return tuple(c.name for c in table(name).columns if c.name not in skip)


def from_wire(table_name: str, column: str, value: Any) -> Any:
    col = table(table_name).columns.get(column)
    if col is None or value is None:
        return value
    if isinstance(col.type, UTCDateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def row_to_wire(table_name: str, row: dict[str, Any]) -> dict[str, Any]:
    cols = synced_columns(table_name)
    return {c: to_wire(row[c]) for c in cols if c in row}


def wire_to_row(table_name: str, data: dict[str, Any]) -> dict[str, Any]:
    cols = set(synced_columns(table_name))
    return {c: from_wire(table_name, c, v) for c, v in data.items() if c in cols}
