"""Conflicts that mean something: recorded only when two writers really disagreed, gone from
every copy once settled, marked as seen by a supervisor, listed readably by `desk sync --status`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import select

from desk.server import models as m
from desk.server import service
from desk.sync import schema
from desk.sync.status import mark_conflicts_seen, sync_status
from tests.sync.conftest import PASSWORD
from tests.sync.helpers import act, register


def central_conflicts(central, order_id: str) -> dict:
    with central.engine.connect() as conn:
        return dict(conn.execute(select(m.record.c.conflicts).where(
            m.record.c.table_name == "work_order", m.record.c.row_id == order_id)).scalar_one())


def desk_conflicts(st) -> list:
    with st.store.read() as s:
        return s.execute(select(schema.conflict)).all()


def test_plain_central_edits_and_sequential_desk_edits_make_no_conflict(stations, central):
    a = stations("SX")
    ids = register(a, 3)
    a.sync()
    for oid in ids:  # the subdistrict closes work nobody on the desk is touching
        service.central_status(central.engine, oid, "in_progress", reason="街道跟进")
    a.sync()
    for oid in ids:  # the desk, having received that, carries on from it
        act(a, oid, "resolve", result="已修好", solved=True)
    a.sync()
    a.sync()
    assert all(central_conflicts(central, oid) == {} for oid in ids)
    assert desk_conflicts(a) == []


def test_real_conflict_recorded_then_settled_on_every_copy(stations, central):
    a = stations("SX")
    oid = register(a, 1)[0]
    act(a, oid, "accept")
    a.sync()
    # Offline the desk starts work while the centre resolves it: a real disagreement.
    service.central_status(central.engine, oid, "resolved", reason="街道已处理")
    act(a, oid, "start")
    a.sync()
    a.sync()
    assert set(central_conflicts(central, oid)) == {"status|SX"}
    st = sync_status(a.store)
    assert [c.field for c in st.conflicts] == ["status"] and not st.conflicts[0].seen
    assert not [c for c in desk_conflicts(a) if c.field in ("updated_at", "created_at")]
    # A supervisor marks it as seen: still listed, as seen.
    assert mark_conflicts_seen(a.store, a.admin) == 1
    assert sync_status(a.store).conflicts[0].seen

    # The CLI lists it readably: order, field, both values and who wrote them.
    env = {**os.environ, "DESK_LANG": "en"}
    a.store.close()
    out = subprocess.run([sys.executable, "-m", "desk", "--db", str(a.store.path), "sync", "--status"],
                         capture_output=True, text=True, env=env, timeout=60)
    from desk.services.store import Store

    a.store = Store.open(a.store.path)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("SX-"))
    assert "Status" in line and "Resolved (CENTRAL)" in line and "In progress (SX)" in line and "seen" in line

    # The centre settles it (a supervisor's central decision): gone at the centre and on the desk.
    service.central_status(central.engine, oid, "closed", reason="归档")
    a.sync()
    assert central_conflicts(central, oid) == {}
    assert desk_conflicts(a) == []
    assert sync_status(a.store).conflicts == ()


def test_mark_seen_needs_a_supervisor(stations, central):
    import pytest

    from desk.services import auth
    from desk.errors import DeskError

    a = stations("SX")
    auth.add_user(a.store, a.admin, "clerk1", "接待员", "clerk", PASSWORD)
    clerk = auth.login(a.store, "clerk1", PASSWORD)
    with pytest.raises(DeskError):
        mark_conflicts_seen(a.store, clerk)


def test_status_json_still_lists_every_conflict(stations, central):
    a = stations("SX")
    oid = register(a, 1)[0]
    a.sync()
    service.central_status(central.engine, oid, "resolved")
    act(a, oid, "accept")
    a.sync()
    a.sync()
    st = json.loads(json.dumps([c.field for c in sync_status(a.store).conflicts]))
    assert st == ["status"]
