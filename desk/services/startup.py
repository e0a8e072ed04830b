"""Opening the database at start-up, turning every way it can fail into a typed refusal that
says what to do; and the guard that keeps a second desk window off the same file.

Nothing here ever writes over the database file: a damaged file stays as it is (restore moves
it aside, see desk.services.backup), a missing one is not silently re-created when backups show
there was one, and a file from a newer desk is not "upgraded" backwards.

Qt-free: the window calls open_store() and InstanceLock before it shows anything; the CLI's
Context.store uses open_store() too, so `desk …` prints the same messages.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from desk.i18n import _
from desk.errors import DeskError

# Below this much free space the desk refuses to start: the write-ahead log, the daily backup
# and a migration all need room, and failing half-way through a clerk's save is worse.
MIN_FREE_BYTES = 2_000_000
PROBE_TIMEOUT_SECONDS = 5
from desk import db
from desk.services import backup
from desk.services.store import Store
from desk.services.database_errors import (  # noqa: F401 - the refusals, importable from here too
    AlreadyRunning, DatabaseDamaged, DatabaseFolderMissing, DatabaseLocked, DatabaseMissing, DatabaseReadOnly,
    DiskFull, SchemaTooNew, StartupError, _MissingWithHint, _mb, damaged, disk_full, restore_hint, translate,
)


def encrypted_file(path: Path) -> bool:
    """Not SQLite's plain header and a key file beside it: a station file under SQLCipher.
    (Without a key file the same bytes are refused as damaged, with what to put back.)"""
    from desk.db import is_plain_sqlite
    from desk.services.keyfile import path_for

    if is_plain_sqlite(path):
        return False
    if path_for(path).exists():
        return True
    from desk.config import backup_dir_for

    if any(backup_dir_for(path).glob(f"{path.stem}-*.sqlite3.keys")):
        from desk.services.keyfile import KeyFileError

        # Its backups are encrypted: far more likely a lost key file than a damaged database.
        raise KeyFileError("keyfile_missing", path=str(path), keys=str(path_for(path)))
    return False


def check_folder(path: Path, *, create_folder: bool) -> None:
    folder = path.parent
    if not folder.is_dir():
        if not create_folder:
            raise DatabaseFolderMissing("db_folder_missing", folder=str(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise (translate(exc, path) or DatabaseFolderMissing("db_folder_missing", folder=str(folder))) from None
    if not os.access(folder, os.W_OK):
        # SQLite must create the -wal and -shm files next to the database.
        raise DatabaseReadOnly("db_read_only", path=str(path),
                               detail=_("the folder {folder} is not writable").format(folder=folder))


def check_space(path: Path) -> None:
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return
    if free < MIN_FREE_BYTES:
        raise DiskFull("disk_full", folder=str(path.parent), free=_mb(free))


def check_file(path: Path, *, thorough: bool = True) -> None:
    """The file is there, writable, an SQLite file, sound, not locked and not from a newer
    desk. Raises the matching StartupError.

    thorough: PRAGMA quick_check reads every page (about 1 s for a year of a busy station,
    93 MB, on a loaded 2-core machine): right for the window's start-up, too slow for every
    CLI command, which reads the schema only and relies on translate() for damage found later."""
    if not os.access(path, os.W_OK):
        raise DatabaseReadOnly("db_read_only", path=str(path),
                               detail=_("the file is not writable"))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise (translate(exc, path) or damaged(path, exc.strerror or str(exc))) from None
    if header != db.SQLITE_HEADER:
        raise damaged(path, _("not an SQLite database file"))
    try:
        conn = sqlite3.connect(path, timeout=PROBE_TIMEOUT_SECONDS)
        try:
            if thorough:
                problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
                if problems != ["ok"]:
                    raise damaged(path, "; ".join(problems[:2]))
            else:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
            revision = None
            if has_version:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            # Can we take the write lock? (Another program holding it for seconds is a lock,
            # not a busy moment of the window, which holds it for milliseconds.)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise (translate(exc, path) or damaged(path, str(exc))) from None
    if revision is not None and revision not in db.known_revisions():
        raise SchemaTooNew("schema_too_new", path=str(path), revision=revision)


def open_database(path: Path | str, **kw):
    """Back up, then upgrade (as Vorta's init_db does): the engine of `path` at the current
    schema, an existing file copied aside first when it is about to be upgraded."""
    return db.open_database(path, before_upgrade=backup.before_migration, **kw)


def open_store(path: Path | str, *, clock: Callable[[], datetime] | None = None, create_folder: bool = False,
               daily_backup: bool = False, thorough: bool = True):
    """The Store for `path`, or a StartupError that says what is wrong and what to do.

    create_folder: make a missing parent folder (first run in the default data folder); for a
    path someone chose, a missing folder usually means a disconnected drive, so it is refused.
    daily_backup: make the day's automatic backup once the file is known to be sound.
    thorough: check every page at start-up (see check_file); the CLI passes False."""
    path = Path(path).expanduser()
    check_folder(path, create_folder=create_folder)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and backup.list_backups(path):
        raise _MissingWithHint("db_missing", path=str(path))
    check_space(path)
    if exists and encrypted_file(path):
        # Nothing inside can be checked before someone unlocks it (the log-in does, then
        # the schema is brought to head); the key file must be there and readable.
        from desk.services.keyfile import KeyFile, path_for

        if not os.access(path, os.W_OK):
            raise DatabaseReadOnly("db_read_only", path=str(path), detail=_("the file is not writable"))
        KeyFile.load(path_for(path), db_path=path)
        return Store.open_encrypted(path, clock=clock, before_upgrade=backup.before_migration)
    if exists:
        check_file(path, thorough=thorough)
    try:
        store = Store.open(path, clock=clock, before_upgrade=backup.before_migration)
    except Exception as exc:
        typed = translate(exc, path)
        if typed is None:
            raise
        raise typed from None
    if daily_backup and store.is_initialised():
        try:
            backup.daily_backup(store)
        except DeskError:
            # A failed daily backup must not keep the desk closed; the next start tries again.
            pass
    return store


# One window per database file (its own module: the window takes the lock before it imports
# anything of the database side).
from desk.services.instance_lock import InstanceLock  # noqa: E402,F401
