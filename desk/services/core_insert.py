"""Write a session's new ORM objects with Core INSERTs instead of the unit of work.

Saving a visit builds its rows as ORM objects (the shared helpers - events, dispatch, answers -
work on them) but an ORM flush costs several times the SQL it sends: per-object bookkeeping,
dependency sorting, attribute history, post-fetch. Here every new object's column values are
completed with the columns' own defaults, inserted with one executemany per table (in the
metadata's dependency order, each table's rows in the order they were added), captured for
sync with the same clock and outbox rows a flush would write, and taken out of the session so
the commit does not insert them again. Objects already in the database that were changed
(a returning visitor's new details) are left to the ordinary flush."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session, make_transient
from sqlalchemy.orm.attributes import instance_state, set_committed_value

from desk.db import driver_connection
from desk.models import Base
from desk.rules.tables import SYNCED_TABLES

_ORDER = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


_PLANS: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...], list]] = {}


def _plan(table, keys: tuple[str, ...], dialect):
    """The INSERT's SQL text and each column's bind processor (the column type's own: UTC
    text for datetimes, 0/1 for booleans), made once per table: the driver gets the same
    values a compiled INSERT would hand it, without SQLAlchemy compiling or caching per call."""
    plan = _PLANS.get((table.name, keys))
    if plan is None:
        columns = ", ".join(f'"{k}"' for k in keys)
        sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(keys))})'
        plan = _PLANS[(table.name, keys)] = (sql, keys, [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys])
    return plan


_COLUMNS: dict[Any, list[tuple[str, str, Any, bool, bool, bool]]] = {}


def _columns(mapper, table) -> list[tuple[str, str, Any, bool, bool, bool]]:
    """Per mapped class, once: (attribute, column, default, default is callable, primary key,
    stamps origin_station) for every column, instead of walking the mapper on every save."""
    plan = _COLUMNS.get(mapper)
    if plan is None:
        plan = _COLUMNS[mapper] = [
            (attr.key, col.name, col.default.arg if col.default is not None else None,
             col.default is not None and col.default.is_callable, col.primary_key,
             attr.key == "origin_station" and table.name in SYNCED_TABLES)
            for attr in mapper.column_attrs for col in attr.columns[:1]]
    return plan


def insert_pending(session: Session, store) -> None:
    """Insert every pending new object of `session` (see the module's note)."""
    pending = list(session.new)
    if not pending:
        return
    # Column defaults that read the clock take the Store's, as they would at a flush.
    context = SimpleNamespace(execution_options={"desk_clock": store.now})
    station = store.station().code
    by_table: dict[str, list[dict[str, Any]]] = {}
    tables = {}
    captured: list[tuple[str, str, dict[str, Any]]] = []
    for obj in pending:
        mapper = instance_state(obj).mapper
        table = mapper.local_table
        values = obj.__dict__
        row: dict[str, Any] = {}
        for key, name, default, is_callable, primary_key, stamps_origin in _columns(mapper, table):
            value = values.get(key)
            if value is None:
                if default is not None:  # as the ORM does: None for a column with a default takes the default
                    value = default(context) if is_callable else default
                elif primary_key:
                    continue  # an integer key: SQLite's rowid (event.seq)
            if stamps_origin and not value:
                value = station  # what the capture's before_flush stamps
            row[name] = value
            if value is not values.get(key):
                # The object reads as the row now written (make_row etc.); not a change to flush.
                set_committed_value(obj, key, value)
        make_transient(obj)  # out of the session without expunge's cascade walk: the flush skips it
        by_table.setdefault(table.name, []).append(row)
        tables[table.name] = table
        captured.append((table.name, row.get("id"), row))
    dialect = session.get_bind().dialect
    raw = driver_connection(session)
    for name in sorted(by_table, key=lambda n: _ORDER[n]):
        rows = by_table[name]
        sql, keys, processors = _plan(tables[name], tuple(rows[0]), dialect)
        params = [tuple(p(row[k]) if p else row[k] for k, p in zip(keys, processors)) for row in rows]
        if len(params) == 1:
            raw.execute(sql, params[0])
        else:
            raw.executemany(sql, params)
    store.capture_inserts(session, captured)

