"""The refusals for a database that cannot be used as it is (missing, damaged, locked, full
disk, written by a newer desk), each with what to do; and translate(), which turns an SQLite or
OS error into one of them. Below the Store (which translates its errors with it) and the
start-up service (which raises them before opening)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from desk.errors import DeskError, SchemaTooNew, StartupError  # noqa: F401 - raised by desk.db, so defined below it
from desk.i18n import message, register_messages
from desk.services.backup import latest_backup

register_messages({
    "db_folder_missing": (
        "找不到数据库所在的文件夹“{folder}”（移动硬盘或网络盘未连接？）。请接好该磁盘，或用 --db 指定其他数据库文件。",
        "The folder of the database “{folder}” does not exist (a disconnected drive or network share?). "
        "Reconnect it, or choose another database file with --db.",
    ),
    "db_missing": (
        "数据库文件“{path}”不见了，但备份文件夹里有它的备份。为免误建空库，本软件不会自动新建。{hint}",
        "The database file “{path}” is gone, but its backups folder has backups of it. To avoid starting an "
        "empty desk by mistake, none is created. {hint}",
    ),
    "db_damaged": (
        "数据库文件“{path}”已损坏（{detail}），本软件没有改动它。{hint}",
        "The database file “{path}” is damaged ({detail}); Desk has not changed it. {hint}",
    ),
    "db_locked": (
        "数据库“{path}”正被其他程序锁定（{detail}）。请关闭正在使用它的程序（例如另一台电脑上的全岗接待台或备份软件）后再试。",
        "The database “{path}” is locked by another program ({detail}). Close whatever is using it "
        "(another Desk on a shared drive, a backup tool) and try again.",
    ),
    "db_read_only": (
        "数据库“{path}”是只读的（{detail}），无法保存登记。请检查文件和文件夹的写权限、磁盘是否写保护，或把数据库复制到可写的位置。",
        "The database “{path}” is read-only ({detail}); nothing could be saved. Check the write permission of the "
        "file and its folder and that the disk is not write-protected, or copy the database somewhere writable.",
    ),
    "disk_full": (
        "磁盘已满（“{folder}”剩余 {free} MB）。请清理磁盘空间（例如删除旧的备份文件）后再试；数据库没有被改动。",
        "The disk is full ({free} MB free in “{folder}”). Free some space (e.g. old backup files) and try again; "
        "the database was not changed.",
    ),
    "already_running": (
        "全岗接待台已经在这台电脑上打开了这个数据库（进程 {pid}，{since} 起）。请切换到已打开的窗口。",
        "Desk already has this database open on this computer (process {pid}, since {since}). "
        "Switch to the window that is open.",
    ),
    "hint_restore": (
        "可以恢复最近的备份（{made}）：desk restore \"{backup}\"",
        "You can restore the latest backup ({made}): desk restore \"{backup}\"",
    ),
    "hint_no_backup": (
        "没有找到备份；请联系管理员。",
        "No backup was found; ask your administrator.",
    ),
})


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


class AlreadyRunning(StartupError):
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
