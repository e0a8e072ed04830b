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

from sqlalchemy import inspect
from sqlalchemy.orm import Session

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
        mapper = inspect(obj).mapper
        table = mapper.local_table
        values = obj.__dict__
        row: dict[str, Any] = {}
        for attr in mapper.column_attrs:
            col = attr.columns[0]
            value = values.get(attr.key)
            if value is not None:
                pass
            elif col.default is not None:  # as the ORM does: None for a column with a default takes the default
                value = col.default.arg(context) if col.default.is_callable else col.default.arg
            elif col.primary_key:
                continue  # an integer key: SQLite's rowid (event.seq)
            if attr.key == "origin_station" and not value and table.name in SYNCED_TABLES:
                value = station  # what the capture's before_flush stamps
            row[col.name] = value
        session.expunge(obj)
        for key, value in row.items():  # the object reads as the row now written (make_row etc.)
            setattr(obj, mapper.get_property_by_column(table.c[key]).key, value)
        by_table.setdefault(table.name, []).append(row)
        tables[table.name] = table
        captured.append((table.name, row.get("id"), row))
    conn = session.connection()
    for name in sorted(by_table, key=lambda n: _ORDER[n]):
        rows = by_table[name]
        sql, keys, processors = _plan(tables[name], tuple(rows[0]), conn.dialect)
        params = [tuple(p(row[k]) if p else row[k] for k, p in zip(keys, processors)) for row in rows]
        if len(params) == 1:
            conn.exec_driver_sql(sql, params[0])
        else:
            conn.exec_driver_sql(sql, params)
    store.capture_inserts(session, captured)

