"""The all-stations problem register's grouping (desk.services.pulse.across) on a real desk file
holding two stations' registers, as the centre's mirror does: problems written by hand, the
groups and their sentences written in the test."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from desk.i18n import set_language
from desk.models import Problem, ProblemMeasure, ProblemOrder, Station
from desk.services import auth, intake, reference
from desk.services.dto import MatterInput, VisitInput
from desk.services.pulse import across
from desk.services.store import Store
from tests.conftest import PASSWORD, Clock

NOW = datetime(2026, 9, 30, 4, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def two_registers(tmp_path_factory):
    """SX (this file's station) and JL, each with its own numbering from #1."""
    clock = Clock(NOW)
    store = Store.open(tmp_path_factory.mktemp("across") / "mirror.sqlite3", clock=clock)
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD)
    cat = {c.code: c.id for c in reference.list_categories(store)}
    with store.write() as s:
        s.add(Station(code="JL", name="嘉善居民区党群服务站", name_en="Jiashan station", is_local=False,
                      origin_station="JL"))
    problems = [
        # (station, number, title, level, place_key, categories, words)
        ("SX", 1, "嘉善老市酒吧夜间噪音", "lane", "陕西南路550弄", ["NOISE-BAR"], {"酒吧": 0.6, "噪音": 0.5, "夜间": 0.4}),
        ("JL", 1, "550弄外摆喧哗扰民", "building", "陕西南路550弄17号", ["NOISE-SEAT"],
         {"噪音": 0.5, "酒吧": 0.5, "喧哗": 0.4}),  # inside SX #1's lane, other category, alike words
        ("SX", 2, "永嘉路35弄8号合用厨房漏水", "building", "永嘉路35弄8号", ["HOUSE-LEAK"], {"漏水": 0.7, "厨房": 0.5}),
        ("JL", 2, "永嘉路 35 弄 8 号厨房渗水", "building", "永嘉路 35 弄 8 号", ["HOUSE-LEAK"], {"渗水": 0.7}),
        ("JL", 3, "永嘉路35弄垃圾堆放", "lane", "永嘉路35弄", ["ENV-RUBBISH"], {"垃圾": 0.8}),  # same lane, other thing
        ("SX", 3, "建国西路120弄5号楼道堆物", "building", "建国西路120弄5号", ["HOUSE-STAIR"], {"堆物": 0.8}),
        ("JL", 4, "建国西路130弄5号楼道堆物", "building", "建国西路130弄5号", ["HOUSE-STAIR"], {"堆物": 0.8}),
    ]
    ids = {}
    with store.write() as s:
        for station, number, title, level, place, cats, words in problems:
            p = Problem(number=number, title=title, status="open", level=level, place_key=place,
                        category_ids=json.dumps([cat[c] for c in cats]), terms=json.dumps(words, ensure_ascii=False),
                        opened_on="2026-06-01", status_changed_at=NOW, origin_station=station)
            s.add(p)
            s.flush()
            ids[(station, number)] = p.id
        # SX #2: a measure on 2026-08-01, six linked orders in the 13 weeks before, one after.
        s.add(ProblemMeasure(problem_id=ids[("SX", 2)], taken_on="2026-08-01", text="更换合用厨房水管",
                             origin_station="SX"))
    order_ids = []
    for day in ("2026-05-10", "2026-06-02", "2026-06-15", "2026-06-20", "2026-07-01", "2026-07-20", "2026-08-20"):
        clock.now = datetime.fromisoformat(day + "T02:00:00+00:00")
        made = intake.register_visit(store, admin, VisitInput(
            name="李梅", phone="13900001111", lane="永嘉路35弄", number="8号",
            matters=(MatterInput(summary="合用厨房漏水", kind="complaint", category_id=cat["HOUSE-LEAK"]),)))
        order_ids.append(made.orders[0].id)
    clock.now = NOW
    with store.write() as s:
        s.add_all(ProblemOrder(problem_id=ids[("SX", 2)], order_id=o, linked_at=NOW, how="cluster",
                               origin_station="SX") for o in order_ids)
    yield store, admin
    store.close()


def test_problems_that_span_stations_are_grouped_with_why(two_registers):
    store, admin = two_registers
    set_language("zh_CN")
    view = across.all_stations(store, admin)
    groups = {tuple(p.ref for p in g.problems): g for g in view.groups}
    assert set(groups) == {("JL #1", "SX #1"), ("JL #2", "SX #2")}
    noise = groups[("JL #1", "SX #1")]
    assert noise.stations == ("JL", "SX")
    assert noise.why.startswith("JL #1 与 SX #1：地点相邻（同在陕西南路550弄），标题和工单用词相近（")
    assert "酒吧" in noise.why and "噪音" in noise.why and "同为" not in noise.why
    leak = groups[("JL #2", "SX #2")]
    # 永嘉路 35 弄 8 号 and 永嘉路35弄8号 are one building once normalised.
    assert leak.why == "JL #2 与 SX #2：同一地点（永嘉路35弄8号），同为「漏水渗水」。"
    # The rubbish in the same lane is another problem; 120弄 and 130弄 are two lanes.
    assert [p.ref for p in view.alone] == ["JL #3", "JL #4", "SX #3"]


def test_each_stations_problem_carries_its_measures_and_their_effect(two_registers):
    store, admin = two_registers
    set_language("zh_CN")
    leak = next(g for g in across.all_stations(store, admin).groups if g.place == "永嘉路35弄8号")
    assert [p.ref for p in leak.problems] == ["JL #2", "SX #2"]  # by station, then number
    sx = leak.problems[1]
    assert (sx.station_name, sx.orders, sx.status_label) == ("陕西居民区党群服务站", 7, "未解决")
    assert [(m.taken_on, m.text) for m in sx.measures] == [("2026-08-01", "更换合用厨房水管")]
    # 13 weeks before 2026-08-01 (from 2026-05-02): 6 orders; after, to today 2026-09-30 (61 days): 1.
    assert sx.effect.startswith("措施后每周工单从 0.5 件降到 0.1 件")
    assert leak.problems[0].effect == "尚未采取措施。"
    set_language("en")
    en = across.all_stations(store, admin)
    # The leak first (more linked orders); a group is named by the place its problems share.
    assert [g.place for g in en.groups] == ["永嘉路35弄8号", "陕西南路550弄"]
    assert en.groups[0].why == "JL #2 and SX #2: the same place (永嘉路35弄8号), both about Leaks and damp."
    set_language("zh_CN")


def test_the_wire_form_comes_back_equal(two_registers):
    store, admin = two_registers
    view = across.all_stations(store, admin)
    assert across.from_json(json.loads(json.dumps(across.to_json(view)))) == view
    with pytest.raises(across.FormatError):
        across.from_json({"groups": [{"place": "x"}], "alone": []})


def test_place_relation():
    assert across.place_relation("陕西南路550弄", "陕西南路550弄") == ("same", "陕西南路550弄")
    assert across.place_relation("陕西南路550弄17号", "?550弄17号") == ("overlap", "陕西南路550弄")
    assert across.place_relation("陕西南路550弄", "长乐路550弄") is None
    assert across.place_relation("", "陕西南路550弄") is None
