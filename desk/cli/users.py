"""desk users add|list|passwd|disable|enable|role"""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.cli.setup import read_new_password
from desk.i18n import _, label, pgettext


def register(sub) -> None:
    p = sub.add_parser("users", help=_("staff accounts"))
    s = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    a = s.add_parser("add", help=_("add a staff account (administrator only)"))
    a.add_argument("username")
    a.add_argument("--name", required=True, help=_("display name, e.g. 王丽"))
    a.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    a.add_argument("--password-stdin", action="store_true", help=_("read the new password from standard input"))
    add_user_option(a)
    add_json_option(a)
    a.set_defaults(handler=run_add)

    ls = s.add_parser("list", help=_("list staff accounts"))
    add_user_option(ls)  # an encrypted file opens with a log-in
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    pw = s.add_parser("passwd", help=_("change a password (your own, or anyone's as administrator)"))
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true", help=_("read the new password from standard input"))
    pw.add_argument("--old-password", default=None, help=_("your current password (when changing your own)"))
    add_user_option(pw)
    pw.set_defaults(handler=run_passwd)

    for name, active, help_text in (("disable", False, _("disable an account (administrator only)")),
                                    ("enable", True, _("enable an account (administrator only)"))):
        d = s.add_parser(name, help=help_text)
        d.add_argument("username")
        add_user_option(d)
        add_json_option(d)
        d.set_defaults(handler=run_set_active, active=active)

    r = s.add_parser("role", help=_("change an account's role (administrator only)"))
    r.add_argument("username")
    r.add_argument("role", choices=["clerk", "supervisor", "admin"])
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_role)


def run_add(args, ctx) -> int:
    from desk.services import auth

    actor = ctx.actor()
    password = read_new_password(args) if args.password_stdin else _prompt_new(args)
    info = auth.add_user(ctx.store, actor, args.username, args.name, args.role, password)
    ctx.emit(info, [_("Added {username} ({label})").format(username=info.username, label=label('role.' + info.role))])
    return 0


def _prompt_new(args) -> str:
    import getpass
    import sys

    if not sys.stdin.isatty():  # a script or a pipe: getpass would fail with EOFError
        from desk.cli.exit_codes import UsageError

        raise UsageError("needs_terminal", option="--password-stdin")

    first = getpass.getpass(_("Password for the new account: "))
    if getpass.getpass(_("Again: ")) != first:
        from desk.errors import ValidationError

        raise ValidationError("login_failed")
    return first


def run_list(args, ctx) -> int:
    from desk.services import auth

    users = auth.list_users(ctx.store)
    ctx.emit(users, ctx.table(
        [_("User"), pgettext("desk.cli.users", "Name"), _("Role"), pgettext("desk.cli.users", "Active"), _("Last log-in")],
        [(u.username, u.display_name, label("role." + u.role), pgettext("desk.cli.users", "yes") if u.active else pgettext("desk.cli.users", "no"),
          # Station time, like every other time the CLI prints (stored as UTC).
          u.last_login_at.astimezone(ctx.store.calendar().tz).strftime("%Y-%m-%d %H:%M") if u.last_login_at else "")
         for u in users]))
    return 0


def run_passwd(args, ctx) -> int:
    from desk.services import auth

    actor = ctx.actor()
    password = read_new_password(args) if args.password_stdin else _prompt_new(args)
    auth.change_password(ctx.store, actor, args.username, password, old_password=args.old_password)
    print(_("Changed the password of {username}").format(username=args.username))
    return 0


def run_set_active(args, ctx) -> int:
    from desk.services import auth

    info = auth.set_active(ctx.store, ctx.actor(), args.username, args.active)
    ctx.emit(info, [_("{username}: {state}").format(username=info.username,
                                                    state=_("enabled") if info.active else _("disabled"))])
    return 0


def run_role(args, ctx) -> int:
    from desk.services import auth

    info = auth.set_role(ctx.store, ctx.actor(), args.username, args.role)
    ctx.emit(info, [f"{info.username}: {label('role.' + info.role)}"])
    return 0
