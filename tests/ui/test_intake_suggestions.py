"""Suggestions at intake through the real window (pytest-qt key events; the Xvfb end-to-end
version with X key events is tests/e2e/test_kb_keystrokes.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import text

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, type_chinese


class Keys:
    """Counts the key events a test sends beyond the free text."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def __call__(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.count += 1
        self.qtbot.keyClick(widget, key, modifier)


def _ready(window, qtbot):
    login(window, "wangli", PASSWORD)
    window.activateWindow()
    form = window.intake.forms()[0]
    assert form.suggestions.engine.wait_trained()
    return window.intake, form


def test_a_consultation_answered_from_the_knowledge_base_in_three_keys(ui, clerk, qtbot):
    ctx, window = ui
    screen, form = _ready(window, qtbot)
    keys = Keys(qtbot)
    keys(screen.phone, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    type_chinese(form.summary, "孩子放学了能在这里写作业吗")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("answer")), timeout=5000)
    first = form.suggestions.panel.hints("answer")[0].payload
    assert "晚托" in first.question
    keys(form.summary, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert form.answer.text() == first.answer and form.disposition.currentData() == "answer"
    keys(form.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert keys.count == 3 <= 4
    (order,) = screen.last_result.orders
    assert order.status == "answered"
    with ctx.store.read() as s:
        used = s.execute(text("SELECT entry_id FROM kb_use WHERE order_id = :o"), {"o": order.id}).scalar()
    assert used == first.entry_id


def test_a_returning_visitors_renovation_noise_is_dispatched_and_printed_in_four_keys(ui, clerk, ref, qtbot):
    ctx, window = ui
    intake.register_visit(ctx.store, clerk, VisitInput(phone="13800001234", name="张三明", lane="永嘉路", number="12",
                                                       matters=(MatterInput(summary="楼道灯坏了", kind="help",
                                                                            category_id=ref.cat["HOUSE-STAIR"].id),)))
    printed = []
    window.set_slip_printer(printed.append)
    screen, form = _ready(window, qtbot)
    keys = Keys(qtbot)
    keys(form.kind, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # after log-in the matter's kind has the focus
    assert screen.phone.hasFocus()
    qtbot.keyClicks(screen.phone, "13800001234")  # free text: the phone finds the visitor
    assert screen.history is not None
    keys(screen.phone, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    type_chinese(form.summary, "楼上邻居装修每天一早就电钻，吵得没法休息")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("category")), timeout=5000)
    best = form.suggestions.panel.hints("category")[0].payload
    assert best.category_id == ref.cat["NOISE-RENO"].id
    keys(form.summary, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert form.category.currentData() == ref.cat["NOISE-RENO"].id and form.kind.currentData() == "complaint"
    assert form.department.currentData() == ref.dep["WY"].id
    keys(form.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert keys.count == 4 <= 10
    (order,) = printed[0].orders
    assert order.status == "dispatched" and order.department_name == "物业服务企业"
    assert printed[0].visitor_id == screen.last_result.visitor_id is not None


def test_the_category_box_finds_by_pinyin_initials_code_and_characters(ui, clerk, ref, qtbot):
    ctx, window = ui
    screen, form = _ready(window, qtbot)
    search = form.suggestions.search
    reno = ref.cat["NOISE-RENO"].id
    qtbot.waitUntil(lambda: reno in search.matches("zxzy"), timeout=5000)  # pinyin keys from the engine's thread
    for typed in ("zxzy", "zhuangxiu", "noise-reno", "装修", "噪音 zx"):
        assert reno in search.matches(typed), typed
    assert search.matches("zxzy")[0] == reno
    assert search.matches("xyzxyz") == []
    # the station's most frequent first: "zs" matches several; the used one leads
    form.suggestions.engine.models.frequency = {ref.cat["ENV-GREEN"].id: 5}
    form.suggestions.categories_filled()
    assert search.matches("lh")[0] == ref.cat["ENV-GREEN"].id  # 绿化养护 before 楼道 (l…)
    # choosing from the popup sets the combo
    form.category.setFocus()
    qtbot.keyClicks(form.category.lineEdit(), "zxzy")
    qtbot.waitUntil(lambda: search.popup().isVisible(), timeout=2000)
    qtbot.keyClick(search.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(search.popup(), Qt.Key.Key_Return)
    assert form.category.currentData() == reno


def test_suggestions_follow_the_latest_text_and_clear_with_it(ui, clerk, qtbot):
    ctx, window = ui
    screen, form = _ready(window, qtbot)
    type_chinese(form.summary, "食堂早饭几点")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("answer")), timeout=5000)
    form.summary.clear()
    assert not form.suggestions.panel.isVisible()
    form.summary.setText("外卖骑手充电")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("answer"))
                    and "骑手" in form.suggestions.panel.hints("answer")[0].payload.question, timeout=5000)


def test_the_knowledge_screen_edits_proposes_and_the_dashboard_counts(ui, supervisor, clerk, qtbot, tmp_path):
    from desk.services import knowledge

    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.knowledge_tab.show()
    kb = window.knowledge
    assert window.tabs.currentWidget() is kb and kb.table.rowCount() == 18
    kb.filter.setCurrentIndex(kb.filter.findData("review"))
    assert kb.table.rowCount() == 18  # every sample waits to be checked
    kb.filter.setCurrentIndex(kb.filter.findData("all"))
    kb.search.setText("晚托")
    assert kb.table.rowCount() == 2 and all("晚托" in e.question for e in kb.shown)
    kb.table.selectRow(0)
    kb.answer.setPlainText("每个上学日 15:30 到 18:00，免费。")
    qtbot.keyClick(kb.answer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = knowledge.get_entry(ctx.store, kb.shown[0].id)
    assert saved.answer == "每个上学日 15:30 到 18:00，免费。" and not saved.is_sample
    # filtering again never leaves a row highlighted that is not the one in the editor
    kb.search.setText("骑手")
    assert kb.shown and not kb.table.selectionModel().selectedRows() and kb.question.text() == saved.question
    kb.search.setText("晚托")
    (row,) = kb.table.selectionModel().selectedRows()
    assert kb.shown[row.row()].id == saved.id
    # dates are date editors ("—" = none): letters cannot be typed into them; an end before the
    # start is a sentence, and both dates stay in the editors as typed
    kb.review_on.setFocus()
    qtbot.keyClicks(kb.review_on, "abc")
    assert kb.review_on.text() == ""
    assert not kb.review_on.hasAcceptableInput()  # the letters show ("—abc"): saving says so, saves nothing
    kb.save()
    assert "2027-01-31" in kb.message.text()
    kb.review_on.clear()
    kb.valid_from.setText("2027-03-01")
    kb.valid_until.setText("2027-01-01")
    kb.save()
    assert (kb.valid_from.text(), kb.valid_until.text()) == ("2027-03-01", "2027-01-01")
    assert knowledge.get_entry(ctx.store, saved.id).valid_until == ""
    kb.valid_from.clear()
    kb.save()
    qtbot.waitUntil(lambda: knowledge.get_entry(ctx.store, saved.id).valid_until == "2027-01-01", timeout=5000)
    assert knowledge.get_entry(ctx.store, saved.id).valid_from == "" and kb.valid_from.text() == ""
    window.resize(1366, 768)
    shot = tmp_path / "18-knowledge-dates.png"
    assert window.grab().save(str(shot))
    if os.environ.get("DESK_SCREENSHOTS"):
        shutil.copy(shot, Path(__file__).resolve().parents[2] / "docs" / "screens" / "18-knowledge-dates-zh_CN.png")
    # the guide from the screen
    kb.ask_save_path = lambda parent, suggested: str(tmp_path / "guide")
    kb.open_file = lambda path: False
    kb.print_guide()
    assert (tmp_path / "guide.pdf").exists() and "服务指南" in kb.message.text()
    # the dashboard's panel: one answer used, one question without an entry
    intake.register_visit(ctx.store, clerk, VisitInput(matters=(
        MatterInput(summary="晚托几点", answer=saved.answer, kb_entry_id=saved.id),
        MatterInput(summary="停车证去哪办", answer="物业"))))
    window.show_dashboard()
    dash = window.dashboard_tab.screen()
    dash.reload()
    items = [dash.kb_usage.used.item(i).text() for i in range(dash.kb_usage.used.count())]
    missing = [dash.kb_usage.missing.item(i).text() for i in range(dash.kb_usage.missing.count())]
    assert items == [f"1 × {saved.question}"] and missing == ["1 × 停车证去哪办"]


def test_a_clerk_proposes_and_cannot_edit(ui, clerk, qtbot):
    from desk.services import knowledge

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.knowledge_tab.show()
    kb = window.knowledge
    kb.table.selectRow(0)
    assert kb.answer.isReadOnly() and not kb.save_button.isEnabled()
    kb.new_entry()
    assert not kb.answer.isReadOnly() and not kb.status.isEnabled()
    kb.question.setText("居住证办理要多久")
    kb.answer.setPlainText("一般 15 个工作日")
    kb.save()
    (entry,) = [e for e in knowledge.list_entries(ctx.store) if e.question == "居住证办理要多久"]
    assert entry.status == "proposed"


def test_an_answer_given_at_the_desk_becomes_a_proposal_in_one_click(ui, clerk, qtbot):
    from desk.services import knowledge
    from desk.ui.order_detail import OrderDetailDialog

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    result = intake.register_visit(ctx.store, clerk, VisitInput(matters=(
        MatterInput(summary="社区有没有助听器验配", answer="每周三社区卫生服务中心可以验配"),)))
    dialog = OrderDetailDialog(ctx, result.orders[0].id, window)
    button = dialog.findChild(type(dialog.close_button), "proposeKnowledge")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (entry,) = [e for e in knowledge.list_entries(ctx.store) if e.question == "社区有没有助听器验配"]
    assert entry.status == "proposed" and entry.answer == "每周三社区卫生服务中心可以验配"
    assert not button.isEnabled()
    dialog.close()


def test_the_engine_retrains_as_history_grows(qapp, store, clerk, qtbot):
    from desk.services import knowledge
    from desk.ui import suggestions
    from desk.ui.context import DeskContext
    from desk.ui.worker import SyncRunner

    ctx = DeskContext(store, SyncRunner())
    engine = suggestions.SuggestionEngine(ctx)
    assert engine.wait_trained() and engine.models.categories.trained_on == 0
    engine._trained_at -= suggestions.RETRAIN_MIN_SECONDS  # as if the last training was a while ago
    for i in range(suggestions.RETRAIN_AFTER_SAVES):
        intake.register_visit(store, clerk, VisitInput(phone="13800001234", matters=(
            MatterInput(summary=f"邻居装修电钻噪音 {i}", kind="complaint",
                        category_id=next(r.category_id for r in knowledge.list_entries(store) if r.code == "LANE-RULE")),)))
        qapp.processEvents()
    qtbot.waitUntil(lambda: engine.models.categories.trained_on == suggestions.RETRAIN_AFTER_SAVES, timeout=10000)
    engine.stop()
    ctx.detach()


def test_a_hint_never_overrides_what_the_clerk_chose_and_a_rewritten_answer_is_not_the_entrys(ui, clerk, ref, qtbot):
    ctx, window = ui
    screen, form = _ready(window, qtbot)
    form.kind.setFocus()
    qtbot.keyClick(form.kind, Qt.Key.Key_Down)  # consultation -> request for help, chosen by hand
    chosen = form.kind.currentData()
    assert chosen != "consult"
    type_chinese(form.summary, "楼上装修电钻太吵")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("category")), timeout=5000)
    qtbot.keyClick(form.summary, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert form.category.currentData() == ref.cat["NOISE-RENO"].id and form.kind.currentData() == chosen
    # an answer from the knowledge base, then rewritten by hand: no longer that entry's answer
    form.summary.clear()
    type_chinese(form.summary, "食堂早饭几点开门")
    qtbot.waitUntil(lambda: bool(form.suggestions.panel.hints("answer")), timeout=5000)
    qtbot.keyClick(form.summary, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert form.value().kb_entry_id is not None
    form.answer.selectAll()
    qtbot.keyClicks(form.answer, "7:00")
    assert form.value().answer == "7:00" and form.value().kb_entry_id is None


def test_the_panel_takes_other_kinds_of_hints_with_their_own_keys(qapp, qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from desk.ui.suggestion_panel import Hint, SuggestionPanel

    host = QWidget()
    field = QLineEdit(host)
    panel = SuggestionPanel(host)
    QVBoxLayout(host).addWidget(field)
    host.layout().addWidget(panel)
    panel.add_group("problem", "Ctrl+Alt+", size=1)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    assert not panel.isVisible()
    panel.set_hints("problem", "Registered problem:", [Hint("#7 550弄酒吧夜间噪音", 7)])
    assert panel.isVisible()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    with qtbot.waitSignal(panel.chosen, timeout=2000) as got:
        qtbot.keyClick(field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert got.args == ["problem", 7]


def test_the_window_never_fits_the_category_model_itself(qapp, store, clerk, monkeypatch):
    """The engine leaves the fitting to a child process (desk/services/suggest_apart.py): seconds
    of Python on the engine's thread made the window stand still 50-60 ms at a time."""
    from desk.services import suggest
    from desk.ui import suggestions
    from desk.ui.context import DeskContext
    from desk.ui.worker import SyncRunner

    fitted_here: list = []
    real_fit = suggest.fit_categories
    monkeypatch.setattr(suggest, "fit_categories", lambda *a, **k: fitted_here.append(1) or real_fit(*a, **k))
    ctx = DeskContext(store, SyncRunner())
    engine = suggestions.SuggestionEngine(ctx)
    try:
        assert engine.wait_trained(120)
        assert engine.models.categories.labels and engine.models.search_keys
        assert fitted_here == [], "the category model was fitted on a thread of the window"
    finally:
        engine.stop()
        ctx.detach()
