"""desk departments|categories|areas|calendar: reference data."""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _, pgettext


def register(sub) -> None:
    d = sub.add_parser("departments", help=_("list departments"))
    add_json_option(d)
    d.set_defaults(handler=run_departments)
    c = sub.add_parser("categories", help=_("list the category tree with deadlines"))
    add_json_option(c)
    c.set_defaults(handler=run_categories)
    a = sub.add_parser("areas", help=_("list residential areas"))
    add_json_option(a)
    a.set_defaults(handler=run_areas)
    cal = sub.add_parser("calendar", help=_("working-day overrides for years the holiday library does not know"))
    cs = cal.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    ls = cs.add_parser("list")
    add_json_option(ls)
    ls.set_defaults(handler=run_calendar_list)
    st = cs.add_parser("set", help=_("mark a day as a working day or a day off"))
    st.add_argument("day", help=_("YYYY-MM-DD"))
    g = st.add_mutually_exclusive_group(required=True)
    g.add_argument("--workday", dest="workday", action="store_true")
    g.add_argument("--off", dest="workday", action="store_false")
    g.add_argument("--clear", dest="clear", action="store_true", help=_("remove the override"))
    st.add_argument("--note", default="")
    add_user_option(st)
    st.set_defaults(handler=run_calendar_set)


def run_departments(args, ctx) -> int:
    from desk.services import reference

    rows = reference.list_departments(ctx.store, include_inactive=True)
    ctx.emit(rows, ctx.table([_("Code"), _("Name"), "English", _("Contact"), _("Active")],
                             [(d.code, d.name, d.name_en, d.contact, "✓" if d.active else "") for d in rows]))
    return 0


def run_categories(args, ctx) -> int:
    from desk.services import reference

    deps = {d.id: d.name for d in reference.list_departments(ctx.store, include_inactive=True)}
    rows = reference.list_categories(ctx.store, include_inactive=True)
    ctx.emit(rows, ctx.table(
        [_("Code"), _("Name"), _("Accept"), _("Resolve"), _("Default department")],
        [(c.code, "  " * c.depth + c.name, c.accept_limit, c.resolve_limit, deps.get(c.default_department_id, "")) for c in rows]))
    return 0


def run_areas(args, ctx) -> int:
    from desk.services import reference

    rows = reference.list_areas(ctx.store, include_inactive=True)
    ctx.emit(rows, ctx.table([_("Code"), _("Name"), _("Grid")], [(a.code, a.name, a.grid_name) for a in rows]))
    return 0


def run_calendar_list(args, ctx) -> int:
    from desk.services import reference

    rows = reference.list_calendar_overrides(ctx.store)
    ctx.emit(rows, ctx.table([_("Day"), _("Working"), pgettext("desk.cli.reference", "Note")],
                             [(r.day, "✓" if r.is_workday else "", r.note) for r in rows]))
    return 0


def run_calendar_set(args, ctx) -> int:
    from desk.services import reference

    value = None if args.clear else args.workday
    reference.set_calendar_override(ctx.store, ctx.actor(), args.day, value, args.note)
    print(_("Set {day}").format(day=args.day))
    return 0
