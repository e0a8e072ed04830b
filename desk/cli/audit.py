"""desk audit [--json] [--csv FILE]: the audit log for supervisors."""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _, pgettext


def register(sub) -> None:
    p = sub.add_parser("audit", help=_("the audit log: log-ins, reveals, exports, prints, role and settings changes "
                                     "(supervisor)"))
    p.add_argument("--csv", metavar="FILE", help=_("export the whole log (or --since/--until) as CSV to FILE"))
    p.add_argument("--since", metavar="YYYY-MM-DD", help=_("from this local date"))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=_("up to and including this local date"))
    p.add_argument("--action", help=_("only this action, or a prefix ending with '.', e.g. login."))
    p.add_argument("--limit", type=int, default=200, help=_("entries shown (default 200; CSV has all)"))
    add_user_option(p)
    add_json_option(p)
    p.set_defaults(handler=run_audit)


def _bounds(store, since: str | None, until: str | None):
    from datetime import datetime, time, timedelta, timezone

    from desk.services import validation

    tz = store.calendar().tz

    def start_of(day) -> datetime:
        return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc)

    lo = start_of(validation.iso_date(since)) if since else None
    hi = start_of(validation.iso_date(until) + timedelta(days=1)) if until else None
    return lo, hi


def run_audit(args, ctx) -> int:
    from desk.services import audit

    actor = ctx.actor()
    store = ctx.store
    since, until = _bounds(store, args.since, args.until)
    if args.csv:
        n = audit.export_csv(store, actor, args.csv, since=since, until=until)
        ctx.emit({"csv": args.csv, "rows": n}, [_("Exported {n} audit entries to {csv}").format(n=n, csv=args.csv)])
        return 0
    rows = audit.entries(store, actor, since=since, until=until, action=args.action, limit=max(1, args.limit))
    tz = store.calendar().tz
    ctx.emit(rows, ctx.table(
        [_("When"), pgettext("desk.cli.audit", "Who"), _("Action"), _("Target"), _("Detail")],
        [(e.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"), e.actor_name or _("system"), e.action,
          e.target, e.detail[:60]) for e in rows]))
    return 0
