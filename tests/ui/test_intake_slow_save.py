"""A save the database answers late (a million-order file, a busy worker, a sync holding the
write lock): what the clerk types meanwhile is the next visit, never the end of the last one,
and every Ctrl+S either saves or says why not.

Found by the scripted shift at a million orders (benchmarks/shift.py): visit 10's phone and
summary were typed onto the end of visit 9's, which was still in the form because the form was
only emptied when the worker answered; that Ctrl+S was ignored ("a save is under way"), and
visit 10 was silently not saved. These tests use the real worker thread and a real lock on
the real file."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desk.ui import errors
from tests.conftest import PASSWORD
from tests.ui.conftest import close_window, login, type_chinese


@pytest.fixture
def threaded(qapp, store, admin, prefs):
    """(ctx, window) with the desk's real database worker thread."""
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import ThreadRunner

    errors.set_modal(False)
    runner = ThreadRunner()
    ctx, window = build_window(store, runner, prefs, setup_look(qapp, prefs))
    window.show()
    yield ctx, window
    runner.shutdown()
    close_window(qapp, ctx, window)


def _wait(cond, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < end, "timed out"
        QApplication.processEvents()
        time.sleep(0.005)


def _orders(store) -> list[tuple]:
    with sqlite3.connect(store.path) as c:
        return c.execute("SELECT o.summary, coalesce(v.phone, '') FROM work_order o "
                         "LEFT JOIN visitor v ON v.id = o.visitor_id ORDER BY o.ticket_no").fetchall()


def _type_visit(intake, ref, phone: str, summary: str, *, category: bool = True) -> None:
    intake.phone.setFocus()
    QTest.keyClicks(intake.phone, phone)
    form = intake.forms()[-1]
    form.kind.setCurrentIndex(form.kind.findData("complaint"))
    if category:
        form.category.setCurrentIndex(form.category.findData(ref.cat["HOUSE-LEAK"].id))
    type_chinese(form.summary, summary)


def _logged_in_intake(ctx, window):
    login(window, "wangli", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    intake = window.intake
    _wait(lambda: intake.forms() and intake.forms()[0].category.count() > 1)
    return intake


def _ctrl_s(intake) -> None:
    QTest.keyClick(intake.forms()[-1].summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_next_visit_typed_while_a_save_waits_is_its_own_and_is_saved(threaded, clerk, ref, store):
    ctx, window = threaded
    intake = _logged_in_intake(ctx, window)
    before = _orders(store)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a sync or a backup holds the write lock
    try:
        _type_visit(intake, ref, "13812345678", "楼道灯坏了")
        _ctrl_s(intake)
        QTest.qWait(300)  # the save waits for the lock
        assert _orders(store) == before
        # The clerk turns to the next visitor at once: empty fields, not the last visit's text.
        assert intake.phone.text() == "" and intake.forms()[-1].summary.text() == ""
        _type_visit(intake, ref, "13900001111", "电梯坏了")
        _ctrl_s(intake)
        QTest.qWait(100)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _wait(lambda: len(_orders(store)) == len(before) + 2)
    assert _orders(store)[len(before):] == [("楼道灯坏了", "13812345678"), ("电梯坏了", "13900001111")]
    _wait(lambda: not intake.saving)
    assert intake.phone.text() == "" and all(f.is_blank() for f in intake.forms())
    assert not errors.open_boxes()


def test_a_refused_save_gives_the_visit_back_and_says_so(threaded, clerk, ref, store):
    ctx, window = threaded
    intake = _logged_in_intake(ctx, window)
    before = _orders(store)
    ctx.runner.run(time.sleep, 1.0)  # the worker is busy (a dashboard at a million orders)
    _type_visit(intake, ref, "13812345678", "楼道灯坏了", category=False)  # a complaint needs a category
    _ctrl_s(intake)
    # Meanwhile the clerk starts the next visitor; the refusal must not overwrite it.
    _type_visit(intake, ref, "13900001111", "电梯坏了")
    _wait(lambda: errors.open_boxes())
    assert intake.phone.text() == "13900001111" and intake.forms()[-1].summary.text() == "电梯坏了"
    assert "1" in intake.result_label.text() and intake.has_unsaved_input()
    for box in errors.open_boxes():
        box.close()
    errors._boxes.clear()
    window.activateWindow()  # a window manager gives the focus back; offscreen Qt needs asking
    QTest.qWait(50)
    _ctrl_s(intake)  # the next visit is saved; the refused one comes back into the form
    _wait(lambda: len(_orders(store)) == len(before) + 1)
    assert _orders(store)[-1] == ("电梯坏了", "13900001111")
    _wait(lambda: intake.phone.text() == "13812345678")
    form = intake.forms()[0]
    assert form.summary.text() == "楼道灯坏了" and form.kind.currentData() == "complaint"
    assert intake.has_unsaved_input() and not errors.open_boxes()


def test_the_daily_backup_waits_for_the_log_in_and_never_holds_up_the_database_worker(threaded, clerk, store):
    """The day's backup copies and checks the whole file (minutes at a million orders): queued on
    the database worker at start-up, the first log-in of the day waited behind it."""
    from desk.services import backup
    from desk.ui.main import _daily_backup_after_log_in

    ctx, window = threaded
    _daily_backup_after_log_in(ctx)
    QTest.qWait(300)
    assert not backup.list_backups(store.path)  # nobody has logged in: an encrypted file is unreadable yet
    login(window, "wangli", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    _wait(lambda: any(b.kind == "daily" for b in backup.list_backups(store.path)), 60)


def test_in_the_window_the_daily_backup_waits_for_the_first_pause_after_log_in(threaded, clerk, store, monkeypatch):
    """Started with the log-in, the backup's copy of the whole file competed with the clerk's
    first keys for the disk and the CPUs (benchmarks/firstkey.py: every start began a 4 GB copy);
    in the window it starts in the first pause after log-in (screen_builder.py)."""
    from desk.services import backup
    from desk.ui.main import _daily_backup_after_log_in
    from desk.ui.screen_builder import WorkScreenBuilder

    monkeypatch.setattr(WorkScreenBuilder, "IDLE_MS", 400)
    ctx, window = threaded
    window.build_screens_when_ready()
    _daily_backup_after_log_in(ctx, window.screen_builder)
    login(window, "wangli", PASSWORD)
    _wait(lambda: ctx.actor is not None)
    QTest.qWait(200)
    assert not backup.list_backups(store.path)  # logged in, but no pause yet
    _wait(lambda: any(b.kind == "daily" for b in backup.list_backups(store.path)), 60)


def test_a_second_ctrl_s_just_after_a_quick_save_is_the_same_press(threaded, clerk, ref, store):
    """A save answers in a few ms now: a hurried double Ctrl+S (tried under X) found the form
    already blank and the save done, and was refused with "at least one matter". Within a
    moment of a visit sent, a blank form's Save is that visit's press again: one order, no box."""
    ctx, window = threaded
    intake = _logged_in_intake(ctx, window)
    _type_visit(intake, ref, "13911112222", "楼道灯不亮晚上看不见路")
    _ctrl_s(intake)
    _wait(lambda: len(_orders(store)) == 1 and not intake._saving)
    _ctrl_s(intake)  # the same key again, after the save has answered
    _wait(lambda: not intake._saving)  # had it been sent, its refusal is back by now
    QApplication.processEvents()
    assert errors.open_boxes() == [], [b.text() for b in errors.open_boxes()]
    assert _orders(store) == [("楼道灯不亮晚上看不见路", "13911112222")]
