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

from desk.i18n import _, by_language, zh_en

RATING_NAMES = {5: zh_en("very satisfied"), 4: zh_en("satisfied"), 3: zh_en("fairly satisfied"),
                2: zh_en("dissatisfied"), 1: zh_en("very dissatisfied")}

# key -> (name zh, name en, sentence zh, sentence en). Keys are the Figures fields (and the tiles').
_ENTRIES: dict[str, tuple[str, str, str, str]] = {
    "intake": ("受理量", "Intake volume",
               "本期登记的工单数（按受理日期，不含作废）。",
               "Orders registered in the period, by date of intake (voided ones left out)."),
    "answered_at_desk": ("当场办结率", "Answered-at-desk rate",
                         "当场答复办结的工单 ÷ 受理量。",
                         "Orders answered on the spot ÷ intake."),
    "response": ("响应率", "Response rate",
                 "每次派单都在签收时限内签收（或退单）的工单 ÷ 已派单且签收已有结果（已签收、已退单或已过时限）的工单；"
                 "按工单历史计算，退单不会抹去此前超时未签收的记录。",
                 "Orders whose every dispatch was accepted (or returned) within its acceptance limit ÷ orders sent "
                 "whose acceptance is decided (accepted, returned or past the limit); read from the order's history, "
                 "so a return does not wipe out a missed acceptance before it."),
    "first_contact": ("先行联系率", "First-contact rate",
                      "首次派单后 {hours} 小时内由承办单位或本站联系上群众的工单 ÷ 已派单且联系已有结果（已联系或已过时限）的工单。",
                      "Orders whose resident was contacted (by the department or the station) within {hours} hours of "
                      "the first dispatch ÷ orders sent whose first contact is decided (contacted, or the limit passed)."),
    "on_time": ("按时办结率", "On-time resolution rate",
                "在办结期限内办结的工单 ÷ 已派单且结果已定（已办结或已过期限）的工单；挂起期间不计时，"
                "期限内挂起的工单等待期间不计入，超期后才挂起的仍算超期。",
                "Orders resolved by their deadline ÷ orders sent whose outcome is decided (resolved, or past the "
                "deadline); pending time does not count: an order pended in time is left out while it waits, one "
                "pended after its deadline stays late."),
    "solved": ("解决率（群众评价）", "Solved rate (residents)",
               "回访时群众表示“已解决”的工单 ÷ 已回访的工单（以最近一次回访为准，群众说了算）。",
               "Orders whose resident said \"solved\" at the (latest) callback ÷ orders called back: the resident's "
               "word decides."),
    "solved_by_department": ("解决率（承办单位自报）", "Solved rate (department's claim)",
                             "承办单位办结时自报“已解决”的工单 ÷ 承办单位办结的工单；仅供对照，不作为考核口径。",
                             "Orders a department resolved and marked \"solved\" ÷ orders a department resolved; shown "
                             "for comparison only, not the headline."),
    "satisfaction": ("满意率", "Satisfaction rate",
                     "最近一次回访评价为{rule}的工单 ÷ 有回访评价的工单。",
                     "Orders whose latest callback rating was {rule} ÷ orders with a callback rating."),
    "unsatisfied": ("不满意", "Unsatisfied",
                    "最近一次回访评价低于{rule}的工单 ÷ 有回访评价的工单。",
                    "Orders whose latest callback rating was below {rule} ÷ orders with a callback rating."),
    "returned": ("退单率", "Return rate",
                 "被承办单位退回过至少一次的工单 ÷ 已派单的工单。",
                 "Orders returned by a department at least once ÷ orders sent to a department."),
    "reopened": ("重办率", "Reopen rate",
                 "重办过至少一次的工单 ÷ 已有办理结果（已办结、当场办结或已重办）的工单。",
                 "Orders reopened at least once ÷ orders that got a result (resolved, answered, or reopened since)."),
    "extended": ("延期率", "Extension rate",
                 "获批延期至少一次的工单 ÷ 已派单的工单。",
                 "Orders with at least one approved extension ÷ orders sent to a department."),
    "called_back": ("回访率", "Callback rate",
                    "已回访的工单 ÷ 承办单位已办结（或已回访）的工单。",
                    "Orders called back ÷ orders a department resolved (or called back)."),
    "avg_accept_hours": ("平均签收用时", "Average time to accept",
                         "从派单到签收的平均小时数（已签收的工单）。",
                         "Average hours from dispatch to acceptance, over accepted orders."),
    "avg_resolve_hours": ("平均办结用时", "Average time to resolve",
                          "从登记到承办单位办结的平均小时数。",
                          "Average hours from registration to a department's resolution."),
    "open_now": ("在办工单", "Open now",
                 "本期及以前登记、目前仍未办结的工单（截至统计时）。",
                 "Orders of the period and before that are still open (as computed)."),
    "overdue": ("超期工单", "Overdue now",
                "已过办结期限（或未签收已过签收时限）仍未办结的工单，超期后才挂起的也计入（截至统计时）。",
                "Open orders past their deadline (resolution, or acceptance while not accepted), including orders "
                "pended after their deadline had passed (as computed)."),
    "extension_requests": ("待审批延期", "Extensions waiting",
                           "等待站长审批的延期申请。",
                           "Extension requests waiting for a supervisor's approval."),
    "by_category": ("按分类", "By category",
                    "按顶级分类统计受理量；图中列出最多的几类，其余合并为一条“其余 N 类”，全部分类见分类表。",
                    "Intake by top-level category; the chart shows the largest ones and gathers the rest in one "
                    "\"N other categories\" bar; every category is in the table."),
    "hot_topics": ("热点问题", "Hot topics",
                   "统计窗口内同一门牌同类诉求 2 件以上，或同一条弄/路同类诉求 3 件以上。",
                   "The same category at the same address (2 or more) or along the same lane (3 or more) within "
                   "the window."),
    "league": ("承办单位排行", "Department league",
               "按主办单位统计本期工单量、按时办结率、退单数和满意率（口径同上）。",
               "Per lead department: volume, on-time rate, returns and satisfaction of the period (the same "
               "definitions as above)."),
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
    zh, en, _, _ = _ENTRIES[key]
    return by_language(zh, en)


def definition(key: str, *, satisfied_at_least: int = 3, first_contact_hours: int = 24) -> str:
    _, _, zh, en = _ENTRIES[key]
    return by_language(zh, en).format(rule=satisfied_rule(satisfied_at_least), hours=first_contact_hours)


def entries(fig=None, keys: Optional[tuple[str, ...]] = None) -> list[Entry]:
    """Every figure's name and sentence, with the rules `fig` was counted with."""
    rules = dict(satisfied_at_least=getattr(fig, "satisfied_at_least", 3),
                 first_contact_hours=getattr(fig, "first_contact_hours", 24))
    return [Entry(k, name(k), definition(k, **rules)) for k in (keys or ORDER)]
