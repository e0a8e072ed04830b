"""Opening the local SQLite file: pragmas, write transactions, migrations with a copy first."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from desk.errors import SchemaTooNew

MIGRATIONS_PACKAGE = "desk.migrations"


SYNCHRONOUS_LEVELS = ("FULL", "NORMAL")


def synchronous_level() -> str:
    """FULL: every commit reaches the disk before the save returns. With NORMAL (WAL) a power
    cut can take back the last visits after their slips were printed, and the next visitor
    would get the same ticket number again; the price of FULL is one fsync of the WAL per
    commit. DESK_SQLITE_SYNCHRONOUS=NORMAL is for the test suite (thousands of throw-away
    files, no power cuts) and nothing else."""
    level = os.environ.get("DESK_SQLITE_SYNCHRONOUS", "FULL").upper()
    return level if level in SYNCHRONOUS_LEVELS else "FULL"


def make_engine(path: Path | str) -> Engine:
    """An engine whose connections use WAL and enforce foreign keys; see writer_engine."""
    url = f"sqlite:///{path}" if str(path) != ":memory:" else "sqlite://"
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA synchronous={synchronous_level()}")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock up front (see writer_engine); readers never block them.
        if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def writer_engine(engine: Engine) -> Engine:
    """The same pool, but transactions start with BEGIN IMMEDIATE, so two saves at once queue
    up on the busy timeout instead of one failing half-way when it upgrades its lock."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files(MIGRATIONS_PACKAGE)))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


@functools.lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the desk knows (a file at another one was
    written by a newer desk and must not be opened, let alone upgraded)."""
    graph = _script_graph()
    if graph is not None:
        return frozenset(graph[0])
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(resources.files(MIGRATIONS_PACKAGE)))
    return frozenset(rev.revision for rev in script.walk_revisions())


_REVISION_RE = re.compile(r"^revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION_RE = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(.+)$", re.M)


@functools.lru_cache(maxsize=1)
def _script_graph() -> tuple[set[str], set[str]] | None:
    """(revisions, down revisions) read from the migration files themselves, without importing
    Alembic (about a third of a second of start-up). None when anything looks unusual (a file
    it cannot read plainly): the callers then ask Alembic."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for entry in (resources.files(MIGRATIONS_PACKAGE) / "versions").iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("__"):
            continue
        source = entry.read_text(encoding="utf-8")
        revision, down = _REVISION_RE.findall(source), _DOWN_REVISION_RE.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0])
        downs.update(re.findall(r"['\"]([^'\"]+)['\"]", down[0]))
    return revisions, downs


def script_head() -> str | None:
    """The head revision named by the migration files, or None when there is not exactly one
    (or the files look unusual): the caller then asks Alembic."""
    graph = _script_graph()
    if graph is None:
        return None
    revisions, downs = graph
    heads = revisions - downs
    return next(iter(heads)) if len(heads) == 1 and downs <= revisions else None


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except OperationalError:  # no such table: a new file
            return None


def open_database(path: Path | str, *, migrate: bool = True,
                  before_upgrade: Callable[[Path, str | None], object] | None = None) -> Engine:
    """Open (creating if needed) and bring the schema to head. An existing database about to be
    upgraded is first handed to `before_upgrade(path, current_revision)`: the start-up service
    passes the backup (desk.services.backup.before_migration), so "back up, then upgrade" is
    sequenced above this layer, which knows nothing of backups."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    engine = make_engine(path)
    # Fast path for every day's start: the file is already at the head the files name.
    if migrate and existed:
        head = script_head()
        if head is not None and _stored_revision(engine) == head:
            return engine
    if migrate:
        current = current_revision(engine)
        head = head_revision(engine)
        if current != head:
            if current is not None and current not in known_revisions():
                engine.dispose()
                raise SchemaTooNew("schema_too_new", path=str(path), revision=current)
            if before_upgrade is not None and existed and (current is not None or inspect(engine).get_table_names()):
                before_upgrade(path, current)
            upgrade(engine)
    return engine


