"""The window's sync runs in a child process (desk/sync/apart.py): on the window's own thread its
~25 s of Python held the window's GIL, and each time the machine preempted it the window froze
(issue 20). The child runs the same client.sync_now over its own Store of the same file, against
a real centre; progress, the kinds of data changed and the report (or the failure) come back."""

from __future__ import annotations

import pytest

from desk.sync import apart, client
from desk.sync.errors import SyncError
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.sync.helpers import register


def test_a_sync_in_a_child_process_pulls_and_tells_the_window(stations, monkeypatch):
    a, b = stations("A01"), stations("B02")
    register(a, 3)
    assert a.sync().pushed > 0
    client.configure(b.store, b.url, b.token)
    heard: list[frozenset] = []
    b.store.subscribe(heard.append)
    steps: list[tuple[str, int]] = []

    def not_here(*_a, **_k):
        raise AssertionError("the sync ran in the window's process")

    monkeypatch.setattr(client, "sync_now", not_here)  # only the child's own copy of the module may run
    report = apart.sync(b.store, b.admin, progress=lambda phase, n: steps.append((phase, n)))
    assert report.pulled > 0 and not report.held
    assert ("pull", report.pulled) in steps
    assert any("orders" in kinds for kinds in heard)  # the open screens reload what came down
    with b.store.read() as s:  # the child's commits are in the file the window has open
        from desk.sync import state

        assert state.get(s.connection(), "last_success_at", "")
    assert client.pending_count(b.store) == 0


def test_a_failure_in_the_child_comes_back_as_the_sync_error(stations):
    b = stations("B02")
    client.configure(b.store, "http://127.0.0.1:9", b.token)  # nobody listens there
    with pytest.raises(SyncError) as caught:
        apart.sync(b.store, b.admin, timeout=5.0)
    assert caught.value.code == "sync_network"



def test_an_encrypted_station_syncs_in_the_child_with_the_windows_key(stations):
    from desk.services import auth
    from tests.conftest import PASSWORD

    a, b = stations("A01"), stations("B02")
    register(a, 2)
    a.sync()
    auth.encrypt_station(b.store, b.admin, PASSWORD)
    client.configure(b.store, b.url, b.token)
    report = apart.sync(b.store, b.admin)
    assert report.pulled > 0
    assert client.pending_count(b.store) == 0  # the window's own connections read what the child wrote


def test_the_nightly_sync_runs_in_the_child_as_nobody(stations):
    a, b = stations("A01"), stations("B02")
    register(b, 2)
    client.configure(b.store, b.url, b.token)
    report = apart.sync(b.store, None)  # the timer's sync, like the operating system's `desk sync`
    assert report.pushed > 0 and client.pending_count(b.store) == 0
