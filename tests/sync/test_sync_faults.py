"""Faults: lost answers, a sync killed at every named point, two syncs at once, version
mismatch. Each ends in the same state as a clean run."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import func, select

from desk.server import models as m
from desk.sync.client import CRASH_POINTS
from desk.sync.errors import SyncError
from tests.sync.helpers import act, assert_converged, register


class LosingTransport(httpx.HTTPTransport):
    """Sends every request for real, then loses a third of the answers on the way back."""

    def __init__(self, seed: int = 7, ratio: float = 1 / 3):
        super().__init__()
        self.rnd, self.ratio = random.Random(seed), ratio
        self.sent = self.lost = 0

    def handle_request(self, request):
        response = super().handle_request(request)
        response.read()
        self.sent += 1
        if self.rnd.random() < self.ratio:
            self.lost += 1
            response.close()
            raise httpx.ReadError("answer lost")
        return response


def sync_until_done(st, transport, tries: int = 200, **kw):
    for _ in range(tries):
        try:
            return st.sync(transport=transport, **kw)
        except SyncError:
            continue
    raise AssertionError("sync never succeeded")


def test_a_third_of_answers_lost_every_change_applied_exactly_once(stations, central):
    a, b = stations("SX"), stations("JL")
    ids = register(a, 20)
    register(b, 5)
    for oid in ids[:10]:
        act(a, oid, "accept")
        act(a, oid, "note", text="已联系物业")
    lossy = LosingTransport()
    sync_until_done(a, lossy, batch_size=15, page_size=40)
    sync_until_done(b, lossy, batch_size=15, page_size=40)
    sync_until_done(a, lossy, batch_size=15, page_size=40)
    assert lossy.lost >= 5 and lossy.sent > lossy.lost
    assert_converged(central, a, b)
    with central.engine.connect() as conn:
        # Every batch answered once and recorded once, whatever the retries.
        batches = conn.execute(select(func.count()).select_from(m.batch)).scalar_one()
        events = conn.execute(select(func.count()).select_from(m.record).where(m.record.c.table_name == "event")).scalar_one()
    assert batches >= 8
    from tests.sync.helpers import desk_rows

    assert events == sum(1 for st in (a, b) for (t, _) in desk_rows(st.store) if t == "event")


def _run_sync(st, crash_at: str | None, *, batch=7, page=11) -> subprocess.CompletedProcess:
    env = dict(os.environ, DESK_PASSWORD="", DESK_SYNC_BATCH=str(batch), DESK_SYNC_PAGE=str(page))
    env.pop("DESK_SYNC_CRASH_AT", None)
    if crash_at:
        env["DESK_SYNC_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "desk", "--db", str(st.store.path), "sync",
                           "--server", st.url, "--token", st.token], env=env, capture_output=True, text=True,
                          timeout=120)


def test_crash_sweep_sigkill_at_every_named_point_then_rerun(stations, central):
    a, b = stations("SX"), stations("JL")
    register(b, 3)
    assert _run_sync(b, None).returncode == 0
    rnd = random.Random(3)
    for point in CRASH_POINTS:
        ids = register(a, 4, rnd=rnd)
        act(a, ids[0], "accept")
        act(a, ids[1], "note", text=f"崩溃点 {point}")
        killed = _run_sync(a, point)
        assert killed.returncode == -9, (point, killed.returncode, killed.stderr[-2000:])
        if point in ("after_batch_saved", "after_push_answer"):
            from desk.sync.status import sync_status

            assert sync_status(a.store).in_flight_batch, point  # the cut really left a batch in flight
        a.sync(batch_size=7, page_size=11)  # the rerun (in-process: the crash was the real process)
        assert_converged(central, a, b)


def test_two_syncs_of_one_station_never_run_at_once(stations, central):
    from desk.sync.lock import station_lock

    a = stations("SX")
    with station_lock(a.store.path):
        with pytest.raises(SyncError) as err:
            a.sync()
        assert err.value.code == "sync_busy"
        result = _run_sync(a, None)
        assert result.returncode == 7 and "另一次同步" in result.stderr
    a.sync()  # free again


def test_version_mismatch_is_refused_clearly_and_the_queue_stays(stations, central, monkeypatch):
    from desk.sync import client as client_mod
    from tests.sync.helpers import outbox_count

    a = stations("SX")
    register(a, 2)
    waiting = outbox_count(a.store) + 0
    monkeypatch.setattr(client_mod, "SCHEMA_VERSION", "0099")
    with pytest.raises(SyncError) as err:
        a.sync()
    assert "版本不一致" in str(err.value) and "0099" in str(err.value)
    assert outbox_count(a.store) >= waiting > 0
    monkeypatch.setattr(client_mod, "SCHEMA_VERSION", "0002")
    a.sync()
    assert outbox_count(a.store) == 0


def test_revoked_token_is_refused(stations, central):
    from desk.server import service

    a = stations("SX")
    service.revoke_account(central.engine, "SX")
    with pytest.raises(SyncError) as err:
        a.sync()
    assert "令牌" in str(err.value)


def test_bad_changes_are_quarantined_with_a_reason_and_never_block_the_rest(stations, central):
    """A change for another station's row and one with a clock far in the future are refused
    and shown; everything else goes through, and the outbox drains."""
    import json

    from sqlalchemy import insert

    from desk.models import new_id, utcnow
    from desk.sync import schema
    from desk.sync.status import sync_status

    a, b = stations("SX"), stations("JL")
    theirs = register(b, 1)[0]
    b.sync()
    register(a, 2)
    with a.store.write() as s:
        s.info["sync_applying"] = True
        conn = s.connection()
        conn.execute(insert(schema.outbox), [
            {"change_id": new_id(), "table_name": "work_order", "row_id": theirs, "hlc": "0000000000009.00000",
             "status_gen": 0, "fields": json.dumps({"summary": "改别人的单"}), "batch_id": None, "created_at": utcnow()},
            {"change_id": new_id(), "table_name": "visitor", "row_id": new_id(), "hlc": "9999999999999.00000",
             "status_gen": 0, "fields": json.dumps({"name": "未来人", "origin_station": "SX"}), "batch_id": None,
             "created_at": utcnow()},
        ])
    report = a.sync()
    assert report.quarantined == 2
    status = sync_status(a.store)
    assert status.pending == 0
    assert sorted(q.reason for q in status.quarantined) == ["clock_in_future", "not_your_row"]
    assert any("别的服务站" in q.reason_label for q in status.quarantined)
    from desk.server import models as m

    with central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.quarantine)).scalar_one() == 2
        summary = conn.execute(select(m.record.c.data).where(m.record.c.row_id == theirs)).scalar_one()["summary"]
    assert summary != "改别人的单"
    # The two refused changes aside, SX is exactly what the centre has.
    from tests.sync.helpers import central_rows, desk_rows, normalise

    mine = {k: v for k, v in desk_rows(a.store).items() if v.get("origin_station") == "SX"}
    assert normalise(mine) == normalise(central_rows(central.engine, "SX"))
