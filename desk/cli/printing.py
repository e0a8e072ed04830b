"""desk slip | report | export: paper and files from the command line.

`--print PRINTER` sends the result through Qt's print system (the same code as the window);
without a printer the PDF is still written and the message says where.
"""

from __future__ import annotations

from pathlib import Path

from desk.cli.context import add_json_option, add_user_option
from desk.cli.exit_codes import IO, check_out_path
from desk.i18n import _, by_language


def register(sub) -> None:
    p = sub.add_parser("slip", help=_("make the slip (受理回执) of a visit as PDF, optionally print it"))
    p.add_argument("ticket", help=_("ticket number of any matter of the visit"))
    p.add_argument("--layout", choices=["receipt", "a5"], default="receipt", help=_("80 mm receipt (default) or A5"))
    p.add_argument("--out", required=True, help=_("PDF file to write"))
    p.add_argument("--reprint", action="store_true", default=None,
                   help=_("mark as 补打 (default: automatically, if a slip was printed before)"))
    p.add_argument("--print", dest="printer", metavar="PRINTER", help=_("also print on this printer"))
    add_user_option(p)
    add_json_option(p)
    p.set_defaults(handler=run_slip)

    r = sub.add_parser("report", help=_("print the daily (日报), weekly or monthly summary as A4 PDF (supervisor)"))
    r.add_argument("kind", choices=["daily", "weekly", "monthly"])
    r.add_argument("--date", required=True, help=_("YYYY-MM-DD: the day, or any day of the week/month"))
    r.add_argument("--out", required=True, help=_("PDF file to write"))
    r.add_argument("--print", dest="printer", metavar="PRINTER", help=_("also print on this printer"))
    add_user_option(r)
    add_json_option(r)
    r.set_defaults(handler=run_report)

    e = sub.add_parser("export", help=_("export work orders as CSV, XLSX or Open311 JSON (masked unless --full)"))
    e.add_argument("--from", dest="date_from", required=True, help=_("YYYY-MM-DD (local date of intake)"))
    e.add_argument("--to", dest="date_to", required=True, help=_("YYYY-MM-DD, inclusive"))
    e.add_argument("--format", choices=["csv", "xlsx", "open311"], required=True)
    e.add_argument("--out", required=True)
    e.add_argument("--full", action="store_true", help=_("names and phones in full (supervisor; recorded)"))
    add_user_option(e)
    add_json_option(e)
    e.set_defaults(handler=run_export)


def _qt_print(kind: str, **kwargs):
    """Print through the window's printing code (loaded only when --print is given)."""
    from desk.ui.printing import print_headless

    return print_headless(kind, **kwargs)


def run_slip(args, ctx) -> int:
    check_out_path(args.out)  # a missing folder is a sentence before any work
    from desk.printing import slip

    actor = ctx.actor()
    made = slip.make_slip(ctx.store, actor, args.ticket, Path(args.out), layout=args.layout, reprint=args.reprint,
                          record=False)
    printed_on, message, ok = "", "", True
    if args.printer:
        outcome = _qt_print("slip", data=made.data, printer=args.printer, pdf_path=str(made.path),
                            paper="receipt80" if args.layout == "receipt" else "a5")
        printed_on, message, ok = (outcome.printer if outcome.printed else ""), outcome.message, outcome.printed
    slip.record_print(ctx.store, actor, made.tickets, reprint=made.reprint, layout=made.layout, printer=printed_on)
    lines = [_("Slip saved: {path} ({tickets}{reprint})").format(
        path=made.path, tickets=", ".join(made.tickets), reprint=_(", reprint") if made.reprint else "")]
    if message:
        lines.append(message)
    ctx.emit({"path": str(made.path), "tickets": made.tickets, "reprint": made.reprint, "layout": made.layout,
              "printed_on": printed_on, "message": message}, lines)
    return 0 if ok else IO  # made, but not printed: the message says why


def run_report(args, ctx) -> int:
    check_out_path(args.out)  # a missing folder is a sentence before any work
    from desk.printing import report
    from desk.services import figures_wire

    actor = ctx.actor()
    made = report.make_report(ctx.store, actor, args.kind, args.date, Path(args.out))
    message, ok = "", True
    if args.printer:
        outcome = _qt_print("report", pdf_path=made.path, printer=args.printer)
        message, ok = outcome.message, outcome.printed
    lines = [_("{title} saved: {path} ({text}, {pages} pages)").format(
        title=by_language(*report.TITLES[args.kind]), path=made.path, text=made.period.text(), pages=made.pages)]
    if message:
        lines.append(message)
    ctx.emit({"path": str(made.path), "pages": made.pages, "message": message, "figures": figures_wire.encode(figures_wire.public(made.figures)),
              "format": figures_wire.FORMAT},
             lines)
    return 0 if ok else IO  # made, but not printed: the message says why


def run_export(args, ctx) -> int:
    check_out_path(args.out)  # a missing folder is a sentence before any work
    from desk.printing import exports

    actor = ctx.actor()
    done = exports.export(ctx.store, actor, args.date_from, args.date_to, args.format, Path(args.out), full=args.full)
    ctx.emit({"path": str(done.path), "rows": done.rows, "format": done.format, "full": done.full},
             [_("Exported {rows} orders to {path}{privacy}").format(
                 rows=done.rows, path=done.path,
                 privacy=_(" (full personal data, recorded)") if done.full else _(" (personal data masked)"))])
    return 0
