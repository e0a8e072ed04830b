"""Every summary figure of the station, in ONE place: the dashboard, the printed daily, weekly
and monthly summaries, the exports and the central server's all-stations view all read them from
here, so screen and paper never disagree.

- What each figure means: desk.services.figure_definitions (one function per figure, its rule in
  the docstring) and desk.services.figure_glossary (the same rule in a sentence, zh and en, for
  the tooltips and the printed glossary page).
- The values handed out: desk.services.figure_types (Period, Scope, Drill, Rate, Figures …).
- The lists (breakdowns, state now, hot topics, league, trend): desk.services.figure_lists.

The cohort of a period is every order registered in it, by the local date of intake, that was
not voided, narrowed by the optional department/category/area scope. Each count carries a
`Drill`: the OrderFilter (plus, where a filter field cannot say it, a named SQL predicate of
figure_definitions.PREDICATES) that selects exactly the counted orders; `drill_filter()` turns
it into a plain OrderFilter for the work queue. Everything is SQL aggregates over indexed
columns (created_local_date, status) and the orders' own events; nothing loops over orders in
Python. The period's breakdowns, trend and hot topics read the cohort index alone (0005).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import case, func, select

from desk.services.dto import Actor, OrderFilter
from desk.services.figure_definitions import (COUNTED_STATUSES, OPEN_VALUES, PREDICATES, RATES, Rules, W,  # noqa: F401
                                              conditions_for, count_if, hours_between, rules_of,
                                              sent_to_department, solved_by_department, unindexed,
                                              weekday_expr)
from desk.services.figure_lists import (ROWID, BACKLOG_BUCKETS, HOT_TOPIC_LIMIT, OVERDUE_LIST_LIMIT, TREND_DAYS,  # noqa: F401
                                        WEEKDAYS, breakdowns, hot_topics, hot_window, league, state_now,
                                        topic_orders, trend)
from desk.services.figure_types import (Bucket, Drill, Figures, HotTopic, LeagueRow, Period, Rate, Scope,  # noqa: F401
                                        TrendPoint, cohort_filter)
from desk.rules.permissions import Permission, require
from desk.services.store import Store

# The names older scripts and tests use.
_conditions = conditions_for
_weekday_expr = weekday_expr
_ROWID = ROWID


def _rules(rules: Rules, drill: Drill) -> Rules:
    return rules.with_arg(drill.arg if drill.predicate in RATE_PREDICATES else None)


RATE_PREDICATES = frozenset(k for key in RATES for k in (key, f"{key}_base")) | {"overdue"}


def _where(store: Store, actor: Actor, drill: Drill, extra: tuple = ()) -> list:
    where = conditions_for(store, actor, drill.filter) + list(extra)
    if drill.predicate:
        where.append(PREDICATES[drill.predicate](_rules(rules_of(store), drill), drill.arg))
    return where


def drill_filter(store: Store, actor: Actor, drill: Drill) -> OrderFilter:
    """The work-queue filter that shows exactly the orders a figure counted."""
    if not drill.predicate:
        return drill.filter
    with store.read() as s:
        ids = tuple(s.scalars(select(W.id).where(*_where(store, actor, drill))))
    # An impossible id keeps an empty drill-down empty (an empty tuple would not filter).
    return OrderFilter(ids=ids or ("-",))


def drill_count(store: Store, actor: Actor, drill: Drill) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(W).where(*_where(store, actor, drill)))


def drill_counts(store: Store, actor: Actor, drills, *, registered_before: Optional[datetime] = None) -> list[int]:
    """drill_count of each drill, in order; drills that share a filter (a period's figures
    differ only by predicate) are counted together in one pass over that filter's orders.
    registered_before: only orders registered before that moment (the same hours of a
    previous day, for a period still running)."""
    by_filter: dict[OrderFilter, list[int]] = {}
    drills = list(drills)
    for i, drill in enumerate(drills):
        by_filter.setdefault(drill.filter, []).append(i)
    out = [0] * len(drills)
    # Unindexed: the period's dates stay the driver (the created_at index holds every order).
    extra = [unindexed(W.created_at) < registered_before] if registered_before is not None else []
    rules = rules_of(store)
    with store.read() as s:
        for f, members in by_filter.items():
            cols, readers = [], []
            paired = _history_pairs(drills, members)
            for i in members:
                drill = drills[i]
                if i in paired:  # a history-read rate and its base: one packed sum (see _counts)
                    base_i = paired[i]
                    state = RATES[drill.predicate](_rules(rules, drill)).state
                    cols.append(func.sum(case({1: _PACK + 1, 0: 1}, value=state, else_=0)))
                    readers.append(lambda n, i=i, b=base_i: (out.__setitem__(i, n // _PACK),
                                                             out.__setitem__(b, n % _PACK)))
                elif i in paired.values():
                    continue
                else:
                    cols.append(count_if(PREDICATES[drill.predicate](_rules(rules, drill), drill.arg))
                                if drill.predicate else func.count())
                    readers.append(lambda n, i=i: out.__setitem__(i, n))
            row = s.execute(select(*cols).select_from(W).where(*conditions_for(store, actor, f), *extra)).one()
            for read, n in zip(readers, row):
                read(int(n or 0))
    return out


def _history_pairs(drills, members) -> dict[int, int]:
    """Index of a rate's drill -> index of its base's drill, for the rates read from the
    history (they have a `state`), when both are asked for with the same rule."""
    by_name = {(drills[i].predicate, drills[i].arg): i for i in members}
    pairs = {}
    for i in members:
        key = drills[i].predicate
        if key in RATES and (f"{key}_base", drills[i].arg) in by_name:
            if RATES[key](Rules(datetime.now())).state is not None:
                pairs[i] = by_name[(f"{key}_base", drills[i].arg)]
    return pairs


# -- computing ---------------------------------------------------------------------------------

def compute(store: Store, actor: Actor, period: Period, scope: Scope = Scope()) -> Figures:
    """All figures of `period` in `scope` (figure_definitions says what each one means)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    rules = rules_of(store)
    base = cohort_filter(period, scope)
    where = conditions_for(store, actor, base)
    with store.read() as s:
        c = _counts(s, where, rules)
        rates = {key: Rate(int(c[f"{key}"] or 0), int(c[f"{key}_base"] or 0), Drill(base, key, rules.arg),
                           Drill(base, f"{key}_base", rules.arg)) for key in RATES}
        # Answered at the desk is taken over the whole intake: its base drill is the cohort.
        rates["answered_at_desk"] = replace(rates["answered_at_desk"], denominator=int(c["intake"] or 0),
                                            base=Drill(base))
        figures: dict[str, Any] = dict(
            intake=int(c["intake"] or 0), intake_drill=Drill(base), sent=int(c["sent"] or 0), **rates,
            avg_accept_hours=_round(c["avg_accept_hours"]), avg_resolve_hours=_round(c["avg_resolve_hours"]),
            satisfied_at_least=rules.satisfied_at_least, first_contact_hours=rules.first_contact_hours)
        figures.update(breakdowns(store, s, where, base, scope))
    figures.update(state_now(store, actor, period, scope, rules))
    figures["hot_topics"] = hot_topics(store, actor, period, scope)
    figures["hot_window"] = hot_window(store, period)
    figures["league"] = league(store, actor, period, scope, rules)
    figures["trend"] = trend(store, actor, period, scope)
    return Figures(period=period, scope=scope, computed_at=rules.now, **figures)


def _round(value) -> Optional[float]:
    return None if value is None else round(float(value), 1)


def _counts(s, where, rules: Rules) -> dict[str, Any]:
    """The headline counts in one pass over the cohort."""
    cols: dict[str, Any] = {"intake": func.count(), "sent": count_if(sent_to_department())}
    packed = []
    for key, definition in RATES.items():
        measure = definition(rules)
        if measure.state is not None:
            # Both counts in one sum, so the order's history is read once: PACK per counted order
            # plus 1 per order in the base (a simple CASE evaluates its subject once).
            cols[key] = func.sum(case({1: _PACK + 1, 0: 1}, value=measure.state, else_=0))
            packed.append(key)
        else:
            cols[key], cols[f"{key}_base"] = count_if(measure.numerator), count_if(measure.base)
    cols["avg_accept_hours"] = func.avg(case((W.accepted_at.is_not(None) & W.dispatched_at.is_not(None),
                                              hours_between(W.accepted_at, W.dispatched_at))))
    cols["avg_resolve_hours"] = func.avg(case((solved_by_department(rules).base,
                                               hours_between(W.resolved_at, W.created_at))))
    row = dict(s.execute(select(*[c.label(k) for k, c in cols.items()]).select_from(W).where(*where)).one()._mapping)
    for key in packed:
        total = int(row[key] or 0)
        row[key], row[f"{key}_base"] = total // _PACK, total % _PACK
    return row


_PACK = 1 << 32  # more orders than a period will ever hold
