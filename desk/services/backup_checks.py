"""Whether a file can be restored: SQLite's integrity check, and a sound desk database this
version can open (plain, or encrypted with the key given). Used by backups (each copy is
checked), restores (desk/services/backup.py) and the encryption's own copy."""

from __future__ import annotations

from pathlib import Path

from desk.db import connect, driver_errors, is_plain_sqlite, known_revisions
from desk.errors import DeskError
from desk.i18n import register_messages

register_messages({
    "backup_not_sqlite": (
        "“{path}”不是 SQLite 数据库文件，不能用来恢复。",
        "“{path}” is not an SQLite database file; it cannot be restored.",
    ),
    "backup_damaged": (
        "备份文件“{path}”已损坏（完整性检查未通过：{detail}），不能用来恢复。请换一个较早的备份（desk backup list）。",
        "The backup “{path}” is damaged (integrity check failed: {detail}); it cannot be restored. "
        "Choose an earlier backup (desk backup list).",
    ),
    "backup_not_desk": (
        "“{path}”不是全岗接待台的数据库（缺少 {missing}），不能用来恢复。",
        "“{path}” is not a Desk database (it has no {missing}); it cannot be restored.",
    ),
    "backup_too_new": (
        "备份“{path}”来自更新版本的全岗接待台（数据库版本 {revision}），请先升级本软件再恢复。",
        "The backup “{path}” was made by a newer Desk (schema {revision}); upgrade Desk before restoring it.",
    ),
    "backup_missing": ("找不到备份文件“{path}”。", "There is no backup file “{path}”."),
    "backup_locked": (
        "备份“{path}”已加密，需要用它旁边的 .keys 文件解锁：请用 --user 加密码，或用 --recovery-key 加恢复密钥。",
        "The backup “{path}” is encrypted; unlock it with the .keys file beside it: give --user and the password, "
        "or --recovery-key.",
    ),
    "backup_wrong_key": (
        "备份“{path}”是用另一把钥匙加密的（来自另一个站点文件，或它的 .keys 文件与它不配套），无法打开。",
        "The backup “{path}” is encrypted under another key (another station file, or its .keys file does not "
        "belong to it); it cannot be opened.",
    ),
})

# Tables without which a file is not a desk database (and restoring it would break the window).
REQUIRED_TABLES = ("alembic_version", "station", "staff", "work_order", "event", "order_search")


class BackupError(DeskError):
    """A backup could not be made or a file cannot be restored; nothing was changed."""


def integrity_problem(path: Path | str, *, key: bytes | None = None) -> str:
    """'' when PRAGMA integrity_check says ok, else what it (or SQLite) said. An encrypted file
    needs its key (a wrong one reads as "file is not a database")."""
    try:
        conn = connect(path, key=key, readonly=True, timeout=5)
        try:
            if key is not None:
                from desk.db import ENCRYPTED_CHECK_CACHE_KIB

                conn.execute(f"PRAGMA cache_size = -{ENCRYPTED_CHECK_CACHE_KIB}")
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
