"""Where and when a station syncs, in one home (desk.sync.config): the window's settings, `desk sync
--save` and the dashboard read the same values; the token never reaches the audit; the window's
timer asks scheduled_sync_due (configured, due, not retrying a failure every minute).
No server needed: these run on the plain test store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desk.errors import PermissionDenied, ValidationError


def test_admin_saves_server_token_and_time_checked_and_audited(store, admin, supervisor):
    from desk.services import settings as station_settings
    from desk.sync.client import settings_of
    from desk.sync.config import read_settings, save_settings

    assert read_settings(store).nightly == "02:00" and read_settings(store).url == ""
    for url in ("sync.example.org", "ftp://x.org", "https://", "http://host:port", "https://a b.org"):
        with pytest.raises(ValidationError):
            save_settings(store, admin, url, "SX.abcdefgh")
    with pytest.raises(ValidationError):
        save_settings(store, admin, "https://sync.example.org", "short")
    with pytest.raises(ValidationError):
        save_settings(store, admin, "https://sync.example.org", "SX.abcdefgh", "24:00")
    with pytest.raises(PermissionDenied):
        save_settings(store, supervisor, "https://sync.example.org", "SX.abcdefgh")
    assert settings_of(store) == (None, None)

    st = save_settings(store, admin, " https://sync.example.org/ ", "SX.secret-token-1", "01:45")
    assert st == type(st)("https://sync.example.org", True, "01:45")
    assert settings_of(store) == ("https://sync.example.org", "SX.secret-token-1")
    assert station_settings.get(store, "sync_url") == "https://sync.example.org"  # the dashboard's switch
    # A blank token keeps the saved one.
    save_settings(store, admin, "https://other.example.org", "")
    assert settings_of(store) == ("https://other.example.org", "SX.secret-token-1")
    from sqlalchemy import select

    from desk.models import AuditEntry

    with store.read() as s:
        rows = [(e.target, e.detail) for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "settings.change"))]
    assert ("sync_token", "(hidden)") in rows and ("sync_time", '"01:45"') in rows
    assert not any("secret-token" in detail for _t, detail in rows)


def test_cli_save_and_older_files_use_the_same_home(store, admin):
    from desk.sync import state
    from desk.sync.client import configure, settings_of
    from desk.sync.schedule import nightly_time, set_nightly_time
    from desk.services import settings as station_settings

    with store.write() as s:  # a file from before: the address only in sync_state
        state.put(s.connection(), "server_url", "https://old.example.org")
        state.put(s.connection(), "token", "SX.old-token")
    assert settings_of(store) == ("https://old.example.org", "SX.old-token")
    configure(store, "https://new.example.org")  # desk sync --save
    assert station_settings.get(store, "sync_url") == "https://new.example.org"
    assert settings_of(store) == ("https://new.example.org", "SX.old-token")
    set_nightly_time(store, "03:10")
    assert station_settings.get(store, "sync_time") == "03:10" and nightly_time(store).hour == 3


def test_scheduled_sync_due_needs_a_server_and_waits_after_a_failure(store, admin, clock):
    from desk.sync import state
    from desk.sync.client import configure
    from desk.sync.schedule import due_now, scheduled_sync_due

    now = clock.now  # Monday 09:00 Shanghai
    assert due_now(store, now) and not scheduled_sync_due(store, now)  # never synced, but no server
    configure(store, "https://sync.example.org", "SX.token-123")
    assert scheduled_sync_due(store, now)
    with store.write() as s:  # an attempt failed five minutes ago
        state.put(s.connection(), "last_attempt_at", (now - timedelta(minutes=5)).isoformat())
        state.put(s.connection(), "last_error", "无法连接街道中心")
    assert not scheduled_sync_due(store, now)
    assert scheduled_sync_due(store, now + timedelta(minutes=11))
    with store.write() as s:  # succeeded at 02:05 today: nothing due until 02:00 tomorrow
        state.put(s.connection(), "last_success_at", datetime(2026, 11, 29, 18, 5, tzinfo=timezone.utc).isoformat())
        state.put(s.connection(), "last_error", "")
    assert not scheduled_sync_due(store, now)
    assert scheduled_sync_due(store, datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc))


def test_the_sync_screen_is_for_supervisors_and_sync_now_for_everyone(store, admin, clerk, supervisor):
    from desk.sync.client import sync_now
    from desk.sync.errors import SyncError
    from desk.sync.status import sync_status_for

    assert sync_status_for(store, supervisor).configured is False
    with pytest.raises(PermissionDenied):
        sync_status_for(store, clerk)
    with pytest.raises(SyncError, match="尚未设置"):
        sync_now(store, clerk)  # allowed, but nothing configured: a sentence, not a traceback
