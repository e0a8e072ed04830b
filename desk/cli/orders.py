"""desk orders create|list|show|<action>: work orders from the command line."""

from __future__ import annotations

import json
import sys

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import N_, _, label, pgettext
from desk.errors import ValidationError

# CLI name -> (action, help, extra arguments)
ACTIONS = {
    "answer": ("answer_at_desk", N_("answer at the desk (closes a consultation)"), ["result"]),
    "dispatch": ("dispatch", N_("send to a department"), ["department"]),
    "redispatch": ("redispatch", N_("send to another department (改派)"), ["department", "reason"]),
    "accept": ("accept", N_("record that the department accepted it"), []),
    "start": ("start", N_("record that work has started"), []),
    "pend": ("pend", N_("put on hold (the deadline clock pauses)"), ["reason"]),
    "resume": ("resume", N_("resume after hold"), []),
    "resolve": ("resolve", N_("record the department's result"), ["result", "solved"]),
    "callback": ("callback", N_("record the call back to the resident"), ["solved", "rating"]),
    "close": ("close", N_("close (归档) after callback or an answer at the desk"), []),
    "close-unreached": ("close_unreached", N_("close a resolved order whose resident cannot be reached"), ["reason"]),
    "return": ("return", N_("the department returns it (退单)"), ["reason"]),
    "contact": ("contact", N_("record that the resident was contacted (先行联系)"), ["by", "at"]),
    "reopen": ("reopen", N_("reopen (重办)"), ["reason"]),
    "extend": ("request_extension", N_("request an extension"), ["days", "reason"]),
    "approve-extension": ("approve_extension", N_("approve the waiting extension request"), []),
    "refuse-extension": ("refuse_extension", N_("refuse the waiting extension request"), ["reason"]),
    "supervise": ("supervise", N_("flag for supervision (督办)"), []),
    "merge": ("merge", N_("merge into another order (duplicate)"), ["into"]),
    "void": ("void", N_("void (作废) an invalid order"), ["reason"]),
    "note": ("note", N_("add a note to the history"), ["text"]),
}


def register(sub) -> None:
    p = sub.add_parser("orders", aliases=["order"], help=_("work orders: create, list, show and every lifecycle action"))
    s = p.add_subparsers(dest="orders_command", metavar="ACTION", required=True)

    c = s.add_parser("create", help=_("register a visit with one or more matters from JSON (file or - for stdin)"),
                     description=_("JSON: {\"channel\": \"walk_in\", \"visitor\": {\"name\", \"phone\", \"area\", \"lane\", "
                     "\"number\", \"room\"}, \"matters\": [{\"summary\", \"kind\", \"category\", \"details\", \"urgency\", "
                     "\"department\", \"dispatch\": true, \"answer\": \"...\"}]}. Categories, departments and areas may "
                     "be given by code."))
    c.add_argument("file", help=_("JSON file, or - for standard input"))
    add_user_option(c)
    add_json_option(c)
    c.set_defaults(handler=run_create)

    ls = s.add_parser("list", help=_("list orders with filters"))
    ls.add_argument("--view", default="all", choices=["all", "today", "mine", "open", "overdue", "due_soon",
                                                     "awaiting_callback", "supervised", "extension_requested"])
    ls.add_argument("--status", action="append", default=[], help=_("repeatable"))
    ls.add_argument("--department", action="append", default=[], help=_("code; repeatable"))
    ls.add_argument("--category", action="append", default=[], help=_("code (includes sub-categories); repeatable"))
    ls.add_argument("--area", action="append", default=[], help=_("residential area code; repeatable"))
    ls.add_argument("--kind", action="append", default=[])
    ls.add_argument("--channel", action="append", default=[])
    ls.add_argument("--from", dest="date_from", help=_("YYYY-MM-DD (local date of intake)"))
    ls.add_argument("--to", dest="date_to", help=_("YYYY-MM-DD"))
    ls.add_argument("--search", "-s", default="", help=_("ticket, phone, name, address or any text"))
    ls.add_argument("--sort", default="created_at", choices=["created_at", "ticket_no", "status", "kind", "resolve_due_at", "urgency"])
    ls.add_argument("--asc", action="store_true", help=_("oldest first"))
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--offset", type=int, default=0)
    add_user_option(ls)
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    sh = s.add_parser("show", help=_("one order with its history"))
    sh.add_argument("ticket")
    sh.add_argument("--reveal", action="store_true", help=_("show personal data in full (supervisor; recorded)"))
    add_user_option(sh)
    add_json_option(sh)
    sh.set_defaults(handler=run_show)

    sw = s.add_parser("sweep", help=_("flag every overdue order as supervised (督办); for a scheduler"))
    add_json_option(sw)
    sw.set_defaults(handler=run_sweep)

    for name, (action, help_text, extra) in ACTIONS.items():
        a = s.add_parser(name, help=_(help_text))
        a.add_argument("ticket", help=_("ticket number, e.g. SX-20261128-0007"))
        if "department" in extra:
            a.add_argument("--department", "-d", required=True, help=_("department code"))
        if "reason" in extra:
            a.add_argument("--reason", "-r", required=True)
        if "result" in extra:
            a.add_argument("--result", required=True)
        if "solved" in extra:
            g = a.add_mutually_exclusive_group(required=True)
            g.add_argument("--solved", dest="solved", action="store_true")
            g.add_argument("--not-solved", dest="solved", action="store_false")
        if "rating" in extra:
            a.add_argument("--rating", type=int, required=True, help=_("5 very satisfied … 1 very dissatisfied"))
        if "days" in extra:
            a.add_argument("--days", type=int, required=True, help=_("working days"))
        if "into" in extra:
            a.add_argument("--into", required=True, help=_("ticket of the original order"))
        if "text" in extra:
            a.add_argument("text")
        if "by" in extra:
            a.add_argument("--by", required=True, choices=["department", "station"],
                           help=_("who reached the resident: the department or this station"))
        if "at" in extra:
            a.add_argument("--at", default="", help=_("when, YYYY-MM-DD HH:MM in the station's time (default: now)"))
        if not {"reason"} & set(extra):
            a.add_argument("--reason", "-r", default="", help=_("optional reason or remark"))
        add_user_option(a)
        add_json_option(a)
        a.set_defaults(handler=run_action, action=action)


def _load_json(path: str):
    """The request, checked against the declared schema (desk.cli.order_schema)."""
    from desk.cli import order_schema

    try:
        if path == "-":
            raw = sys.stdin.buffer.read(order_schema.MAX_BYTES + 1) if hasattr(sys.stdin, "buffer") \
                else sys.stdin.read(order_schema.MAX_BYTES + 1).encode("utf-8")
        else:
            with open(path, "rb") as fh:
                raw = fh.read(order_schema.MAX_BYTES + 1)
    except OSError as exc:
        from desk.cli.exit_codes import FileProblem

        raise FileProblem("file_unreadable", path=path, detail=exc.strerror or type(exc).__name__) from None
    return order_schema.read(raw)


def visit_from_json(store, data):
    """A VisitInput from the checked request (order_schema.VisitIn, or a dict of that shape);
    reference data is named by code."""
    from desk.cli.order_schema import VisitIn
    from desk.services import reference
    from desk.services.dto import MatterInput, VisitInput

    if isinstance(data, dict):
        from desk.cli.order_schema import read

        data = read(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert isinstance(data, VisitIn)

    def ref(kind: str, value):
        if not value:
            return None
        finder = {"category": reference.find_category, "department": reference.find_department, "area": reference.find_area}[kind]
        return finder(store, value).id

    def digits(value) -> str:
        return str(value)

    v = data.visitor
    matters = tuple(MatterInput(
        summary=m.summary, kind=m.kind or "consult", category_id=ref("category", m.category), details=m.details,
        urgency=m.urgency or "normal", area_id=ref("area", m.area), lane=m.lane, number=digits(m.number),
        room=digits(m.room), department_id=ref("department", m.department),
        assist_department_ids=tuple(ref("department", d) for d in m.assist), dispatch=m.dispatch, answer=m.answer,
    ) for m in data.matters)
    return VisitInput(
        matters=matters, channel=data.channel or "walk_in", name=v.name, phone=digits(v.phone),
        id_number=v.id_number, area_id=ref("area", v.area), lane=v.lane, number=digits(v.number),
        room=digits(v.room), notes=v.notes,
    )


def run_create(args, ctx) -> int:
    from desk.services import intake

    actor = ctx.actor()
    result = intake.register_visit(ctx.store, actor, visit_from_json(ctx.store, _load_json(args.file)))
    ctx.emit(result, [f"{o.ticket_no}  {label('status.' + o.status)}  {o.department_name}  {o.summary}" for o in result.orders])
    return 0


def _rows_table(ctx, rows):
    """The window's columns (desk/services/order_columns.py), long texts cut for a terminal,
    and the deadline's state the window shows in colour."""
    from desk.services.order_columns import cells, headers

    tz = ctx.store.calendar().tz
    cut = lambda text: text if len(text) <= 30 else text[:29] + "…"  # noqa: E731
    return ctx.table(
        headers() + [""],
        [tuple(cut(c) for c in cells(r, tz))
         + (_("OVERDUE") if r.overdue else (pgettext("desk.cli.orders", "due soon") if r.due_soon else ""),) for r in rows])


def run_list(args, ctx) -> int:
    from desk.services import queries, reference
    from desk.services.dto import OrderFilter

    actor = ctx.actor()
    store = ctx.store
    f = OrderFilter(
        view=args.view, statuses=tuple(args.status), kinds=tuple(args.kind), channels=tuple(args.channel),
        department_ids=tuple(reference.find_department(store, d).id for d in args.department),
        category_ids=tuple(reference.find_category(store, c).id for c in args.category),
        area_ids=tuple(reference.find_area(store, a).id for a in args.area),
        date_from=args.date_from, date_to=args.date_to, text=args.search,
    )
    total = queries.count_orders(store, actor, f)
    rows = queries.list_orders(store, actor, f, sort=args.sort, descending=not args.asc, offset=args.offset, limit=args.limit)
    ctx.emit({"total": total, "offset": args.offset, "orders": rows},
             _rows_table(ctx, rows) + [_("{total} in all, {count} shown").format(total=total, count=len(rows))])
    return 0


def _detail_lines(ctx, d) -> list[str]:
    tz = ctx.store.calendar().tz
    fmt = lambda t: t.astimezone(tz).strftime("%Y-%m-%d %H:%M") if t else "—"  # noqa: E731
    r = d.row
    lines = [
        f"{r.ticket_no}  {label('status.' + r.status)}" + (_("  [OVERDUE]") if r.overdue else ""),
        f"{_('Kind')}: {label('kind.' + r.kind)}   {_('Channel')}: {label('channel.' + r.channel)}   "
        f"{_('Urgency')}: {label('urgency.' + r.urgency)}",
        f"{_('Category')}: {r.category_name}   {pgettext('desk.cli.orders', 'Department')}: {r.department_name or '—'}",
        f"{pgettext('desk.cli.orders', 'Summary')}: {r.summary}",
    ]
    if d.details:
        lines.append(f"{_('Details')}: {d.details}")
    if d.visitor:
        v = d.visitor
        lines.append(f"{_('Visitor')}: {v.name} {v.phone} {v.area_name} {v.lane}{v.number} {v.room}".rstrip())
    lines.append(f"{_('Address')}: {r.area_name} {r.address}")
    lines.append(f"{pgettext('desk.cli.orders', 'Accept by')}: {fmt(r.accept_due_at)}   {pgettext('desk.cli.orders', 'Resolve by')}: {fmt(r.resolve_due_at)}")
    if d.result:
        lines.append(f"{_('Result')}: {d.result}")
    if d.merged_into_ticket:
        lines.append(f"{_('Merged into')}: {d.merged_into_ticket}")
    if d.siblings:
        lines.append(f"{_('Same visit')}: {', '.join(d.siblings)}")
    lines.append(_("History:"))
    for e in d.events:
        change = f"{label('status.' + e.from_status) if e.from_status else ''} → {label('status.' + e.to_status)}" if e.to_status else ""
        lines.append(f"  {fmt(e.at)}  {e.actor_name or _('system')}  {label('action.' + e.kind)}  {change}  {e.reason}".rstrip())
    lines.append(_("Can do now: ") + ", ".join(label("action." + a) for a in d.allowed_actions))
    return lines


def run_show(args, ctx) -> int:
    from desk.services import queries

    d = queries.get_order(ctx.store, ctx.actor(), args.ticket, reveal=args.reveal)
    ctx.emit(d, _detail_lines(ctx, d))
    return 0


def run_action(args, ctx) -> int:
    from desk.services import lifecycle, reference

    actor = ctx.actor()
    params = {"reason": getattr(args, "reason", "") or ""}
    if getattr(args, "department", None):
        params["department_id"] = reference.find_department(ctx.store, args.department).id
    for name in ("result", "solved", "rating", "days", "text", "by"):
        if hasattr(args, name):
            params[name] = getattr(args, name)
    if getattr(args, "at", None):
        params["contacted_at"] = args.at
    if getattr(args, "into", None):
        params["target"] = args.into
    d = lifecycle.perform(ctx.store, actor, args.ticket, args.action, **params)
    ctx.emit(d, [f"{d.row.ticket_no}: {label('action.' + args.action)} → {label('status.' + d.row.status)}"])
    return 0


def run_sweep(args, ctx) -> int:
    from desk.services import lifecycle

    n = lifecycle.supervise_overdue(ctx.store)
    ctx.emit({"supervised": n}, [_("{n} overdue orders flagged for supervision").format(n=n)])
    return 0
