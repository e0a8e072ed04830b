"""The figures that are lists rather than rates: the period's breakdowns (channel, kind,
category, area, hour, weekday, department), the state now (backlog by age, overdue, waiting
extensions), hot topics, the department league and the 30-day trend. The definitions they use
are desk.services.figure_definitions'; desk.services.figures.compute puts them together."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Integer, func, literal_column, select

from desk.i18n import _, by_language, L_, label
from desk.models import Event
from desk.services import settings
from desk.services.dto import Actor, OrderFilter, OrderRow
from desk.rules.enums import Action, Channel, Kind, Status
from desk.services.figure_definitions import (OPEN_VALUES, W, Rules, weekday_expr, conditions_for, count_if,
                                              on_time, overdue, pended_late, return_department, rules_of,
                                              satisfaction)
from desk.services.figure_types import (Bucket, Drill, HotTopic, LeagueRow, Period, Rate, Scope, TrendPoint,
                                        cohort_filter)
from desk.rules.permissions import Permission, require
from desk.services.queries import list_orders
from desk.services.store import Store

ROWID = literal_column("work_order.rowid")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LABELS = (
    L_("weekday.0", "Mon"),
    L_("weekday.1", "Tue"),
    L_("weekday.2", "Wed"),
    L_("weekday.3", "Thu"),
    L_("weekday.4", "Fri"),
    L_("weekday.5", "Sat"),
    L_("weekday.6", "Sun"),
)
# (lowest, highest) age in whole days since the local date of intake; None: no upper bound.
BACKLOG_BUCKETS = ((0, 1), (2, 3), (4, 7), (8, 15), (16, 30), (31, None))
TREND_DAYS = 30
OVERDUE_LIST_LIMIT = 50
HOT_TOPIC_LIMIT = 10


def group_counts(s, where, column) -> dict[Any, int]:
    return {k: n for k, n in s.execute(select(column, func.count()).select_from(W).where(*where).group_by(column))}


def breakdowns(store: Store, s, where, base: OrderFilter, scope: Scope) -> dict[str, tuple[Bucket, ...]]:
    names = store.names()
    d = lambda f, predicate="", arg=None: Drill(f, predicate, arg)  # noqa: E731

    # Seven small GROUP BYs, each read from the cohort index alone (0005): quicker than one
    # GROUP BY of all seven keys, whose thousands of combinations cost more to hand back.
    channels = group_counts(s, where, W.channel)
    by_channel = tuple(Bucket(c.value, c.label, channels.get(c.value, 0), d(replace(base, channels=(c.value,))))
                       for c in Channel if channels.get(c.value))
    kinds = group_counts(s, where, W.kind)
    by_kind = tuple(Bucket(k.value, k.label, kinds.get(k.value, 0), d(replace(base, kinds=(k.value,))))
                    for k in Kind if kinds.get(k.value))

    # Categories roll up to their top-level ancestor (a handful of groups, not rows).
    top_of: dict[str, str] = {}
    for cid in names.categories:
        top = cid
        while names.category_parent.get(top):
            top = names.category_parent[top]
        top_of[cid] = top
    rolled: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for cid, n in group_counts(s, where, W.category_id).items():
        key = top_of.get(cid, cid) if cid else ""
        rolled[key] = rolled.get(key, 0) + n
        if cid:
            members.setdefault(key, []).append(cid)
    by_category = []
    for key, n in sorted(rolled.items(), key=lambda kv: (-kv[1], kv[0])):
        if not key:
            by_category.append(Bucket("", _("No category"), n, d(base, "no_category")))
        else:
            # Exactly the categories counted, so a category scope does not widen the drill-down.
            drill = d(base, "category_in", tuple(sorted(members[key]))) if scope.category_ids \
                else d(replace(base, category_ids=(key,)))
            by_category.append(Bucket(key, by_language(*names.categories.get(key, (key, key))), n, drill))

    areas = group_counts(s, where, W.area_id)
    by_area = tuple(
        Bucket(a or "", by_language(*names.areas.get(a, (a, a))) if a else _("Not given"), n,
               d(replace(base, area_ids=(a,))) if a else d(base, "no_area"))
        for a, n in sorted(areas.items(), key=lambda kv: (-kv[1], kv[0] or "")))

    hours = group_counts(s, where, W.created_local_hour)
    by_hour = tuple(Bucket(str(h), f"{h:02d}", hours.get(h, 0), d(base, "hour", h)) for h in range(24))
    weekdays = group_counts(s, where, weekday_expr())
    by_weekday = tuple(Bucket(str(i), label(f"weekday.{i}"), weekdays.get(i, 0), d(base, "weekday", i))
                       for i in range(len(WEEKDAYS)))

    deps = group_counts(s, where, W.lead_department_id)
    by_department = tuple(
        Bucket(k or "", by_language(*names.departments.get(k, (k, k))) if k else _("Not dispatched"), n,
               d(replace(base, department_ids=(k,))) if k else d(base, "no_department"))
        for k, n in sorted(deps.items(), key=lambda kv: (-kv[1], kv[0] or "")))
    return dict(by_channel=by_channel, by_kind=by_kind, by_category=tuple(by_category), by_area=by_area,
                by_hour=by_hour, by_weekday=by_weekday, by_department=by_department)


def state_now(store: Store, actor: Actor, period: Period, scope: Scope, rules: Rules) -> dict[str, Any]:
    """Backlog, overdue and waiting extensions: today's state of orders registered by the period's end.
    Overdue is figure_definitions.overdue: pending orders already late when pended count too."""
    today = store.now().astimezone(store.calendar().tz).date()
    # Usually the period runs up to today and every order qualifies by date: the bound is left
    # out. For a past period it is kept but out of the index (by_status): SQLite then goes
    # through the status index (hundreds of open orders), not the dates (nearly every order).
    end = period.date_to.isoformat() if period.date_to < today else None
    scoped = OrderFilter(date_to=end, department_ids=scope.department_ids, category_ids=scope.category_ids,
                         area_ids=scope.area_ids)
    open_f = replace(scoped, statuses=OPEN_VALUES)
    open_where = conditions_for(store, actor, open_f, by_status=True)
    age = func.cast(func.julianday(today.isoformat()) - func.julianday(W.created_local_date), Integer)
    with store.read() as s:
        ages = group_counts(s, open_where, age)
    backlog = []
    for lo, hi in BACKLOG_BUCKETS:
        n = sum(c for a, c in ages.items() if a is not None and a >= lo and (hi is None or a <= hi))
        newest = min((today - timedelta(days=lo)).isoformat(), end or "9999-12-31")
        oldest = (today - timedelta(days=hi)).isoformat() if hi is not None else None
        text = _("{lo}–{hi} d").format(lo=lo, hi=hi) if hi is not None else _("{lo}+ d").format(lo=lo)
        backlog.append(Bucket(f"{lo}-{hi if hi is not None else ''}", text, n,
                              Drill(replace(open_f, date_from=oldest, date_to=newest))))
    # Open orders, narrowed by the definition (the queue's "overdue" view leaves out pended ones).
    overdue_drill = Drill(open_f, "overdue", rules.arg)
    # Only open orders can wait for an extension; saying so lets the status index do the work.
    extension_f = replace(scoped, view="extension_requested", statuses=OPEN_VALUES)
    with store.read() as s:
        overdue_where = conditions_for(store, actor, open_f, by_status=True) + [overdue(rules)]
        overdue_count, overdue_pended = s.execute(select(func.count(), count_if(pended_late())).select_from(W)
                                                  .where(*overdue_where)).one()
        most_overdue = tuple(s.scalars(select(W.id).where(*overdue_where)
                                       .order_by(W.resolve_due_at, W.id).limit(OVERDUE_LIST_LIMIT)))
        extension_count = s.scalar(select(func.count()).select_from(W)
                                   .where(*conditions_for(store, actor, extension_f, by_status=True)))
    overdue_rows = list_orders(store, actor, OrderFilter(ids=most_overdue), sort="resolve_due_at", descending=False,
                               limit=OVERDUE_LIST_LIMIT) if most_overdue else []
    return dict(open_now=sum(ages.values()), open_drill=Drill(open_f), backlog=tuple(backlog),
                overdue_count=overdue_count, overdue=tuple(overdue_rows), overdue_drill=overdue_drill,
                overdue_pended=int(overdue_pended or 0),
                extension_requests=extension_count, extension_drill=Drill(extension_f))


def hot_window(store: Store, period: Period) -> Period:
    days = max(period.days, int(settings.get(store, "duplicate_window_days")))
    return Period(period.date_to - timedelta(days=days - 1), period.date_to)


def hot_topics(store: Store, actor: Actor, period: Period, scope: Scope = Scope(),
               limit: int = HOT_TOPIC_LIMIT) -> tuple[HotTopic, ...]:
    """Clusters of one category at one address (2+) or in one lane (3+), biggest first."""
    window = hot_window(store, period)
    where = conditions_for(store, actor, cohort_filter(window, scope)) + [W.lane != "", W.category_id.is_not(None),
                                                                      W.status != Status.MERGED.value]
    names = store.names()
    candidates = []
    with store.read() as s:
        for level, keys, least in (("address", (W.category_id, W.lane, W.number), 2),
                                   ("lane", (W.category_id, W.lane), 3)):
            # rowids, not ids: every column here is in the cohort index (0005), so the window's
            # orders are counted without reading them; only the shown clusters' ids are read.
            q = (select(*keys, func.count().label("n"), func.min(W.created_local_date), func.max(W.created_local_date),
                        func.group_concat(ROWID))
                 .where(*where).group_by(*keys).having(func.count() >= least)
                 .order_by(func.count().desc()).limit(limit * 2))
            for row in s.execute(q):
                cat, lane = row[0], row[1]
                number = row[2] if level == "address" else ""
                place = lane + (f"{number}号" if number and not number.endswith("号") else number)
                rowids = frozenset(int(r) for r in row[-1].split(","))
                candidates.append((-row[-4], level != "address", by_language(*names.categories.get(cat, (cat, cat))), place,
                                   cat, level, row[-3], row[-2], rowids))
        # A lane cluster that is just one address cluster says nothing new.
        address_sets = {c[-1] for c in candidates if c[5] == "address"}
        shown = sorted(c for c in candidates if c[5] == "address" or c[-1] not in address_sets)[:limit]
        found: list[HotTopic] = []
        raw = s.connection()
        for neg_n, _, name, place, cat, level, first, last, rowids in shown:
            # The cluster's ids earliest first, sorted by SQLite, straight from the driver.
            ids = tuple(r[0] for r in raw.exec_driver_sql(
                "SELECT id FROM work_order WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY created_at, id",
                (json.dumps(sorted(rowids)),)))
            found.append(HotTopic(cat, name, place, level, -neg_n, first, last, ids, Drill(OrderFilter(ids=ids))))
    return tuple(found)


def topic_orders(store: Store, actor: Actor, topics, limit: int) -> tuple[tuple[OrderRow, ...], ...]:
    """The first `limit` orders of each hot topic (its order_ids are earliest first), read in
    one window for all of them."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    firsts = [t.order_ids[:max(0, limit)] for t in topics]
    shown = sorted({i for f in firsts for i in f})
    if not shown:
        return tuple(() for _ in topics)
    rows = {r.id: r for r in list_orders(store, actor, OrderFilter(ids=tuple(shown)), sort="created_at",
                                         descending=False, limit=len(shown))}
    return tuple(tuple(rows[i] for i in f if i in rows) for f in firsts)


def league(store: Store, actor: Actor, period: Period, scope: Scope = Scope(),
           rules: Rules | None = None) -> tuple[LeagueRow, ...]:
    """Per lead department: volume, on-time rate, returns, satisfaction (the headline's
    definitions); most work first."""
    rules = rules or rules_of(store)
    ot, sat = on_time(rules), satisfaction(rules)
    base = cohort_filter(period, scope)
    where = conditions_for(store, actor, base)
    names = store.names()
    with store.read() as s:
        rows = s.execute(
            select(W.lead_department_id, func.count(), count_if(ot.base), count_if(ot.numerator), count_if(sat.base),
                   count_if(sat.numerator))
            .where(*where, W.lead_department_id.is_not(None)).group_by(W.lead_department_id)).all()
        # Returns belong to the department that returned the order, which is usually not the
        # order's lead department any more: count the return events themselves.
        dep_of_return = return_department(Event)
        # Driven from the period's orders (date index), then their events (order index): the
        # event table is many times larger than the orders of one period.
        cohort_ids = select(W.id).where(*where)
        returns = {k: n for k, n in s.execute(
            select(dep_of_return, func.count(func.distinct(Event.order_id)))
            .where(Event.order_id.in_(cohort_ids), Event.kind == Action.RETURN.value)
            .group_by(dep_of_return))}
    out = []
    seen = set()
    for dep, volume, ot_base, ot_met, rated, satisfied in rows:
        seen.add(dep)
        dep_f = replace(base, department_ids=(dep,))
        out.append(LeagueRow(
            dep, by_language(*names.departments.get(dep, (dep, dep))), volume,
            Rate(int(ot_met), int(ot_base), Drill(dep_f, "on_time", rules.arg), Drill(dep_f, "on_time_base", rules.arg)),
            returns.get(dep, 0), Drill(base, "returned_from", dep),
            Rate(int(satisfied), int(rated), Drill(dep_f, "satisfaction", rules.arg), Drill(dep_f, "satisfaction_base", rules.arg)), Drill(dep_f)))
    for dep, n in returns.items():
        if dep and dep not in seen:  # returned everything it got: still on the table
            dep_f = replace(base, department_ids=(dep,))
            out.append(LeagueRow(dep, by_language(*names.departments.get(dep, (dep, dep))), 0,
                                 Rate(0, 0, Drill(dep_f, "on_time", rules.arg), Drill(dep_f, "on_time_base", rules.arg)), n,
                                 Drill(base, "returned_from", dep),
                                 Rate(0, 0, Drill(dep_f, "satisfaction", rules.arg), Drill(dep_f, "satisfaction_base", rules.arg)), Drill(dep_f)))
    out.sort(key=lambda r: (-r.volume, r.department_name))
    return tuple(out)


def trend(store: Store, actor: Actor, period: Period, scope: Scope = Scope(), days: int = TREND_DAYS) -> tuple[TrendPoint, ...]:
    """Intake per day for the `days` days ending on the period's last day, or today if that is
    earlier (a month not over yet ends today), zeros included; 31 days for a 31-day
    month, so every day of a monthly summary is on its chart."""
    end = min(period.date_to, store.now().astimezone(store.calendar().tz).date())
    days = max(days, min((end - period.date_from).days + 1, 31))
    window = Period(end - timedelta(days=days - 1), end)
    base = cohort_filter(window, scope)
    with store.read() as s:
        per_day = group_counts(s, conditions_for(store, actor, base), W.created_local_date)
    out = []
    for i in range(days):
        day = (window.date_from + timedelta(days=i)).isoformat()
        out.append(TrendPoint(day, per_day.get(day, 0), Drill(replace(base, date_from=day, date_to=day))))
    return tuple(out)
