"""A pull leaves out the rows this very run's batches inserted (the desk made them), and only
those: a central write since, or rows of an earlier run (a desk restored from a backup), still
come back."""

from __future__ import annotations

import random

from sqlalchemy import select

from desk.models import WorkOrder
from desk.server import service
from desk.sync import client, state
from tests.sync.helpers import assert_converged, register

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
    """Restored through `desk restore`, then a new visit registered before the first sync (no
    workaround: the restore carries the ticket counter past the tickets the backup never saw)."""
    from desk.services import backup

    a = stations("SX")
    register(a, 1)
    a.sync()
    old = backup.create_backup(a.store.path, out=tmp_path / "backup.sqlite3")
    lost = register(a, 3, rnd=random.Random(5))
    a.sync()  # pushed and acknowledged: the centre has them, the backup does not

    backup.restore(a.store.path, old, store=a.store, actor=a.admin)
    made = register(a, 1, rnd=random.Random(9))  # something to push in this run too
    report = a.sync()
    assert report.first_batch_seq and report.held == 0  # pushed, and still got the earlier run's rows back
    with a.store.read() as s:
        assert all(s.get(WorkOrder, oid) is not None for oid in lost + made)
        tickets = list(s.scalars(select(WorkOrder.ticket_no)))
    assert len(tickets) == len(set(tickets)) == 5
    assert_converged(central, a)
