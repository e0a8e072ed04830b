"""desk retention run [--dry-run]: anonymise personal data past the retention period."""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _


def register(sub) -> None:
    p = sub.add_parser("retention", help=_("personal-data retention (个人信息保护法)"))
    s = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    r = s.add_parser("run", help=_("anonymise visitors whose orders were all finished more than retention_days ago"),
                     description=_("Without --user it runs as the system (for a scheduler); with --user the account "
                     "must be an administrator. Either way the run is recorded in the audit log."))
    r.add_argument("--dry-run", action="store_true", help=_("only count what would be anonymised"))
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_retention)


def run_retention(args, ctx) -> int:
    import os

    from desk.services.retention import anonymise_expired

    actor = ctx.actor() if (args.user or os.environ.get("DESK_USER")) else None
    result = anonymise_expired(ctx.store, actor, dry_run=args.dry_run)
    cutoff = result.cutoff.astimezone(ctx.store.calendar().tz).strftime("%Y-%m-%d")
    if args.dry_run:
        line = _("Would anonymise {visitors} visitors ({orders} orders finished before {cutoff})").format(
                   visitors=result.visitors, orders=result.orders, cutoff=cutoff)
    else:
        line = _("Anonymised {visitors} visitors ({orders} orders finished before {cutoff})").format(
                   visitors=result.visitors, orders=result.orders, cutoff=cutoff)
    ctx.emit(result, [line])
    return 0
