"""desk figure-rules [--satisfied-from N] [--first-contact-hours H]: the two rules the figures are
counted with (issue 16), shown, or changed by an administrator (recorded in the audit log).
Every printed summary states them on its glossary page."""

from __future__ import annotations

from desk.cli.context import add_json_option, add_user_option
from desk.i18n import _, M_

_MESSAGES = (
    M_("bad_satisfied_from", "The satisfied rule is a rating from 1 to 5 (usually 3: fairly satisfied or better)."),
    M_("bad_first_contact_hours", "The first-contact limit is 1 to 240 hours."),
)


def register(sub) -> None:
    p = sub.add_parser("figure-rules", help=_("the satisfied rule and the first-contact limit the figures count with"))
    p.add_argument("--satisfied-from", type=int, metavar="N",
                   help=_("ratings from N up count as satisfied (3: 基本满意 and better, the usual practice; 4: 满意 and better)"))
    p.add_argument("--first-contact-hours", type=int, metavar="H", help=_("先行联系 within H hours of the first dispatch"))
    add_user_option(p)
    add_json_option(p)
    p.set_defaults(handler=run_figure_rules)


def run_figure_rules(args, ctx) -> int:
    from desk.services import figure_glossary, settings
    from desk.errors import ValidationError

    actor = ctx.actor()
    if args.satisfied_from is not None:
        if not 1 <= args.satisfied_from <= 5:
            raise ValidationError("bad_satisfied_from")
        settings.put(ctx.store, actor, "satisfied_rating_at_least", args.satisfied_from)
    if args.first_contact_hours is not None:
        if not 1 <= args.first_contact_hours <= 240:
            raise ValidationError("bad_first_contact_hours")
        settings.put(ctx.store, actor, "first_contact_hours", args.first_contact_hours)
    values = settings.get_all(ctx.store)
    sat, hours = values["satisfied_rating_at_least"], values["first_contact_hours"]
    ctx.emit({"satisfied_rating_at_least": sat, "first_contact_hours": hours},
             [_("Satisfied: {satisfied_rule}").format(satisfied_rule=figure_glossary.satisfied_rule(sat)),
              _("First contact: within {hours} hours of dispatch").format(hours=hours)])
    return 0
