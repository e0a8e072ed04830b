"""Opening the local SQLite file: pragmas, write transactions, migrations with a copy first."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
from importlib import resources
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from desk.errors import DeskError, SchemaTooNew
from desk.i18n import M_

_MESSAGES = (
    M_("store_locked", "The database is encrypted and opens with a log-in: add --user NAME (the password from $DESK_PASSWORD or typed when asked)."),
)


class StoreLocked(DeskError):
    """The encrypted database is not unlocked yet."""

MIGRATIONS_PACKAGE = "desk.migrations"

# An encrypted station file starts with SQLCipher's random salt, not this header.
SQLITE_HEADER = b"SQLite format 3\x00"


def cipher_module():
    """The SQLCipher binding (sqlcipher3: SQLCipher 4 with FTS5 and JSON, wheels for Linux and
    Windows); imported on first use so a plain file's start-up does not pay for it."""
    from sqlcipher3 import dbapi2

    return dbapi2


def driver_errors() -> tuple[type[BaseException], ...]:
    """sqlite3.Error and, once the binding is loaded, its own Error (a separate class)."""
    import sys

    mod = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, mod.Error) if mod is not None else (sqlite3.Error,)


def is_plain_sqlite(path: Path | str) -> bool:
    """True when the file starts with SQLite's plain header (readable by anyone). A file this
    process has connections on is answered from them, never opened again (see _OPEN_FILES)."""
    held = _OPEN_FILES.get(_key_slot(path)) if str(path) != ":memory:" else None
    if held is not None and held[1] > 0:
        return held[0]
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def key_pragma(key: bytes) -> str:
    # A raw 256-bit key (x'…'): SQLCipher uses it as it is, without its own PBKDF2 round on
    # every connection (the key is random, not a password: Argon2id already guards the wraps).
    if len(key) != 32:
        raise ValueError("the data key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


# The HMAC that authenticates every page (AES-256 encrypts it either way). Files the desk
# encrypts get HMAC-SHA256: as sound, and ~4 µs a page cheaper on CPUs with SHA-256
# instructions and none for SHA-512 (most since 2017-2021; benchmarks/README, crypt6).
# Files encrypted before keep SQLCipher 4's default HMAC-SHA512 and are opened with it.
HMAC_NEW = "HMAC_SHA256"
HMAC_OLD = "HMAC_SHA512"
HMACS = (HMAC_NEW, HMAC_OLD)
# The HMAC each encrypted file (by path) and each data key (by a digest: a locked store forgets
# its key) was last opened with: the first guess for the next connection (a wrong guess costs a
# second connection, and SQLCipher logs it).
_HMAC_OF_PATH: dict[str, str] = {}
_HMAC_OF_KEY: dict[bytes, str] = {}


def _key_id(key: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(b"desk hmac guess " + key).digest()


def remember_hmac(path: Path | str, hmac: str | None) -> None:
    """What the key file beside `path` records (desk.services.keyfile), before it is opened."""
    if hmac in HMACS:
        _HMAC_OF_PATH[_key_slot(path)] = hmac


def file_hmac(path: Path | str, key: bytes | None = None) -> str:
    """The HMAC the encrypted file at `path` was found to use (else the key's, else what the
    key file beside it records, else the new one)."""
    return (_HMAC_OF_PATH.get(_key_slot(path)) or (key and _HMAC_OF_KEY.get(_key_id(key)))
            or _hmac_in_key_file(path) or HMAC_NEW)


KEY_FILE_FORMAT, KEY_FILE_SUFFIX = "desk-keyfile", ".keys"  # desk.services.keyfile's file beside each database


def recorded_hmac(key_file: dict) -> str | None:
    """The page HMAC a key file's contents record (version 1 records none: SQLCipher 4's
    default); None when it is not a key file or names an HMAC the desk does not know."""
    if not isinstance(key_file, dict) or key_file.get("format") != KEY_FILE_FORMAT:
        return None
    hmac = key_file.get("hmac") or HMAC_OLD
    return hmac if hmac in HMACS else None


def _hmac_in_key_file(path: Path | str) -> str | None:
    """What the key file beside `path` records, for a process handed the data key without
    reading that file: the suggestions' training child guessed HMAC-SHA256 first on an older
    station's file, and SQLCipher wrote three error lines into the desk's log at every start."""
    import json

    try:
        with open(f"{path}{KEY_FILE_SUFFIX}", encoding="utf-8") as fh:
            hmac = recorded_hmac(json.load(fh))
    except (OSError, ValueError):
        return None
    if hmac is not None:
        _HMAC_OF_PATH[_key_slot(path)] = hmac
    return hmac


def keyed_connect(opener: Callable[[], object], path: Path | str, key: bytes, hmac: str | None):
    """A connection from opener() with the key and the file's HMAC set, proven by reading the
    schema. Without `hmac` (an existing file) the recorded one is tried first, then the other
    once: SQLCipher cannot change a connection's setting after a failed read. With it (a new
    file, or a copy that must keep its source's setting) only that one."""
    first = hmac or file_hmac(path, key)
    tries = [first] if hmac else [first, *(h for h in HMACS if h != first)]
    while True:
        algorithm = tries.pop(0)
        conn = opener()
        try:
            conn.execute(key_pragma(key))
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {algorithm}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except driver_errors() as exc:
            conn.close()
            if not tries or "not a database" not in str(exc).lower():
                raise
            continue
        _HMAC_OF_PATH[_key_slot(path)] = _HMAC_OF_KEY[_key_id(key)] = algorithm
        return conn


ENCRYPTED_CACHE_KIB = 64 * 1024
# integrity_check walks every index against its table: with SQLite's small default cache an
# encrypted file's pages are decrypted again and again (a 740 MB file: 136 s; 128 MB of cache:
# 95 s against the plain file's 55 s; 512 MB: 43 s against 33 s, measured alternately). SQLite
# fills the cache only as pages are read and frees it when the check's connection closes.
# The floor of backup_checks.check_cache_kib, which sizes the cache to the file when RAM allows.
ENCRYPTED_CHECK_CACHE_KIB = 512 * 1024

# Data keys of the files this process has unlocked, so the path-based helpers (backups, the
# restore checks, keep_count) can open the same file. Never written anywhere.
_KEYS: dict[str, bytes] = {}


def _key_slot(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(os.fspath(path)))


# POSIX record locks belong to a process and a file: closing *any* descriptor of the file drops
# every lock the process holds on it, SQLite's too. Reading the header of a file our own engine
# has open (a backup's live_key, a second Store.open) would release the shared lock that tells
# another process's SQLite we are still there; that process's last close (the OS timer's
# `desk sync`) then checkpoints and deletes the write-ahead log under us, and our next commits
# go to a deleted file and are lost. So while connections are open, their kind answers.
_OPEN_FILES: dict[str, list] = {}  # slot -> [plain, number of open connections]
_OPEN_FILES_LOCK = threading.Lock()  # the window's worker thread opens connections too
# Called with a file's slot when this process's last engine connection to it closed (the
# backups' page copy then closes the descriptor it kept open: no lock of ours is left to drop).
ON_LAST_CLOSE: list[Callable[[str], None]] = []


def _track_connections(engine: Engine, path: Path | str, *, plain: bool) -> None:
    slot = _key_slot(path)

    @event.listens_for(engine, "connect")
    def _opened(_dbapi_conn, _record) -> None:  # after _on_connect: only connections that opened
        with _OPEN_FILES_LOCK:
            held = _OPEN_FILES.setdefault(slot, [plain, 0])
            held[0], held[1] = plain, held[1] + 1

    def _closed(*_args) -> None:
        last = False
        with _OPEN_FILES_LOCK:
            held = _OPEN_FILES.get(slot)
            if held is not None:
                held[1] -= 1
                if held[1] <= 0:
                    del _OPEN_FILES[slot]
                    last = True
        if last:
            for hook in ON_LAST_CLOSE:
                hook(slot)

    event.listen(engine, "close", _closed)
    event.listen(engine, "close_detached", _closed)


def remember_key(path: Path | str, key: bytes | None) -> None:
    if key is None:
        _KEYS.pop(_key_slot(path), None)
    else:
        _KEYS[_key_slot(path)] = key


def key_for(path: Path | str) -> bytes | None:
    return _KEYS.get(_key_slot(path))


def connect(path: Path | str, *, key: bytes | None = None, readonly: bool = False, timeout: float = 30,
            hmac: str | None = None):
    """A DB-API connection to a plain (key None: the standard sqlite3) or encrypted file (the
    key and the file's HMAC are set before anything else is read; `hmac`: see keyed_connect)."""
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout)
    return keyed_connect(lambda: cipher_module().connect(uri, uri=True, timeout=timeout), path, key, hmac)


class KeyHolder:
    """The data key of one encrypted file, filled in when someone unlocks it (log-in, recovery
    key, machine key); the engine asks it on every new connection."""

    def __init__(self, key: bytes | None = None):
        self.key = key


SYNCHRONOUS_LEVELS = ("FULL", "NORMAL")


def synchronous_level() -> str:
    """FULL: every commit reaches the disk before the save returns. With NORMAL (WAL) a power
    cut can take back the last visits after their slips were printed, and the next visitor
    would get the same ticket number again; the price of FULL is one fsync of the WAL per
    commit. DESK_SQLITE_SYNCHRONOUS=NORMAL is for the test suite (thousands of throw-away
    files, no power cuts) and nothing else."""
    level = os.environ.get("DESK_SQLITE_SYNCHRONOUS", "FULL").upper()
    return level if level in SYNCHRONOUS_LEVELS else "FULL"


def make_engine(path: Path | str, keys: KeyHolder | None = None) -> Engine:
    """An engine whose connections use WAL and enforce foreign keys; see writer_engine.
    With `keys` the file is encrypted: SQLCipher's binding, the key set first on every
    connection (before the key is known, connecting raises StoreLocked)."""
    url = f"sqlite:///{path}" if str(path) != ":memory:" else "sqlite://"
    options: dict = {"connect_args": {"timeout": 30}}
    if str(path) != ":memory:":
        # The connection that was used last goes out first: after a save, the next one finds
        # its own pages still in its cache. With the default (first in, first out) a save's
        # nested read made two connections take turns, and each found its cache stale after
        # the other's commit, reading (and with SQLCipher decrypting) its pages again:
        # a save at 200,000 orders, p50 29 -> 20 ms encrypted, 21 -> 16 ms plain.
        options["pool_use_lifo"] = True
    if keys is None:
        engine = create_engine(url, **options)
    else:
        engine = create_engine(url, module=cipher_module(), **options)

    if keys is not None:
        @event.listens_for(engine, "do_connect")
        def _keyed_connect(dialect, _record, cargs, cparams):
            if keys.key is None:
                raise StoreLocked("store_locked")
            return keyed_connect(lambda: dialect.connect(*cargs, **cparams), path, keys.key, None)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        if keys is not None:
            # Every page read from the disk is decrypted and its HMAC checked: a larger cache
            # keeps the queue's and dashboard's pages decrypted (at a million orders the queue's
            # count walks an index larger than 16 MB: p95 211 ms against the plain 47 ms; with
            # 64 MB, 8-21 ms against 17-47 ms). Filled only as pages are read.
            dbapi_conn.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
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
        # On the driver itself: SQLAlchemy's execution of a statement cost more than SQLite's BEGIN.
        begin = "BEGIN IMMEDIATE" if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE" else "BEGIN"
        conn.connection.driver_connection.execute(begin)

    if str(path) != ":memory:":
        _track_connections(engine, path, plain=keys is None)
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


def open_database(path: Path | str, *, migrate: bool = True, keys: KeyHolder | None = None,
                  before_upgrade: Callable[[Path, str | None], object] | None = None) -> Engine:
    """Open (creating if needed) and bring the schema to head. An existing database about to be
    upgraded is first handed to `before_upgrade(path, current_revision)`: the start-up service
    passes the backup (desk.services.backup.before_migration), so "back up, then upgrade" is
    sequenced above this layer, which knows nothing of backups. With `keys`: an encrypted file
    (see prepare, which an unlock calls)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    return prepare(make_engine(path, keys), path, migrate=migrate, existed=existed, before_upgrade=before_upgrade)


def prepare(engine: Engine, path: Path, *, migrate: bool = True, existed: bool = True,
            before_upgrade: Callable[[Path, str | None], object] | None = None) -> Engine:
    """Bring an engine's file to the head schema (an encrypted file: once it is unlocked)."""
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




def driver_connection(bind):
    """The DB-API connection under a Session's or Connection's transaction (begun if it was
    not), for the plain SQL a save runs: SQLAlchemy's work per statement (execution context,
    result wrapping, events) cost more CPU than SQLite's own. Its errors are the driver's;
    the Store translates those as it does SQLAlchemy's. Given a DB-API connection, that one."""
    if not hasattr(bind, "get_bind") and not hasattr(bind, "exec_driver_sql"):
        return bind  # the DB-API connection itself, handed on by a save that found it once
    conn = bind.connection() if hasattr(bind, "get_bind") else bind  # a Session: its connection, begun
    if not conn.in_transaction():
        conn.begin()
    return conn.connection.driver_connection
