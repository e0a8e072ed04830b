"""The refusals for a database that cannot be used as it is (missing, damaged, locked, full
disk, written by a newer desk), each with what to do; and translate(), which turns an SQLite or
OS error into one of them. Below the Store (which translates its errors with it) and the
start-up service (which raises them before opening)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from desk.errors import DeskError, SchemaTooNew, StartupError  # noqa: F401 - raised by desk.db, so defined below it
from desk.i18n import M_, message
from desk.services.backup import latest_backup
from desk.services.instance_lock import AlreadyRunning  # noqa: F401 - one of the refusals

_MESSAGES = (
    M_("db_folder_missing", "The folder of the database “{folder}” does not exist (a disconnected drive or network share?). Reconnect it, or choose another database file with --db."),
    M_("db_missing", "The database file “{path}” is gone, but its backups folder has backups of it. To avoid starting an empty desk by mistake, none is created. {hint}"),
    M_("db_damaged", "The database file “{path}” is damaged ({detail}); Desk has not changed it. {hint}"),
    M_("db_locked", "The database “{path}” is locked by another program ({detail}). Close whatever is using it (another Desk on a shared drive, a backup tool) and try again."),
    M_("db_read_only", "The database “{path}” is read-only ({detail}); nothing could be saved. Check the write permission of the file and its folder and that the disk is not write-protected, or copy the database somewhere writable."),
    M_("disk_full", "The disk is full ({free} MB free in “{folder}”). Free some space (e.g. old backup files) and try again; the database was not changed."),
    M_("already_running", "Desk already has this database open on this computer (process {pid}, since {since}). Switch to the window that is open."),
    M_("hint_restore", "You can restore the latest backup ({made}): desk restore \"{backup}\""),
    M_("hint_no_backup", "No backup was found; ask your administrator."),
)


class DatabaseFolderMissing(StartupError):
    pass


class DatabaseMissing(StartupError):
    pass


class DatabaseDamaged(StartupError):
    pass


class DatabaseLocked(StartupError):
    pass


class DatabaseReadOnly(StartupError):
    pass


class DiskFull(StartupError):
    pass


def restore_hint(path: Path | str) -> str:
    """'restore the latest backup: desk restore "<file>"' in the current language, or a note
    that there is none. Recomputed on every str() of the error (language may change)."""
    latest = latest_backup(path)
    if latest is None:
        return message("hint_no_backup")
    return message("hint_restore", backup=str(latest.path), made=latest.made_at.strftime("%Y-%m-%d %H:%M"))


class _WithHint(StartupError):
    def __str__(self) -> str:
        self.params["hint"] = restore_hint(self.params["path"])
        return super().__str__()


class _DamagedWithHint(_WithHint, DatabaseDamaged):
    pass


class _MissingWithHint(_WithHint, DatabaseMissing):
    pass


def damaged(path: Path | str, detail: str) -> DatabaseDamaged:
    return _DamagedWithHint("db_damaged", path=str(path), detail=detail[:200])


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def disk_full(folder: Path | str) -> DiskFull:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    return DiskFull("disk_full", folder=str(folder), free=_mb(free))


def translate(exc: BaseException, path: Path | str) -> DeskError | None:
    """The typed refusal for an SQLite / OS error on the database, or None if it is none of
    the known conditions (a real bug, which should reach the error log)."""
    if isinstance(exc, DeskError):
        return exc
    path = Path(path)
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's exception
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return disk_full(path.parent)
        if orig.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseReadOnly("db_read_only", path=str(path), detail=orig.strerror or str(orig))
        return None
    from desk.db import driver_errors

    if not isinstance(orig, driver_errors()):  # the standard sqlite3's or SQLCipher's binding's
        return None
    text = str(orig).lower()
    if "full" in text:
        return disk_full(path.parent)
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly("db_read_only", path=str(path), detail=str(orig))
    if "locked" in text or "busy" in text:
        return DatabaseLocked("db_locked", path=str(path), detail=str(orig))
    if "not a database" in text or "malformed" in text or "corrupt" in text or "disk i/o" in text:
        return damaged(path, str(orig))
    if "unable to open" in text:
        if not path.parent.is_dir():
            return DatabaseFolderMissing("db_folder_missing", folder=str(path.parent))
        return DatabaseReadOnly("db_read_only", path=str(path), detail=str(orig))
    return None


# -- checks before the engine is made -----------------------------------------------------------
