"""desk problems: the recurring problems found, the register (问题清单) and its printed form."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _, pgettext


def register(sub) -> None:
    p = sub.add_parser("problems", help=_("recurring problems (顽瘴痼疾) and the problem register (supervisors)"))
    ps = p.add_subparsers(dest="problems_command", metavar="ACTION", required=True)
    f = ps.add_parser("found", help=_("the recurring problems of a period, best first, with why they were grouped"))
    f.add_argument("--from", dest="date_from", help=_("YYYY-MM-DD (default: 90 days ago)"))
    f.add_argument("--to", dest="date_to", help=_("YYYY-MM-DD (default: today)"))
    f.add_argument("--all", action="store_true", help=_("scan the whole history, a year at a time"))
    add_json_option(f)
    add_user_option(f)
    f.set_defaults(handler=run_found)
    ls = ps.add_parser("list", help=_("the register with each measure's effect"))
    add_json_option(ls)
    add_user_option(ls)
    ls.set_defaults(handler=run_list)
    pr = ps.add_parser("print", help=_("the printed register for the monthly review (PDF)"))
    pr.add_argument("--out", required=True, help=_("PDF file to write"))
    pr.add_argument("--all-stations", action="store_true",
                    help=_("add every station's problems as the central server groups them (needs a synced desk)"))
    add_json_option(pr)
    add_user_option(pr)
    pr.set_defaults(handler=run_print)


def _day(text: str | None, default: date) -> date:
    from desk.errors import ValidationError

    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("bad_date", value=text) from None


def run_found(args, ctx) -> int:
    from desk.services.pulse import register as R

    actor = ctx.actor()
    if args.all:
        found = R.scan(ctx.store, actor)
    else:
        today = ctx.store.now().astimezone(ctx.store.calendar().tz).date()
        found = R.find(ctx.store, actor, _day(args.date_from, today - timedelta(days=89)), _day(args.date_to, today))
    lines = ctx.table([_("Score"), _("Place"), pgettext("desk.cli.problems", "Category"), pgettext("desk.cli.problems", "Orders"),
                       _("Residents"), _("Came back"), _("Pattern"), "#"],
                      [(v.cluster.score, v.place, v.categories, v.cluster.orders, v.cluster.residents,
                        v.cluster.came_back, v.pattern, v.problem_number or "") for v in found])
    for v in found:
        lines.append(f"· {v.place}：{v.why}" if _("en") == "zh" else f"· {v.place}: {v.why}")
    ctx.emit([{"place": v.place, "level": v.cluster.level, "categories": v.categories, "score": v.cluster.score,
               "orders": v.cluster.orders, "residents": v.cluster.residents, "came_back": v.cluster.came_back,
               "repeat_calls": v.cluster.repeat_calls, "pattern": v.pattern, "why": v.why,
               "tickets": list(v.cluster.tickets), "problem": v.problem_number} for v in found], lines)
    return 0


def run_list(args, ctx) -> int:
    from desk.services.pulse import register as R

    problems = R.problems(ctx.store, ctx.actor())
    lines = []
    for p in problems:
        lines.append(f"#{p.number} {p.title} · {p.status_label} · {p.department or '—'} · {p.place} · "
                     + _("{orders} orders, {open_orders} open").format(orders=p.orders, open_orders=p.open_orders))
        lines += [f"    {m.taken_on} {m.text}: {m.sentence}" for m in p.measures]
    ctx.emit([{"number": p.number, "title": p.title, "status": p.status, "department": p.department,
               "place": p.place, "orders": p.orders, "open_orders": p.open_orders,
               "measures": [{"taken_on": m.taken_on, "text": m.text, "effect": m.sentence,
                             "before": m.effect.before, "after": m.effect.after, "ratio": m.effect.ratio,
                             "low": m.effect.low, "high": m.effect.high} for m in p.measures]} for p in problems],
             lines or [_("The register is empty.")])
    return 0


def run_print(args, ctx) -> int:
    from desk.printing.problems_report import make_problem_register

    view = None
    if getattr(args, "all_stations", False):
        from desk.sync.problems_remote import fetch_all_station_problems

        view = fetch_all_station_problems(ctx.store, ctx.actor())  # a SyncError is said as a sentence
    pages = make_problem_register(ctx.store, ctx.actor(), Path(args.out), view)
    ctx.emit({"path": args.out, "pages": pages},
             [_("Problem register saved: {out} ({pages} pages)").format(out=args.out, pages=pages)])
    return 0
