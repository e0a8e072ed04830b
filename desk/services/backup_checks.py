"""Whether a file can be restored: SQLite's integrity check, and a sound desk database this
version can open (plain, or encrypted with the key given). Used by backups (each copy is
checked), restores (desk/services/backup.py) and the encryption's own copy."""

from __future__ import annotations

from pathlib import Path

from desk.db import connect, driver_errors, is_plain_sqlite, known_revisions
from desk.errors import DeskError
from desk.i18n import M_

_MESSAGES = (
    M_("backup_not_sqlite", "“{path}” is not an SQLite database file; it cannot be restored."),
    M_("backup_damaged", "The backup “{path}” is damaged (integrity check failed: {detail}); it cannot be restored. Choose an earlier backup (desk backup list)."),
    M_("backup_not_desk", "“{path}” is not a Desk database (it has no {missing}); it cannot be restored."),
    M_("backup_too_new", "The backup “{path}” was made by a newer Desk (schema {revision}); upgrade Desk before restoring it."),
    M_("backup_missing", "There is no backup file “{path}”."),
    M_("backup_locked", "The backup “{path}” is encrypted; unlock it with the .keys file beside it: give --user and the password, or --recovery-key."),
    M_("backup_wrong_key", "The backup “{path}” is encrypted under another key (another station file, or its .keys file does not belong to it); it cannot be opened."),
)

# Tables without which a file is not a desk database (and restoring it would break the window).
REQUIRED_TABLES = ("alembic_version", "station", "staff", "work_order", "event", "order_search")


class BackupError(DeskError):
    """A backup could not be made or a file cannot be restored; nothing was changed."""


def check_cache_kib(path: Path | str) -> int:
    """The page cache for one integrity_check of `path`: the whole file when half of the free
    memory holds it, else as much as that half (never below ENCRYPTED_CHECK_CACHE_KIB).

    integrity_check looks every table row up in each of its indexes: pages that fall out of the
    cache are read again (and, encrypted, decrypted again) many times over. The million-order
    file with SQLite's 2 MB default read over 80 GB through the OS cache. With a cache as large
    as the file each page is read and decrypted once; SQLite fills the cache only as pages are
    read and frees it when the check's connection closes."""
    import psutil

    from desk.db import ENCRYPTED_CHECK_CACHE_KIB

    whole = Path(path).stat().st_size // 1024 + 1024
    room = psutil.virtual_memory().available // 2048
    return max(ENCRYPTED_CHECK_CACHE_KIB, min(whole, room))


def integrity_problem(path: Path | str, *, key: bytes | None = None) -> str:
    """'' when PRAGMA integrity_check says ok, else what it (or SQLite) said. An encrypted file
    needs its key (a wrong one reads as "file is not a database"). Every in-use page is read
    (an encrypted page's HMAC is verified as it is decrypted), every b-tree's structure and
    every index against its table: the full check, for every backup, restore and migration."""
    try:
        conn = connect(path, key=key, readonly=True, timeout=5)
        try:
            conn.execute(f"PRAGMA cache_size = -{check_cache_kib(path)}")
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except driver_errors() as exc:
        return str(exc)
    messages = [r[0] for r in rows]
    return "" if messages == ["ok"] else "; ".join(messages[:3])


def check_restorable(path: Path | str, *, key: bytes | None = None) -> str:
    """Refuse (BackupError) a file that is not a sound desk database this version can open.
    An encrypted file is read with `key` (the live database's, or one unwrapped from the
    backup's own key file). Returns its schema revision."""
    path = Path(path)
    if not path.is_file():
        raise BackupError("backup_missing", path=str(path))
    if is_plain_sqlite(path):
        key = None
    elif key is None:
        # Random bytes or an encrypted file this desk has no key for: either way unreadable.
        raise BackupError("backup_not_sqlite" if not Path(f"{path}.keys").exists() else "backup_locked", path=str(path))
    problem = integrity_problem(path, key=key)
    if problem:
        if key is not None and "not a database" in problem:
            raise BackupError("backup_wrong_key", path=str(path))
        raise BackupError("backup_damaged", path=str(path), detail=problem[:200])
    conn = connect(path, key=key, readonly=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise BackupError("backup_not_desk", path=str(path), missing=", ".join(missing))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    revision = row[0] if row else ""
    if revision not in known_revisions():
        raise BackupError("backup_too_new", path=str(path), revision=revision or "?")
    return revision
