"""desk backup [--out FILE] | desk backup list | desk restore FILE"""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import pick


def register(sub) -> None:
    b = sub.add_parser("backup", help="back up the database now (supervisor), or list the backups",
                       description="Without an action: make a backup now (into the backups folder next to the "
                       "database, or --out FILE). 'list': the backups kept, newest first.")
    b.add_argument("--out", metavar="FILE", help="write the backup here instead of the backups folder")
    add_user_option(b)
    add_json_option(b)
    b.set_defaults(handler=run_backup)
    bs = b.add_subparsers(dest="backup_command", metavar="ACTION")
    ls = bs.add_parser("list", help="list the backups kept for this database, newest first")
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    r = sub.add_parser("restore", help="replace the database with a backup (checked first; the current file is kept)",
                       description="Refuses a file that fails PRAGMA integrity_check or is not a Desk database. "
                       "The current database is kept as a before-restore backup (or moved aside if damaged). "
                       "Close the desk window first.")
    r.add_argument("file", help="the backup file (see: desk backup list)")
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_restore)


def run_backup(args, ctx) -> int:
    from desk.services import backup

    store = ctx.store
    path = backup.backup_now(store, ctx.actor(), out=args.out)
    ctx.emit({"backup": str(path), "size": path.stat().st_size},
             [pick(f"已备份到 {path}", f"Backed up to {path}")])
    return 0


def run_list(args, ctx) -> int:
    from desk.services import backup

    rows = backup.list_backups(ctx.db_path)
    ctx.emit([{"path": str(b.path), "kind": b.kind, "made_at": b.made_at, "size": b.size} for b in rows],
             ctx.table([pick("时间", "Made"), pick("类型", "Kind"), pick("大小", "Size"), pick("文件", "File")],
                       [(b.made_at.strftime("%Y-%m-%d %H:%M:%S"), b.kind, f"{b.size / 1e6:.1f} MB", str(b.path))
                        for b in rows])
             + [pick(f"共 {len(rows)} 个备份", f"{len(rows)} backups")])
    return 0


def run_restore(args, ctx) -> int:
    from pathlib import Path

    from desk.services import backup
    from desk.services.startup import InstanceLock, StartupError, open_store

    source = Path(args.file).expanduser()
    backup.check_restorable(source)  # refuse a bad file before anything else happens
    with InstanceLock(ctx.db_path):
        store = actor = None
        try:
            store = open_store(ctx.db_path)
        except StartupError:
            store = None  # damaged or missing: nobody can log in, restoring is the cure
        try:
            if store is not None and store.is_initialised():
                ctx._store = store  # so ctx.actor() logs in against this file
                actor = ctx.actor()
            else:
                if store is not None:
                    store.close()
                store = None
            kept = backup.restore(ctx.db_path, source, store=store, actor=actor)
        finally:
            if store is not None:
                store.close()
            ctx._store = None
    ctx.emit({"restored_from": str(source), "database": str(ctx.db_path), "previous_kept_as": str(kept) if kept else None},
             [pick(f"已从 {source} 恢复 {ctx.db_path}", f"Restored {ctx.db_path} from {source}")]
             + ([pick(f"原来的数据库保存在 {kept}", f"The previous database was kept as {kept}")] if kept else []))
    return 0
