"""Order detail and action dialogs as a busy desk needs them: a stray Enter never reveals,
改派 starts on the current department, a missing field is said inside the dialog, action
buttons carry Alt letters and Tab leaves the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def _dispatched(store, clerk, ref):
    return intake.register_visit(store, clerk, VisitInput(name="张三明", phone="13812345678", matters=(
        MatterInput(summary="楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-STAIR"].id, dispatch=True),))).orders[0]


def test_the_detail_opens_away_from_the_reveal_button(ui, supervisor, clerk, ref, store, qtbot):
    ctx, window = ui
    order = _dispatched(store, clerk, ref)
    login(window, "chenjing", PASSWORD)
    detail = window.open_order(order.id)
    detail.activateWindow()
    settle()
    assert detail.reveal_button.isVisible() and not detail.reveal_button.autoDefault()
    assert detail.focusWidget() is not detail.reveal_button
    qtbot.keyClick(detail, Qt.Key.Key_Return)
    settle()
    assert detail.detail.visitor.masked  # nothing revealed, nothing audited
    texts = {a: b.text() for a, b in detail.action_buttons.items()}
    assert texts["accept"] == "签收(&A)" and all("&" in t for t in texts.values())
    assert not detail.timeline.tabKeyNavigation()


def test_redispatch_starts_on_the_current_department_and_checks_inside(ui, supervisor, clerk, ref, store, qtbot):
    from desk.ui.action_dialog import ActionDialog

    from desk.services import lifecycle, reference

    ctx, window = ui
    order = _dispatched(store, clerk, ref)
    last = reference.list_departments(store)[-1]  # not the first in the list, so the default shows
    lifecycle.perform(store, supervisor, order.id, "redispatch", department_id=last.id, reason="换部门")
    login(window, "chenjing", PASSWORD)
    detail = window.open_order(order.id)
    settle()
    deps = detail.departments
    current = detail.detail.row.lead_department_id
    assert current == last.id and deps[0].id != current
    dialog = ActionDialog("redispatch", deps, detail, current_department_id=current)
    assert dialog.fields["department_id"].currentData() == current
    dialog.show()
    dialog.accept()  # the reason is empty: said here, the dialog stays open
    assert dialog.isVisible() and dialog.result() == 0
    assert "原因" in dialog.error.text()
    reason: QPlainTextEdit = dialog.fields["reason"]
    reason.setPlainText("不属于本部门")
    dialog.accept()
    assert not dialog.isVisible() and dialog.values()["reason"] == "不属于本部门"
