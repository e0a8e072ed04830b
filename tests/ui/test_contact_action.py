"""先行联系 from the window: the order detail offers "contacted the resident" while a department
has the order; its dialog asks who (department or station) and when (untouched: now)."""

from __future__ import annotations

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def test_contact_from_the_order_detail(ui, clerk, ref, qtbot, monkeypatch):
    from desk.ui.action_dialog import ActionDialog

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    matter = MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True)
    order = intake.register_visit(ctx.store, clerk, VisitInput(matters=(matter,), phone="13812345678")).orders[0]

    dialog = ActionDialog("contact")
    assert dialog.windowTitle() == "先行联系"
    assert [dialog.fields["by"].itemText(i) for i in range(2)] == ["承办单位", "本站"]
    assert dialog.values() == {"by": "department", "contacted_at": ""}  # untouched time: now, by the desk's clock
    dialog.fields["by"].setCurrentIndex(1)
    dialog.fields["contacted_at"].setDateTime(dialog.fields["contacted_at"].dateTime().addSecs(-3600))
    values = dialog.values()
    assert values["by"] == "station" and len(values["contacted_at"]) == 16
    dialog.close()

    window.open_order(order.id)
    settle()
    detail = window.details[-1]
    assert "contact" in detail.action_buttons
    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, parent, action, deps=():
                                                         {"by": "station", "contacted_at": ""}))
    detail.action_buttons["contact"].click()
    settle()
    kinds = [e.kind for e in detail.detail.events]
    assert kinds[-1] == "contact" and detail.detail.row.status == "dispatched"
