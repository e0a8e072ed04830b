"""Syncing from the window against the REAL central server (desk-server under uvicorn, on a
SQLite file here: the PostgreSQL side is proven by tests/sync): Sync now moves queued changes
to the centre and the status bar follows; failures are sentences and the queue stays; the sync
screen lists refused changes and conflicts with both values; the nightly timer syncs when due."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.sync.conftest import Central, free_port
from tests.sync.helpers import act, register
from tests.ui.conftest import login, settle


@pytest.fixture
def central(tmp_path):
    c = Central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield c
    c.close()


@pytest.fixture
def station(store, admin, ref, central):
    """The test store as station SX, configured for the central server."""
    from desk.sync.client import configure

    configure(store, central.url, central.token("SX"))
    return SimpleNamespace(store=store, admin=admin, ref=ref, code="SX")


def central_orders(central) -> set[str]:
    from desk.server import models as m

    with central.engine.connect() as conn:
        return set(conn.execute(select(m.record.c.row_id).where(m.record.c.table_name == "work_order")).scalars())


def pending(store) -> int:
    from desk.sync.client import pending_count

    return pending_count(store)


def boxes_text() -> str:
    from desk.ui import errors

    return "\n".join(b.text() for b in errors.open_boxes())


def test_sync_now_from_the_menu_moves_the_queue_to_the_centre_and_the_status_bar_follows(ui, station, central):
    ctx, window = ui
    ids = register(station, 2)
    login(window, "admin", PASSWORD)
    control = window.sync_control
    control.refresh()
    settle()
    assert "尚未同步" in window.status_sync.text() and f"待发送 {pending(station.store)} 条" in window.status_sync.text()
    assert control.action.isEnabled() and control.action.text().startswith("立即同步")
    assert control.action in window.desk_menu.actions()
    phases = []
    control.progressed.connect(lambda phase, n: phases.append(phase))
    finished = []
    control.finished.connect(finished.append)
    control.action.trigger()
    settle()
    assert finished and finished[0].pushed > 0
    assert set(ids) <= central_orders(central)
    assert pending(station.store) == 0
    assert phases[0] == "push" and phases[-1] == "pull"
    # 2026-11-30 09:00 Shanghai is the test clock: the status bar shows it and nothing waiting.
    assert window.status_sync.text() == "上次同步：11-30 09:00 · 待发送 0 条"
    assert "同步完成" in window.statusBar().currentMessage()
    assert not control.running and control.action.isEnabled() and not control.bar.isVisible()
    # A new edit is counted after the (debounced) change notification, not per keystroke.
    register(station, 1)
    control._refresh_timer.timeout.emit()  # what the 1.5-second timer does
    settle()
    assert pending(station.store) > 0 and f"待发送 {pending(station.store)} 条" in window.status_sync.text()


def test_an_unreachable_server_is_a_sentence_and_the_window_and_queue_carry_on(ui, station, central):
    from desk.sync.client import configure
    from desk.sync.lock import station_lock

    ctx, window = ui
    register(station, 1)
    waiting = pending(station.store)
    configure(station.store, f"http://127.0.0.1:{free_port()}")  # nobody listens there
    login(window, "admin", PASSWORD)
    window.sync_control.start(manual=True)
    settle()
    assert "无法连接街道中心" in boxes_text() and "Traceback" not in boxes_text()
    assert "同步失败" in window.statusBar().currentMessage()
    assert pending(station.store) == waiting  # the queue is intact
    assert "上次失败" in window.status_sync.text()
    assert window.sync_control.action.isEnabled()  # may try again
    # The window keeps working: a visit saved at the intake screen joins the queue.
    register(station, 1)
    assert pending(station.store) > waiting
    # Another sync of this station under way (the OS timer's `desk sync`): refused with a message.
    for box in list(__import__("desk.ui.errors", fromlist=["open_boxes"]).open_boxes()):
        box.close()
    configure(station.store, central.url)
    with station_lock(station.store.path):
        window.sync_control.start(manual=True)
        settle()
    assert "另一次同步正在进行" in boxes_text()
    # A revoked token: the centre's refusal, in words.
    from desk.server import service

    service.revoke_account(central.engine, "SX")
    window.sync_control.start(manual=True)
    settle()
    assert "拒绝" in boxes_text() and pending(station.store) > waiting


def test_sync_screen_lists_a_refused_change_and_a_conflict_with_both_values(ui, station, central, clerk):
    from sqlalchemy import insert

    from desk.models import new_id, utcnow
    from desk.server import service
    from desk.sync import schema

    ctx, window = ui
    oid = register(station, 1)[0]
    act(station, oid, "accept")
    with station.store.write() as s:  # a change the centre refuses: its clock is far in the future
        s.info["sync_applying"] = True
        s.connection().execute(insert(schema.outbox), [{
            "change_id": new_id(), "table_name": "visitor", "row_id": new_id(), "hlc": "9999999999999.00000",
            "status_gen": 0, "fields": json.dumps({"name": "未来人", "origin_station": "SX"}),
            "batch_id": None, "created_at": utcnow()}])
    login(window, "admin", PASSWORD)
    window.sync_control.start()
    settle()
    # The centre resolves the order while the desk, offline, starts work on it.
    service.central_status(central.engine, oid, "resolved", reason="街道已处理", actor_name="街道办")
    act(station, oid, "start")
    for _ in range(2):
        window.sync_control.start()
        settle()
    panel = window.sync_tab.screen()
    window.tabs.setCurrentWidget(panel)
    settle()
    assert window.tabs.isTabVisible(window.tabs.indexOf(panel))
    assert panel.values["server"].text() == central.url and panel.values["pending"].text() == "0"
    q = panel.quarantine
    assert q.rowCount() == 1 and "时钟" in q.item(0, 3).text() and "未来人" in q.item(0, 4).text()
    c = panel.conflicts
    fields = [c.item(r, 1).text() for r in range(c.rowCount())]
    assert "updated_at" not in fields  # bookkeeping is not for people to judge
    row = fields.index("状态")
    assert c.item(row, 0).text().startswith("SX-")
    assert (c.item(row, 2).text(), c.item(row, 3).text()) == ("已办结", "CENTRAL")
    assert (c.item(row, 5).text(), c.item(row, 6).text()) == ("处理中", "SX")
    assert c.item(row, 4).text() and c.item(row, 7).text()  # when each side wrote
    assert panel.conflict_box.title() == f"冲突：被较新修改覆盖的值（{c.rowCount()}）"
    assert panel.quarantine_box.title().endswith("（1）")
    # English.
    window.set_language("en")
    settle()
    assert panel.sync_button.text() == "Sync now" and "Refused by the centre (1)" == panel.quarantine_box.title()
    assert (c.item(row, 1).text(), c.item(row, 2).text(), c.item(row, 5).text()) == ("Status", "Resolved", "In progress")
    assert "clock" in q.item(0, 3).text()
    window.set_language("zh_CN")
    settle()
    # The supervisor has looked at them: marked as seen, still listed until the centre settles them.
    assert panel.seen_button.isVisible()
    panel.seen_button.click()
    settle()
    assert c.item(row, 0).text().endswith("（已阅）") and not panel.seen_button.isVisible()
    # A clerk may sync, but the screen with names and values is for supervisors and administrators.
    window.logout()
    login(window, "wangli", PASSWORD)
    assert not window.tabs.isTabVisible(window.tabs.indexOf(panel)) and window.sync_control.action.isEnabled()


def test_admin_sets_the_server_on_the_sync_screen_with_checks(ui, store, admin, central, supervisor):
    from desk.services import settings as station_settings
    from desk.sync.client import settings_of

    ctx, window = ui
    login(window, "admin", PASSWORD)
    panel = window.sync_tab.screen()
    window.tabs.setCurrentWidget(panel)
    settle()
    assert panel.settings_box.isVisible() and "尚未设置" in panel.error.text() or "还没有" in panel.error.text()
    panel.url.setText("sync.example.org")
    panel.save_settings()
    assert "服务器地址不对" in panel.settings_message.text()
    panel.url.setText(central.url)
    panel.token.setText("has space")
    panel.save_settings()
    assert "令牌格式不对" in panel.settings_message.text()
    panel.token.setText(central.token("SX"))
    panel.nightly.setText("25:00")
    panel.save_settings()
    assert "时间格式不对" in panel.settings_message.text()
    assert settings_of(store) == (None, None)  # nothing stored from a refused form
    panel.nightly.setText("01:30")
    panel.save_settings()
    settle()
    assert panel.settings_message.text() == "已保存。" and panel.token.text() == ""
    assert settings_of(store)[0] == central.url and station_settings.get(store, "sync_url") == central.url
    assert station_settings.get(store, "sync_time") == "01:30"
    assert "已保存" in panel.token.placeholderText()
    window.sync_control.start()
    settle()
    assert panel.values["last_success"].text() == "2026-11-30 09:00"
    # A supervisor sees the screen but not the server settings.
    window.logout()
    login(window, "chenjing", PASSWORD)
    window.tabs.setCurrentWidget(panel)
    settle()
    assert not panel.settings_box.isVisible() and panel.values["server"].text() == central.url


def test_the_nightly_timer_syncs_when_due_and_catches_up_a_missed_night(ui, station, central, clock):
    ctx, window = ui
    control = window.sync_control
    assert control.schedule_timer.isActive()
    register(station, 1)
    # Nobody need be logged in (the window may be locked at 02:00). Never synced: due now.
    control.schedule_timer.timeout.emit()
    settle()
    assert pending(station.store) == 0 and control.brief.last_success_at == clock.now
    register(station, 1)
    control.schedule_timer.timeout.emit()  # synced this morning (09:00, after today's 02:00): not due
    settle()
    waiting = pending(station.store)
    assert waiting > 0
    clock.now = datetime(2026, 11, 30, 17, 59, tzinfo=timezone.utc)  # 01:59 next night
    control.schedule_timer.timeout.emit()
    settle()
    assert pending(station.store) == waiting
    clock.now = datetime(2026, 11, 30, 18, 1, tzinfo=timezone.utc)  # 02:01: the nightly sync
    control.schedule_timer.timeout.emit()
    settle()
    assert pending(station.store) == 0 and control.brief.last_success_at == clock.now


def test_no_server_configured_no_scheduled_sync(ui, store, admin):
    ctx, window = ui
    started = []
    window.sync_control.started.connect(lambda: started.append(1))
    window.sync_control.check_schedule()
    settle()
    assert started == []


def test_sync_runs_on_its_own_thread_while_the_window_stays_usable(ui, station, central, qtbot):
    from desk.ui.sync_control import SyncController
    from desk.ui.worker import ThreadRunner

    ctx, window = ui
    register(station, 3)
    login(window, "admin", PASSWORD)
    control = SyncController(window, ThreadRunner())
    try:
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication

        phases, threads = [], set()
        control.progressed.connect(lambda phase, n: (phases.append(phase), threads.add(QThread.currentThread())))
        with qtbot.waitSignal(control.finished, timeout=20_000):
            assert control.start(manual=True)
            assert not control.start(manual=True)  # never two at once
            assert not control.action.isEnabled()
            window.intake.phone.setText("13800138000")  # typing goes on meanwhile
        assert phases and phases[-1] == "pull" and pending(station.store) == 0
        assert threads == {QApplication.instance().thread()}  # progress reaches widgets on the GUI thread
        assert window.intake.phone.text() == "13800138000"
    finally:
        control.shutdown()
