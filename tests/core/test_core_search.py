"""Search: ticket numbers, phones (full and last four), names, addresses, two-character
Chinese words, phrases, Latin words, mixed queries; the index follows results and visitors."""

from __future__ import annotations

import sqlite3

import pytest

from desk.services import intake, lifecycle, queries, search
from desk.services.dto import MatterInput, OrderFilter, VisitInput


@pytest.fixture
def orders(store, clerk, ref):
    def add(name, phone, lane, number, *matters):
        r = intake.register_visit(store, clerk, VisitInput(name=name, phone=phone, lane=lane, number=number, matters=tuple(
            MatterInput(summary=s, details=d, kind="complaint", category_id=ref.cat[c].id) for s, d, c in matters)))
        return [o.ticket_no for o in r.orders]

    t = {}
    t["leak"], t["noise"] = add("张三明", "13812345678", "陕西南路550弄", "17",
                                ("公用厨房漏水", "楼上卫生间渗水到我家厨房", "HOUSE-LEAK"),
                                ("酒吧深夜噪音扰民", "每晚22:00后音乐很响", "NOISE-BAR"))
    (t["wifi"],) = add("李四", "021-64331234", "复兴中路1195弄", "3",
                       ("社区食堂WiFi连不上", "Router 在二楼，signal weak", "STATION-CANTEEN"))
    (t["reno"],) = add("王五", "13987654321", "永嘉路", "8", ("装修噪音太大", "周末早上八点就开始电钻", "NOISE-RENO"))
    (t["anon"],) = add("", "", "", "", ("路灯不亮", "", "HOUSE-STAIR"))
    return t


def found(store, actor, text):
    return {r.ticket_no for r in queries.list_orders(store, actor, OrderFilter(text=text))}


def test_search_finds_what_a_clerk_types(store, clerk, orders):
    t = orders
    cases = {
        t["leak"]: t["leak"],  # the ticket number
        t["leak"].lower(): t["leak"],
        t["leak"][3:]: t["leak"],  # without the station code
        "13812345678": {t["leak"], t["noise"]},  # full phone
        "5678": {t["leak"], t["noise"]},  # last four digits
        "4321": t["reno"],
        "1381": {t["leak"], t["noise"]},  # typing in progress
        "02164331234": t["wifi"],
        "138 1234 5678": {t["leak"], t["noise"]},  # as printed on the slip and the screen
        "+86 138-1234-5678": {t["leak"], t["noise"]},
        "021-64331234": t["wifi"],
        "(021) 6433 1234": t["wifi"],
        "2026 1130": set(),  # digits that are not a phone stay separate terms
        "张三明": {t["leak"], t["noise"]},  # name
        "李四": t["wifi"],
        "陕西南路": {t["leak"], t["noise"]},  # address
        "550弄": {t["leak"], t["noise"]},
        "复兴中路1195弄": t["wifi"],
        "漏水": t["leak"],  # two-character words
        "噪音": {t["noise"], t["reno"]},
        "渗水": t["leak"],
        "电钻": t["reno"],
        "公用厨房漏水": t["leak"],  # a longer phrase
        "深夜噪音扰民": t["noise"],
        "wifi": t["wifi"],  # Latin words, any case, details too
        "WiFi": t["wifi"],
        "router": t["wifi"],
        "signal weak": t["wifi"],
        "噪音 张三明": t["noise"],  # mixed: every term must match
        "张三明 5678 厨房": t["leak"],
        "食堂 wifi": t["wifi"],
        "ＷｉＦｉ": t["wifi"],  # full-width letters from a Chinese input method
        "灯": t["anon"],  # one character scans the summaries
        "噪": {t["noise"], t["reno"]},
        "漏水 李四": set(),
        "火警": set(),
        "!!!": set(),
    }
    for query, expected in cases.items():
        expected = {expected} if isinstance(expected, str) else expected
        assert found(store, clerk, query) == expected, query
        assert queries.count_orders(store, clerk, OrderFilter(text=query)) == len(expected), query


def test_no_phrase_across_words_that_are_not_adjacent(store, clerk, orders):
    # 厨房 and 漏水 are both in the order, but "房漏" only in the summary, "厨房渗" nowhere.
    assert found(store, clerk, "房漏") == {orders["leak"]}
    assert found(store, clerk, "厨房渗水") == set()


def test_results_and_visitor_changes_are_searchable(store, clerk, supervisor, ref, orders):
    t = orders
    assert found(store, clerk, "止水阀") == set()
    lifecycle.perform(store, supervisor, t["leak"], "dispatch", department_id=ref.dep["WY"].id)
    lifecycle.perform(store, supervisor, t["leak"], "accept")
    lifecycle.perform(store, supervisor, t["leak"], "resolve", result="物业已更换止水阀", solved=True)
    assert found(store, clerk, "止水阀") == {t["leak"]}
    lifecycle.perform(store, clerk, t["anon"], "answer_at_desk", result="已报修路灯 hotline")
    assert found(store, clerk, "报修路灯") == {t["anon"]}
    # The same visitor comes back under a fuller name and a new phone: all their orders follow.
    r = intake.register_visit(store, clerk, VisitInput(
        visitor_id=intake.find_visitor_by_phone(store, clerk, "13812345678").visitor.id,
        name="张三明华", phone="13600001111", matters=(MatterInput(summary="再问食堂时间", answer="七点"),)))
    assert found(store, clerk, "张三明华") == {t["leak"], t["noise"], r.orders[0].ticket_no}
    assert found(store, clerk, "1111") == {t["leak"], t["noise"], r.orders[0].ticket_no}
    assert found(store, clerk, "13812345678") == set()


def test_the_index_has_one_row_per_order(store, orders):
    con = sqlite3.connect(store.path)
    try:
        assert con.execute("SELECT count(*) FROM order_search").fetchone()[0] == \
            con.execute("SELECT count(*) FROM work_order").fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM order_search o JOIN work_order w ON w.rowid = o.rowid").fetchone()[0] == 5
    finally:
        con.close()


def test_tokens():
    assert search.tokens("噪音投诉") == ["噪音", "音投", "投诉"]
    assert search.tokens("WiFi 在二楼") == ["wifi", "在二", "二楼"]
    assert search.tokens("灯") == ["灯"]
    assert search.match_expression("  ") is None
    assert search.match_expression('"漏水"') == '"漏水"'
    assert search.is_single_cjk("灯") and not search.is_single_cjk("a") and not search.is_single_cjk("漏水")
