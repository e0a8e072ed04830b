"""Finding recurring problems in plain records (no database)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desk import demo_templates as T
from desk.i18n import set_language
from desk.services.pulse import describe
from desk.services.pulse.detect import Facts, detect

NAMES = {"NOISE-RENO": ("装修噪音", "Renovation noise"), "NOISE-BAR": ("酒吧餐饮噪音", "Bar noise"),
         "OTHER": ("其他", "Other"), "ENV-RUBBISH": ("垃圾清运", "Rubbish")}


def background(rng: random.Random, days: int = 200, per_day: int = 30, start: date = date(2026, 1, 1)) -> list[Facts]:
    lanes = [(road, rng.randint(1, 120) * 5) for road in T.ROADS for _ in range(6)]
    people = [(rng.choice(lanes), rng.randint(1, 60)) for _ in range(1500)]
    codes = list(T.TEMPLATES)
    out = []
    for k in range(days):
        for j in range(per_day):
            code = rng.choices(codes, [T.TEMPLATES[c][0] for c in codes])[0]
            who = rng.randrange(len(people))
            (road, lane), number = people[who]
            out.append(Facts(f"b{k}-{j}", f"B{k}-{j}", rng.choice(T.TEMPLATES[code][2]), code, code.split("-")[0],
                             f"{road}{lane}弄", str(number), "SX", start + timedelta(days=k), rng.randint(8, 20), f"v{who}"))
    return out


def story(prefix: str, texts, code: str, lane: str, number_of, days, hour_of, visitors, solved_after=None,
          codes=None) -> list[Facts]:
    out = []
    for k, day in enumerate(days):
        solved = day + timedelta(days=solved_after) if solved_after is not None else None
        out.append(Facts(f"{prefix}{k}", f"{prefix.upper()}{k}", texts[k % len(texts)], (codes or {}).get(k, code),
                         ((codes or {}).get(k, code)).split("-")[0], lane, number_of(k), "SX", day, hour_of(k),
                         visitors[k % len(visitors)], solved))
    return out


def test_same_problem_in_different_words_at_one_building_is_one_cluster():
    rng = random.Random(5)
    words = ["楼上装修太吵", "邻居半夜敲打", "装修噪音扰民", "楼上电钻声不停", "隔壁天天砸墙"]
    days = [date(2026, 3, 2) + timedelta(days=4 * k) for k in range(10)]
    # the address typed three ways; one order filed under 其他 but saying the same
    forms = ["17", "17号", ""]
    lanes = ["绍兴路20弄", "绍兴路 20 弄", "绍兴路20弄17号"]
    facts = background(rng)
    planted = []
    for k, day in enumerate(days):
        code = "OTHER" if k == 3 else "NOISE-RENO"
        planted.append(Facts(f"s{k}", f"S{k}", words[k % 5] + ("，装修噪音" if k == 3 else ""), code, code.split("-")[0],
                             lanes[k % 3], forms[k % 3], "SX", day, 23 if k % 5 else 10, f"r{k % 4}"))
    clusters = detect(facts + planted)
    hit = [c for c in clusters if {f.id for f in planted} & set(c.order_ids)]
    assert len(hit) == 1
    c = hit[0]
    assert c.level == "building" and c.place_key == "绍兴路20弄17号"
    assert {f.id for f in planted} <= set(c.order_ids)  # the misfiled one too
    assert c.pulled_in >= 1 and c.residents == 4 and c.repeat_calls == 6
    set_language("zh_CN")
    why = describe.why(c, NAMES)
    assert "绍兴路20弄17号" in why and "装修噪音" in why and "说法相近" in why
    assert describe.pattern(c).startswith("夜间（22:00 后）80 %")
    set_language("en")
    try:
        assert "filed under other categories but say the same" in describe.why(c, NAMES)
    finally:
        set_language("zh_CN")


def test_a_busy_lane_alone_is_not_a_problem():
    clusters = detect(background(random.Random(11)))
    assert clusters == []


def test_came_back_counts_solved_callbacks_that_did_not_hold():
    rng = random.Random(3)
    days = [date(2026, 2, 1) + timedelta(days=10 * k) for k in range(8)]
    planted = story("g", ["弄堂口垃圾又堆满了", "垃圾点臭气熏天"], "ENV-RUBBISH", "嘉善路140弄", lambda k: str(k + 1),
                    days, lambda k: 9, ["a", "b", "c"], solved_after=3)
    c = next(c for c in detect(background(rng) + planted) if set(c.order_ids) & {f.id for f in planted})
    assert c.level == "lane" and c.place_key == "嘉善路140弄"
    # each order's solved callback is followed within 30 days by the next report, except the last
    assert c.came_back >= 7 and c.residents >= 3
    assert c.score == c.orders + 2 * c.came_back + c.repeat_calls + c.weeks_active


def test_the_order_of_the_records_and_how_addresses_are_typed_do_not_change_what_is_found():
    from hypothesis import HealthCheck, given, settings, strategies as st

    rng = random.Random(8)
    base = background(rng, days=120, per_day=20)
    days = [date(2026, 2, 1) + timedelta(days=5 * k) for k in range(12)]
    planted = story("p", ["弄堂口垃圾又堆满了", "垃圾点臭气熏天", "垃圾没人清运"], "ENV-RUBBISH", "嘉善路140弄",
                    lambda k: str(k % 9 + 1), days, lambda k: 9, ["a", "b", "c", "d"])
    facts = base + planted

    def found(records):
        return sorted((c.place_key, tuple(sorted(c.order_ids))) for c in detect(records))

    expected = found(facts)
    assert any(key == "嘉善路140弄" for key, _ in expected)
    forms = (lambda lane, n: (lane, n), lambda lane, n: (lane.replace("路", "路 ").replace("弄", " 弄"), f"{n}号"),
             lambda lane, n: (f"{lane}{n}号", ""))

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
    @given(st.randoms(use_true_random=False), st.integers(0, 3 ** 12 - 1))
    def check(shuffle_rng, code):
        typing = [(code // 3 ** k) % 3 for k in range(len(planted))]
        from dataclasses import replace

        retyped = [replace(f, lane=forms[t](f.lane, f.number)[0], number=forms[t](f.lane, f.number)[1])
                   for f, t in zip(planted, typing)]
        records = base + retyped
        shuffle_rng.shuffle(records)
        assert found(records) == expected

    check()
