"""desk encrypt | desk recover | desk unattended: encryption at rest from the command line.

Daily use needs none of these: `desk … --user NAME` with $DESK_PASSWORD unlocks the file as it
logs in. `desk init` encrypts the new file itself and shows the recovery key once."""

from __future__ import annotations

import getpass
import os
import sys

from desk.cli.context import add_json_option, add_user_option
from desk.cli.recovery import encrypt_and_show, show_recovery_key
from desk.i18n import _


def register(sub) -> None:
    e = sub.add_parser("encrypt", help=_("encrypt a plain database and its backups (administrator), once"),
                       description=_("Makes a checked backup, encrypts the file and every backup, removes the plain "
                       "copies and shows the station's recovery key once. --new-recovery-key on an encrypted file "
                       "replaces the recovery key."))
    e.add_argument("--kit", metavar="FILE.pdf", help=_("also write the recovery kit (print it, then delete the file)"))
    e.add_argument("--new-recovery-key", action="store_true", help=_("replace the recovery key of an encrypted file"))
    add_user_option(e)
    add_json_option(e)
    e.set_defaults(handler=run_encrypt)

    r = sub.add_parser("recover", help=_("open the encrypted database with the recovery key and set an "
                       "administrator's password"), description=_("For when no administrator can log in. The "
                       "recovery key comes from $DESK_RECOVERY_KEY or a prompt; the new password from "
                       "$DESK_PASSWORD, --password-stdin or a prompt."))
    r.add_argument("--password-stdin", action="store_true", help=_("read the new password from standard input"))
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_recover)

    u = sub.add_parser("unattended", help=_("let the OS timer's `desk sync` open the encrypted file with no one "
                       "logged in (a machine key in the system secret store)"))
    u.add_argument("action", choices=["enable", "disable", "status"])
    add_user_option(u)
    add_json_option(u)
    u.set_defaults(handler=run_unattended)


def run_encrypt(args, ctx) -> int:
    from desk.services.keyfile import KeyFile, new_recovery_key, path_for
    from desk.services.startup import InstanceLock

    actor = ctx.actor()
    lines: list[str] = []
    if args.new_recovery_key:
        from desk.rules.permissions import Permission, require

        require(actor.role, Permission.MANAGE_STAFF)
        store = ctx.store
        if not store.encrypted:
            from desk.errors import DeskError

            raise DeskError("store_locked")
        recovery_key = new_recovery_key()
        kf = KeyFile.load(path_for(store.path))
        kf.set_recovery(recovery_key, store.keys.key)
        kf.save()
        out = show_recovery_key(ctx, recovery_key, lines, args.kit)
    else:
        with InstanceLock(ctx.db_path):  # no window may be writing to the plain file meanwhile
            out = encrypt_and_show(ctx, actor, ctx.password, lines, args.kit)
    ctx.emit(out, lines)
    return 0


def run_recover(args, ctx) -> int:
    from desk.cli.setup import read_new_password
    from desk.services import encryption
    from desk.errors import ValidationError

    username = args.user or os.environ.get("DESK_USER")
    if not username:
        raise ValidationError("required", field="--user")
    recovery_key = os.environ.get("DESK_RECOVERY_KEY")
    if recovery_key is None:
        if not sys.stdin.isatty():
            raise ValidationError("required", field="DESK_RECOVERY_KEY")
        recovery_key = getpass.getpass(_("Recovery key: "))
    from desk.services.startup import open_store

    store = open_store(ctx.db_path, thorough=False)
    ctx._store = store
    try:
        encryption.unlock_with_recovery(store, recovery_key)
    except Exception as exc:
        from desk.errors import AuthError

        if isinstance(exc, AuthError):
            print(_("desk: the recovery key is not right."), file=sys.stderr)
            from desk.i18n import message

            print(f"desk: {message('data_lost_for_good')}", file=sys.stderr)
            from desk.cli.exit_codes import AUTHENTICATION

            return AUTHENTICATION
        raise
    password = read_new_password(args)
    from desk.services import auth

    auth.set_password_by_recovery(store, username, password)
    ctx.emit({"username": username}, [_("The recovery key set a new password for {username}; log in with it.").format(
                                          username=username)])
    return 0


def run_unattended(args, ctx) -> int:
    from desk.services import encryption
    from desk.services.keyfile import KeyFile, path_for

    actor = ctx.actor()
    if args.action == "enable":
        encryption.enable_unattended(ctx.store, actor)
    elif args.action == "disable":
        encryption.disable_unattended(ctx.store, actor)
    enabled = bool(ctx.store.encrypted and KeyFile.load(path_for(ctx.store.path)).machine_id)
    ctx.emit({"unattended_sync": enabled},
             [_("Unattended sync: enabled (machine key in the system secret store)") if enabled
              else _("Unattended sync: not enabled")])
    return 0
