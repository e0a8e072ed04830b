"""desk backup [--out FILE] | desk backup list | desk restore FILE"""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _


def register(sub) -> None:
    b = sub.add_parser("backup", help=_("back up the database now (supervisor), or list the backups"),
                       description=_("Without an action: make a backup now (into the backups folder next to the "
                       "database, or --out FILE). 'list': the backups kept, newest first."))
    b.add_argument("--out", metavar="FILE", help=_("write the backup here instead of the backups folder"))
    add_user_option(b)
    add_json_option(b)
    b.set_defaults(handler=run_backup)
    bs = b.add_subparsers(dest="backup_command", metavar="ACTION")
    ls = bs.add_parser("list", help=_("list the backups kept for this database, newest first"))
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    r = sub.add_parser("restore", help=_("replace the database with a backup (checked first; the current file is kept)"),
                       description=_("Refuses a file that fails PRAGMA integrity_check or is not a Desk database. "
                       "The current database is kept as a before-restore backup (or moved aside if damaged). "
                       "Close the desk window first."))
    r.add_argument("file", help=_("the backup file (see: desk backup list)"))
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_restore)


def run_backup(args, ctx) -> int:
    from desk.services import backup

    store = ctx.store
    path = backup.backup_now(store, ctx.actor(), out=args.out)
    ctx.emit({"backup": str(path), "size": path.stat().st_size},
             [_("Backed up to {path}").format(path=path)])
    return 0


def run_list(args, ctx) -> int:
    from desk.services import backup

    rows = backup.list_backups(ctx.db_path)
    ctx.emit([{"path": str(b.path), "kind": b.kind, "made_at": b.made_at, "size": b.size} for b in rows],
             ctx.table([_("Made"), _("Kind"), _("Size"), _("File")],
                       [(b.made_at.strftime("%Y-%m-%d %H:%M:%S"), b.kind, f"{b.size / 1e6:.1f} MB", str(b.path))
                        for b in rows])
             + [_("{count} backups").format(count=len(rows))])
    return 0


def run_restore(args, ctx) -> int:
    from pathlib import Path

    from desk.db import is_plain_sqlite
    from desk.services import backup
    from desk.services.keyfile import KeyFileError
    from desk.services.startup import InstanceLock, StartupError, open_store

    source = Path(args.file).expanduser()
    if not source.is_file() or is_plain_sqlite(source):
        backup.check_restorable(source)  # refuse a bad file before anything else happens
    with InstanceLock(ctx.db_path):
        store = actor = None
        try:
            store = open_store(ctx.db_path)
        except (StartupError, KeyFileError):
            store = None  # damaged or missing: nobody can log in, restoring is the cure
        try:
            if store is not None and store.is_initialised():
                ctx._store = store  # so ctx.actor() logs in against this file (and unlocks it)
                actor = ctx.actor()
            else:
                if store is not None:
                    store.close()
                store = None
            source_key = None if is_plain_sqlite(source) else _source_key(source, ctx, args)
            kept = backup.restore(ctx.db_path, source, store=store, actor=actor, source_key=source_key)
        finally:
            if store is not None:
                store.close()
            ctx._store = None
    ctx.emit({"restored_from": str(source), "database": str(ctx.db_path), "previous_kept_as": str(kept) if kept else None},
             [_("Restored {db_path} from {source}").format(source=source, db_path=ctx.db_path)]
             + ([_("The previous database was kept as {kept}").format(kept=kept)] if kept else []))
    return 0


def _source_key(source, ctx, args) -> bytes | None:
    """The key of an encrypted backup: the live database's when it opens it (a backup of this
    station), else unwrapped from the backup's own key file with --user and the password, or
    with $DESK_RECOVERY_KEY (a new PC whose database is gone)."""
    import os

    from desk.db import connect, driver_errors, key_for
    from desk.services.backup import BackupError
    from desk.services.keyfile import KeyFile, path_for

    live = key_for(ctx.db_path)
    if live is not None:
        try:
            conn = connect(source, key=live, readonly=True)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return live
            finally:
                conn.close()
        except driver_errors():
            pass
    if not path_for(source).exists():
        raise BackupError("backup_wrong_key" if live is not None else "backup_not_sqlite", path=str(source))
    sidecar = KeyFile.load(path_for(source))
    key = None
    if os.environ.get("DESK_RECOVERY_KEY"):
        key = sidecar.unwrap_recovery(os.environ["DESK_RECOVERY_KEY"])
    username = getattr(args, "user", None) or os.environ.get("DESK_USER")
    if key is None and username:
        key = sidecar.unwrap_user(username.strip(), ctx._password(username))
    if key is None:
        raise BackupError("backup_locked", path=str(source))
    return key
