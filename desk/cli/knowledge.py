"""`desk kb list [--review]` and `desk kb guide --out FILE [--print PRINTER]`: the knowledge
base from the command line (the entries to review; the 服务指南 PDF for the counter)."""

from __future__ import annotations

from pathlib import Path

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _


def register(sub) -> None:
    kb = sub.add_parser("kb", help=_("the knowledge base (知识库): list entries, print the service guide"))
    ksub = kb.add_subparsers(dest="kb_command", required=True)
    ls = ksub.add_parser("list", help=_("list entries (--review: only those to review)"))
    ls.add_argument("--review", action="store_true", help=_("only proposals, expired, review due and unchecked samples"))
    add_json_option(ls)
    ls.set_defaults(handler=run_list)
    g = ksub.add_parser("guide", help=_("the service guide (服务指南) as an A4 PDF, optionally printed"))
    g.add_argument("--out", required=True, help=_("PDF file to write"))
    g.add_argument("--print", dest="printer", metavar="PRINTER", help=_("also print on this printer"))
    add_user_option(g)
    add_json_option(g)
    g.set_defaults(handler=run_guide)


def run_list(args, ctx) -> int:
    from desk.services import knowledge

    rows = knowledge.list_entries(ctx.store, review_only=args.review)
    data = [{"id": r.id, "code": r.code, "question": r.question, "status": r.status, "review": r.needs_review,
             "uses": r.uses, "valid_until": r.valid_until} for r in rows]
    ctx.emit(data, ctx.table((_("question"), _("status"), _("review"),
                              _("uses")),
                             [(r.question, r.status, r.needs_review or "—", r.uses) for r in rows]))
    return 0


def run_guide(args, ctx) -> int:
    from desk.cli.printing import _qt_print
    from desk.printing.guide import make_guide

    made = make_guide(ctx.store, ctx.actor(), Path(args.out))
    message, ok = "", True
    if args.printer:
        outcome = _qt_print("report", pdf_path=made.path, printer=args.printer)
        message, ok = outcome.message, outcome.printed
    lines = [_("Service guide saved: {path} ({entries} entries, {samples} of them samples, {pages} pages)").format(
                 path=made.path, entries=made.entries, samples=made.samples, pages=made.pages)]
    if message:
        lines.append(message)
    ctx.emit({"path": str(made.path), "entries": made.entries, "samples": made.samples, "pages": made.pages,
              "message": message}, lines)
    return 0 if ok else 3
