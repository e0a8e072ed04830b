"""The all-stations figures the central server serves (GET /v1/figures with a period), against a
real PostgreSQL: two stations with known orders sync, and every figure the centre computes on
its mirror equals the sum of what each desk computes on its own file for the same period (rates
from their numerators and denominators). Scope ids travel through the desk's alias table; no
resident's name or phone leaves the centre; the mirror follows new syncs incrementally."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from datetime import timedelta, timezone
from types import SimpleNamespace

import httpx
import pytest

from desk.server.service import decode_cursor
from desk.services import auth, figures, intake, reference
from desk.services.dto import MatterInput, VisitInput
from desk.services.figures import Period, Scope
from desk.services.store import Store
from desk.sync.client import configure, sync
from desk.sync.errors import SyncError
from desk.sync.figures_remote import fetch_all_stations
from tests import known_orders
from tests.conftest import PASSWORD, Clock

END = known_orders.END
RATES = ("answered_at_desk", "response", "on_time", "solved", "satisfaction", "returned", "reopened", "extended",
         "called_back")
PERSONAL = ("张三明", "李梅", "王建国", "赵敏", "1381234", "13900001111", "13900002222")
HEADERS = {"X-Desk-Protocol": "1", "X-Desk-Schema": "0002"}


def _second_station(tmp_path) -> SimpleNamespace:
    """Station JL: the known dataset's recipe with another seed and fewer visits (same
    reference codes, its own ids: the centre aliases them to SX's)."""
    clock = Clock(known_orders.START.astimezone(timezone.utc))
    store = Store.open(tmp_path / "JL.sqlite3", clock=clock)
    admin = auth.initialise(store, station_code="JL", station_name="嘉善居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD)
    auth.add_user(store, admin, "zhouli", "周丽", "supervisor", PASSWORD)
    auth.add_user(store, admin, "sunfang", "孙芳", "clerk", PASSWORD)
    supervisor, clerk = auth.login(store, "zhouli", PASSWORD), auth.login(store, "sunfang", PASSWORD)
    ref = SimpleNamespace(cat={c.code: c for c in reference.list_categories(store)},
                          dep={d.code: d for d in reference.list_departments(store)},
                          area={a.code: a for a in reference.list_areas(store)})
    known_orders.build(store, clock, clerk, supervisor, ref, n=14, seed=11)
    return SimpleNamespace(store=store, clock=clock, supervisor=supervisor, clerk=clerk, ref=ref)


@pytest.fixture(scope="module")
def two(tmp_path_factory, postgres):
    """Built once for the module (seconds): the tests that change it (a new order, a revoked
    token) come last."""
    from tests.sync.conftest import Central

    tmp_path = tmp_path_factory.mktemp("two")
    central = Central(postgres.new_database(), refresh_after_push=True)
    sx = known_orders.dataset(tmp_path)
    jl = _second_station(tmp_path)
    sx.token, jl.token = central.token("SX"), central.token("JL")
    for st in (sx, jl, sx):  # SX pulls JL's reference aliases too; nothing else of JL
        sync(st.store, central.url, st.token)
    for st in (sx, jl):
        configure(st.store, central.url, st.token)
    now = END.astimezone(timezone.utc)
    central.mirror.store.set_clock(lambda: now)  # the same "now" as the desks: deadlines passed alike
    yield SimpleNamespace(sx=sx, jl=jl, central=central)
    sx.store.close()
    jl.store.close()
    central.close()


def _sum_buckets(*bucket_lists, key=lambda b: b.key) -> Counter:
    total: Counter = Counter()
    for buckets in bucket_lists:
        for b in buckets:
            total[key(b)] += b.count
    return total


@pytest.mark.parametrize("period", [Period.month(END.date()), Period.week(END.date()), Period.day(END.date())],
                         ids=("month", "week", "day"))
def test_all_stations_figures_are_the_sum_of_each_desk(two, period):
    a = figures.compute(two.sx.store, two.sx.supervisor, period)
    b = figures.compute(two.jl.store, two.jl.supervisor, period)
    remote = fetch_all_stations(two.sx.store, two.sx.supervisor, period)
    assert a.intake > 0 and (b.intake > 0 or period.kind == "day")
    assert remote.period == period and remote.intake == a.intake + b.intake
    for key in ("sent", "open_now", "overdue_count", "extension_requests"):
        assert getattr(remote, key) == getattr(a, key) + getattr(b, key), key
    for key in RATES:
        r, x, y = getattr(remote, key), getattr(a, key), getattr(b, key)
        assert (r.numerator, r.denominator) == (x.numerator + y.numerator, x.denominator + y.denominator), key
        if r.denominator:
            assert r.value == pytest.approx((x.numerator + y.numerator) / (x.denominator + y.denominator))
    for key in ("by_hour", "by_weekday", "by_channel", "by_kind", "backlog"):
        assert _sum_buckets(getattr(remote, key)) == _sum_buckets(getattr(a, key), getattr(b, key)), key
    # Reference rows have the centre's ids there: compare categories, areas, departments by name.
    for key in ("by_category", "by_area", "by_department"):
        by_label = lambda bucket: bucket.label  # noqa: E731
        assert _sum_buckets(getattr(remote, key), key=by_label) == \
            _sum_buckets(getattr(a, key), getattr(b, key), key=by_label), key
    assert [p.count for p in remote.trend] == [p.count + q.count for p, q in zip(a.trend, b.trend)]
    league = {r.department_name: (r.volume, r.returns, r.on_time.numerator, r.on_time.denominator)
              for r in remote.league}
    expected: dict = {}
    for r in (*a.league, *b.league):
        old = expected.get(r.department_name, (0, 0, 0, 0))
        expected[r.department_name] = tuple(o + n for o, n in zip(
            old, (r.volume, r.returns, r.on_time.numerator, r.on_time.denominator)))
    assert league == expected
    assert len(remote.overdue) == min(remote.overdue_count, figures.OVERDUE_LIST_LIMIT)
    assert {r.ticket_no[:2] for r in remote.overdue} <= {"SX", "JL"} or not remote.overdue


def test_a_cluster_spread_over_two_stations_is_one_hot_topic(two):
    """Both stations took leaks at 建国西路88号: only the centre sees them as one cluster."""
    period = Period.month(END.date())

    def leak(fig):
        return next(t.count for t in fig.hot_topics if t.place == "建国西路88号" and t.level == "address")

    a = figures.compute(two.sx.store, two.sx.supervisor, period)
    b = figures.compute(two.jl.store, two.jl.supervisor, period)
    remote = fetch_all_stations(two.jl.store, two.jl.supervisor, period)
    assert leak(remote) == leak(a) + leak(b) == 6


def test_a_scope_chosen_on_a_desk_goes_out_in_the_centres_ids(two):
    """JL's categories are aliases of SX's at the centre: its own id must still scope the figures."""
    period = Period.month(END.date())
    jl_leak, sx_leak = two.jl.ref.cat["HOUSE"].id, two.sx.ref.cat["HOUSE"].id
    assert jl_leak != sx_leak
    a = figures.compute(two.sx.store, two.sx.supervisor, period, Scope(category_ids=(sx_leak,)))
    b = figures.compute(two.jl.store, two.jl.supervisor, period, Scope(category_ids=(jl_leak,)))
    remote = fetch_all_stations(two.jl.store, two.jl.supervisor, period, Scope(category_ids=(jl_leak,)))
    assert 0 < remote.intake == a.intake + b.intake
    assert remote.scope == Scope(category_ids=(jl_leak,))  # named on screen as the desk chose it


def test_no_personal_data_leaves_the_centre_or_enters_its_mirror(two):
    params = {"date_from": "2026-11-30", "date_to": "2026-12-18", "lang": "zh_CN"}
    resp = httpx.get(f"{two.central.url}/v1/figures", params=params,
                     headers={**HEADERS, "Authorization": f"Bearer {two.sx.token}"})
    assert resp.status_code == 200
    text = resp.text
    body = json.loads(text)
    assert body["figures"]["intake"] > 0 and body["figures"]["overdue"]
    for personal in PERSONAL:
        assert personal not in text
    assert all(r["visitor_name"] == r["visitor_phone"] == r["summary"] == "" for r in body["figures"]["overdue"])
    mirror = sqlite3.connect(two.central.mirror.path)
    try:
        names = mirror.execute("SELECT count(*), sum(name != '' OR phone != '' OR id_number != '') FROM visitor").fetchone()
        assert names[0] > 0 and names[1] == 0
        assert mirror.execute("SELECT count(*) FROM work_order WHERE summary != '' OR details != ''").fetchone()[0] == 0
    finally:
        mirror.close()


def test_the_mirror_follows_new_syncs_incrementally(two):
    day = Period.day(END.date())
    before = fetch_all_stations(two.sx.store, two.sx.supervisor, day)
    cursor = two.central.mirror.cursor()
    jl = two.jl
    jl.clock.now = END.astimezone(timezone.utc) - timedelta(minutes=30)
    intake.register_visit(jl.store, jl.clerk, VisitInput(
        matters=(MatterInput(summary="楼道灯坏了", kind="help", category_id=jl.ref.cat["HOUSE"].id,
                             lane="嘉善路", number="9", dispatch=False),), channel="walk_in", phone="13700001234"))
    jl.clock.now = END.astimezone(timezone.utc)
    sync(jl.store, two.central.url, jl.token)
    # The push's answer went first; the mirror follows in the background, with no request.
    deadline = time.monotonic() + 10
    while two.central.mirror.cursor() == cursor and time.monotonic() < deadline:
        time.sleep(0.05)
    assert decode_cursor(two.central.mirror.cursor()) > decode_cursor(cursor)
    after = fetch_all_stations(two.sx.store, two.sx.supervisor, day)
    assert after.intake == before.intake + 1 and after.open_now == before.open_now + 1
    # Nothing new: the refresh applies nothing and the figures stay.
    assert two.central.mirror.refresh(two.central.engine) == 0


def test_figures_need_a_valid_token_and_a_sane_period(two):
    url = f"{two.central.url}/v1/figures"
    params = {"date_from": "2026-12-01", "date_to": "2026-12-18"}
    assert httpx.get(url, params=params, headers=HEADERS).status_code == 401
    assert httpx.get(url, params=params, headers={**HEADERS, "Authorization": "Bearer nope"}).status_code == 401
    bad = httpx.get(url, params={"date_from": "2026-12-18", "date_to": "2026-12-01"},
                    headers={**HEADERS, "Authorization": f"Bearer {two.sx.token}"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_period"
    from desk.server import service

    service.revoke_account(two.central.engine, "JL")
    with pytest.raises(SyncError) as err:
        fetch_all_stations(two.jl.store, two.jl.supervisor, Period.day(END.date()))
    assert "令牌" in str(err.value)


def test_english_labels_for_an_english_desk(two):
    from desk import i18n

    i18n.set_language("en")
    try:
        remote = fetch_all_stations(two.sx.store, two.sx.supervisor, Period.month(END.date()))
    finally:
        i18n.set_language("zh_CN")
    assert remote.by_weekday[0].label == "Mon" and i18n.language() == "zh_CN"


def test_a_mirror_made_from_another_central_database_is_rebuilt(tmp_path):
    """The mirror's rows and cursor belong to one central database: pointed at another, it
    starts again instead of mixing two subdistricts."""
    from desk.server.mirror import Mirror

    path = tmp_path / "mirror.sqlite3"
    first = Mirror(path, source="postgresql://a/central")
    with first.store.write() as s:
        from desk.sync import state

        state.put(s.connection(), "mirror_cursor", "7:0:abc")
    first.close()
    again = Mirror(path, source="postgresql://a/central")
    assert again.cursor() == "7:0:abc"
    again.close()
    other = Mirror(path, source="postgresql://b/central")
    assert other.cursor() == ""
    other.close()
