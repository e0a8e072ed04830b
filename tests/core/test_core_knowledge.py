"""The knowledge base: samples installed, curating and proposing, validity, recorded use."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desk.services import intake, knowledge
from desk.services.dto import MatterInput, VisitInput
from desk.errors import PermissionDenied, ValidationError
from desk.services.knowledge import KnowledgeInput
from desk.models.knowledge_samples import SAMPLES


def test_a_new_station_has_the_sample_entries_marked_for_review(store):
    rows = knowledge.list_entries(store)
    assert {r.code for r in rows} == {s[0] for s in SAMPLES}
    assert all(r.is_sample and r.needs_review == "sample" and "示例" in r.source for r in rows)
    canteen = next(r for r in rows if r.code == "CANTEEN-BREAKFAST")
    assert canteen.category_id and canteen.department_id and "食堂早饭什么时候有" in canteen.variants


def test_a_supervisor_edits_and_the_sample_mark_goes(store, supervisor):
    entry = next(r for r in knowledge.list_entries(store) if r.code == "CANTEEN-BREAKFAST")
    saved = knowledge.save_entry(store, supervisor, entry.id,
                                 replace(entry.as_input(), answer="早餐 6:45–9:00。"))
    assert saved.answer == "早餐 6:45–9:00。" and not saved.is_sample and saved.needs_review == ""


def test_a_clerk_may_only_propose(store, clerk):
    info = knowledge.save_entry(store, clerk, None, KnowledgeInput("停车证怎么办", "到物业办", status="published"))
    assert info.status == "proposed" and info.needs_review == "proposed"
    assert info.id not in {d.entry_id for d in knowledge.suggestable(store)}
    with pytest.raises(PermissionDenied):
        knowledge.save_entry(store, clerk, info.id, info.as_input())
    with pytest.raises(PermissionDenied):
        knowledge.set_status(store, clerk, info.id, "published")


def test_bad_input_is_a_sentence(store, supervisor):
    with pytest.raises(ValidationError) as e:
        knowledge.save_entry(store, supervisor, None, KnowledgeInput("  ", "答复"))
    assert "问题" in str(e.value)
    with pytest.raises(ValidationError) as e:
        knowledge.save_entry(store, supervisor, None, KnowledgeInput("问", "答", valid_from="2026-12-01",
                                                                     valid_until="2026-11-01"))
    assert "失效日期" in str(e.value)
    with pytest.raises(ValidationError):
        knowledge.save_entry(store, supervisor, None, KnowledgeInput("问", "答", review_on="明天"))


def test_expired_entries_are_not_suggested_but_listed_for_review(store, supervisor):
    # the test clock is 2026-11-30 in Shanghai
    old = knowledge.save_entry(store, supervisor, None, KnowledgeInput("国庆活动报名", "已结束", valid_until="2026-10-08"))
    later = knowledge.save_entry(store, supervisor, None, KnowledgeInput("元旦活动", "12月报名", valid_from="2026-12-20"))
    due = knowledge.save_entry(store, supervisor, None, KnowledgeInput("垃圾投放时间", "7-9点", review_on="2026-11-30"))
    ids = {d.entry_id for d in knowledge.suggestable(store)}
    assert old.id not in ids and later.id not in ids and due.id in ids
    review = {r.id: r.needs_review for r in knowledge.list_entries(store, review_only=True)}
    assert review[old.id] == "expired" and review[due.id] == "review_due" and later.id not in review


def test_an_answer_from_an_entry_is_recorded_and_counted(store, clerk, clock):
    entry = next(r for r in knowledge.list_entries(store) if r.code == "HOMEWORK-SIGNUP")
    intake.register_visit(store, clerk, VisitInput(matters=(
        MatterInput(summary="孩子放学想来写作业", answer=entry.answer, kb_entry_id=entry.id),
        MatterInput(summary="停车位怎么申请", answer="请到物业咨询"),
        MatterInput(summary="停车位怎么申请", answer="请到物业咨询"))))
    day = date(2026, 11, 30)
    used = knowledge.usage(store, day, day)
    assert used.used == ((entry.question, 1),)
    assert used.unanswered == (("停车位怎么申请", 2),)
    assert knowledge.get_entry(store, entry.id).uses == 1


def test_a_desk_answer_becomes_a_proposal_in_one_step(store, clerk):
    result = intake.register_visit(store, clerk, VisitInput(matters=(
        MatterInput(summary="社区有没有助听器验配", answer="每周三社区卫生服务中心可以验配"),)))
    info = knowledge.propose_from_order(store, clerk, result.orders[0].id)
    assert (info.question, info.answer, info.status) == ("社区有没有助听器验配", "每周三社区卫生服务中心可以验配", "proposed")
    assert info.source == result.orders[0].ticket_no


def test_the_service_guide_prints_public_valid_entries_with_the_samples_marked(store, supervisor, clerk, tmp_path):
    from desk.printing.guide import make_guide
    from tests import pdftools

    entries = {r.code: r for r in knowledge.list_entries(store)}
    checked = knowledge.save_entry(store, supervisor, entries["CANTEEN-BREAKFAST"].id,
                                   replace(entries["CANTEEN-BREAKFAST"].as_input(), answer="早餐 6:45–9:00，全年无休。"))
    knowledge.save_entry(store, supervisor, None, KnowledgeInput("内部：钥匙放哪", "抽屉里", audience="staff"))
    knowledge.save_entry(store, supervisor, None, KnowledgeInput("国庆游园报名", "已结束", valid_until="2026-10-08"))
    result = make_guide(store, clerk, tmp_path / "guide.pdf")
    body = pdftools.text(result.path)
    assert "服务指南" in body and checked.answer.split("，")[0] in body
    assert "钥匙" not in body and "国庆游园" not in body
    assert result.entries == len(entries) and result.samples == len(entries) - 1
    assert body.count("示例内容，尚待站长核实") == result.samples
    flat = body.replace("\n", "").replace(" ", "")
    assert "嘉善老市弄规民约" in flat and "第1页共3页" in flat and "021-6433-1234" in body
    pdftools.assert_fonts_embedded(result.path)


def test_an_existing_station_gets_the_samples_when_it_upgrades(tmp_path):
    """A file from the first release (schema 0001, a station with categories) is upgraded to
    head: the knowledge base is created and the samples are added, once."""
    import shutil
    from pathlib import Path

    from desk.services.store import Store

    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "desk-0.1.0.sqlite3", path)
    store = Store.open(path)
    rows = knowledge.list_entries(store)
    assert len(rows) == len(SAMPLES) and all(r.category_id for r in rows)
    from desk.models.knowledge_samples import insert_samples_sql

    with store.write() as s:
        assert insert_samples_sql(s.connection()) == 0  # never twice
    store.close()

