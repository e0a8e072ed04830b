"""The supervisor dashboard, off-screen over the known dataset (tests/known_orders.py): every
headline figure on screen against plain SQL written here, drill-downs that show exactly the
counted orders in the work queue, 督办 and extension decisions from the lists, refresh on
change, "Print this", and who may open it."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPointF, Qt

from desk.services import figures, intake, lifecycle
from desk.services.dto import MatterInput, VisitInput
from desk.errors import PermissionDenied
from desk.services.figures import Period
from desk.services import dashboard_data
from tests import known_orders
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle

TODAY = date(2026, 12, 18)  # known_orders.END
SHANGHAI = timezone(timedelta(hours=8))
OPEN = "('registered','dispatched','accepted','in_progress','pending')"
CLOCK = "('dispatched','accepted','in_progress')"


@pytest.fixture
def desk(qapp, tmp_path, prefs):
    """The window over a fresh copy of the known dataset, a supervisor logged in, dashboard shown."""
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    ds = known_orders.dataset(tmp_path)
    errors.set_modal(False)
    family = setup_look(qapp, prefs)
    ctx, window = build_window(ds.store, SyncRunner(), prefs, family)
    window.show()
    login(window, "chenjing", PASSWORD)
    window.tabs.setCurrentWidget(window.dashboard)
    settle()
    sql = sqlite3.connect(ds.path)
    yield SimpleNamespace(ds=ds, ctx=ctx, window=window, dash=window.dashboard, sql=sql)
    sql.close()
    window.close()
    ctx.detach()
    ds.store.close()


def _now(store) -> str:
    return store.now().astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _choose(dash, preset: str = "", span: tuple[date, date] | None = None) -> None:
    if span:
        dash.chooser.set_range(*span)
    else:
        dash.chooser.set_preset(preset)
    settle()


class Independent:
    """The dashboard's definitions written again as plain SQL over the work_order table."""

    COHORT = "status != 'voided' AND created_local_date BETWEEN :f AND :t"
    RESPONSE_BASE = ("dispatched_at IS NOT NULL AND accept_due_at IS NOT NULL "
                     "AND (accepted_at IS NOT NULL OR accept_due_at < :now)")
    # Issue 16: an order pended before its deadline is undecided while it waits.
    ON_TIME_BASE = ("dispatched_at IS NOT NULL AND resolve_due_at IS NOT NULL AND (resolved_at IS NOT NULL OR "
                    "(resolve_due_at < :now AND NOT (status = 'pending' AND pending_since <= resolve_due_at)))")
    # Issue 16: the resident's answer at the latest callback decides "solved".
    RESIDENT_SOLVED = ("(SELECT json_extract(data, '$.solved') FROM event WHERE order_id = work_order.id "
                       "AND kind = 'callback' ORDER BY seq DESC LIMIT 1) = 1")
    DEPT_RESOLVED = "dispatched_at IS NOT NULL AND solved IS NOT NULL AND resolved_at IS NOT NULL"
    SENT = "(dispatched_at IS NOT NULL OR return_count > 0)"
    HAD_RESULT = "(resolved_at IS NOT NULL OR reopen_count > 0)"

    def __init__(self, sql, period: Period, now: str, until: str | None = None):
        """until: only orders registered before it (a previous period cut at the same hours)."""
        self.sql, self.now = sql, now
        self.p = {"f": period.date_from.isoformat(), "t": period.date_to.isoformat(), "now": now, "until": until}
        self.cohort = self.COHORT + (" AND created_at < :until" if until else "")

    def tickets(self, where: str, cohort: bool = True) -> set[str]:
        w = f"{self.cohort} AND ({where})" if cohort else where
        return {t for (t,) in self.sql.execute(f"SELECT ticket_no FROM work_order WHERE {w}", self.p)}

    def count(self, where: str, cohort: bool = True) -> int:
        return len(self.tickets(where, cohort))

    def rates(self) -> dict[str, tuple[str, str]]:
        """figure -> (numerator condition, denominator condition) over the cohort."""
        return {
            "answered_at_desk": ("status = 'answered' OR (status = 'closed' AND dispatched_at IS NULL)", "1"),
            "response": (f"{self.RESPONSE_BASE} AND accepted_at <= accept_due_at", self.RESPONSE_BASE),
            "on_time": (f"{self.ON_TIME_BASE} AND resolved_at <= resolve_due_at", self.ON_TIME_BASE),
            "solved": (f"called_back_at IS NOT NULL AND {self.RESIDENT_SOLVED}", "called_back_at IS NOT NULL"),
            "solved_by_department": (f"{self.DEPT_RESOLVED} AND solved = 1", self.DEPT_RESOLVED),
            "satisfaction": ("rating >= 3", "rating IS NOT NULL"),  # issue 16: 基本满意 counts
            "unsatisfied": ("rating < 3", "rating IS NOT NULL"),
            "returned": (f"{self.SENT} AND return_count > 0", self.SENT),
            "reopened": (f"{self.HAD_RESULT} AND reopen_count > 0", self.HAD_RESULT),
        }

    def state_now(self) -> dict[str, str]:
        """figure -> condition over every order registered up to the period's end."""
        upto = "created_local_date <= :t"
        return {
            "open_now": f"{upto} AND status IN {OPEN}",
            # Issue 16: pended after the deadline stays overdue.
            "overdue": f"{upto} AND ((status IN {CLOCK} AND (resolve_due_at < :now OR "
                       f"(status = 'dispatched' AND accept_due_at < :now))) "
                       f"OR (status = 'pending' AND pending_since > resolve_due_at))",
            "extension_requests": f"{upto} AND status IN {OPEN} AND extension_state = 'requested'",
        }


def _queue_tickets(window) -> set[str]:
    settle()
    model = window.queue.model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    settle()
    rows = [model.row_at(i) for i in range(model.rowCount())]
    assert all(r is not None for r in rows), "a page of the queue did not load"
    return {r.ticket_no for r in rows}


PRESETS = [("today", Period.day(TODAY)), ("this_week", Period.week(TODAY)), ("this_month", Period.month(TODAY)),
           ("custom", Period(date(2026, 11, 30), TODAY))]


@pytest.mark.parametrize("preset,period", PRESETS, ids=[p for p, _ in PRESETS])
def test_every_headline_figure_matches_independent_sql(desk, preset, period):
    dash = desk.dash
    _choose(dash, preset, (period.date_from, period.date_to) if preset == "custom" else None)
    assert dash.fig.period == period
    ind = Independent(desk.sql, period, _now(desk.ds.store))

    intake_n = ind.count("1")
    assert dash.tiles["intake"].shown_value == f"{intake_n:,}"
    for key, (num, den) in ind.rates().items():
        n, d = ind.count(num), ind.count(den)
        tile = dash.tiles[key]
        assert tile.shown_value == (f"{n / d * 100:.1f}%" if d else "—"), key
        assert f"{n:,} / {d:,}" in tile.detail.text(), key
    for key, cond in ind.state_now().items():
        assert dash.tiles[key].shown_value == f"{ind.count(cond, cohort=False):,}", key

    # The comparison with the previous period, computed the same independent way: every period
    # here runs up to today, so the previous one is cut at the same hours (issue 16).
    now = desk.ds.store.now()
    start = datetime.combine(period.date_from, time(0), SHANGHAI)
    until = datetime.combine(period.previous().date_from, time(0), SHANGHAI) + (now - start)
    prev = Independent(desk.sql, period.previous(), _now(desk.ds.store),
                       until.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f"))
    assert f"（上期 {prev.count('1'):,}）" in dash.tiles["intake"].delta.text()
    num, den = prev.rates()["response"]
    pn, pd = prev.count(num), prev.count(den)
    assert f"上期 {pn / pd * 100:.1f}%" in dash.tiles["response"].delta.text() if pd else True

    if preset == "custom":  # guards the comparisons above: nothing trivially zero
        assert intake_n > 50
        for key, (num, den) in ind.rates().items():
            assert ind.count(den) > 0, key
        assert ind.count(ind.state_now()["open_now"], cohort=False) > ind.count(ind.state_now()["overdue"], cohort=False) > 0


def test_clicking_a_figure_shows_exactly_its_orders(desk, qtbot):
    dash, window = desk.dash, desk.window
    period = Period(date(2026, 11, 30), TODAY)
    _choose(dash, span=(period.date_from, period.date_to))
    ind = Independent(desk.sql, period, _now(desk.ds.store))
    rates = ind.rates()
    cases = [("intake", False, "1", True), ("response", False, rates["response"][0], True),
             ("response", True, rates["response"][1], True), ("satisfaction", False, rates["satisfaction"][0], True),
             ("returned", True, rates["returned"][1], True), ("answered_at_desk", False, rates["answered_at_desk"][0], True),
             ("open_now", False, ind.state_now()["open_now"], False),
             ("overdue", False, ind.state_now()["overdue"], False)]
    for key, base, cond, cohort in cases:
        window.tabs.setCurrentWidget(dash)
        tile = dash.tiles[key]
        if base:
            tile.detail.linkActivated.emit("base")
        else:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=tile.title.geometry().center())
        settle()
        assert window.tabs.currentWidget() is window.queue, key
        expected = ind.tickets(cond, cohort)
        assert expected, key
        assert _queue_tickets(window) == expected, (key, base)
        assert window.queue.title.text().startswith(dash.tile_titles()[key][0])


def test_chart_segments_and_lists_drill_to_their_orders(desk):
    dash, window = desk.dash, desk.window
    period = Period(date(2026, 11, 30), TODAY)
    _choose(dash, span=(period.date_from, period.date_to))
    ind = Independent(desk.sql, period, _now(desk.ds.store))

    def after(click, cond, cohort=True):
        window.tabs.setCurrentWidget(dash)
        click()
        settle()
        assert window.tabs.currentWidget() is window.queue
        expected = ind.tickets(cond, cohort)
        assert expected
        assert _queue_tickets(window) == expected

    # The 22:00 lane: the quiet-hours bar set holds hour 22 (the evening noise complaints).
    hour = dash.charts["hour"]
    assert hour.bar_sets[1].at(22) == ind.count("created_local_hour = 22") >= 6
    after(lambda: hour.bar_sets[1].clicked.emit(22), "created_local_hour = 22")
    after(lambda: dash.charts["weekday"].bar_sets[0].clicked.emit(0),
          "(CAST(strftime('%w', created_local_date) AS INTEGER) + 6) % 7 = 0")
    # Horizontal bars are drawn bottom-up: the last bar is the biggest category.
    cat = dash.charts["category"]
    top = dash.fig.by_category[0]
    after(lambda: cat.bar_sets[0].clicked.emit(len(dash.fig.by_category) - 1),
          f"category_id IN (WITH RECURSIVE t(id) AS (SELECT '{top.key}' UNION SELECT c.id FROM category c "
          f"JOIN t ON c.parent_id = t.id) SELECT id FROM t)")
    area = dash.fig.by_area[0]
    after(lambda: dash.charts["area"].bar_sets[0].clicked.emit(len(dash.fig.by_area) - 1),
          f"area_id = '{area.key}'" if area.key else "area_id IS NULL")
    trend = dash.charts["trend"]
    day = dash.fig.trend[-3].day
    after(lambda: trend.chart().series()[1].clicked.emit(QPointF(len(dash.fig.trend) - 3, 0)),
          f"created_local_date = '{day}'")
    # Backlog 2–3 days old (today is 12-18): open orders of 12-15 and 12-16.
    after(lambda: dash.charts["backlog"].bar_sets[0].clicked.emit(1),
          f"status IN {OPEN} AND created_local_date BETWEEN '2026-12-15' AND '2026-12-16'", cohort=False)
    # A hot topic: its own orders.
    first = dash.fig.hot_topics[0]
    item = dash.hot_topics.topLevelItem(0)
    assert item.childCount() == min(first.count, dashboard_data.TOPIC_ROWS) + (first.count > dashboard_data.TOPIC_ROWS)
    # A busy topic shows its first orders, then how many more; that row drills like the topic.
    tz = desk.ds.store.calendar().tz
    dash.hot_topics.show_topics(dash.fig.hot_topics, tuple(rows[:1] for rows in dash.details.hot_topic_orders), tz, {})
    busy = dash.hot_topics.topLevelItem(0)
    more = busy.child(busy.childCount() - 1)
    assert busy.childCount() == 2 and str(first.count - 1) in more.text(0)
    drilled = []
    dash.hot_topics.topic_activated.connect(drilled.append)
    dash.hot_topics.itemActivated.emit(more, 0)
    dash.hot_topics.topic_activated.disconnect(drilled.append)
    assert drilled == [0]
    dash._render_lists()
    item = dash.hot_topics.topLevelItem(0)
    after(lambda: dash.hot_topics.itemActivated.emit(item, 0),
          "id IN (%s)" % ",".join(f"'{i}'" for i in first.order_ids), cohort=False)
    # League: the returns a department made, and its volume.
    row = next(i for i, r in enumerate(dash.fig.league) if r.returns)
    dep = dash.fig.league[row].department_id
    after(lambda: dash.league.cellClicked.emit(row, 3),
          f"id IN (SELECT order_id FROM event WHERE kind = 'return' AND json_extract(data, '$.department_id') = '{dep}')")
    after(lambda: dash.league.cellClicked.emit(row, 1), f"lead_department_id = '{dep}'")


def test_supervise_from_the_overdue_list(desk):
    dash = desk.dash
    _choose(dash, "this_month")
    table = dash.overdue
    target = next(r for r in table.rows if not r.supervised)
    button = table.buttons[("supervise", target.id)]
    assert button.isEnabled()
    button.click()
    settle()
    assert desk.sql.execute("SELECT supervised FROM work_order WHERE id = ?", (target.id,)).fetchone()[0] == 1
    assert desk.sql.execute("SELECT count(*) FROM event WHERE order_id = ? AND kind = 'supervise'",
                            (target.id,)).fetchone()[0] == 1
    assert target.ticket_no in dash.message.text()
    # The change notification recomputes the dashboard; the order now shows as supervised.
    dash.reload()
    assert not dash.overdue.buttons[("supervise", target.id)].isEnabled()


def test_extension_requests_are_approved_and_refused(desk, monkeypatch):
    from desk.ui.action_dialog import ActionDialog

    dash, ds = desk.dash, desk.ds
    waiting = [t for (t,) in desk.sql.execute(
        "SELECT id FROM work_order WHERE status IN ('accepted','in_progress') AND extension_state IS NOT 'requested' "
        "AND extension_state IS NOT 'approved' ORDER BY ticket_no LIMIT 2")]
    for oid in waiting:
        lifecycle.perform(ds.store, ds.supervisor, oid, "request_extension", reason="等材料", days=3)
    _choose(dash, "this_month")
    listed = {r.id for r in dash.extensions.rows}
    assert set(waiting) <= listed
    assert dash.tiles["extension_requests"].shown_value == str(len(listed))
    monkeypatch.setattr(ActionDialog, "ask", classmethod(
        lambda cls, parent, action, deps=(): {"reason": "材料已齐，无需延期"} if action == "refuse_extension" else {}))
    dash.extensions.buttons[("approve_extension", waiting[0])].click()
    dash.extensions.buttons[("refuse_extension", waiting[1])].click()
    states = dict(desk.sql.execute("SELECT id, extension_state FROM work_order WHERE id IN (?, ?)", waiting))
    assert states == {waiting[0]: "approved", waiting[1]: "refused"}
    dash.reload()
    assert not {r.id for r in dash.extensions.rows} & set(waiting)


def test_refreshes_when_orders_change(desk, qtbot):
    dash, ds = desk.dash, desk.ds
    _choose(dash, "today")
    before = dash.fig.intake
    intake.register_visit(ds.store, ds.clerk, VisitInput(
        matters=(MatterInput(summary="路灯不亮", kind="help", category_id=ds.ref.cat["HOUSE-LEAK"].id, dispatch=False),),
        channel="walk_in"))
    qtbot.waitUntil(lambda: dash.fig.intake == before + 1, timeout=5000)
    assert dash.tiles["intake"].shown_value == f"{before + 1:,}"


def test_print_this_saves_the_matching_summary(desk, tmp_path, monkeypatch):
    from desk.ui.dashboard import DashboardScreen
    from tests import pdftools

    dash = desk.dash
    _choose(dash, "today")
    out = tmp_path / "daily.pdf"
    opened = []
    monkeypatch.setattr(DashboardScreen, "ask_save_path", classmethod(lambda cls, parent, suggested: str(out)))
    monkeypatch.setattr(DashboardScreen, "open_file", classmethod(lambda cls, path: opened.append(path) or True))
    dash.print_button.click()
    settle()
    assert opened == [out] and out.exists()
    text = pdftools.text(out)
    assert "日报" in text and "2026-12-18" in text
    assert str(out) in dash.message.text() and "已打开" in dash.message.text()
    # A week prints the weekly summary of that week.
    _choose(dash, "this_week")
    out = tmp_path / "weekly.pdf"
    dash.print_button.click()
    settle()
    assert "周报" in pdftools.text(out)


def test_clerk_cannot_open_the_dashboard(desk, qtbot):
    window, dash, ds = desk.window, desk.dash, desk.ds
    window.logout()
    login(window, "wangli", PASSWORD)
    settle()
    index = window.tabs.indexOf(dash)
    assert not window.tabs.isTabVisible(index)
    assert not dash.go_action.isEnabled()
    dash.go_action.trigger()
    assert window.tabs.currentWidget() is not dash
    assert dash.fig is None
    dash.reload()  # even if asked, nothing is computed for a clerk
    assert dash.fig is None
    with pytest.raises(PermissionDenied):
        figures.compute(ds.store, ds.clerk, Period.day(TODAY))


def test_all_stations_switch_waits_for_a_server(desk):
    from desk.services import dashboard_data

    dash, ds = desk.dash, desk.ds
    assert not dash.all_stations.isEnabled()
    assert "服务器" in dash.all_stations.toolTip()
    calls = []
    # A source reads on the database worker and hands back the network call (here: the
    # station's own figures, already computed).
    dashboard_data.set_all_stations_source(lambda store, actor, period, scope: calls.append(period)
                                           or (lambda fig=figures.compute(store, actor, period, scope): fig))
    try:
        from desk.sync.client import configure

        configure(ds.store, "https://central.example/desk", "SX.token")  # desk sync --save
        dash.reload()
        assert dash.all_stations.isEnabled()
        dash.all_stations.setChecked(True)
        settle()
        assert calls and dash.remote
        dash.tiles["intake"].clicked.emit()  # not this station's queue: says so instead
        assert "全部站点" in dash.message.text()
    finally:
        dashboard_data.set_all_stations_source(None)


def test_english_texts(desk):
    desk.window.set_language("en")
    settle()
    dash = desk.dash
    assert dash.tiles["response"].title.text() == "Response rate"
    assert "vs. previous" in dash.tiles["intake"].delta.text()
    assert desk.window.tabs.tabText(desk.window.tabs.indexOf(dash)) == "Dash&board"


@pytest.mark.parametrize("period", [Period.day(TODAY), Period.week(TODAY), Period.month(TODAY),
                                    Period(date(2026, 12, 7), date(2026, 12, 16))], ids=lambda p: p.text())
def test_comparison_equals_a_full_compute_of_the_previous_period(tmp_path, period):
    """The dashboard counts the previous period with each figure's own drill moved back in
    time (cheaper than a second compute); it must give what figures.compute gives."""
    from desk.services import dashboard_data

    ds = known_orders.dataset(tmp_path)
    try:
        # After the period is over: a running period is compared with the same hours of the
        # previous one (issue 16; tested in test_figure_definitions), a finished one with all of it.
        ds.clock.now = datetime.combine(period.date_to + timedelta(days=1), time(0, 1), SHANGHAI)
        fig = figures.compute(ds.store, ds.supervisor, period)
        prev = dashboard_data.previous_figures(ds.store, ds.supervisor, fig)
        assert prev.until is None
        full = figures.compute(ds.store, ds.supervisor, period.previous())
        assert prev.period == full.period and prev.intake == full.intake
        for key in dashboard_data.COMPARED_RATES:
            assert (prev.get(key).numerator, prev.get(key).denominator) == \
                (getattr(full, key).numerator, getattr(full, key).denominator), key
    finally:
        ds.store.close()


def test_tiles_show_every_wrapped_line_in_a_narrow_window(desk):
    # At 1366x768 (not maximised) 受理量's comparison wrapped to a second line the tile cut off:
    # its height was fixed at the height for the widest tile.
    desk.window.resize(1000, 700)
    settle()
    dash = desk.dash
    wrapped = 0
    for tile in dash.tiles.values():
        for label in (tile.title, tile.detail, tile.delta):
            if label.text().strip("\u00a0"):
                assert label.height() >= label.heightForWidth(label.width()), (tile.key, label.text())
                wrapped += label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing() * 1.5
    assert wrapped  # the narrow window did wrap some of them
