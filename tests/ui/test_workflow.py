"""The clerk's day through the real window: register a visit with two matters typed in
Chinese, dispatch, accept, resolve, call back unsatisfied, see the order reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle, type_chinese


def _pick(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_register_two_matters_and_follow_one_to_reopened(ui, clerk, ref, qtbot, monkeypatch):
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.stack.currentWidget() is window.tabs
    intake = window.intake

    qtbot.keyClicks(intake.phone, "13812345678")
    type_chinese(intake.name, "张三明")
    qtbot.keyClicks(intake.lane, "550")
    type_chinese(intake.lane, "弄")

    leak = intake.forms()[0]
    _pick(leak.kind, "complaint")
    _pick(leak.category, ref.cat["HOUSE-LEAK"].id)
    # Registered only: the queue dispatches it below.
    _pick(leak.disposition, "register")
    type_chinese(leak.summary, "公用厨房漏水")
    assert leak.department.currentData() == ref.dep["WY"].id  # proposed from the category
    assert "2026" in leak.promised.text()

    qtbot.keyClick(intake, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    canteen = intake.forms()[1]
    assert intake.matters.count() == 2
    _pick(canteen.kind, "consult")
    assert canteen.disposition.currentData() == "answer"
    type_chinese(canteen.summary, "食堂早餐几点开门")
    type_chinese(canteen.answer, "七点开门")

    qtbot.keyClick(intake.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    result = intake.last_result
    assert result is not None, [b.text() for b in __import__("desk.ui.errors", fromlist=["x"]).open_boxes()]
    statuses = [o.status for o in result.orders]
    assert statuses == ["registered", "answered"]
    assert "SX-20261130-0001" in intake.result_label.text()
    assert intake.forms()[0].is_blank()  # cleared for the next visitor

    # The returning visitor is recognised by phone.
    qtbot.keyClicks(intake.phone, "13812345678")
    assert intake.history is not None and intake.history.total_orders == 2
    assert intake.history_box.open_list.count() == 1

    # Work queue: the open order is there; Enter opens it.
    window.show_screen(1)
    queue = window.queue
    queue.set_view("open")
    settle()
    assert queue.model.count == 1
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(0, 0))
    answers = {"dispatch": {"department_id": ref.dep["WY"].id},
               "resolve": {"result": "已更换水管", "solved": True}}
    from desk.ui.action_dialog import ActionDialog

    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, parent, action, deps=(): answers.get(action, {})))
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    detail = window.details[-1]
    assert detail.detail.row.ticket_no == "SX-20261130-0001"
    for action, status in (("dispatch", "dispatched"), ("accept", "accepted"), ("start", "in_progress"),
                           ("resolve", "resolved")):
        assert action in detail.action_buttons, (action, list(detail.action_buttons))
        detail.action_buttons[action].click()
        assert detail.detail.row.status == status
    assert "已更换水管" in detail.result.text()
    # a clerk sees no supervisor actions
    assert not {"void", "merge", "supervise", "reopen"} & set(detail.action_buttons)
    assert not detail.reveal_button.isVisible()

    # Callbacks: the resolved order waits; unsatisfied reopens it (the core decides).
    window.show_screen(2)
    settle()
    cb = window.callbacks
    assert cb.model.count == 1
    assert cb.current_row().ticket_no == "SX-20261130-0001"
    cb.solved.setCurrentIndex(cb.solved.findData(False))
    _pick(cb.rating, 2)
    cb.record()
    settle()
    assert cb.model.count == 0
    detail.load()
    assert detail.detail.row.status == "dispatched"
    assert detail.detail.reopen_count == 1
    assert any(e.kind == "reopen" for e in detail.detail.events)


def test_anonymous_consultation_answered_at_desk_in_a_few_keystrokes(ui, clerk, qtbot):
    """Alt+S to the summary, the text, Alt+W to the answer, the text, Ctrl+S: three keys
    beyond the words themselves (the kind defaults to consultation, answered at the desk)."""
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.activateWindow()
    intake = window.intake
    form = intake.forms()[0]
    qtbot.keyClick(intake.phone, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert form.summary.hasFocus()
    type_chinese(form.summary, "社区食堂几点开门")
    qtbot.keyClick(form.summary, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert form.answer.hasFocus()
    type_chinese(form.answer, "早上七点")
    qtbot.keyClick(form.answer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [o.status for o in intake.last_result.orders] == ["answered"]
    assert intake.last_result.visitor_id is None


def test_ctrl_enter_saves_and_hands_the_visit_to_the_slip_printer(ui, clerk, ref, qtbot):
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.intake.print_button.isEnabled()  # the slip module is installed by default
    window.set_slip_printer(None)
    assert not window.intake.print_button.isEnabled()  # no slip printer: nothing to press
    printed = []
    window.set_slip_printer(printed.append)
    assert window.intake.print_button.isEnabled()
    form = window.intake.forms()[0]
    _pick(form.kind, "help")
    _pick(form.category, ref.cat["ENV-RUBBISH"].id)
    qtbot.keyClicks(intake_phone := window.intake.phone, "13900001111")
    type_chinese(form.summary, "垃圾箱满了")
    qtbot.keyClick(intake_phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(printed) == 1 and printed[0].orders[0].status == "dispatched"
    assert printed[0].orders[0].department_name == "物业服务企业"


def test_alt_letters_on_the_intake_screen_are_unambiguous(ui, clerk):
    """Each Alt+letter reaches one field: no two labels (nor the menus) share a letter."""
    import re

    from PySide6.QtWidgets import QLabel

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    menus = [window.desk_menu.title(), window.go_menu.title(), window.view_menu.title()]
    labels = [lab.text() for lab in window.intake.findChildren(QLabel) if lab.buddy() is not None and lab.isVisibleTo(window)]
    letters = [m.group(1).upper() for text in labels + menus for m in [re.search(r"&(\w)", text)] if m]
    assert len(letters) >= 12
    assert len(letters) == len(set(letters)), sorted(letters)
