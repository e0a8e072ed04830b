"""Small helpers over sync_state (key/value) used inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from desk.sync import schema


def get(conn, key: str, default: str | None = None) -> str | None:
    value = conn.execute(select(schema.state.c.value).where(schema.state.c.key == key)).scalar()
    return default if value is None else value


def put(conn, key: str, value: str) -> None:
    res = conn.execute(update(schema.state).where(schema.state.c.key == key).values(value=value))
    if res.rowcount == 0:
        conn.execute(insert(schema.state).values(key=key, value=value))
