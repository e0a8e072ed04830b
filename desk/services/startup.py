"""Opening the database at start-up, turning every way it can fail into a typed refusal that
says what to do; and the guard that keeps a second desk window off the same file.

Nothing here ever writes over the database file: a damaged file stays as it is (restore moves
it aside, see desk.services.backup), a missing one is not silently re-created when backups show
there was one, and a file from a newer desk is not "upgraded" backwards.

Qt-free: the window calls open_store() and InstanceLock before it shows anything; the CLI's
Context.store uses open_store() too, so `desk …` prints the same messages.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from desk.i18n import pick, register_messages
from desk.services.errors import DeskError

# Below this much free space the desk refuses to start: the write-ahead log, the daily backup
# and a migration all need room, and failing half-way through a clerk's save is worse.
MIN_FREE_BYTES = 2_000_000
PROBE_TIMEOUT_SECONDS = 5

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
    "schema_too_new": (
        "数据库“{path}”由更新版本的全岗接待台创建（数据库版本 {revision}），本版本不能打开它。请安装最新版本；数据库没有被改动。",
        "The database “{path}” was written by a newer Desk (schema {revision}); this version cannot open it. "
        "Install the latest Desk; the database was not changed.",
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


class StartupError(DeskError):
    """The database cannot be used as it is; the message says what to do."""


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


class SchemaTooNew(StartupError):
    pass


class AlreadyRunning(StartupError):
    pass


def restore_hint(path: Path | str) -> str:
    """'restore the latest backup: desk restore "<file>"' in the current language, or a note
    that there is none. Recomputed on every str() of the error (language may change)."""
    from desk.i18n import message
    from desk.services.backup import latest_backup

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

    if not isinstance(orig, driver_errors()):
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
                               detail=pick(f"文件夹 {folder} 不可写", f"the folder {folder} is not writable"))


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
    from desk.db import SQLITE_HEADER, known_revisions

    if not os.access(path, os.W_OK):
        raise DatabaseReadOnly("db_read_only", path=str(path),
                               detail=pick("文件不可写", "the file is not writable"))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise (translate(exc, path) or damaged(path, exc.strerror or str(exc))) from None
    if header != SQLITE_HEADER:
        raise damaged(path, pick("不是 SQLite 数据库文件", "not an SQLite database file"))
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
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew("schema_too_new", path=str(path), revision=revision)


def open_store(path: Path | str, *, clock: Callable[[], datetime] | None = None, create_folder: bool = False,
               daily_backup: bool = False, thorough: bool = True):
    """The Store for `path`, or a StartupError that says what is wrong and what to do.

    create_folder: make a missing parent folder (first run in the default data folder); for a
    path someone chose, a missing folder usually means a disconnected drive, so it is refused.
    daily_backup: make the day's automatic backup once the file is known to be sound.
    thorough: check every page at start-up (see check_file); the CLI passes False."""
    from desk.services import backup
    from desk.services.store import Store

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
            raise DatabaseReadOnly("db_read_only", path=str(path), detail=pick("文件不可写", "the file is not writable"))
        KeyFile.load(path_for(path), db_path=path)
        return Store.open_encrypted(path, clock=clock)
    if exists:
        check_file(path, thorough=thorough)
    try:
        store = Store.open(path, clock=clock)
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


# -- one window per database file -----------------------------------------------------------------

class InstanceLock:
    """An exclusive OS lock on `<database>.lock`, held while a window has the database open.

    Why an OS file lock (fcntl.flock / msvcrt.locking) and not SQLite's own locking:
    SQLite's locks only live for a transaction, and an exclusive SQLite lock would also shut out
    the CLI and the nightly sync, which may use the file while the window is open (WAL lets
    them). A PID file alone goes stale when the desk is killed or the power fails; an OS lock
    is released by the kernel when the process dies, however it dies, so a crash never leaves
    the desk "already running". The file itself is never deleted (deleting a lock file races
    with a second process locking the old inode); it just holds who has it, for the message.
    """

    def __init__(self, db_path: Path | str):
        self.path = Path(f"{Path(db_path).expanduser()}.lock")
        self._fh = None

    def acquire(self) -> "InstanceLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            _lock(fh)
        except OSError:
            try:
                fh.seek(0)
                holder = fh.read(200).split()
            except OSError:  # Windows: the holder's locked byte cannot be read
                holder = []
            fh.close()
            pid = holder[0] if holder else "?"
            since = holder[2].replace("T", " ")[:16] if len(holder) > 2 else "?"
            raise AlreadyRunning("already_running", pid=pid, since=since) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} {socket.gethostname()} {datetime.now().isoformat(timespec='seconds')}\n")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Lock a byte past the text, so a second instance can still read who holds the lock.
    def _lock(fh) -> None:
        fh.seek(4096)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(4096)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
