"""Backups of the local database file: made with SQLite's online backup API (consistent while
the window keeps writing), kept in `backups/` next to the file, rotated per kind, restored only
from a file that passes PRAGMA integrity_check and is a desk database.

Kinds of backup (the middle part of the file name):
  manual          `desk backup` or the window's menu
  daily           the first start-up (or scheduler run) of a local day: daily_backup()
  before-sync     before_sync(), called by the sync before it touches anything
  before-upgrade  before a schema migration (desk.services.startup opens a file through db.open_database with before_migration() as the step before an upgrade)
  before-restore  the file a restore replaced: a restore never loses the original
Rotation keeps the newest `backup_keep` (settings) files of each kind, so a burst of one kind
never pushes out the others.

Qt-free: the window calls these from its database worker.
"""

from __future__ import annotations

import errno
import glob
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desk.config import backup_dir_for
from desk.db import SQLITE_HEADER, connect, driver_errors, file_hmac, is_plain_sqlite, key_for, known_revisions  # noqa: F401
from desk.errors import ValidationError
from desk.i18n import M_
from desk.rules.permissions import Permission, require
from desk.services import backup_apart, settings
from desk.services.audit import record
from desk.services.settings import DEFAULTS
# A file's soundness checks live beside; their names stay importable from here.
from desk.services.backup_checks import BackupError, REQUIRED_TABLES, check_restorable, integrity_problem  # noqa: F401

log = logging.getLogger(__name__)

_MESSAGES = (
    M_("backup_no_space", "Not enough disk space to back up to “{path}” (about {need} MB needed, {free} MB free). Free some space or choose another place (--out)."),
    M_("backup_failed", "The backup to “{path}” failed: {detail}. The database itself is untouched."),
    M_("restore_same_file", "A database cannot be restored from itself."),
    M_("restore_in_use", "The database is open in another Desk window (process {pid}). Close it before restoring."),
)

_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
# <stem>-<kind>-<stamp>.sqlite3, kind may itself contain dashes (before-upgrade-0001_…).
_NAME_RE = re.compile(r"^(?P<stem>.+?)-(?P<kind>manual|daily|before-sync|before-restore|before-upgrade(?:-[^-]+)?)"
                      r"-(?P<stamp>\d{8}-\d{6}-\d{6})\.sqlite3$")
KINDS = ("manual", "daily", "before-sync", "before-upgrade", "before-restore")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # one of KINDS
    made_at: datetime  # aware, from the file name (local wall clock of the machine)
    size: int


# -- making backups -----------------------------------------------------------------------------

def backup_dir(db_path: Path | str) -> Path:
    return backup_dir_for(Path(db_path))


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).astimezone().strftime(_STAMP_FORMAT)


def create_backup(db_path: Path | str, *, kind: str = "manual", out: Path | str | None = None,
                  keep: int | None = None, now: datetime | None = None) -> Path:
    """Copy the live database with SQLite's online backup API to `out` (or the backups folder),
    check the copy, and rotate that kind of backup. Returns the new file's path.

    The copy is written to a temporary name first and renamed when complete, so a crash or a
    full disk never leaves a half backup that looks like a good one."""
    db_path = Path(db_path)
    if out is None:
        moment = now or datetime.now(timezone.utc)
        target = backup_dir(db_path) / f"{db_path.stem}-{kind}-{_stamp(moment)}.sqlite3"
        while target.exists():  # two backups within one microsecond (or a frozen test clock)
            moment += timedelta(microseconds=1)
            target = backup_dir(db_path) / f"{db_path.stem}-{kind}-{_stamp(moment)}.sqlite3"
    else:
        target = Path(out).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    if out is None:
        _sweep_stale_partials(target.parent, db_path.stem)
    _check_space(db_path, target)
    partial = target.with_name(target.name + ".partial")
    key = live_key(db_path)
    try:
        if _db_size(db_path) >= backup_apart.APART_BYTES:  # the window's process left alone
            problem = backup_apart.run(_copy_checked, db_path, partial, key, target=str(target))
        else:
            problem = _copy_checked(db_path, partial, key)
        if problem:
            raise BackupError("backup_failed", path=str(target), detail=problem)
        if key is not None:
            # The key file goes first: an encrypted backup without one is unreadable for good.
            _copy_keyfile(db_path, target)
        os.replace(partial, target)
    except driver_errors() as exc:
        _translate_write_error(exc, target)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise BackupError("backup_no_space", path=str(target), need=_mb(_db_size(db_path)),
                              free=_mb(_free(target.parent))) from None
        raise BackupError("backup_failed", path=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        if partial.exists():
            partial.unlink()
    if out is None:
        rotate(db_path, kind, keep=keep if keep is not None else keep_count(db_path))
    return target


STALE_PARTIAL_S = 6 * 3600  # a backup of the million-order file takes minutes, not hours


def _sweep_stale_partials(folder: Path, stem: str) -> None:
    """Half-made copies a killed desk left (its process ended before its `finally`): 4 GB each
    at a million orders, and nothing else ever removes them. One untouched for hours is no
    other process's copy in progress."""
    now = time.time()
    swept = []
    for leftover in folder.glob(f"{glob.escape(stem)}-*.sqlite3.partial*"):  # and its -journal
        try:
            if now - leftover.stat().st_mtime > STALE_PARTIAL_S:
                leftover.unlink()
                swept.append(leftover)
        except OSError:  # gone meanwhile, or not ours to remove: the next backup tries again
            continue
    if swept:
        log.warning("removed %d half-made backup(s) left by a desk that was stopped: %s",
                    len(swept), ", ".join(p.name for p in swept))


def _copy_checked(db_path: Path, partial: Path, key: bytes | None) -> str:
    """The snapshot copied into `partial`, checked, and on the disk; what the check found wrong."""
    _copy_snapshot(db_path, partial, key)
    problem = integrity_problem(partial, key=key)
    if not problem:
        _fsync(partial)
    return problem


def _copy_snapshot(db_path: Path, partial: Path, key: bytes | None) -> None:
    """One consistent snapshot of the live file into `partial`. An encrypted file is copied
    page for page as it lies on the disk (desk.services.raw_copy: no decrypting and encrypting
    again); a plain one, or an encrypted one whose WAL a long reader keeps from being written
    back, through SQLite's backup API."""
    if key is not None:
        from desk.services import raw_copy

        try:
            return raw_copy.copy_encrypted(db_path, partial, key)
        except raw_copy.NoQuietMoment:
            partial.unlink(missing_ok=True)
    _api_copy(db_path, partial, key, journal="DELETE")  # a single self-contained file


def _api_copy(source: Path, target: Path, key: bytes | None, *, journal: str | None = None) -> None:
    """SQLite's backup API in one step: the read transaction sees one snapshot while, in WAL
    mode, the window's writes go on (page-by-page steps would restart on every write)."""
    src = connect(source, key=key, readonly=True)
    try:
        # The backup API encrypts the pages again with the target connection's settings: a new
        # file keeps its source's HMAC, an existing one (a restore into the live file) its own.
        new = key is not None and not (target.exists() and target.stat().st_size > 0)
        dst = connect(target, key=key, timeout=30, hmac=file_hmac(source, key) if new else None)
        try:
            src.backup(dst)
            if journal:
                dst.execute(f"PRAGMA journal_mode={journal}")
        finally:
            dst.close()
    finally:
        src.close()


def live_key(db_path: Path | str) -> bytes | None:
    """The data key of the live database, None when it is a plain file. An encrypted file
    nobody has unlocked in this process cannot be copied (StoreLocked)."""
    if not Path(db_path).exists() or is_plain_sqlite(db_path):
        return None
    key = key_for(db_path)
    if key is None:
        from desk.db import StoreLocked

        raise StoreLocked("store_locked")
    return key


def _copy_keyfile(db_path: Path, target: Path) -> None:
    from desk.services.keyfile import KeyFile, path_for

    KeyFile.load(path_for(db_path), db_path=db_path).save(path_for(target))


def _translate_write_error(exc: BaseException, target: Path):
    text = str(exc).lower()
    if "full" in text:
        raise BackupError("backup_no_space", path=str(target), need="?", free=_mb(_free(target.parent))) from None
    raise BackupError("backup_failed", path=str(target), detail=str(exc)) from None


def _db_size(db_path: Path) -> int:
    total = 0
    for p in (db_path, Path(f"{db_path}-wal")):
        try:
            total += p.stat().st_size
        except OSError:
            pass
    return total


def _free(directory: Path) -> int:
    try:
        return shutil.disk_usage(directory).free
    except OSError:
        return 0


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def _check_space(db_path: Path, target: Path) -> None:
    need = _db_size(db_path)
    free = _free(target.parent)
    if free and need and free < need + 1_000_000:
        raise BackupError("backup_no_space", path=str(target), need=_mb(need), free=_mb(free))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def keep_count(db_path: Path | str) -> int:
    """The 'backup_keep' setting read straight from the file (works before a Store exists,
    e.g. before a migration); the declared default when it cannot be read."""
    default = int(DEFAULTS["backup_keep"])
    try:
        conn = connect(db_path, key=None if is_plain_sqlite(db_path) else key_for(db_path), readonly=True, timeout=5)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'backup_keep'").fetchone()
        finally:
            conn.close()
    except driver_errors():
        return default
    try:
        return max(1, int(row[0])) if row else default
    except (TypeError, ValueError):
        return default


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """This database's backups in the backups folder, newest first."""
    db_path = Path(db_path)
    directory = backup_dir(db_path)
    out = []
    if directory.is_dir():
        for p in directory.iterdir():
            m = _NAME_RE.match(p.name)
            if not m or m.group("stem") != db_path.stem:
                continue
            kind = m.group("kind")
            kind = "before-upgrade" if kind.startswith("before-upgrade") else kind
            made = datetime.strptime(m.group("stamp"), _STAMP_FORMAT).astimezone()
            out.append(BackupInfo(p, kind, made, p.stat().st_size))
    out.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return out


def latest_backup(db_path: Path | str) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def rotate(db_path: Path | str, kind: str, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `kind`. Returns what was deleted."""
    keep = max(1, int(keep))
    same = [b for b in list_backups(db_path) if b.kind == kind]
    removed = []
    for b in same[keep:]:
        b.path.unlink(missing_ok=True)
        Path(f"{b.path}.keys").unlink(missing_ok=True)
        removed.append(b.path)
    return removed


# -- the helpers the rest of the desk calls ------------------------------------------------------

def daily_backup(store, *, actor=None) -> Path | None:
    """The day's automatic backup: made if none was made yet on this local day, else None.
    The window calls it at start-up and from a timer; cheap when there is nothing to do."""
    path = Path(store.path)
    tz = store.calendar().tz
    today = store.now().astimezone(tz).date()
    for b in list_backups(path):
        if b.kind == "daily" and b.made_at.astimezone(tz).date() == today:
            return None
    made = create_backup(path, kind="daily", keep=settings.get(store, "backup_keep"), now=store.now())
    _audit(store, actor, "backup.daily", made)
    return made


def before_sync(store) -> Path:
    """Called by the sync before it changes anything locally."""
    return create_backup(Path(store.path), kind="before-sync", keep=settings.get(store, "backup_keep"),
                         now=store.now())


def before_migration(db_path: Path | str, current_revision: str | None) -> Path:
    """Called (through desk.db.open_database's before_upgrade) before an upgrade of an existing file."""
    return create_backup(db_path, kind=f"before-upgrade-{current_revision or 'none'}")


def backup_now(store, actor, *, out: Path | str | None = None) -> Path:
    """A backup on request (supervisors and administrators: the file holds everyone's data)."""
    require(actor.role, Permission.BACKUP)
    made = create_backup(Path(store.path), kind="manual", out=out, keep=settings.get(store, "backup_keep"),
                         now=store.now())
    _audit(store, actor, "backup.create", made)
    return made


def _audit(store, actor, action: str, path: Path) -> None:
    with store.write() as s:
        record(s, store, actor, action, path.name[:100], str(path))


# -- restoring (the checks: desk/services/backup_checks.py) ---------------------------------------

def restore(db_path: Path | str, source: Path | str, *, store=None, actor=None,
            source_key: bytes | None = None) -> Path | None:
    """Replace the database's content with `source` after checking it (check_restorable).

    The current file is first kept as a 'before-restore' backup (or, when it is too damaged to
    be read, moved aside under a '-damaged-' name), so a restore never loses anything. Returns
    where the previous content was kept (None when there was no database yet).

    Encryption: into an encrypted database, any backup (an old plain one too) is written under
    the database's own key; into a plain or missing one, an encrypted backup comes with its key
    file. `source_key` opens an encrypted backup made under another key (from its .keys copy).

    With a `store` (the database opens), the actor must have the backup permission; a damaged
    or missing database can be restored by whoever may write its file (there is no one to log
    in as). The caller must hold the instance lock so no window is writing meanwhile."""
    db_path, source = Path(db_path), Path(source)
    if store is not None:
        if actor is None:
            raise ValidationError("required", field="--user")
        require(actor.role, Permission.BACKUP)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise BackupError("restore_same_file")
    live = _usable_live_key(db_path)
    source_plain = is_plain_sqlite(source)
    skey = None if source_plain else (source_key or (live if live is not False else None))
    check_restorable(source, key=skey)
    from desk.services import numbering

    kept: Path | None = None
    staged = None
    try:
        if isinstance(live, bytes) and skey != live:
            # Re-written under the live key first (an old plain backup is encrypted here).
            staged = db_path.with_name(db_path.name + ".restoring-src")
            staged.unlink(missing_ok=True)
            from desk.db_export import export

            export(source, staged, source_key=skey, target_key=live, target_hmac=file_hmac(db_path, live))
            source, skey = staged, live
        key = skey
        present = db_path.exists() and db_path.stat().st_size > 0
        sound = present and live is not False and integrity_problem(db_path, key=live or None) == ""
        # The replaced file's ticket high-water marks (None: it cannot tell), for the restored one.
        carried = numbering.high_water_marks(db_path, key=live or None) if sound else None
        if sound:
            kept = create_backup(db_path, kind="before-restore", keep=max(keep_count(db_path), 5))
        if sound and (live or None) == key:
            _copy_into(source, db_path, key)
        else:
            # A damaged file, or a plain one replaced by an encrypted backup (and its key file).
            if present and not sound:
                kept = _move_damaged_aside(db_path)
            if key is not None:
                _restore_keyfile(source, db_path)
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            _copy_fresh(source, db_path, key)
    finally:
        if staged is not None:
            staged.unlink(missing_ok=True)
    numbering.after_restore(db_path, carried, key=key)  # no ticket number given twice
    if store is not None:
        store.invalidate({"station", "calendar", "reference", "staff"})
    _record_restore(db_path, source, actor, key)
    return kept


def _usable_live_key(db_path: Path) -> bytes | None | bool:
    """None: a plain (or no) live file; the key of an unlocked encrypted one; False: an
    encrypted file nobody unlocked (a damaged desk that cannot start), to be moved aside."""
    if not db_path.exists() or db_path.stat().st_size == 0 or is_plain_sqlite(db_path):
        return None
    return key_for(db_path) or False


def _restore_keyfile(source: Path, db_path: Path) -> None:
    """An encrypted backup restored where there is no usable database brings its key file;
    the one it replaces is kept beside the moved-aside file."""
    from desk.services.keyfile import KeyFile, path_for

    sidecar = path_for(source)
    if not sidecar.exists():
        return  # keep the live key file: it may well be the same key
    live = path_for(db_path)
    if live.exists():
        shutil.copy2(live, backup_dir(db_path) / f"{live.name}-replaced-{_stamp()}")
    KeyFile.load(sidecar).save(live)


def _copy_into(source: Path, db_path: Path, key: bytes | None = None) -> None:
    """Write the backup into the live file through SQLite (one transaction: the WAL and any
    other connection stay consistent, and a crash half-way leaves the old content)."""
    _api_copy(source, db_path, key, journal="WAL")


def _copy_fresh(source: Path, db_path: Path, key: bytes | None = None) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    partial = db_path.with_name(db_path.name + ".restoring")
    partial.unlink(missing_ok=True)
    _api_copy(source, partial, key)
    _fsync(partial)
    os.replace(partial, db_path)


def _move_damaged_aside(db_path: Path) -> Path:
    """Rename the damaged file (and its -wal/-shm, which belong to it) into the backups folder;
    nothing is deleted, so a specialist can still try to rescue it."""
    directory = backup_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{db_path.stem}-damaged-{_stamp()}.sqlite3"
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            shutil.move(side, Path(f"{target}{suffix}"))
    shutil.move(db_path, target)
    return target


def _record_restore(db_path: Path, source: Path, actor, key: bytes | None = None) -> None:
    # Written straight into the restored file: the audit trail must say it was restored.
    conn = connect(db_path, key=key, timeout=30)
    try:
        with conn:
            conn.execute(
                "INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                (datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" "),
                 actor.id if actor else None, actor.display_name if actor else "",
                 "backup.restore", source.name[:100], str(source)),
            )
    finally:
        conn.close()
