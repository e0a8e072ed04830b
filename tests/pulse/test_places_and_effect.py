"""Address normalisation and the before/after statistics of the problem register."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st
from scipy.stats import beta

from desk.i18n import set_language
from desk.services.pulse import places as P
from desk.services.pulse.effect import rate_ratio, sentence


@pytest.mark.parametrize("lane, number", [
    ("陕西南路550弄", "17"), ("陕西南路 550 弄 17", ""), ("陕西南路550弄17号", ""), ("陕西南路550弄", "17号"),
    ("陕西南路５５０弄", "１７号"), ("  陕西南路 550弄", " 17 号"),
])
def test_the_ways_an_address_is_typed_give_one_building(lane, number):
    p = P.parse(lane, number)
    assert (p.building_key, p.lane_key) == ("陕西南路550弄17号", "陕西南路550弄")


def test_a_lane_without_its_road_gets_one_only_from_the_data():
    bare = P.parse("550弄17号")
    assert bare.lane_key == "?550弄"
    # the only road with a lane 550 in the data
    assert P.fill_roads([bare, P.parse("陕西南路550弄", "3")])[0].building_key == "陕西南路550弄17号"
    # two roads have a lane 550: no guess
    two = P.fill_roads([bare, P.parse("陕西南路550弄", "3"), P.parse("嘉善路550弄", "9")])
    assert two[0].lane_key == "?550弄"
    # unless the same resident wrote the road on another order
    three = P.fill_roads([bare, P.parse("陕西南路550弄", "3"), P.parse("嘉善路550弄", "9"), P.parse("陕西南路550弄17号")],
                         ["v1", "v2", "v3", "v1"])
    assert three[0].lane_key == "陕西南路550弄"


def test_a_house_on_a_road_and_no_address():
    assert P.parse("复兴中路1200号").building_key == "复兴中路1200号"
    assert P.parse("", "").lane_key == "" and P.parse("看不懂的地址").building_key == ""


@given(st.lists(st.sampled_from([" ", "\u3000", "\t"]), min_size=0, max_size=6), st.integers(1, 9999),
       st.integers(1, 999))
def test_spaces_anywhere_do_not_change_the_place(spaces, lane, number):
    text = f"陕西南路{lane}弄{number}号"
    chars = list(text)
    for k, sp in enumerate(spaces):
        chars.insert((k * 7) % (len(chars) + 1), sp)
    assert P.parse("".join(chars)).building_key == f"陕西南路{lane}弄{number}号"


def test_rate_ratio_interval_is_the_exact_conditional_one():
    e = rate_ratio(81, 13, 14, 13)
    assert e.ratio == pytest.approx(14 / 81)
    # Clopper–Pearson for p = after / n, mapped to the ratio (equal weeks: r = p / (1 - p))
    n = 95
    lo_p, hi_p = beta.ppf(0.025, 14, n - 14 + 1), beta.ppf(0.975, 14 + 1, n - 14)
    assert e.low == pytest.approx(lo_p / (1 - lo_p), rel=1e-6)
    assert e.high == pytest.approx(hi_p / (1 - hi_p), rel=1e-6)
    assert e.significant and e.p_value < 1e-9


def test_the_sentence_says_it_in_words():
    set_language("zh_CN")
    assert sentence(rate_ratio(81, 13, 14, 13)) == "措施后每周工单从 6.2 件降到 1.1 件，下降 83 %（95 % 置信区间 69 %–91 %）。"
    assert "可能出于偶然" in sentence(rate_ratio(5, 13, 6, 13))
    assert "没有相关工单" in sentence(rate_ratio(0, 13, 0, 13))
    set_language("en")
    try:
        assert sentence(rate_ratio(81, 13, 14, 13)).startswith("After the measure, orders per week went from 6.2 to 1.1, down 83 %")
    finally:
        set_language("zh_CN")


def test_no_time_after_a_measure_gives_no_ratio():
    e = rate_ratio(10, 13, 0, 0)
    assert e.ratio is None and not e.significant
    assert not math.isnan(e.before_rate)
