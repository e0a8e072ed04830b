"""desk init: set up a new desk file (station and first administrator)."""

from __future__ import annotations

import getpass
import os
import sys

from desk.cli.context import add_json_option
from desk.i18n import _


def register(sub) -> None:
    p = sub.add_parser("init", help=_("set up a new database: station and first administrator"))
    p.add_argument("--station-code", required=True, help=_("short code used in ticket numbers, e.g. SX"))
    p.add_argument("--station-name", required=True, help=_("e.g. 陕西居民区党群服务站"))
    p.add_argument("--station-phone", default="", help=_("printed on slips"))
    p.add_argument("--station-address", default="")
    p.add_argument("--admin", required=True, help=_("user name of the first administrator"))
    p.add_argument("--admin-name", default="", help=_("display name of the administrator"))
    p.add_argument("--password-stdin", action="store_true",
                   help=_("read the administrator's password from standard input (else $DESK_PASSWORD or a prompt)"))
    p.add_argument("--kit", metavar="FILE.pdf", help=_("also write the recovery kit PDF (print it, then delete the file)"))
    add_json_option(p)
    p.set_defaults(handler=run_init)


def read_new_password(args) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("DESK_PASSWORD") is not None:
        return os.environ["DESK_PASSWORD"]
    first = getpass.getpass(_("New password: "))
    if getpass.getpass(_("Again: ")) != first:
        from desk.errors import ValidationError

        raise ValidationError("login_failed")
    return first


def run_init(args, ctx) -> int:
    from desk.services import auth

    password = read_new_password(args)
    actor = auth.initialise(
        ctx.store, station_code=args.station_code, station_name=args.station_name, admin_username=args.admin,
        admin_password=password, admin_display_name=args.admin_name, phone=args.station_phone,
        address=args.station_address,
    )
    station = ctx.store.station()
    from desk.cli.recovery import encrypt_and_show

    lines = [_("Set up station {code} {name} with administrator {username} in {db_path}").format(
                 code=station.code, name=station.name, username=actor.username, db_path=ctx.db_path)]
    kit = encrypt_and_show(ctx, actor, password, lines, args.kit)
    ctx.emit({"station": station, "admin": actor, "database": str(ctx.db_path), **kit}, lines)
    return 0
