"""A save pressed twice while the database is busy (a sync or a backup holding the write lock)
makes one record, not two: a new knowledge-base entry (Ctrl+S twice: the second waits for the
first and saves what is typed then), a new department (Save clicked twice: the second click does
nothing more; it made a second save, refused as a duplicate code), an unanswered callback (Alt+L
twice counted two calls). Real worker thread, real lock on the real file."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk.services import knowledge, reference
from desk.ui import errors
from tests.conftest import PASSWORD
from tests.ui.conftest import login
from tests.ui.test_intake_slow_save import _wait, threaded  # noqa: F401 - the fixture

QUESTION = "社区有没有助听器验配"


@contextmanager
def _write_lock_held(store):
    """A sync or a backup holding the write lock: saves wait until the block ends."""
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_second_ctrl_s_while_the_first_waits_makes_one_entry(threaded, supervisor, store):  # noqa: F811
    ctx, window = threaded
    login(window, "chenjing", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    window.knowledge_tab.show()
    kb = window.knowledge
    _wait(lambda: kb.category.count() > 1)
    kb.new_entry()
    kb.question.setText(QUESTION)
    kb.answer.setPlainText("每周三社区卫生服务中心可以验配")
    with _write_lock_held(store):
        QTest.keyClick(kb.answer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(200)
        QTest.keyClick(kb.answer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing seemed to happen
        QTest.qWait(200)
    _wait(lambda: any(e.question == QUESTION for e in knowledge.list_entries(store)))
    QTest.qWait(500)
    assert [e.question for e in knowledge.list_entries(store)].count(QUESTION) == 1
    _wait(lambda: not kb.has_unsaved_input())


def test_save_clicked_twice_on_a_new_department_makes_one(threaded, supervisor, store):  # noqa: F811
    ctx, window = threaded
    login(window, "chenjing", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    window.go_actions[3].trigger()
    page = window.settings.departments
    _wait(lambda: page.table.rowCount() > 0)
    page.new()
    page.code.setText("LH")
    page.name.setText("绿化队")
    with _write_lock_held(store):
        QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        QTest.qWait(200)
        QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        QTest.qWait(200)
    _wait(lambda: any(d.code == "LH" for d in reference.list_departments(store)))
    _wait(lambda: not page.has_unsaved_input())
    QTest.qWait(300)
    assert [d.code for d in reference.list_departments(store)].count("LH") == 1
    assert not errors.open_boxes(), [b.text() for b in errors.open_boxes()]


def test_not_reached_pressed_twice_counts_one_unanswered_call(threaded, clerk, supervisor, ref, store):  # noqa: F811
    """Alt+L twice while the first waits: one attempt of three, not two (two would bring the
    order a call closer to being closed as not reached)."""
    from desk.services import callbacks, intake, lifecycle
    from desk.services.dto import MatterInput, VisitInput

    order = intake.register_visit(store, clerk, VisitInput(name="李梅", phone="13800000001", matters=(MatterInput(
        summary="楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),))).orders[0]
    for action, params in (("accept", {}), ("start", {}), ("resolve", {"result": "已修好", "solved": True})):
        lifecycle.perform(store, supervisor, order.id, action, **params)
    ctx, window = threaded
    login(window, "wangli", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    window.go_actions[2].trigger()
    cb = window.callbacks
    _wait(lambda: cb.current_row() is not None and cb.card is not None)
    with _write_lock_held(store):
        QTest.keyClick(cb.note, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
        QTest.qWait(200)
        QTest.keyClick(cb.note, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # nothing seemed to happen
        QTest.qWait(200)
    _wait(lambda: "1" in cb.form_error.text())
    QTest.qWait(500)
    assert callbacks.open_card(store, clerk, order.id).attempts == 1
    assert not errors.open_boxes()
