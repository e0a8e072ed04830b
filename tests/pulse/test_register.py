"""The problem register on a real demo database with the article's stories planted."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from desk.i18n import set_language
from desk.services import auth, reference
from desk.errors import DeskError, NotFound, ValidationError
from desk.services.pulse import register as R
from desk.services.store import Store
from tests.pulse.demo_data import copy_db, make_demo

PASSWORD = "demo-2026"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return make_demo(tmp_path_factory.mktemp("pulse") / "demo.sqlite3", days=30, per_day=30, seed=4)


@pytest.fixture
def store(demo_file, tmp_path):
    s = Store.open(copy_db(demo_file, tmp_path / "copy.sqlite3"))
    yield s
    s.close()


@pytest.fixture
def boss(store):
    return auth.login(store, "chenjing", PASSWORD)


def test_the_demo_stories_are_found_and_the_2200_rule_shows_its_effect(store, boss):
    from desk.demo_stories import RULE_TEXT, rule_day

    set_language("zh_CN")
    found = R.scan(store, boss)
    places = {(v.cluster.level, v.cluster.place_key) for v in found}
    for expected in (("lane", "陕西南路550弄"), ("lane", "嘉善路140弄"), ("building", "永嘉路35弄8号"),
                     ("building", "建国西路120弄5号"), ("building", "南昌路45弄3号"),
                     ("building", "绍兴路20弄9号"), ("building", "襄阳南路300弄12号")):
        assert expected in places
    bar = next(v for v in found if v.cluster.place_key == "陕西南路550弄")
    assert bar.problem_number == 1 and "夜间（22:00 后）" in bar.pattern
    leak = next(v for v in found if v.cluster.place_key == "永嘉路35弄8号")
    assert "梅雨季" in leak.pattern and leak.problem_number is None

    problems = {p.number: p for p in R.problems(store, boss)}
    noise = problems[1]
    assert noise.status == "watching" and noise.department == "城管执法中队"
    rule = next(m for m in noise.measures if m.text == RULE_TEXT)
    assert rule.taken_on == rule_day(store.now().date()).isoformat()
    assert rule.effect.significant and rule.effect.high < 1
    assert rule.sentence.startswith("措施后每周工单从 ") and "下降" in rule.sentence and "95 % 置信区间" in rule.sentence


def test_promote_measure_link_and_a_solved_problem_that_comes_back(store, boss):
    found = R.scan(store, boss)
    leak = next(v for v in found if v.cluster.place_key == "永嘉路35弄8号")
    wy = next(d.id for d in reference.list_departments(store) if d.code == "WY")
    number = R.promote(store, boss, leak.cluster, "永嘉路35弄8号合用厨房漏水", wy)
    assert {o.id for o in R.problem_orders(store, boss, number)} == set(leak.cluster.order_ids)
    today = store.now().astimezone(store.calendar().tz).date()
    R.add_measure(store, boss, number, today - timedelta(days=20), "房管办更换合用厨房水管")
    info = next(p for p in R.problems(store, boss) if p.number == number)
    assert info.status == "measures" and info.measures[0].text == "房管办更换合用厨房水管"
    R.set_status(store, boss, number, "solved")
    # an order at that building, after solving: suggested, and linking it reopens the problem
    clerk = auth.login(store, "wangli", PASSWORD)
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput

    cat = next(c.id for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    store.set_clock(lambda: tomorrow)
    made = intake.register_visit(store, clerk, VisitInput(channel="walk_in", matters=(MatterInput(
        summary="合用厨房又漏水了", kind="complaint", category_id=cat, lane="永嘉路 35 弄", number="8号"),)))
    new_id = made.orders[0].id
    assert R.suggest_problem(store, "合用厨房又漏水了", "永嘉路35弄", "8", cat)[0].number == number
    assert new_id in [o.id for o in R.suggestions(store, boss, number)]
    assert R.link(store, boss, number, [new_id]) is True
    assert next(p for p in R.problems(store, boss) if p.number == number).status == "open"


def test_a_problem_already_in_the_register_is_not_registered_twice(store, boss):
    """The found list's 550弄 bar noise is #1 (solved or not, a recurrence is the same problem):
    taking it in again is refused with a sentence naming #1, and the register is unchanged; a
    place not yet registered still goes in."""
    set_language("zh_CN")
    found = R.scan(store, boss)
    bar = next(v for v in found if v.cluster.place_key == "陕西南路550弄")
    assert bar.problem_number == 1
    before = [(p.number, p.title, p.orders) for p in R.problems(store, boss)]
    R.set_status(store, boss, 1, "solved")
    with pytest.raises(ValidationError) as e:
        R.promote(store, boss, bar.cluster, "550弄酒吧噪音（又一次）", None)
    assert "#1" in str(e.value) and "已在问题清单" in str(e.value)
    assert [(p.number, p.title, p.orders) for p in R.problems(store, boss)] == before
    leak = next(v for v in found if v.cluster.place_key == "永嘉路35弄8号")
    assert leak.problem_number is None
    number = R.promote(store, boss, leak.cluster, "永嘉路35弄8号合用厨房漏水", None)
    assert number == max(n for n, _, _ in before) + 1
    with pytest.raises(ValidationError):  # and now it, too, is in
        R.promote(store, boss, leak.cluster, "永嘉路35弄8号合用厨房漏水", None)
    again = next(v for v in R.scan(store, boss) if v.cluster.place_key == "永嘉路35弄8号")
    assert again.problem_number == number


def test_bad_input_is_refused_with_a_sentence_and_changes_nothing(store, boss):
    set_language("zh_CN")
    cluster = R.scan(store, boss)[0].cluster
    with pytest.raises(ValidationError) as e:
        R.promote(store, boss, cluster, "   ", None)
    assert str(e.value) == "请填写问题标题。"
    with pytest.raises(ValidationError):
        R.promote(store, boss, cluster, "长" * 121, None)
    with pytest.raises(ValidationError) as e:
        R.add_measure(store, boss, 1, date.today() + timedelta(days=3), "明天的措施")
    assert "不能晚于今天" in str(e.value)
    with pytest.raises(ValidationError):
        R.add_measure(store, boss, 1, date.today(), "  ")
    with pytest.raises(ValidationError):
        R.set_status(store, boss, 1, "finished")
    with pytest.raises(NotFound) as e:
        R.set_status(store, boss, 99, "solved")
    assert "#99" in str(e.value)
    assert [p.number for p in R.problems(store, boss)] == [1, 2]


def test_clerks_may_not_see_or_change_the_register(store):
    clerk = auth.login(store, "wangli", PASSWORD)
    with pytest.raises(DeskError):
        R.problems(store, clerk)
    with pytest.raises(DeskError):
        R.set_status(store, clerk, 1, "solved")


def test_the_command_line_lists_finds_and_prints(store, tmp_path, monkeypatch, capsys):
    import json

    from desk.cli import main

    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    path = str(store.path)
    assert main(["--db", path, "problems", "list", "--user", "chenjing", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["number"] for p in listed] == [1, 2] and listed[0]["measures"][-1]["high"] < 1
    assert main(["--db", path, "problems", "found", "--all", "--user", "chenjing", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert any(f["place"] == "陕西南路550弄" and f["problem"] == 1 for f in found)
    out = tmp_path / "register.pdf"
    assert main(["--db", path, "problems", "print", "--out", str(out), "--user", "chenjing"]) == 0
    import re
    import subprocess

    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                               check=True).stdout)
    assert "问题清单（每月一题）" in text and "嘉善老市夜间噪音" in text and "95%置信区间" in text and "下降" in text
    assert main(["--db", path, "problems", "found", "--from", "2026-13-01", "--user", "chenjing"]) != 0
    assert "无效" in capsys.readouterr().err


def test_intake_suggests_a_registered_problem_and_one_call_links_it(store):
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput

    clerk = auth.login(store, "wangli", PASSWORD)
    cat = next(c.id for c in reference.list_categories(store) if c.code == "NOISE-BAR")
    # typed without the road, no category chosen yet: the words and the lane are enough
    hints = R.suggest_problem(store, "楼下酒吧深夜音乐太吵", "550弄", "12号")
    assert hints and hints[0].number == 1
    set_language("zh_CN")
    assert hints[0].text() == "这可能是已登记问题 #1：嘉善老市夜间噪音（陕西南路550弄）"
    assert R.suggest_problem(store, "楼下酒吧深夜音乐太吵", "永嘉路35弄", "8") == []  # elsewhere
    made = intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="楼下酒吧深夜音乐太吵", kind="complaint", category_id=cat, lane="陕西南路550弄", number="12"),)))
    assert R.link_at_intake(store, clerk, 1, made.orders[0].id) is False
    boss = auth.login(store, "chenjing", PASSWORD)
    assert made.orders[0].id in {o.id for o in R.problem_orders(store, boss, 1)}


def test_a_solved_problem_says_when_it_came_back(store, boss):
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput

    R.set_status(store, boss, 2, "solved")
    assert next(p for p in R.problems(store, boss) if p.number == 2).back_since_solved == 0
    clerk = auth.login(store, "wangli", PASSWORD)
    cat = next(c.id for c in reference.list_categories(store) if c.code == "ENV-RUBBISH")
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    store.set_clock(lambda: tomorrow)
    intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="弄堂口垃圾又堆满了", kind="complaint", category_id=cat, lane="嘉善路140弄", number="3"),)))
    set_language("zh_CN")
    rubbish = next(p for p in R.problems(store, boss) if p.number == 2)
    assert rubbish.status == "solved" and rubbish.back_since_solved == 1
    assert rubbish.status_text == "已解决（又出现 1 件）"


def test_linked_at_intake_in_the_same_save_and_a_solved_problem_is_reopened_saying_why(store, boss):
    """Issue 17: the clerk's one key at intake links the new order when the visit is saved (one
    transaction); a solved problem it comes back to is reopened, its history naming the order."""
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput

    R.set_status(store, boss, 2, "solved")
    solved_on = store.now().astimezone(store.calendar().tz).date().isoformat()
    clerk = auth.login(store, "wangli", PASSWORD)
    cat = next(c.id for c in reference.list_categories(store) if c.code == "ENV-RUBBISH")
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    store.set_clock(lambda: tomorrow)
    set_language("zh_CN")
    hint = R.suggest_problem(store, "弄堂口垃圾又堆满了", "嘉善路140弄", "3", cat)[0]
    assert hint.number == 2 and hint.text().endswith("（已解决；关联后重新打开）")
    made = intake.register_visit(store, clerk, VisitInput(matters=(
        MatterInput(summary="弄堂口垃圾又堆满了", kind="complaint", category_id=cat, lane="嘉善路140弄", number="3",
                    problem_number=hint.number),
        MatterInput(summary="问一下食堂几点开门", kind="consult"))))
    linked = {o.id for o in R.problem_orders(store, boss, 2)}
    assert made.orders[0].id in linked and made.orders[1].id not in linked
    rubbish = next(p for p in R.problems(store, boss) if p.number == 2)
    assert rubbish.status == "open"
    assert R.reopen_reason(store, 2) == f"{solved_on} 已解决后又出现：{made.orders[0].ticket_no}"
    # a problem number that does not exist refuses the whole visit with a sentence, saving nothing
    with pytest.raises(NotFound):
        intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
            summary="又堆满了", kind="complaint", category_id=cat, lane="嘉善路140弄", number="3", problem_number=999),)))
    assert len({o.id for o in R.problem_orders(store, boss, 2)}) == len(linked)
