"""Who sees what, the lock screen keeping input, and errors shown as sentences."""

from __future__ import annotations

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.ui import errors
from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle, type_chinese


def _order(store, clerk, ref):
    result = intake.register_visit(store, clerk, VisitInput(name="张三明", phone="13812345678", lane="陕西南路550弄",
                                                            matters=(MatterInput(summary="楼道灯坏了", kind="help",
                                                                                 category_id=ref.cat["HOUSE-STAIR"].id,
                                                                                 dispatch=True),)))
    return result.orders[0]


def test_clerk_cannot_reach_supervisor_actions(ui, clerk, ref, store, monkeypatch):
    ctx, window = ui
    order = _order(store, clerk, ref)
    login(window, "wangli", PASSWORD)
    assert not window.tabs.isTabVisible(3)  # settings
    assert not window.go_actions[3].isEnabled()
    window.show_screen(3)
    assert window.tabs.currentIndex() != 3
    detail = window.open_order(order.id)
    assert "accept" in detail.action_buttons
    assert not {"void", "merge", "supervise", "approve_extension"} & set(detail.action_buttons)
    assert not detail.reveal_button.isVisible()
    assert "*" in detail.visitor_text.text() and "张三明" not in detail.visitor_text.text()
    # Even if a button were reached, the core refuses and the clerk reads why.
    from desk.ui.action_dialog import ActionDialog

    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, parent, action, deps=(): {"reason": "重复"}))
    detail.perform("void")
    boxes = errors.open_boxes()
    assert boxes and "接待员无权执行" in boxes[-1].text()
    assert detail.detail.row.status == "dispatched"


def test_supervisor_sees_settings_and_reveals_recorded(ui, supervisor, clerk, ref, store):
    ctx, window = ui
    order = _order(store, clerk, ref)
    login(window, "chenjing", PASSWORD)
    assert window.tabs.isTabVisible(3)
    assert not window.settings.tabs.isTabVisible(3)  # staff accounts are the admin's
    detail = window.open_order(order.id)
    assert {"void", "merge", "supervise"} <= set(detail.action_buttons)
    assert detail.reveal_button.isVisible()
    detail.reveal_button.click()
    assert "张三明" in detail.visitor_text.text() and "13812345678" in detail.visitor_text.text()
    assert any(e.kind == "reveal" for e in detail.detail.events) or detail.load() is None


def test_lock_keeps_unsaved_input_and_needs_the_password(ui, clerk, ref, store, qtbot):
    ctx, window = ui
    order = _order(store, clerk, ref)
    login(window, "wangli", PASSWORD)
    type_chinese(window.intake.forms()[0].summary, "噪音投诉")
    detail = window.open_order(order.id)
    window.lock()
    assert not detail.isVisible()  # nothing of an order shows on a locked screen
    assert window.stack.currentWidget() is window.login
    assert window.login.username.isReadOnly()
    window.login.password.setText("wrong-password")
    window.login.submit()
    assert window.stack.currentWidget() is window.login
    assert window.login.error.text() == "用户名或密码不正确。"
    window.login.password.setText(PASSWORD)
    window.login.submit()
    assert window.stack.currentWidget() is window.tabs
    assert window.intake.forms()[0].summary.text() == "噪音投诉"
    assert detail.isVisible()


def test_idle_lock_uses_station_setting(ui, clerk, admin, store):
    from desk.services import settings

    settings.put(store, admin, "idle_lock_minutes", 3)
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.idle_timer.isActive() and window.idle_timer.interval() == 3 * 60_000
    window.idle_timer.timeout.emit()
    assert window.stack.currentWidget() is window.login


def test_keys_and_clicks_count_as_activity_for_the_idle_lock(qapp):
    """Keys, clicks and the wheel arriving at a window, as a keyboard's and a mouse's do, count
    as activity; events Qt sends itself (or sends a widget directly) while filling screens do not."""
    from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

    from desk.ui.main_window import _ActivityFilter

    seen = []
    watcher = _ActivityFilter()
    watcher.activity.connect(lambda: seen.append(1))
    page = QWidget()
    field, combo = QLineEdit(page), QComboBox(page)
    combo.addItems(["a", "b", "c"])
    layout = QVBoxLayout(page)
    layout.addWidget(field)
    layout.addWidget(combo)
    page.show()
    QTest.qWaitForWindowExposed(page)
    field.setFocus()
    watcher.watch(qapp)
    try:
        QCoreApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b"))
        assert seen == []
        QTest.keyClick(page.windowHandle(), Qt.Key.Key_A)  # through the window, as X delivers it
        assert len(seen) == 1 and field.text() == "ba"  # both typed; one was a person's
        QTest.mouseClick(page.windowHandle(), Qt.MouseButton.LeftButton, pos=field.geometry().center())
        assert len(seen) == 2
        combo.showPopup()  # a window of its own, watched once it has the keyboard
        QTest.qWait(50)
        popup = QApplication.focusWindow()  # the list's window has the keyboard
        assert popup.objectName() != page.windowHandle().objectName()
        QTest.keyClick(popup, Qt.Key.Key_Down)
        assert len(seen) == 3 and combo.view().currentIndex().row() == 1
        combo.hidePopup()
    finally:
        watcher.unwatch(qapp)
        page.close()


def test_building_a_screen_does_not_call_the_activity_watch(qapp):
    """The watch sees a window's input, not every event of every widget: building and showing
    a form of a hundred widgets cost thousands of calls into Python with a filter on the
    whole application (45-85 ms a matter form, the stall benchmark's typing phase)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QTabWidget, QWidget

    from desk.ui.main_window import _ActivityFilter

    calls = []

    class Counting(_ActivityFilter):
        def eventFilter(self, obj, event):  # noqa: N802
            calls.append(1)
            return super().eventFilter(obj, event)

    tabs = QTabWidget()
    tabs.show()
    QTest.qWaitForWindowExposed(tabs)
    watcher = Counting()
    watcher.watch(qapp)
    try:
        form = QWidget()
        rows = QFormLayout(form)
        for i in range(40):
            rows.addRow(str(i), QLineEdit())
            rows.addRow(str(i), QComboBox())
        tabs.addTab(form, "x")
        tabs.setCurrentWidget(form)
        QTest.qWait(50)
        assert len(calls) < 100, f"{len(calls)} calls into the activity watch to build a form"
    finally:
        watcher.unwatch(qapp)
        tabs.close()


def test_unexpected_error_is_logged_and_shown_with_the_log_path(ui, clerk):
    ctx, window = ui
    login(window, "wangli", PASSWORD)

    def broken(store):
        raise RuntimeError("database fell over")

    ctx.call(broken)  # no on_error: the runner's default, the window's message area
    shown = window.failure_banner.text()
    path = errors.log_file()
    assert str(path) in shown
    assert "Traceback" not in shown and "RuntimeError" not in shown
    logged = path.read_text(encoding="utf-8")
    assert "database fell over" in logged and "Traceback" in logged and "in broken" in logged
    settle()


def test_a_late_phone_lookup_does_not_fill_the_next_visit(ui, clerk, ref, store):
    """On a slow disk the returning visitor's history can arrive after the clerk saved the visit
    or typed another number: it must not put that visitor's address into the next visit."""
    ctx, window = ui
    _order(store, clerk, ref)  # a visitor with an address, phone 13812345678
    login(window, "wangli", PASSWORD)
    intake_screen = window.intake
    history = intake.find_visitor_by_phone(store, clerk, "13812345678")
    assert history is not None and history.visitor.lane
    intake_screen.phone.setText("13900001111")  # the clerk has moved on to the next visitor
    intake_screen._history_found(history, "13812345678")
    assert intake_screen.lane.text() == "" and intake_screen.history is None
    intake_screen.phone.setText("13812345678")
    intake_screen._history_found(history, "13812345678")  # in time: filled as before
    assert intake_screen.lane.text() == history.visitor.lane
