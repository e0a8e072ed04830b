"""Every figure's name and its definition in one sentence, in Chinese and English: the ONE text
the dashboard's tooltips and the printed summaries' glossary page both show, so what a
supervisor reads on screen is what the subdistrict reads on paper. The rules themselves are
desk.services.figure_definitions (each function's docstring says the same thing in SQL terms).

Sentences that depend on a setting (the satisfied rule, the first-contact limit) are filled in
from the figures they describe, so a glossary always states the rule its numbers were counted
with (the central server's figures carry their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from desk.i18n import _, by_language, pzh_en, zh_en

RATING_NAMES = {5: zh_en("very satisfied"), 4: zh_en("satisfied"), 3: zh_en("fairly satisfied"),
                2: zh_en("dissatisfied"), 1: zh_en("very dissatisfied")}

# key -> ((name zh, name en), (sentence zh, sentence en)). Keys are the Figures fields (and the tiles').
_ENTRIES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "intake": (zh_en("Intake volume"),
               zh_en("Orders registered in the period, by date of intake (voided ones left out).")),
    "answered_at_desk": (zh_en("Answered-at-desk rate"),
                         zh_en("Orders answered on the spot ÷ intake.")),
    "response": (zh_en("Response rate"),
                 zh_en("Orders whose every dispatch was accepted (or returned) within its acceptance limit ÷ orders sent whose acceptance is decided (accepted, returned or past the limit); read from the order's history, so a return does not wipe out a missed acceptance before it.")),
    "first_contact": (zh_en("First-contact rate"),
                      zh_en("Orders whose resident was contacted (by the department or the station) within {hours} hours of the first dispatch ÷ orders sent whose first contact is decided (contacted, or the limit passed).")),
    "on_time": (zh_en("On-time resolution rate"),
                zh_en("Orders resolved by their deadline ÷ orders sent whose outcome is decided (resolved, or past the deadline); pending time does not count: an order pended in time is left out while it waits, one pended after its deadline stays late.")),
    "solved": (zh_en("Solved rate (residents)"),
               zh_en("Orders whose resident said \"solved\" at the (latest) callback ÷ orders called back: the resident's word decides.")),
    "solved_by_department": (zh_en("Solved rate (department's claim)"),
                             zh_en("Orders a department resolved and marked \"solved\" ÷ orders a department resolved; shown for comparison only, not the headline.")),
    "satisfaction": (zh_en("Satisfaction rate"),
                     zh_en("Orders whose latest callback rating was {rule} ÷ orders with a callback rating.")),
    "unsatisfied": (zh_en("Unsatisfied"),
                    zh_en("Orders whose latest callback rating was below {rule} ÷ orders with a callback rating.")),
    "returned": (zh_en("Return rate"),
                 zh_en("Orders returned by a department at least once ÷ orders sent to a department.")),
    "reopened": (zh_en("Reopen rate"),
                 zh_en("Orders reopened at least once ÷ orders that got a result (resolved, answered, or reopened since).")),
    "extended": (zh_en("Extension rate"),
                 zh_en("Orders with at least one approved extension ÷ orders sent to a department.")),
    "called_back": (zh_en("Callback rate"),
                    zh_en("Orders called back ÷ orders a department resolved (or called back).")),
    "avg_accept_hours": (zh_en("Average time to accept"),
                         zh_en("Average hours from dispatch to acceptance, over accepted orders.")),
    "avg_resolve_hours": (zh_en("Average time to resolve"),
                          zh_en("Average hours from registration to a department's resolution.")),
    "open_now": (zh_en("Open now"),
                 zh_en("Orders of the period and before that are still open (as computed).")),
    "overdue": (zh_en("Overdue now"),
                zh_en("Open orders past their deadline (resolution, or acceptance while not accepted), including orders pended after their deadline had passed (as computed).")),
    "extension_requests": (zh_en("Extensions waiting"),
                           zh_en("Extension requests waiting for a supervisor's approval.")),
    "by_category": (zh_en("By category"),
                    zh_en("Intake by top-level category; the chart shows the largest ones and gathers the rest in one \"N other categories\" bar; every category is in the table.")),
    "hot_topics": (zh_en("Hot topics"),
                   zh_en("The same category at the same address (2 or more) or along the same lane (3 or more) within the window.")),
    "league": (pzh_en("desk.services.figure_glossary", "Department league"),
               zh_en("Per lead department: volume, on-time rate, returns and satisfaction of the period (the same definitions as above).")),
}
ORDER = tuple(_ENTRIES)


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    text: str


def satisfied_rule(at_least: int) -> str:
    """'基本满意及以上（3–5 分）' / 'fairly satisfied or better (3–5)' for the setting's value."""
    at_least = min(max(int(at_least), 1), 5)
    zh, en = RATING_NAMES[at_least]
    if at_least == 5:
        return _("{name} (5)").format(name=by_language(zh, en))
    return _("{name} or better ({at_least}–5)").format(name=by_language(zh, en), at_least=at_least)


def name(key: str) -> str:
    return by_language(*_ENTRIES[key][0])


def definition(key: str, *, satisfied_at_least: int = 3, first_contact_hours: int = 24) -> str:
    return by_language(*_ENTRIES[key][1]).format(rule=satisfied_rule(satisfied_at_least), hours=first_contact_hours)


def entries(fig=None, keys: Optional[tuple[str, ...]] = None) -> list[Entry]:
    """Every figure's name and sentence, with the rules `fig` was counted with."""
    rules = dict(satisfied_at_least=getattr(fig, "satisfied_at_least", 3),
                 first_contact_hours=getattr(fig, "first_contact_hours", 24))
    return [Entry(k, name(k), definition(k, **rules)) for k in (keys or ORDER)]
