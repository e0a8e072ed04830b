"""A pull leaves out the rows this very run's batches inserted (the desk made them), and only
those: a central write since, or rows of an earlier run (a desk restored from a backup), still
come back."""

from __future__ import annotations

import random
import sqlite3

from desk.models import WorkOrder
from desk.server import service
from desk.services.store import Store
from desk.sync import client, state
from tests.sync.conftest import Station
from tests.sync.helpers import act, assert_converged, register

OWN = ("visitor", "visit", "work_order", "event")


def _pull_keys(central, cursor, **kw) -> set[tuple[str, str]]:
    page = service.pull_page(central.engine, "SX", cursor, 2000, **kw)
    assert not page["more"]
    return {(r["table"], r["row_id"]) for r in page["rows"]}


def test_pull_skips_only_this_runs_own_new_rows(central, stations):
    a = stations("SX")
    a.sync()
    with a.store.read() as s:
        cursor = state.get(s.connection(), "cursor")
    oid, other = register(a, 2)
    report = client.SyncReport()
    c = client.Client(a.url, a.token)
    try:
        # One visit (7 changes: its order inserted, then updated twice) per batch. An order
        # inserted in one batch and updated in the next is no longer "new": it comes back.
        client.push_all(a.store, c, report, 7)
    finally:
        c.close()
    assert report.batches == 2 and report.first_batch_seq

    everything = _pull_keys(central, cursor)
    assert {("work_order", oid), ("work_order", other)} <= everything
    assert not {k for k in _pull_keys(central, cursor, echo_from=report.first_batch_seq) if k[0] in OWN}
    # From a later batch on, the first batch's rows come back (they are not this run's).
    later = _pull_keys(central, cursor, echo_from=report.first_batch_seq + 1)
    assert {k for k in later if k[0] in OWN} and {k for k in later if k[0] in OWN} < everything

    # A central write since: that order comes back, with its new history event.
    service.central_status(central.engine, oid, "resolved", reason="街道处理")
    after = _pull_keys(central, cursor, echo_from=report.first_batch_seq)
    assert ("work_order", oid) in after and ("work_order", other) not in after

    a.sync()
    assert_converged(central, a)


def test_desk_restored_from_a_backup_gets_its_synced_rows_back(tmp_path, central, stations):
    a = stations("SX")
    kept = register(a, 1)
    a.sync()
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(a.store.path) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    lost = register(a, 3, rnd=random.Random(5))
    a.sync()  # pushed and acknowledged: the centre has them, the backup does not
    a.store.close()

    path = tmp_path / "restored.sqlite3"
    path.write_bytes(backup.read_bytes())
    store = Store.open(path)
    b = Station("SX", store, a.token, a.admin, a.ref, a.url)
    act(b, kept[0], "accept")  # something to push in this run too
    report = b.sync()
    assert report.first_batch_seq  # this run pushed, and still got the earlier run's rows back
    with store.read() as s:
        assert all(s.get(WorkOrder, oid) is not None for oid in lost)
    assert_converged(central, b)
    store.close()
