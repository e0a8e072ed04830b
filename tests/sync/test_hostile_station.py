"""A hostile (or broken) station against a real `desk-server` process on the suite's real
PostgreSQL: each attack is sent with the station's valid token, and each test asserts the
status code, that nothing was applied, that the attacker is told why, and that the honest
stations' push, pull and all-stations figures go on as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from desk.models import new_id
from desk.server import models as m
from desk.rules import hlc
from desk.sync.wire import PROTOCOL_VERSION, row_to_wire
from tests.sync.conftest import PASSWORD, free_port
from tests.sync.helpers import register

BIN = Path(sys.executable).parent


class ServerProcess:
    """`desk-server serve` as an operator starts it, on its own database."""

    def __init__(self, db_url: str, tmp: Path, **env):
        from desk.server.db import open_central

        self.db_url, self.engine = db_url, open_central(db_url)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "server.log"
        self.proc = subprocess.Popen(
            [str(BIN / "desk-server"), "--db", db_url, "serve", "--port", str(self.port), "--log-file", str(self.log),
             "--data-dir", str(tmp / "data")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, **env})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.proc.kill()
        raise RuntimeError(f"desk-server did not start: {self.proc.stderr.read().decode()[-2000:]}")

    def token(self, code: str, role: str = "station") -> str:
        from desk.server import service

        return service.add_account(self.engine, code, role)

    def rss_kb(self) -> int:
        from benchmarks.sync import _status_kb

        return _status_kb(self.proc.pid, "VmHWM")

    def close(self) -> None:
        from tests.postgres_server import stop_process

        stop_process(self.proc)
        self.engine.dispose()


@pytest.fixture(scope="module")
def world(postgres, tmp_path_factory):
    """A real server, two honest stations (JL, KP) with orders synced, and an attacker (SX)."""
    from tests.sync.conftest import make_station

    tmp = tmp_path_factory.mktemp("hostile")
    server = ServerProcess(postgres.new_database(), tmp)
    made = {}
    for code in ("JL", "KP", "SX"):
        made[code] = make_station(tmp, server, code)
        made[code].url = server.url
    register(made["JL"], 3)
    register(made["KP"], 2)
    register(made["SX"], 1)
    for st in made.values():
        st.sync()
    yield server, made
    for st in made.values():
        st.store.close()
    server.close()


def headers(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", "X-Desk-Protocol": str(PROTOCOL_VERSION), "X-Desk-Schema": "0002"}


def change(table: str, fields: dict, row_id: str | None = None) -> dict:
    return {"change_id": new_id(), "table": table, "row_id": row_id or new_id(),
            "hlc": hlc.encode(hlc.wall_now_ms(), 0), "status_gen": 0, "fields": fields}


def push(server, st, changes, **kw) -> httpx.Response:
    body = kw.pop("content", None)
    if body is None:
        body = json.dumps({"batch_id": new_id(), "changes": changes}, ensure_ascii=False).encode()
    return httpx.post(f"{server.url}/v1/push", content=body, timeout=120,
                      headers={**headers(st.token), "Content-Type": "application/json"})


def desk_row(st, table: str, **where) -> dict:
    from desk.sync.wire import table as table_of

    t = table_of(table)
    with st.store.read() as s:
        q = select(t)
        for k, v in where.items():
            q = q.where(t.c[k] == v)
        return row_to_wire(table, dict(s.execute(q.limit(1)).one()._mapping))


def record_count(server, **where) -> int:
    q = select(func.count()).select_from(m.record)
    for k, v in where.items():
        q = q.where(m.record.c[k] == v)
    with server.engine.connect() as conn:
        return conn.execute(q).scalar_one()


def honest_still_served(server, made) -> None:
    """The honest stations push, pull and read the all-stations figures as before."""
    for code in ("JL", "KP"):
        st = made[code]
        register(st, 1)
        report = st.sync()
        assert report.pushed >= 3 and report.quarantined == 0, report
    resp = httpx.get(f"{server.url}/v1/figures", params={"date_from": "2020-01-01", "date_to": "2020-12-31"},
                     headers=headers(made["KP"].token), timeout=60)
    assert resp.status_code == 200, resp.text
    resp = httpx.get(f"{server.url}/v1/figures", headers=headers(made["KP"].token), timeout=60)
    assert resp.status_code == 200 and resp.json()["stations"]["JL"], resp.text


def quarantined(resp: httpx.Response) -> list[dict]:
    assert resp.status_code == 200, resp.text
    return [r for r in resp.json()["results"] if r["status"] == "quarantined"]


def test_event_on_another_stations_order_is_refused(world):
    server, made = world
    with made["JL"].store.read() as s:
        from desk.models import WorkOrder

        order_id = s.execute(select(WorkOrder.id).limit(1)).scalar_one()
    event = {"order_id": order_id, "at": "2026-12-05T08:00:00+00:00", "actor_id": None, "actor_name": "黑客",
             "kind": "note", "from_status": "", "to_status": "", "reason": "篡改", "data": "{}",
             "origin_station": "SX"}
    ch = change("event", event)
    refused = quarantined(push(server, made["SX"], [ch]))
    assert [r["reason"] for r in refused] == ["not_your_row"] and "work_order" in refused[0]["detail"]
    assert record_count(server, table_name="event", row_id=ch["row_id"]) == 0
    honest_still_served(server, made)


def test_order_with_another_stations_ticket_under_its_visit_is_refused(world):
    server, made = world
    jl = desk_row(made["JL"], "work_order")
    own_visit = desk_row(made["SX"], "visit")
    with made["SX"].store.read() as s:
        from desk.models import Visit

        sx_visit_id = s.execute(select(Visit.id).limit(1)).scalar_one()
    stolen = {**jl, "origin_station": "SX"}  # JL's ticket and JL's visit
    own_visit_stolen_ticket = {**jl, "origin_station": "SX", "visit_id": sx_visit_id, "visitor_id": None,
                               "registered_by": None, "category_id": None, "lead_department_id": None,
                               "area_id": None}
    assert own_visit["channel"]
    a, b = change("work_order", stolen), change("work_order", own_visit_stolen_ticket)
    reasons = {r["change_id"]: r["reason"] for r in quarantined(push(server, made["SX"], [a, b]))}
    assert reasons[a["change_id"]] in ("not_your_ticket", "not_your_row")
    assert reasons[b["change_id"]] == "not_your_ticket"
    for c in (a, b):
        assert record_count(server, table_name="work_order", row_id=c["row_id"]) == 0
    honest_still_served(server, made)


def test_a_second_order_with_a_ticket_the_centre_holds_is_refused(world):
    """A station sending a new order under one of its own ticket numbers that the centre already
    holds for another order (a restored desk numbering again, or a forged push): refused as a
    duplicate, so the centre never holds two orders under one ticket. (The lookup read the
    ticket back as `row.t`, which SQLAlchemy 2.1 answers with the whole row: every ticket looked
    free.)"""
    server, made = world
    from desk.models import WorkOrder

    with made["SX"].store.read() as s:
        held_id = s.execute(select(WorkOrder.id).limit(1)).scalar_one()
    held = desk_row(made["SX"], "work_order", id=held_id)
    twin = change("work_order", {**held, "summary": "同一张单号的第二张工单"})
    resp = push(server, made["SX"], [twin])
    reasons = {r["change_id"]: (r["reason"], r["detail"]) for r in quarantined(resp)}
    assert reasons[twin["change_id"]][0] == "duplicate_ticket", reasons
    assert held_id in reasons[twin["change_id"]][1]
    assert record_count(server, table_name="work_order", row_id=twin["row_id"]) == 0
    honest_still_served(server, made)


def test_oversized_body_is_refused_before_it_is_read(world):
    server, made = world
    big = {**desk_row(made["SX"], "work_order"), "summary": "漏" * (50 * 1024 * 1024 // 3)}
    started = time.perf_counter()
    resp = push(server, made["SX"], [change("work_order", big)])
    assert resp.status_code == 413 and resp.json()["error"] == "body_too_large", resp.text[:300]
    assert "MB" in resp.json()["message_zh"] and "MB" in resp.json()["message_en"]
    assert time.perf_counter() - started < 20
    honest_still_served(server, made)


def test_too_long_summary_and_empty_visit_are_quarantined_and_pulls_still_work(world):
    server, made = world
    base = desk_row(made["SX"], "work_order")
    with made["SX"].store.read() as s:
        from desk.models import WorkOrder

        sx_order = s.execute(select(WorkOrder.id).limit(1)).scalar_one()
    long = change("work_order", {"summary": "长" * 201}, row_id=sx_order)
    empty_visit = change("work_order", {**base, "ticket_no": "SX-20261205-9999", "visit_id": ""})
    no_visit = change("work_order", {**{k: v for k, v in base.items() if k != "visit_id"},
                                     "ticket_no": "SX-20261205-9998"})
    bad_type = change("work_order", {"rating": "five"}, row_id=sx_order)
    reasons = {r["change_id"]: (r["reason"], r["detail"])
               for r in quarantined(push(server, made["SX"], [long, empty_visit, no_visit, bad_type]))}
    assert reasons[long["change_id"]][0] == "too_long" and "summary" in reasons[long["change_id"]][1]
    assert reasons[empty_visit["change_id"]][0] == "null_field"
    assert reasons[no_visit["change_id"]][0] == "missing_field" and "visit_id" in reasons[no_visit["change_id"]][1]
    assert reasons[bad_type["change_id"]][0] == "bad_type"
    with server.engine.connect() as conn:
        summary = conn.execute(select(m.record.c.data["summary"].as_string()).where(
            m.record.c.row_id == sx_order)).scalar_one()
    assert len(summary) < 201
    assert made["SX"].sync().pulled >= 0  # the attacker's own pull is not broken either
    honest_still_served(server, made)


def test_junk_flood_is_bounded(world):
    server, made = world
    junk = [{"change_id": new_id(), "table": "work_order", "row_id": "x" * 40, "hlc": "junk", "fields": "z" * 100}
            for _ in range(2001)]
    started = time.perf_counter()
    resp = push(server, made["SX"], junk)
    assert resp.status_code == 413 and resp.json()["error"] == "too_many_changes"
    resp = push(server, made["SX"], junk[:2000])
    assert len(quarantined(resp)) == 2000 and {r["reason"] for r in quarantined(resp)} == {"bad_row_id"}
    assert time.perf_counter() - started < 30
    honest_still_served(server, made)


@pytest.mark.parametrize("body, code", [(b'{"batch_id": "x", "changes": [', "bad_json"),
                                        (b'[1, 2, 3]', "bad_batch"),
                                        ('{"batch_id": "汉"}'.encode("gb18030"), "bad_encoding"),
                                        (b'{"batch_id": 5, "changes": {}}', "bad_batch")])
def test_malformed_requests_get_400_with_a_sentence(world, body, code):
    server, made = world
    resp = push(server, made["SX"], None, content=body)
    assert resp.status_code == 400 and resp.headers["content-type"].startswith("application/json")
    assert resp.json()["error"] == code and resp.json()["message_zh"] and resp.json()["message_en"]


def test_station_reference_data_stays_its_own(world):
    server, made = world
    dept = change("department", {"code": "ZZHACK", "name": "诈骗部门 请拨 400-000-0000", "name_en": "", "contact": "",
                                 "phone": "400-000-0000", "active": True, "sort": 0, "origin_station": "SX",
                                 "created_at": "2026-12-05T08:00:00+00:00", "updated_at": "2026-12-05T08:00:00+00:00"})
    resp = push(server, made["SX"], [dept])
    assert resp.json()["results"][0]["status"] == "applied"
    for code in ("JL", "KP"):
        made[code].sync()
        from desk.models import Department

        with made[code].store.read() as s:
            assert s.execute(select(Department).where(Department.code == "ZZHACK")).first() is None
    made["SX"].sync()
    # An operator approves it: then every station receives it.
    from desk.server import service

    assert service.approve_reference(server.engine, "department", "ZZHACK") == [dept["row_id"]]
    made["KP"].sync()
    with made["KP"].store.read() as s:
        assert s.execute(select(Department).where(Department.code == "ZZHACK")).first() is not None
    honest_still_served(server, made)


def test_a_station_cannot_reach_other_stations_rows_through_origin_or_station_code(world):
    server, made = world
    jl_visit = desk_row(made["JL"], "visit")
    forged = change("visit", {**jl_visit, "origin_station": "JL"})
    station_row = change("station", {"code": "JL", "name": "假冒", "origin_station": "SX"})
    reasons = {r["change_id"]: r["reason"] for r in quarantined(push(server, made["SX"], [forged, station_row]))}
    assert reasons == {forged["change_id"]: "not_your_row", station_row["change_id"]: "not_your_station"}
    honest_still_served(server, made)


def test_server_memory_stays_bounded(world):
    server, _ = world
    assert server.rss_kb() < 400 * 1024, server.rss_kb()


def test_mirror_sets_aside_a_row_it_cannot_take_and_keeps_serving(world):
    """A bad row already in the centre (written before this validation existed): another
    station's ticket number again. The figures mirror sets it aside, logs it, keeps serving."""
    from desk.server.records import take_counter, write_record

    server, made = world
    jl = desk_row(made["JL"], "work_order")
    bad_id = new_id()
    with server.engine.begin() as conn:
        seq, _ = take_counter(conn)
        write_record(conn, "work_order", bad_id, "SX", {"data": {**jl, "origin_station": "SX"}, "clocks": {},
                                                        "conflicts": {}}, seq, insert_=True)
    resp = httpx.get(f"{server.url}/v1/figures", params={"date_from": "2026-01-01", "date_to": "2026-12-31"},
                     headers=headers(made["KP"].token), timeout=60)
    assert resp.status_code == 200, resp.text
    log = server.log.read_text()
    assert f"set aside work_order {bad_id} of SX" in log
    honest_still_served(server, made)


def test_twins_lists_a_ticket_held_twice_by_an_older_centre(world):
    """`desk-server twins`: a ticket number written for two orders by a server from before the
    duplicate_ticket check worked is listed with both orders and their stations, exit 1."""
    from desk.server.records import take_counter, write_record

    from desk.models import WorkOrder

    server, made = world
    with made["JL"].store.read() as s:
        held_id = s.execute(select(WorkOrder.id).limit(1)).scalar_one()
    jl = desk_row(made["JL"], "work_order", id=held_id)
    twin_id = new_id()
    with server.engine.begin() as conn:
        seq, _ = take_counter(conn)
        write_record(conn, "work_order", twin_id, "KP", {"data": {**jl, "origin_station": "KP"},
                                                         "clocks": {}, "conflicts": {}}, seq, insert_=True)
    done = subprocess.run([str(BIN / "desk-server"), "--db", server.db_url, "twins", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout, (done.stdout, done.stderr)
    held = [t for t in json.loads(done.stdout) if t["ticket_no"] == jl["ticket_no"]]
    assert {(t["order_id"], t["station"]) for t in held} >= {(held_id, "JL"), (twin_id, "KP")}, held
    table = subprocess.run([str(BIN / "desk-server"), "--db", server.db_url, "twins"],
                           capture_output=True, text=True, timeout=120)
    assert jl["ticket_no"] in table.stdout and twin_id in table.stdout
    assert "held twice" in table.stderr and "Traceback" not in table.stderr
