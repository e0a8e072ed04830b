"""Every figure of desk.services.figures against hand-written SQL on a known dataset, and every
drill-down against the count it belongs to."""

from __future__ import annotations

import sqlite3
from datetime import date, timezone

import pytest

from desk.services import figures
from desk.errors import PermissionDenied
from desk.services.figures import Period, Scope
from desk.services.queries import count_orders, list_orders
from tests import known_orders
from tests.known_orders import known, store  # noqa: F401 - the shared dataset fixtures


@pytest.fixture
def supervisor(known):
    return known.supervisor


@pytest.fixture
def ref(known):
    return known.ref


@pytest.fixture
def data(known):
    return known.ids


@pytest.fixture
def sql(known):
    con = sqlite3.connect(known.path)
    yield con
    con.close()


def _now(store) -> str:
    return store.now().astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


COHORT = "status != 'voided' AND created_local_date BETWEEN :f AND :t"


def _one(con, query, **params):
    return con.execute(query, params).fetchone()[0] or 0


def _rates(con, f, t, now, extra=""):
    """The rate definitions, written again in plain SQL."""
    w = f"{COHORT} {extra}"
    q = lambda cond: _one(con, f"SELECT count(*) FROM work_order WHERE {w} AND ({cond})", f=f, t=t, now=now)  # noqa: E731
    resp_base = "dispatched_at IS NOT NULL AND accept_due_at IS NOT NULL AND (accepted_at IS NOT NULL OR accept_due_at < :now)"
    # Issue 16: an order pended before its deadline is undecided while it waits (its clock is paused).
    ot_base = ("dispatched_at IS NOT NULL AND resolve_due_at IS NOT NULL AND (resolved_at IS NOT NULL OR "
               "(resolve_due_at < :now AND NOT (status = 'pending' AND pending_since <= resolve_due_at)))")
    # Issue 16: the resident's answer at the latest callback decides "solved".
    latest_callback_solved = ("(SELECT json_extract(data, '$.solved') FROM event WHERE order_id = work_order.id "
                              "AND kind = 'callback' ORDER BY seq DESC LIMIT 1)")
    dept_resolved = "dispatched_at IS NOT NULL AND solved IS NOT NULL AND resolved_at IS NOT NULL"
    sent = "(dispatched_at IS NOT NULL OR return_count > 0)"
    had_result = "(resolved_at IS NOT NULL OR reopen_count > 0)"
    cb_base = "dispatched_at IS NOT NULL AND (resolved_at IS NOT NULL OR called_back_at IS NOT NULL)"
    return {
        "intake": q("1"),
        "answered_at_desk": (q("status = 'answered' OR (status = 'closed' AND dispatched_at IS NULL)"), q("1")),
        "response": (q(f"{resp_base} AND accepted_at <= accept_due_at"), q(resp_base)),
        "on_time": (q(f"{ot_base} AND resolved_at <= resolve_due_at"), q(ot_base)),
        "solved": (q(f"called_back_at IS NOT NULL AND {latest_callback_solved} = 1"), q("called_back_at IS NOT NULL")),
        "solved_by_department": (q(f"{dept_resolved} AND solved = 1"), q(dept_resolved)),
        # Issue 16: 基本满意 (3) counts as satisfied by default (the setting satisfied_rating_at_least).
        "satisfaction": (q("rating IN (3, 4, 5)"), q("rating IS NOT NULL")),
        "unsatisfied": (q("rating IN (1, 2)"), q("rating IS NOT NULL")),
        "returned": (q(f"{sent} AND return_count > 0"), q(sent)),
        "reopened": (q(f"{had_result} AND reopen_count > 0"), q(had_result)),
        "extended": (q(f"{sent} AND extension_count > 0"), q(sent)),
        "called_back": (q(f"{cb_base} AND called_back_at IS NOT NULL"), q(cb_base)),
    }


PERIODS = [Period.month("2026-12-01"), Period.week("2026-12-09"), Period.day("2026-12-02"),
           Period(date(2026, 11, 30), date(2026, 12, 18))]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.text())
def test_headline_rates_match_independent_sql(store, supervisor, sql, period):
    fig = figures.compute(store, supervisor, period)
    f, t = period.date_from.isoformat(), period.date_to.isoformat()
    expected = _rates(sql, f, t, _now(store))
    assert fig.intake == expected.pop("intake")
    for name, (num, den) in expected.items():
        rate = getattr(fig, name)
        assert (rate.numerator, rate.denominator) == (num, den), name


def test_dataset_is_not_trivial(store, supervisor, data):
    """Guards the test above: every rate has something on both sides over the whole span."""
    fig = figures.compute(store, supervisor, PERIODS[-1])
    assert fig.intake > 50
    for name in ("answered_at_desk", "response", "on_time", "solved", "satisfaction", "returned", "reopened",
                 "extended", "called_back"):
        rate = getattr(fig, name)
        assert 0 < rate.numerator < rate.denominator or name in ("solved",), (name, rate.numerator, rate.denominator)
        assert rate.denominator > 0, name
    assert 0 < fig.response.value < 1 and 0 < fig.on_time.value < 1


def test_breakdowns_match_group_by(store, supervisor, sql):
    period = PERIODS[-1]
    fig = figures.compute(store, supervisor, period)
    p = {"f": period.date_from.isoformat(), "t": period.date_to.isoformat()}

    def grouped(expr):
        return dict(sql.execute(f"SELECT {expr}, count(*) FROM work_order WHERE {COHORT} GROUP BY 1", p).fetchall())

    assert {b.key: b.count for b in fig.by_channel} == grouped("channel")
    assert {b.key: b.count for b in fig.by_kind} == grouped("kind")
    assert {int(b.key): b.count for b in fig.by_hour if b.count} == grouped("created_local_hour")
    # 0 = Monday
    assert {int(b.key): b.count for b in fig.by_weekday if b.count} == grouped(
        "(CAST(strftime('%w', created_local_date) AS INTEGER) + 6) % 7")
    assert {b.key or None: b.count for b in fig.by_department} == grouped("lead_department_id")
    assert {b.key or None: b.count for b in fig.by_area} == grouped("area_id")
    top = dict(sql.execute("SELECT c.id, coalesce(p.id, c.id) FROM category c LEFT JOIN category p ON p.id = c.parent_id"))
    rolled: dict = {}
    for cid, n in grouped("category_id").items():
        key = top[cid] if cid else None
        rolled[key] = rolled.get(key, 0) + n
    assert {b.key or None: b.count for b in fig.by_category} == rolled
    assert sum(b.count for b in fig.by_hour) == fig.intake
    # The 22:00 rule shows: evening complaints are counted at hour 22.
    assert fig.by_hour[22].count >= 6


def test_averages_match_sql(store, supervisor, sql):
    period = PERIODS[-1]
    fig = figures.compute(store, supervisor, period)
    p = {"f": period.date_from.isoformat(), "t": period.date_to.isoformat()}
    acc = sql.execute(f"SELECT avg((julianday(accepted_at) - julianday(dispatched_at)) * 24) FROM work_order "
                      f"WHERE {COHORT} AND accepted_at IS NOT NULL AND dispatched_at IS NOT NULL", p).fetchone()[0]
    res = sql.execute(f"SELECT avg((julianday(resolved_at) - julianday(created_at)) * 24) FROM work_order "
                      f"WHERE {COHORT} AND dispatched_at IS NOT NULL AND solved IS NOT NULL AND resolved_at IS NOT NULL",
                      p).fetchone()[0]
    assert fig.avg_accept_hours == pytest.approx(acc, abs=0.05)
    assert fig.avg_resolve_hours == pytest.approx(res, abs=0.05)
    assert fig.avg_accept_hours > 0


@pytest.mark.parametrize("period", [PERIODS[0], PERIODS[1]], ids=["running-month", "past-week"])
def test_state_now_backlog_overdue_extensions(store, supervisor, sql, period):
    fig = figures.compute(store, supervisor, period)
    now = _now(store)
    today = "2026-12-18"
    open_sql = ("status IN ('registered','dispatched','accepted','in_progress','pending') "
                "AND created_local_date <= :t")
    p = {"t": period.date_to.isoformat(), "now": now, "today": today}
    assert fig.open_now == _one(sql, f"SELECT count(*) FROM work_order WHERE {open_sql}", **p)
    ages = dict(sql.execute(f"SELECT CAST(julianday(:today) - julianday(created_local_date) AS INTEGER), count(*) "
                            f"FROM work_order WHERE {open_sql} GROUP BY 1", p).fetchall())
    for b, (lo, hi) in zip(fig.backlog, figures.BACKLOG_BUCKETS):
        assert b.count == sum(n for a, n in ages.items() if a >= lo and (hi is None or a <= hi)), b.label
    assert sum(b.count for b in fig.backlog) == fig.open_now
    # Issue 16: a pending order that was already late when it was pended stays overdue.
    overdue = _one(sql, "SELECT count(*) FROM work_order WHERE created_local_date <= :t AND ("
                        "(status IN ('dispatched','accepted','in_progress') AND (resolve_due_at < :now OR "
                        "(status = 'dispatched' AND accept_due_at < :now))) "
                        "OR (status = 'pending' AND pending_since > resolve_due_at))", **p)
    assert fig.overdue_count == overdue > 0
    assert figures.drill_count(store, supervisor, fig.overdue_drill) == overdue
    assert len(fig.overdue) == min(overdue, figures.OVERDUE_LIST_LIMIT)
    assert all(r.overdue for r in fig.overdue)
    dues = [r.resolve_due_at for r in fig.overdue]
    assert dues == sorted(dues)
    assert fig.extension_requests == _one(sql, "SELECT count(*) FROM work_order WHERE extension_state = 'requested' "
                                               "AND created_local_date <= :t", **p)


def test_hot_topics_find_the_clusters(store, supervisor, sql):
    fig = figures.compute(store, supervisor, PERIODS[0])
    places = {(t.category_name, t.place, t.level): t for t in fig.hot_topics}
    leak = places[("漏水渗水", "建国西路88号", "address")]
    assert leak.count == 3
    noise = places[("酒吧餐饮噪音", "永嘉路", "lane")]
    assert noise.count == 4
    counts = [t.count for t in fig.hot_topics]
    assert counts == sorted(counts, reverse=True)
    # Independent SQL for the address clusters in the window.
    window = figures.hot_window(store, PERIODS[0])
    rows = sql.execute(f"SELECT category_id, lane, number, count(*) FROM work_order WHERE {COHORT} "
                       f"AND lane != '' AND category_id IS NOT NULL AND status != 'merged' "
                       f"GROUP BY 1, 2, 3 HAVING count(*) >= 2",
                       {"f": window.date_from.isoformat(), "t": window.date_to.isoformat()}).fetchall()
    address = sorted(n for *_, n in rows)
    assert sorted(t.count for t in fig.hot_topics if t.level == "address") == address[-len(
        [t for t in fig.hot_topics if t.level == "address"]):]


def test_league_matches_sql(store, supervisor, sql):
    period = PERIODS[-1]
    fig = figures.compute(store, supervisor, period)
    p = {"f": period.date_from.isoformat(), "t": period.date_to.isoformat(), "now": _now(store)}
    vol = dict(sql.execute(f"SELECT lead_department_id, count(*) FROM work_order WHERE {COHORT} "
                           f"AND lead_department_id IS NOT NULL GROUP BY 1", p).fetchall())
    returns = dict(sql.execute(
        f"SELECT json_extract(e.data, '$.department_id'), count(DISTINCT e.order_id) FROM event e "
        f"JOIN work_order w ON w.id = e.order_id WHERE e.kind = 'return' AND w.status != 'voided' "
        f"AND w.created_local_date BETWEEN :f AND :t "
        f"GROUP BY 1", p).fetchall())
    assert {r.department_id: r.volume for r in fig.league if r.volume} == vol
    assert {r.department_id: r.returns for r in fig.league if r.returns} == returns
    assert sum(returns.values()) > 0
    for r in fig.league:
        w = f"{COHORT} AND lead_department_id = '{r.department_id}'"
        sat = _one(sql, f"SELECT count(*) FROM work_order WHERE {w} AND rating >= 3", **p)  # issue 16: 3 is satisfied
        rated = _one(sql, f"SELECT count(*) FROM work_order WHERE {w} AND rating IS NOT NULL", **p)
        assert (r.satisfaction.numerator, r.satisfaction.denominator) == (sat, rated)
        exp = _rates(sql, p["f"], p["t"], p["now"], f"AND lead_department_id = '{r.department_id}'")["on_time"]
        assert (r.on_time.numerator, r.on_time.denominator) == exp


def test_trend_is_thirty_days_with_zeros(store, supervisor, sql):
    fig = figures.compute(store, supervisor, PERIODS[2])
    assert len(fig.trend) == 30 and fig.trend[-1].day == "2026-12-02" and fig.trend[0].day == "2026-11-03"
    per_day = dict(sql.execute("SELECT created_local_date, count(*) FROM work_order WHERE status != 'voided' "
                               "GROUP BY 1").fetchall())
    assert {p.day: p.count for p in fig.trend if p.count} == {d: n for d, n in per_day.items() if d <= "2026-12-02"}


def test_scope_narrows_every_figure(store, supervisor, sql, ref):
    period = PERIODS[-1]
    dep = ref.dep["WY"].id
    fig = figures.compute(store, supervisor, period, Scope(department_ids=(dep,)))
    exp = _rates(sql, period.date_from.isoformat(), period.date_to.isoformat(), _now(store),
                 f"AND lead_department_id = '{dep}'")
    assert fig.intake == exp.pop("intake") > 0
    for name, pair in exp.items():
        assert (getattr(fig, name).numerator, getattr(fig, name).denominator) == pair, name
    # A category scope (with sub-categories) keeps the drill-down to the scope.
    cat = figures.compute(store, supervisor, period, Scope(category_ids=(ref.cat["HOUSE-LEAK"].id,)))
    assert [b.key for b in cat.by_category] == [ref.cat["HOUSE"].id]
    assert figures.drill_count(store, supervisor, cat.by_category[0].drill) == cat.by_category[0].count == cat.intake


def _all_drills(fig):
    yield "intake", fig.intake, fig.intake_drill
    for name in ("answered_at_desk", "response", "on_time", "solved", "satisfaction", "returned", "reopened",
                 "extended", "called_back"):
        rate = getattr(fig, name)
        yield name, rate.numerator, rate.drill
        yield name + ".base", rate.denominator, rate.base
    for group in ("by_channel", "by_kind", "by_category", "by_area", "by_hour", "by_weekday", "by_department",
                  "backlog"):
        for b in getattr(fig, group):
            yield f"{group}.{b.key}", b.count, b.drill
    yield "open", fig.open_now, fig.open_drill
    yield "overdue", fig.overdue_count, fig.overdue_drill
    yield "extensions", fig.extension_requests, fig.extension_drill
    for t in fig.hot_topics:
        yield f"hot.{t.place}", t.count, t.drill
    for r in fig.league:
        yield f"league.{r.department_name}", r.volume, r.drill
        yield f"league.{r.department_name}.returns", r.returns, r.returns_drill
        yield f"league.{r.department_name}.on_time", r.on_time.numerator, r.on_time.drill
        yield f"league.{r.department_name}.satisfaction", r.satisfaction.numerator, r.satisfaction.drill
    for p in fig.trend:
        yield f"trend.{p.day}", p.count, p.drill


def test_every_drill_down_shows_exactly_the_counted_orders(store, supervisor, data):
    fig = figures.compute(store, supervisor, PERIODS[0])
    checked = 0
    for name, count, drill in _all_drills(fig):
        queue_filter = figures.drill_filter(store, supervisor, drill)
        assert count_orders(store, supervisor, queue_filter) == count, name
        checked += 1
    assert checked > 80
    # And the queue lists exactly those orders, e.g. the 22:00 bucket.
    hour22 = figures.drill_filter(store, supervisor, fig.by_hour[22].drill)
    rows = list_orders(store, supervisor, hour22, limit=1000)
    assert len(rows) == fig.by_hour[22].count
    assert all(r.created_at.astimezone(known_orders.SHANGHAI).hour == 22 for r in rows)


def test_periods():
    assert Period.week("2026-12-09") == Period(date(2026, 12, 7), date(2026, 12, 13), "week")
    assert Period.month("2026-02-10").date_to == date(2026, 2, 28)
    assert Period.month("2026-12-10").previous() == Period.month("2026-11-01")
    assert Period.day("2026-12-01").previous() == Period(date(2026, 11, 30), date(2026, 11, 30), "day")


def test_clerks_cannot_read_the_dashboard_figures(store, known):
    with pytest.raises(PermissionDenied):
        figures.compute(store, known.clerk, Period.day("2026-12-01"))


def test_returns_without_a_named_department_go_to_the_dispatching_one(tmp_path, supervisor):
    """Return events written by bulk imports carry no department: the dispatch before them says."""
    ds = known_orders.dataset(tmp_path)
    try:
        period = PERIODS[-1]
        before = {r.department_id: r.returns for r in figures.compute(ds.store, supervisor, period).league}
        con = sqlite3.connect(ds.path)
        order_id, dep = con.execute(
            "SELECT e.order_id, json_extract(e.data, '$.department_id') FROM event e JOIN work_order w "
            "ON w.id = e.order_id WHERE e.kind = 'dispatch' AND w.return_count = 0 AND w.status != 'voided' "
            "ORDER BY e.seq LIMIT 1").fetchone()
        con.execute("INSERT INTO event (id, order_id, at, actor_name, kind, from_status, to_status, reason, data, "
                    "origin_station) VALUES ('imported-return', ?, '2026-12-18 06:00:00.000000', '', 'return', "
                    "'dispatched', 'registered', '', '{}', 'SX')", (order_id,))
        con.commit()
        con.close()
        after = figures.compute(ds.store, supervisor, period)
        row = next(r for r in after.league if r.department_id == dep)
        assert row.returns == before.get(dep, 0) + 1
        assert figures.drill_count(ds.store, supervisor, row.returns_drill) == row.returns
    finally:
        ds.store.close()


@pytest.mark.parametrize("scope", ["none", "department", "category", "area"])
def test_period_figures_walk_the_date_index(store, supervisor, ref, scope):
    """Without ANALYZE statistics SQLite would take a status list or a scope for selective and
    walk a million orders (measured: 10-40 s); the figures' SQL must go through the date index."""
    from sqlalchemy import func, select
    from sqlalchemy.dialects import sqlite

    from desk.models import WorkOrder

    sc = {"none": Scope(), "department": Scope(department_ids=(ref.dep["WY"].id,)),
          "category": Scope(category_ids=(ref.cat["HOUSE"].id,)), "area": Scope(area_ids=(ref.area["SX"].id,))}[scope]
    where = figures._conditions(store, supervisor, figures.cohort_filter(PERIODS[0], sc))
    query = select(func.count()).select_from(WorkOrder).where(*where)
    sql_text = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with store.read() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar() == 0
        plan = " ".join(str(row) for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql_text))
    assert "ix_work_order_cohort" in plan, plan


def test_hot_topic_ids_are_the_clusters_orders(store, supervisor, sql):
    """Hot topics group rowids from the cohort index and read only the shown clusters' ids."""
    fig = figures.compute(store, supervisor, PERIODS[0])
    window = figures.hot_window(store, PERIODS[0])
    for t in fig.hot_topics:
        rows = sql.execute(f"SELECT id, lane, number FROM work_order WHERE {COHORT} AND category_id = :c "
                           f"AND lane != '' AND status != 'merged'",
                           {"f": window.date_from.isoformat(), "t": window.date_to.isoformat(),
                            "c": t.category_id}).fetchall()
        if t.level == "address":
            ids = {i for i, lane, number in rows
                   if lane + (f"{number}号" if number and not number.endswith("号") else number) == t.place}
        else:
            ids = {i for i, lane, _ in rows if lane == t.place}
        assert set(t.order_ids) == ids and len(t.order_ids) == t.count, t
        created = dict(sql.execute(f"SELECT id, created_at FROM work_order WHERE id IN ({','.join('?' * len(ids))})",
                                   tuple(ids)).fetchall())
        assert list(t.order_ids) == sorted(ids, key=lambda i: (created[i], i)), "earliest first"


def test_drill_counts_in_one_pass_equal_each_drill_count(store, supervisor):
    fig = figures.compute(store, supervisor, PERIODS[0])
    drills = [fig.intake_drill, fig.open_drill, fig.overdue_drill, fig.extension_drill]
    for key in ("answered_at_desk", "response", "on_time", "solved", "satisfaction", "returned", "reopened",
                "extended", "called_back"):
        drills += [getattr(fig, key).drill, getattr(fig, key).base]
    drills += [b.drill for b in fig.by_hour + fig.by_weekday + fig.by_category + fig.backlog]
    drills += [r.returns_drill for r in fig.league]
    assert figures.drill_counts(store, supervisor, drills) == [figures.drill_count(store, supervisor, d)
                                                               for d in drills]
    assert figures.drill_counts(store, supervisor, []) == []


def _plan(store, query) -> str:
    from sqlalchemy.dialects import sqlite

    sql_text = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with store.read() as s:
        return " ".join(str(row[3]) for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql_text))


def test_state_now_of_a_past_period_goes_by_status_not_by_date(store, supervisor):
    """"Open orders registered up to a past day" by the date index reads nearly every order
    (1-2 s at a million); by status it is the open ones. Same rows either way."""
    from dataclasses import replace

    from sqlalchemy import func, select

    from desk.models import WorkOrder
    from desk.services.dto import OrderFilter

    past = Period.day("2026-12-02")
    fig = figures.compute(store, supervisor, past)
    assert fig.open_drill.filter.date_to == "2026-12-02"
    for f in (fig.open_drill.filter, fig.overdue_drill.filter, fig.extension_drill.filter):
        fast = figures._conditions(store, supervisor, f, by_status=True)
        plan = _plan(store, select(func.count()).select_from(WorkOrder).where(*fast))
        assert "ix_work_order_status" in plan and "cohort" not in plan, plan
        with store.read() as s:
            slow = figures._conditions(store, supervisor, f)
            assert s.scalar(select(func.count()).select_from(WorkOrder).where(*fast)) == \
                s.scalar(select(func.count()).select_from(WorkOrder).where(*slow))
    # The queue's own drill-down of such a filter takes the (status, date) index too.
    from desk.services.queries import conditions
    f = replace(OrderFilter(statuses=figures.OPEN_VALUES), date_to="2026-12-02")
    plan = _plan(store, select(func.count()).select_from(WorkOrder).where(*conditions(store, supervisor, f)))
    assert "ix_work_order_status_date" in plan, plan


def test_period_counts_read_the_cohort_index_alone_and_returns_their_own_index(store, supervisor):
    from sqlalchemy import func, select

    from desk.models import Event, WorkOrder
    from desk.rules.enums import Action

    where = figures._conditions(store, supervisor, figures.cohort_filter(PERIODS[0], Scope()))
    for column in (WorkOrder.channel, WorkOrder.kind, WorkOrder.category_id, WorkOrder.area_id,
                   WorkOrder.created_local_hour, figures._weekday_expr(), WorkOrder.lead_department_id):
        plan = _plan(store, select(column, func.count()).where(*where).group_by(column))
        assert "COVERING INDEX ix_work_order_cohort" in plan, plan
    hot = select(WorkOrder.category_id, WorkOrder.lane, WorkOrder.number, func.count(),
                 func.group_concat(figures._ROWID)).where(*where, WorkOrder.lane != "").group_by(
        WorkOrder.category_id, WorkOrder.lane, WorkOrder.number)
    assert "COVERING INDEX ix_work_order_cohort" in _plan(store, hot)
    returns = select(func.count()).select_from(Event).where(
        Event.order_id.in_(select(WorkOrder.id).where(*where)), Event.kind == Action.RETURN.value)
    assert "ix_event_return" in _plan(store, returns)
