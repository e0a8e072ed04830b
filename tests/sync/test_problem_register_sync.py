"""The problem register syncs (issue 17): two stations, the real central server on the suite's
real PostgreSQL. A problem with its measure and linked orders registered at each station
reaches the centre under its station's number (SX#1, JL#1: two rows), the centre's
all-stations view (GET /v1/problems) groups the two as one problem, an edited measure syncs,
and the desks and the centre converge with the register's tables included."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select

from desk.i18n import set_language
from desk.services.pulse import register as R
from desk.services.pulse.detect import Cluster
from desk.sync.client import configure
from desk.sync.problems_remote import fetch_all_station_problems
from tests.sync.helpers import assert_converged, central_rows, register

HEADERS = {"X-Desk-Protocol": "1", "X-Desk-Schema": "0003"}


def _cluster(order_ids: list[str], category_id: str) -> Cluster:
    """What the detector would hand over for these orders (the register takes it as it is)."""
    today = date.today()
    return Cluster(key="lane:陕西南路550弄", level="lane", place_key="陕西南路550弄", category_ids=(category_id,),
                   order_ids=tuple(order_ids), tickets=(), orders=len(order_ids), residents=len(order_ids),
                   repeat_calls=0, came_back=0, first=today, last=today, weeks_active=1, buildings=3,
                   share_here=1.0, share_overall=0.2, p_value=0.001, pulled_in=0, top_words=("漏水", "厨房"),
                   term_weights={"漏水": 0.7, "厨房": 0.6, "公用": 0.3})


def _problem_at(st, title: str, measure: str) -> int:
    ids = register(st, 3)
    number = R.promote(st.store, st.admin, _cluster(ids, st.ref.cat["HOUSE-LEAK"].id), title,
                       st.ref.dep["WY"].id)
    R.add_measure(st.store, st.admin, number, date.today() - timedelta(days=3), measure)
    return number


def test_a_problem_with_measures_reaches_the_centre_and_is_grouped_across_stations(stations, central):
    set_language("zh_CN")
    sx, jl = stations("SX"), stations("JL")
    assert _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管") == 1
    assert _problem_at(jl, "陕西南路550弄厨房漏水", "房管办上门检修") == 1
    for st in (sx, jl, sx):
        st.sync()
    assert_converged(central, sx, jl)  # problem, problem_measure, problem_order included

    rows = central_rows(central.engine, tables=("problem", "problem_measure", "problem_order"))
    assert sorted(t for t, _ in rows) == ["problem"] * 2 + ["problem_measure"] * 2 + ["problem_order"] * 6
    from desk.server import models as m

    with central.engine.connect() as conn:
        keys = sorted(r[0] for r in conn.execute(select(m.record.c.natural_key).where(
            m.record.c.table_name == "problem")))
    assert keys == ["JL#1", "SX#1"]  # each station's own number, one row each

    # The all-stations view, as the server serves it to a station's token.
    resp = httpx.get(f"{central.url}/v1/problems", headers={**HEADERS, "Authorization": f"Bearer {sx.token}"},
                     timeout=60)  # the first request builds the mirror; the machine is shared
    assert resp.status_code == 200
    body = resp.json()
    assert [[p["station"] for p in g["problems"]] for g in body["groups"]] == [["JL", "SX"]]
    group = body["groups"][0]
    assert group["why"].startswith("JL #1 与 SX #1：同一地点（陕西南路550弄），同为「漏水渗水」")
    assert [p["measures"][0]["text"] for p in group["problems"]] == ["房管办上门检修", "物业更换公用厨房水管"]
    assert all(p["orders"] == 3 and p["status_label"] == "措施推进中" for p in group["problems"])
    # Without a token: refused as the other endpoints are.
    assert httpx.get(f"{central.url}/v1/problems", headers=HEADERS).status_code == 401

    # Editing a measure at SX syncs; the desk's fetch shows the new words.
    measure = R.problems(sx.store, sx.admin)[0].measures[0]
    R.edit_measure(sx.store, sx.admin, measure.id, date.today() - timedelta(days=2), "物业更换公用厨房水管和地漏")
    sx.sync()
    assert_converged(central, sx, jl)
    configure(sx.store, central.url, sx.token)
    view = fetch_all_station_problems(sx.store, sx.admin)
    sx_problem = next(p for p in view.groups[0].problems if p.station == "SX")
    assert [m.text for m in sx_problem.measures] == ["物业更换公用厨房水管和地漏"]
    assert sx_problem.measures[0].taken_on == (date.today() - timedelta(days=2)).isoformat()
    assert view.alone == ()


def test_a_reused_problem_number_is_refused_not_merged(stations, central):
    """A desk restored from an old backup numbers a new problem #1 again: the centre quarantines
    it with its reason (SX#1 stays the first problem), the rest of the batch goes through."""
    import json

    from desk.models import Problem
    from desk.sync.status import sync_status

    sx = stations("SX")
    _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管")
    sx.sync()
    with sx.store.write() as s:  # the backup's file knows its #1 under another number (not captured)
        s.execute(Problem.__table__.update().values(number=9))
    with sx.store.write() as s:  # and a new problem takes #1 again
        s.add(Problem(number=1, title="550弄外摆噪音", status="open", level="lane", place_key="陕西南路550弄",
                      category_ids=json.dumps([sx.ref.cat["NOISE-SEAT"].id]), terms="{}", opened_on="2026-12-01",
                      status_changed_at=sx.store.now()))
    sx.sync()
    refused = [q for q in sync_status(sx.store).quarantined if q.table == "problem"]
    assert [q.reason for q in refused] == ["duplicate_problem"]
    assert "本机可能从旧备份恢复过" in refused[0].reason_label
    with central.engine.connect() as conn:
        from desk.server import models as m

        n = conn.execute(select(m.record.c.row_id).where(m.record.c.natural_key == "SX#1")).all()
    assert len(n) == 1


@pytest.fixture(autouse=True)
def _chinese():
    set_language("zh_CN")
    yield


def test_a_station_cannot_write_into_another_stations_register(stations, central):
    """JL adds a measure to SX's problem, links SX's order to its own problem, edits SX's
    problem: each is quarantined as not JL's, and SX's rows are as SX made them."""
    from desk.models import new_id
    from desk.rules import hlc
    from desk.server import service

    sx, jl = stations("SX"), stations("JL")
    _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管")
    _problem_at(jl, "陕西南路550弄厨房漏水", "房管办上门检修")
    sx.sync()
    jl.sync()
    rows = central_rows(central.engine, tables=("problem", "work_order"))
    theirs = next(rid for (t, rid), d in rows.items() if t == "problem" and d["origin_station"] == "SX")
    mine = next(rid for (t, rid), d in rows.items() if t == "problem" and d["origin_station"] == "JL")
    their_order = next(rid for (t, rid), d in rows.items() if t == "work_order" and d["origin_station"] == "SX")
    stamp = hlc.tick(None, hlc.wall_now_ms())
    now = "2026-12-05T08:00:00+00:00"
    changes = [
        {"change_id": new_id(), "table": "problem_measure", "row_id": new_id(), "hlc": stamp, "fields": {
            "origin_station": "JL", "created_at": now, "updated_at": now, "problem_id": theirs,
            "taken_on": "2026-12-01", "text": "别站的措施", "created_by": None}},
        {"change_id": new_id(), "table": "problem_order", "row_id": new_id(), "hlc": stamp, "fields": {
            "origin_station": "JL", "created_at": now, "updated_at": now, "problem_id": mine,
            "order_id": their_order, "linked_at": now, "linked_by": None, "how": "manual"}},
        {"change_id": new_id(), "table": "problem", "row_id": theirs, "hlc": stamp, "fields": {"title": "改掉别站的"}},
    ]
    answer = service.apply_batch(central.engine, "JL", new_id(), changes)
    assert [(r["status"], r.get("reason")) for r in answer["results"]] == [("quarantined", "not_your_row")] * 3
    after = central_rows(central.engine, tables=("problem", "problem_measure"))
    assert after[("problem", theirs)]["title"] == "550弄公用厨房漏水"
    assert sorted(d["text"] for (t, _), d in after.items() if t == "problem_measure") == ["房管办上门检修", "物业更换公用厨房水管"]


def test_a_register_made_before_it_synced_goes_at_the_next_sync(stations, central):
    """A desk that kept its register before 0010 has no outbox rows or clocks for it: the next
    sync's snapshot sends every problem, measure and link as they are."""
    from sqlalchemy import delete

    from desk.sync import schema

    sx = stations("SX")
    _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管")
    tables = ("problem", "problem_measure", "problem_order")
    with sx.store.write() as s:  # as an older desk left it: no trace of the register in the sync's books
        s.execute(delete(schema.outbox).where(schema.outbox.c.table_name.in_(tables)))
        s.execute(delete(schema.clock).where(schema.clock.c.table_name.in_(tables)))
    sx.sync()
    rows = central_rows(central.engine, tables=tables)
    assert sorted(t for t, _ in rows) == ["problem", "problem_measure"] + ["problem_order"] * 3
    assert_converged(central, sx)
