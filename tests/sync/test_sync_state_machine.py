"""A hypothesis state machine: three stations and the centre; random orders, edits, status
changes (on desks and centrally), notes, voids, problems registered with measures, links and
edits (issue 17), partial syncs, crashes, lost answers, duplicated and reordered batches, clock jumps. After a final quiet sync every replica is equal
and every field is what the merge rules give over everything anyone wrote."""

from __future__ import annotations

import json
import os
import random
import shutil

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test
from sqlalchemy import select

from desk.models import WorkOrder, new_id
from desk.server import models as m
from desk.server import service
from desk.services import lifecycle
from desk.sync import client as client_mod
from desk.sync.errors import SyncError
from desk.rules.merge import change_state, merge_states
from tests.sync.conftest import Central, Station, make_station
from tests.sync.helpers import assert_converged, register
from tests.sync.test_problem_register_sync import _cluster
from tests.sync.test_sync_faults import LosingTransport

CODES = ("SX", "JL", "WK")
# The register's fields every replica must hold as the merge of everything sent (ids translated
# by aliases, such as lead_department_id, are left out: the centre names them its own way).
PROBLEM_FIELDS = {"problem": ("number", "title", "status", "place_key"), "problem_measure": ("taken_on", "text", "problem_id"),
                  "problem_order": ("problem_id", "order_id", "how")}
PROBLEM_WORK = ("measure", "edit_measure", "status", "link", "title")
ACTIONS = ("accept", "start", "pend", "resume", "resolve", "callback", "close", "return", "reopen", "void", "note",
           "dispatch")


class CrashNow(Exception):
    pass


@pytest.fixture(scope="module")
def templates(tmp_path_factory, postgres):
    """Initialised desk files (Argon2 makes initialise slow) and a migrated central database,
    copied for every example."""
    folder = tmp_path_factory.mktemp("templates")
    central = Central(postgres.new_database())
    made = {}
    for code in CODES:
        stn = make_station(folder, central, code)
        made[code] = (stn.store.path, stn.admin, stn.ref)
        stn.store.close()
    template_db = central.db_url.rsplit("/", 1)[1]
    central.close()
    return made, template_db


def _params(action: str, rnd: random.Random, stn) -> dict:
    return {
        "pend": {"reason": "等材料"}, "resolve": {"result": "已修好", "solved": True},
        "callback": {"solved": rnd.random() < 0.7, "rating": rnd.choice([2, 4, 5])}, "return": {"reason": "不归我们管"},
        "reopen": {"reason": "又漏了"}, "void": {"reason": "重复登记"}, "note": {"text": f"备注{rnd.randrange(999)}"},
        "dispatch": {"department_id": stn.ref.dep["WY"].id},
    }.get(action, {})


def test_state_machine_stations_and_central_converge(templates, postgres, tmp_path_factory, monkeypatch):
    made, template_db = templates
    import psycopg

    class Machine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            name = "sm_" + new_id()[:12]
            with psycopg.connect(f"host=127.0.0.1 port={postgres.port} user=postgres dbname=postgres",
                                 autocommit=True) as c:
                c.execute(f"CREATE DATABASE {name} TEMPLATE {template_db}")
            self.central = Central(postgres.url(name))
            folder = tmp_path_factory.mktemp("sm")
            self.stations: list[Station] = []
            from desk.services.store import Store

            for code in CODES:
                path, admin, ref = made[code]
                target = folder / f"{code}.sqlite3"
                shutil.copy(path, target)
                store = Store.open(target)
                self.stations.append(Station(code, store, self.central.token(code), admin, ref, self.central.url))
            self.sent: list[tuple[str, str, list]] = []  # (station, batch id, changes) as pushed
            self.central_versions: list[tuple[str, dict]] = []
            self.rnd = random.Random(0)
            machine = self
            real_push = client_mod.Client.push

            def recording_push(client, batch_id, changes):
                station = client.http.headers["Authorization"].split()[1].split(".")[0]
                # What goes on the wire (the outbox's fields are spliced in as JSON text).
                wire = json.loads(client_mod.push_body(batch_id, changes))["changes"]
                machine.sent.append((station, batch_id, wire))
                return real_push(client, batch_id, changes)

            monkeypatch.setattr(client_mod.Client, "push", recording_push)

        def orders(self, stn):
            with stn.store.read() as s:
                return [r for r in s.execute(select(WorkOrder.id, WorkOrder.status)).all()]

        @rule(i=st.integers(0, 2), dispatch=st.booleans())
        def new_order(self, i, dispatch):
            register(self.stations[i], 1, dispatch=dispatch, rnd=self.rnd)

        @rule(i=st.integers(0, 2), pick=st.integers(0, 50), action=st.sampled_from(ACTIONS))
        def desk_action(self, i, pick, action):
            stn = self.stations[i]
            orders = self.orders(stn)
            if not orders:
                return
            oid, status = orders[pick % len(orders)]
            with stn.store.read() as s:
                order = s.get(WorkOrder, oid)
                allowed = lifecycle.allowed_actions(order, "admin")
            if action in allowed:
                lifecycle.perform(stn.store, stn.admin, oid, action, **_params(action, self.rnd, stn))

        @rule(i=st.integers(0, 2), pick=st.integers(0, 50), text=st.sampled_from(["漏水", "楼上漏水", "噪音", "停车难"]))
        def edit_summary(self, i, pick, text):
            stn = self.stations[i]
            orders = self.orders(stn)
            if orders:
                with stn.store.write() as s:
                    s.get(WorkOrder, orders[pick % len(orders)][0]).summary = text

        @rule(i=st.integers(0, 2), pick=st.integers(0, 50))
        def register_problem(self, i, pick):
            from desk.services.pulse import register as R

            from dataclasses import replace

            from desk.errors import ValidationError

            stn = self.stations[i]
            orders = self.orders(stn) or [(register(stn, 1, rnd=self.rnd)[0], None)]
            cluster = _cluster([orders[pick % len(orders)][0]], stn.ref.cat["HOUSE-LEAK"].id)
            try:  # a place per pick: the register takes a place's problem once
                R.promote(stn.store, stn.admin, replace(cluster, place_key=f"陕西南路{pick}弄"),
                          f"公用厨房漏水{pick}", stn.ref.dep["WY"].id)
            except ValidationError as e:
                assert e.code == "problem_already_registered"

        @rule(i=st.integers(0, 2), pick=st.integers(0, 50), what=st.sampled_from(PROBLEM_WORK))
        def problem_work(self, i, pick, what):
            from datetime import date, timedelta

            from desk.models import Problem, ProblemMeasure
            from desk.services.pulse import register as R

            stn = self.stations[i]
            with stn.store.read() as s:
                numbers = list(s.scalars(select(Problem.number).order_by(Problem.number)))
                measures = list(s.scalars(select(ProblemMeasure.id).order_by(ProblemMeasure.id)))
            if not numbers:  # a station's first problem, then the work on it
                self.register_problem(i, pick)
                numbers = [1]
            number = numbers[pick % len(numbers)]
            day = date.today() - timedelta(days=1 + pick % 20)
            if what == "measure" or not measures:  # the first measure comes with any work on a problem
                R.add_measure(stn.store, stn.admin, number, day, f"措施{pick}")
            if what == "edit_measure" and measures:
                R.edit_measure(stn.store, stn.admin, measures[pick % len(measures)], day, f"措施{pick}（改）")
            elif what == "status":
                R.set_status(stn.store, stn.admin, number, R.STATUSES[pick % len(R.STATUSES)])
            elif what == "title":
                R.edit(stn.store, stn.admin, number, f"漏水问题{pick}", None)
            elif what == "link":
                orders = self.orders(stn)
                R.link(stn.store, stn.admin, number, [orders[pick % len(orders)][0]])

        @rule(pick=st.integers(0, 50), goal=st.sampled_from(["resolved", "closed", "reopen", "voided", "in_progress"]))
        def central_status(self, pick, goal):
            with self.central.engine.connect() as conn:
                ids = [r[0] for r in conn.execute(select(m.record.c.row_id).where(
                    m.record.c.table_name == "work_order").order_by(m.record.c.row_id))]
            if not ids:
                return
            oid = ids[pick % len(ids)]
            reopen = goal == "reopen"
            service.central_status(self.central.engine, oid, "dispatched" if reopen else goal, reopen=reopen,
                                   reason="街道处理")
            with self.central.engine.connect() as conn:
                rec = conn.execute(select(m.record.c.data, m.record.c.clocks).where(
                    m.record.c.table_name == "work_order", m.record.c.row_id == oid)).one()
            clock = rec.clocks["status"]
            if clock[1] == service.CENTRAL:  # the centre's write is the version in force
                self.central_versions.append((oid, change_state(
                    "work_order", {"status": rec.data["status"], "status_epoch": rec.data["status_epoch"]},
                    clock[0], clock[1], clock[2])))

        @rule(i=st.integers(0, 2), mode=st.sampled_from(
            ["full", "full", "lossy", "push_only", "after_batch_saved", "after_push_answer", "mid_pull_page",
             "after_ack"]))
        def sync(self, i, mode):
            stn = self.stations[i]
            if mode == "push_only":
                with client_mod.station_lock(stn.store.path):
                    c = client_mod.Client(stn.url, stn.token)
                    try:
                        client_mod.push_all(stn.store, c, client_mod.SyncReport(), 5)
                    finally:
                        c.close()
                return
            transport = LosingTransport(seed=self.rnd.randrange(1000)) if mode == "lossy" else None
            crash_at = mode if mode in client_mod.CRASH_POINTS else None

            def crash(point):
                if point == crash_at:
                    raise CrashNow(point)

            monkeypatch.setattr(client_mod, "crash_point", crash)
            try:
                stn.sync(transport=transport, batch_size=4, page_size=7)
            except (SyncError, CrashNow):
                pass
            finally:
                monkeypatch.setattr(client_mod, "crash_point", lambda point: None)

        @precondition(lambda self: bool(self.sent))
        @rule(pick=st.integers(0, 100), same_id=st.booleans())
        def replay_old_batch(self, pick, same_id):
            """A duplicated or late (reordered) batch reaches the centre again."""
            station, batch_id, changes = self.sent[pick % len(self.sent)]
            answer = service.apply_batch(self.central.engine, station, batch_id if same_id else new_id(), changes)
            assert all(r["status"] != "quarantined" for r in answer["results"])

        @rule(i=st.integers(0, 2), jump=st.sampled_from([-3_600_000, -60_000, 0, 120_000]))
        def clock_jump(self, i, jump):
            from desk.rules.hlc import wall_now_ms

            self.stations[i].store.hlc_wall = lambda: wall_now_ms() + jump

        def teardown(self):
            try:
                for _ in range(2):  # quiet: everything up, then everyone sees the centre's merges
                    for stn in self.stations:
                        stn.sync()
                assert_converged(self.central, *self.stations)
                self.check_merge_rules()
                self.check_register()
            finally:
                for stn in self.stations:
                    stn.store.close()
                self.central.close()

        def check_register(self):
            """Every register row at the centre is the merge of what its station sent."""
            from desk.rules.wire import BASE_KEY

            for table, fields in PROBLEM_FIELDS.items():
                expected: dict[str, dict] = {}
                for station, _, changes in self.sent:
                    for ch in changes:
                        if ch["table"] == table:
                            sent = {k: v for k, v in ch["fields"].items() if k != BASE_KEY}
                            expected[ch["row_id"]] = merge_states(table, expected.get(ch["row_id"]),
                                                                  change_state(table, sent, ch["hlc"], station))
                with self.central.engine.connect() as conn:
                    rows = {r.row_id: r.data for r in conn.execute(select(m.record).where(m.record.c.table_name == table))}
                assert set(expected) == set(rows), table
                for rid, exp in expected.items():
                    assert {f: rows[rid][f] for f in fields} == {f: exp["data"][f] for f in fields}, (table, rid)

        def check_merge_rules(self):
            expected: dict[str, dict] = {}
            for station, _, changes in self.sent:
                for ch in changes:
                    if ch["table"] == "work_order":
                        cs = change_state("work_order", ch["fields"], ch["hlc"], station, ch.get("status_gen", 0))
                        expected[ch["row_id"]] = merge_states("work_order", expected.get(ch["row_id"]), cs)
            for oid, cs in self.central_versions:
                expected[oid] = merge_states("work_order", expected.get(oid), cs)
            with self.central.engine.connect() as conn:
                rows = {r.row_id: r for r in conn.execute(select(m.record).where(m.record.c.table_name == "work_order"))}
            assert set(expected) == set(rows)
            for oid, exp in expected.items():
                got = rows[oid]
                for field in ("status", "status_epoch", "summary"):
                    assert got.data[field] == exp["data"][field], (oid, field, got.data[field], exp["data"][field])
                # Every value another station lost is on record as a conflict, except what a
                # central status edit replaced: it is made over the row as the centre holds it and
                # settles the conflicts of the fields it sets (service.settle), so a version older
                # than it is none (the merges above do not follow the order things reached the centre).
                settled = max((cs["clocks"]["status"][0] for o, cs in self.central_versions if o == oid), default="")
                for key, entry in exp["conflicts"].items():
                    field = key.split("|")[0]
                    if field == "status" and entry["hlc"] < settled:
                        continue
                    if field in ("status", "summary"):
                        assert key in got.conflicts, (oid, key)

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=int(os.environ.get("DESK_SYNC_SM_EXAMPLES", "5")), stateful_step_count=14, deadline=None,
        derandomize=not os.environ.get("DESK_SYNC_SM_EXAMPLES"),
        # No shrinking: each step is real I/O; a failure prints its full (unshrunk) steps.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck)))
