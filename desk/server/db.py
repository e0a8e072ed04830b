"""The central database: PostgreSQL through psycopg 3 (or a SQLite file), Alembic-managed."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

MIGRATIONS_PACKAGE = "desk.server.migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:
            # One writer at a time, as the row-locked counter gives on PostgreSQL.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # psycopg prepares a statement run five times; PostgreSQL then may switch to a generic plan,
    # which for `table_name = $1 AND row_id IN ($2 … $1001)` walked every row of the table
    # (a catch-up's batches slowed as the table grew: 82 s instead of ~20 for 100,000 changes).
    # Custom plans every time: the planning is cheap beside the batch.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                         connect_args={"options": "-c plan_cache_mode=force_custom_plan"})


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files(MIGRATIONS_PACKAGE)))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def open_central(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    from desk.server.service import seed_reference

    seed_reference(engine)
    return engine


def schema_revision(engine: Engine) -> str | None:
    """The central schema's Alembic revision, None before the first migrate."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
