"""Insert a save's new rows as plain values with prepared statements, not the unit of work.

Saving a visit builds its new rows (visitor, visit, orders, events) as plain values by the
shared rules (desk.services.common.event_values, lifecycle.dispatched and answered); an ORM
object per row and its flush cost several times the SQL they send (attribute events, identity
map, dependency sorting, history). Here each row is completed with its columns' own defaults
(as the ORM would at a flush, and written back into the row), inserted with one executemany per
table (in the metadata's dependency order, each table's rows in the order they were made) on
the transaction's DB-API connection (a Store.write_plain transaction), and captured for sync with the same clock and outbox rows a
flush would write."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import inspect

from desk.models import Base
from desk.models.base import UTCDateTime
from desk.rules.tables import SYNCED_TABLES

_ORDER = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


_PLANS: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[int, Any, bool]]]] = {}


def _plan(table, keys: tuple[str, ...], dialect):
    """The INSERT's SQL text and, for each column whose type has a bind processor (UTC text
    for datetimes, 0/1 for booleans; most columns have none), (its position, the processor,
    whether it is a UTCDateTime), made once per table: the driver gets the same values a
    compiled INSERT would hand it, without SQLAlchemy compiling or caching per call."""
    plan = _PLANS.get((table.name, keys))
    if plan is None:
        columns = ", ".join(f'"{k}"' for k in keys)
        sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(keys))})'
        processed = [(i, table.c[k].type.dialect_impl(dialect).bind_processor(dialect),
                      isinstance(table.c[k].type, UTCDateTime)) for i, k in enumerate(keys)]
        plan = _PLANS[(table.name, keys)] = (sql, [(i, p, is_time) for i, p, is_time in processed if p is not None])
    return plan


_COLUMNS: dict[type, tuple[Any, str, list[tuple[str, str, Any, bool, bool, bool]]]] = {}


def _columns(model: type) -> tuple[Any, str, list[tuple[str, str, Any, bool, bool, bool]]]:
    """Per mapped class, once: its table, the table's name as a plain str and, for every column,
    (attribute, column, default, default is callable, primary key, stamps origin_station),
    instead of walking the mapper on every save. The name goes into the capture's rows: the
    table's own (SQLAlchemy's quoted_name, a str subclass) sent sqlite3 looking for an adapter
    through SQLAlchemy's __getattr__ for every parameter."""
    plan = _COLUMNS.get(model)
    if plan is None:
        mapper = inspect(model)
        table = mapper.local_table
        plan = _COLUMNS[model] = table, str(table.name), [
            (attr.key, col.name, col.default.arg if col.default is not None else None,
             col.default is not None and col.default.is_callable, col.primary_key,
             attr.key == "origin_station" and table.name in SYNCED_TABLES)
            for attr in mapper.column_attrs for col in attr.columns[:1]]
    return plan


def _bound(row: dict[str, Any], keys: tuple[str, ...], processed, times: dict[datetime, Any]) -> tuple:
    """A row's parameters as the columns' bind processors hand them to the driver; a
    UTCDateTime's text made once per moment (`times`), not once per column that holds it."""
    values = [row[k] for k in keys]
    for i, processor, is_time in processed:
        value = values[i]
        if is_time and value is not None:
            text = times.get(value)
            if text is None:
                text = times[value] = processor(value)
            values[i] = text
        else:
            values[i] = processor(value)
    return tuple(values)


def insert_rows(tx, store, rows: list[tuple[type, SimpleNamespace]]) -> None:
    """Insert new rows: (mapped class, the row's values by attribute), see the module's note."""
    if not rows:
        return
    # Column defaults that read the clock take the Store's, as they would at a flush.
    context = SimpleNamespace(execution_options={"desk_clock": store.now})
    station = store.station().code
    by_table: dict[str, list[dict[str, Any]]] = {}
    tables = {}
    captured: list[tuple[str, str, dict[str, Any]]] = []
    for model, obj in rows:
        table, table_name, columns = _columns(model)
        values = obj.__dict__
        row: dict[str, Any] = {}
        for key, name, default, is_callable, primary_key, stamps_origin in columns:
            value = values.get(key)
            if value is None:
                if default is not None:  # as the ORM does: None for a column with a default takes the default
                    value = default(context) if is_callable else default
                elif primary_key:
                    continue  # an integer key: SQLite's rowid (event.seq)
            if stamps_origin and not value:
                value = station  # what the capture's before_flush stamps
            row[name] = values[key] = value  # the row reads as written (search row, list row)
        by_table.setdefault(table_name, []).append(row)
        tables[table_name] = table
        captured.append((table_name, row.get("id"), row))
    dialect = tx.conn.dialect
    raw = tx.raw
    times: dict[datetime, Any] = {}  # a save's rows share a few moments (now, its deadlines)
    for name in sorted(by_table, key=lambda n: _ORDER[n]):
        table_rows = by_table[name]
        keys = tuple(table_rows[0])
        sql, processed = _plan(tables[name], keys, dialect)
        params = [_bound(row, keys, processed, times) for row in table_rows]
        if len(params) == 1:
            raw.execute(sql, params[0])
        else:
            raw.executemany(sql, params)
    store.capture_inserts(tx, captured)
