"""Shared fixtures: a fresh SQLite file per test, a controllable clock, one actor per role."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

# Every window in the suite is real but off-screen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESK_LANG", "zh_CN")
# The desk commits with synchronous=FULL (an fsync per save, see desk.db); the suite's
# throw-away files do not need to survive power cuts (tests/services/test_durability.py checks FULL).
os.environ.setdefault("DESK_SQLITE_SYNCHRONOUS", "NORMAL")


def pytest_collection_modifyitems(items):
    """Tests marked runs_last go after all others (stable order otherwise); under pytest-xdist
    they are then also the last ones handed to a worker."""
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


class Clock:
    """A settable clock for deadlines: starts on a working Monday morning in Shanghai."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep platform folders (logs, backups, settings) inside the test's temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("DESK_DB", raising=False)
    from desk.i18n import set_language

    set_language("zh_CN")


@pytest.fixture(autouse=True)
def _no_windows_left():
    """Delete every window a test leaves behind. A closed window is only hidden: it stays alive
    with all its widgets, and each later test's stylesheet then re-polishes them all, so set-up
    grew from seconds to tens of seconds over a file. (Runs after the test's own fixtures.)
    A window freezes what it keeps for its session out of the garbage collector's sight
    (screen_builder.keep_out_of_collections); this process is hundreds of sessions, so the
    next test's collector sees it all again."""
    yield
    import gc
    import sys

    gc.unfreeze()

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    # Posted deferred deletes run only when asked for by type outside an event loop.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()


@pytest.fixture
def clock() -> Clock:
    # Monday 2026-11-30 09:00 in Shanghai.
    return Clock(datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def store(db_path, clock):
    from desk.services.store import Store

    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


PASSWORD = "correct-horse-1"


@pytest.fixture
def admin(store):
    from desk.services import auth

    return auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                           admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                           address="陕西南路550弄17号")


@pytest.fixture
def supervisor(store, admin):
    from desk.services import auth

    auth.add_user(store, admin, "chenjing", "陈静", "supervisor", PASSWORD)
    return auth.login(store, "chenjing", PASSWORD)


@pytest.fixture
def clerk(store, admin):
    from desk.services import auth

    auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    return auth.login(store, "wangli", PASSWORD)


@pytest.fixture
def ref(store, admin):
    """Reference data by code: ref.cat['HOUSE-LEAK'], ref.dep['WY'], ref.area['SX']."""
    from types import SimpleNamespace

    from desk.services import reference

    return SimpleNamespace(
        cat={c.code: c for c in reference.list_categories(store)},
        dep={d.code: d for d in reference.list_departments(store)},
        area={a.code: a for a in reference.list_areas(store)},
    )
