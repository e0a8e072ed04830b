"""What a curator types into a knowledge-base entry is never thrown away unasked: choosing
another entry, starting a new one, logging out or closing asks (save, discard, go back), and a
change elsewhere (an order saved at intake, a sync) no longer refills the editor over the words.
Before, each of these silently replaced the typed answer with the stored one."""

from __future__ import annotations

import pytest

from desk.services import intake, knowledge
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


@pytest.fixture
def kb(ui, supervisor):
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.knowledge_tab.show()
    settle()
    return window.knowledge


@pytest.fixture
def answers(monkeypatch):
    """The person's answers to the question, in turn; each question asked is recorded."""
    from desk.ui import unsaved

    given: list[str] = []
    asked: list[str] = []

    def ask(parent, what="visit"):
        asked.append(what)
        return given.pop(0)

    monkeypatch.setattr(unsaved, "ask_unsaved", ask)
    return given, asked


def _select(kb, entry_id) -> None:
    """Click the entry's row (rows move as the list reloads after a save)."""
    kb.table.selectRow(next(r for r, e in enumerate(kb.shown) if e.id == entry_id))


def _stored(ctx, entry_id):
    return knowledge.get_entry(ctx.store, entry_id).answer


def test_choosing_another_entry_asks_and_each_answer_does_what_it_says(ui, kb, answers):
    ctx, window = ui
    given, asked = answers
    first, second, third = kb.shown[0], kb.shown[1], kb.shown[2]
    _select(kb, first.id)
    kb.answer.setPlainText("改过的答复：每周一至周五 9:00–17:00")

    given.append("cancel")  # go back to it
    _select(kb, second.id)
    assert asked == ["entry"] and kb.current.id == first.id
    assert kb.answer.toPlainText() == "改过的答复：每周一至周五 9:00–17:00"
    (row,) = kb.table.selectionModel().selectedRows()
    assert kb.shown[row.row()].id == first.id  # the highlighted row is the one the editor saves

    given.append("save")
    _select(kb, second.id)
    settle()
    assert _stored(ctx, first.id) == "改过的答复：每周一至周五 9:00–17:00"
    assert kb.current.id == second.id and kb.answer.toPlainText() == _stored(ctx, second.id)
    (row,) = kb.table.selectionModel().selectedRows()
    assert kb.shown[row.row()].id == second.id

    kb.answer.setPlainText("不要的改动")
    given.append("discard")
    _select(kb, third.id)
    settle()
    assert _stored(ctx, second.id) != "不要的改动"
    assert kb.current.id == third.id and not kb.has_unsaved_input()
    assert asked == ["entry"] * 3 and given == []

    _select(kb, first.id)  # nothing typed: no question
    assert asked == ["entry"] * 3 and kb.current.id == first.id


def test_a_change_elsewhere_does_not_refill_the_editor_over_typed_words(ui, kb, clerk, answers):
    ctx, window = ui
    kb.table.selectRow(0)
    entry = kb.current
    kb.answer.setPlainText("正在改的答复")
    intake.register_visit(ctx.store, clerk, VisitInput(matters=(
        MatterInput(summary="晚托几点", answer=entry.answer, kb_entry_id=entry.id),)))  # "orders" changed
    settle()
    settle()
    assert kb.answer.toPlainText() == "正在改的答复" and kb.current.id == entry.id
    kb.save()
    settle()
    assert _stored(ctx, entry.id) == "正在改的答复" and not kb.has_unsaved_input()


def test_logging_out_or_closing_with_a_typed_entry_asks_first(ui, kb, answers):
    ctx, window = ui
    given, asked = answers
    kb.new_entry()
    kb.question.setText("社区有没有助听器验配")
    kb.answer.setPlainText("每周三社区卫生服务中心可以验配")
    window.go_actions[0].trigger()  # on to the intake screen; the entry waits in its editor

    given.append("cancel")
    window.logout()
    assert asked == ["entry"] and ctx.actor is not None
    assert window.tabs.currentWidget() is kb  # shown: what the question was about

    given.append("save")
    window.logout()  # saved, then logged out
    settle()
    assert ctx.actor is None
    assert [e.answer for e in knowledge.list_entries(ctx.store) if e.question == "社区有没有助听器验配"] == [
        "每周三社区卫生服务中心可以验配"]
