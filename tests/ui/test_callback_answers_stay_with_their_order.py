"""A resident's answers on the callbacks screen belong to the order being called. Before, the list
reloading (any order changing: a save, a sync) selected the first row again while the form kept
the answers, so Record put them on another resident's order; and a click on another row did the
same. Now the called order stays selected through reloads, and answers typed for one order are
never recorded on another (said at once, with its ticket)."""

from __future__ import annotations

from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, VisitInput
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def _resolved(store, clerk, supervisor, ref, summary: str, phone: str) -> str:
    order = intake.register_visit(store, clerk, VisitInput(name="李梅", phone=phone, matters=(MatterInput(
        summary=summary, kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),))).orders[0]
    for action, params in (("accept", {}), ("start", {}), ("resolve", {"result": "已修好", "solved": True})):
        lifecycle.perform(store, supervisor, order.id, action, **params)
    return order.id


def _pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _status(store, order_id) -> str:
    from desk.models import WorkOrder

    with store.read() as s:
        return s.get(WorkOrder, order_id).status


def test_answers_stay_with_the_order_being_called(ui, clerk, supervisor, ref, store):
    ctx, window = ui
    first, second, third = (_resolved(store, clerk, supervisor, ref, f"楼道漏水{i}", f"1380000000{i}")
                            for i in range(3))
    login(window, "wangli", PASSWORD)
    window.show_screen(2)
    settle()
    cb = window.callbacks
    assert cb.model.count == 3
    cb.table.selectRow(cb.model.row_of(third))
    _pick(cb.solved, True)
    _pick(cb.rating, 4)

    # Another order changes meanwhile (here: the first is called back from the order's dialog):
    # the list reloads and the order being called stays selected.
    lifecycle.perform(store, clerk, first, "callback", solved=True, rating=5)
    settle()
    settle()
    assert cb.model.count == 2 and cb.current_row().id == third

    # A click on another row: the answers are not recorded there.
    cb.table.selectRow(cb.model.row_of(second))
    assert cb.form_error.text().startswith("这些回答是针对 ")
    cb.record()
    settle()
    assert _status(store, second) == "resolved" and _status(store, third) == "resolved"

    cb.table.selectRow(cb.model.row_of(third))  # back to it: recorded where they were given
    assert cb.form_error.text() == ""
    cb.record()
    settle()
    assert _status(store, third) == "called_back" and _status(store, second) == "resolved"
    assert cb.model.count == 1 and cb.current_row().id == second and not cb.has_answers()
