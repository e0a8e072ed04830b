"""Random actions by random roles on a real SQLite file, with the invariants checked after
every step: status = the last status event, history append-only, deadlines consistent, no
forbidden action succeeds, ticket numbers unique and gap-free per day, one index row per order."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from core_helpers import ALL_STATUSES, SOURCES, SUPERVISOR_ONLY, local, snapshot
from desk.services import auth, intake, lifecycle, reference
from desk.services.dto import Actor, MatterInput, VisitInput
from desk.errors import DeskError

PASSWORD = "correct-horse-1"
ACTIONS = sorted(SOURCES)
ROLES = ("clerk", "supervisor", "admin")
KINDS = ("consult", "help", "complaint", "suggestion", "service", "signup", "praise")
NEEDS_CATEGORY = {"help", "complaint", "suggestion", "service", "signup"}


@lru_cache(maxsize=1)
def template() -> tuple[Path, dict, dict, dict]:
    """One initialised desk (three roles) for all examples; each example copies the file."""
    from desk.services.store import Store

    folder = Path(tempfile.mkdtemp(prefix="desk-sm-"))
    path = folder / "template.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="状态机测试站", admin_username="admin",
                            admin_password=PASSWORD)
    actors = {"admin": admin}
    for username, role in (("sup", "supervisor"), ("clk", "clerk")):
        info = auth.add_user(store, admin, username, username, role, PASSWORD)
        actors[role] = Actor(info.id, info.username, info.display_name, info.role)
    cats = {c.code: c.id for c in reference.list_categories(store)}
    deps = {d.code: d.id for d in reference.list_departments(store)}
    store.close()
    return path, actors, cats, deps


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


def _rows(con, sql, *args):
    return con.execute(sql, args).fetchall()


class DeskMachine(RuleBasedStateMachine):
    @initialize()
    def open_desk(self):
        from desk.services.store import Store

        path, self.actors, self.cats, self.deps = template()
        self.folder = Path(tempfile.mkdtemp(prefix="desk-sm-run-"))
        self.path = self.folder / "desk.sqlite3"
        shutil.copyfile(path, self.path)
        # Monday before National Day 2026, so the holidays and the make-up Saturday lie ahead.
        self.clock = Clock(local(2026, 9, 28, 9))
        self.store = Store.open(self.path, clock=self.clock)
        self.tickets: list[str] = []
        self.seen_events: dict[int, tuple] = {}

    def teardown(self):
        store = getattr(self, "store", None)
        if store is not None:
            store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _con(self):
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    # -- rules ------------------------------------------------------------------------------
    @rule(role=st.sampled_from(ROLES), data=st.data(), n=st.integers(1, 3), broken=st.booleans())
    def new_visit(self, role, data, n, broken):
        matters = []
        for i in range(n):
            kind = data.draw(st.sampled_from(KINDS), label="kind")
            code = data.draw(st.sampled_from([None, "HOUSE-LEAK", "NOISE-BAR", "ENV-RUBBISH", "HOUSE", "EVENT-FOOD"]),
                             label="category")
            if kind in NEEDS_CATEGORY and code is None:
                code = "OTHER"
            how = data.draw(st.sampled_from(["keep", "dispatch", "answer"]), label="how")
            if how == "dispatch" and code is None:
                how = "keep"
            matters.append(MatterInput(
                summary=f"事项{i} 漏水噪音", kind=kind, category_id=self.cats[code] if code else None,
                urgency=data.draw(st.sampled_from(["normal", "urgent"]), label="urgency"),
                dispatch=how == "dispatch", answer="当场答复" if how == "answer" else None, lane="陕西南路550弄",
            ))
        if broken:  # the last matter names a category that does not exist: nothing may be saved
            matters[-1] = MatterInput(summary="坏的事项", category_id="no-such-category")
        phone = data.draw(st.sampled_from(["", "13812345678", "13987654321"]), label="phone")
        visit = VisitInput(matters=tuple(matters), phone=phone, name="张三" if phone else "")
        # A sign-up needs a phone to reach whoever signed up.
        refused = broken or (not phone and any(m.kind == "signup" for m in matters))
        before = snapshot(self.store) if refused else None
        try:
            result = intake.register_visit(self.store, self.actors[role], visit)
        except DeskError as exc:
            assert refused, f"{exc.code}: {exc}"
            assert snapshot(self.store) == before
            return
        assert not refused
        self.tickets.extend(o.ticket_no for o in result.orders)

    @rule(data=st.data(), n=st.integers(1, 3))
    def act(self, data, n):
        """One to three actions in a row (most steps should be lifecycle actions)."""
        for _ in range(n):
            role = data.draw(st.sampled_from(ROLES), label="role")
            action = data.draw(st.sampled_from(ACTIONS), label="action")
            self._act_once(role, action, data)

    def _act_once(self, role, action, data):
        if not self.tickets:
            return
        ticket = data.draw(st.sampled_from(self.tickets), label="ticket")
        params, params_ok = self._params(action, ticket, data)
        con = self._con()
        try:
            (status, ext, supervised, dep) = _rows(
                con, "SELECT status, extension_state, supervised, lead_department_id FROM work_order WHERE ticket_no=?",
                ticket)[0]
            target_ok = True
            if action == "merge" and params_ok:
                target = _rows(con, "SELECT status FROM work_order WHERE ticket_no=?", params["target"])
                target_ok = params["target"] != ticket and bool(target) and target[0][0] not in ("merged", "voided")
        finally:
            con.close()
        role_ok = role != "clerk" or action not in SUPERVISOR_ONLY
        extra_ok = {
            "request_extension": ext != "requested",
            "approve_extension": ext == "requested",
            "refuse_extension": ext == "requested",
            "supervise": not supervised,
        }.get(action, True)
        expected = role_ok and params_ok and status in SOURCES[action] and extra_ok and target_ok
        before = snapshot(self.store)
        try:
            detail = lifecycle.perform(self.store, self.actors[role], ticket, action, **params)
        except DeskError as exc:
            assert not expected, f"{role} {action} from {status} refused: {exc.code} {exc}"
            assert str(exc)
            assert snapshot(self.store) == before, f"refused {action} changed the database"
            return
        assert expected, f"{role} did {action} from {status} with {params} (ext={ext}, supervised={supervised})"
        new = detail.row.status
        if action == "callback":
            unhappy = not params["solved"] or params["rating"] <= 2
            assert new == ("dispatched" if unhappy else "called_back")
        elif action == "reopen":
            assert new == ("dispatched" if dep else "registered")
        elif action == "resume":
            assert new in ("accepted", "in_progress")
        else:
            fixed = {"answer_at_desk": "answered", "dispatch": "dispatched", "redispatch": "dispatched",
                     "accept": "accepted", "start": "in_progress", "pend": "pending", "resolve": "resolved",
                     "close": "closed", "close_unreached": "closed", "return": "registered", "merge": "merged",
                     "void": "voided"}
            assert new == fixed.get(action, status), (action, status, new)

    def _params(self, action, ticket, data):
        """Random parameters for the action's needs, and whether they are all acceptable."""
        params, ok = {}, True
        for need in lifecycle.RULES[lifecycle.Action(action)].needs:
            if need in ("reason", "result", "text"):
                value = data.draw(st.sampled_from(["原因说明", "Résumé 😀", "长" * 30, "   "]), label=need)
                ok &= bool(value.strip())
            elif need == "department_id":
                value = data.draw(st.sampled_from([self.deps["WY"], self.deps["FG"], "CG", "NOPE", ""]), label=need)
                ok &= value != "" and value != "NOPE"
            elif need == "solved":
                value = data.draw(st.sampled_from([True, False, None]), label=need)
                ok &= value is not None
            elif need == "rating":
                value = data.draw(st.sampled_from([1, 2, 3, 4, 5, 0, 6]), label=need)
                ok &= 1 <= value <= 5
            elif need == "days":
                value = data.draw(st.sampled_from([1, 3, 30, 0, 31]), label=need)
                ok &= 1 <= value <= 30
            elif need == "by":  # 先行联系: who reached the resident
                value = data.draw(st.sampled_from(["department", "station", "neighbour", ""]), label=need)
                ok &= value in ("department", "station")
            elif need == "target":
                value = data.draw(st.sampled_from(self.tickets + ["SX-20000101-0001"]), label=need)
                ok &= bool(value)
            else:  # pragma: no cover - a new need: teach the test
                raise AssertionError(need)
            if data.draw(st.integers(0, 9), label=f"omit {need}") == 0:
                ok = False  # sometimes the parameter is missing altogether
                continue
            params[need] = value
        return params, ok

    @rule(hours=st.sampled_from([1, 3, 9, 20, 26, 49, 24 * 4, 24 * 9, 24 * 40]))
    def time_passes(self, hours):
        """Forward jumps: over nights, weekends, National Day, into a year the library does not know."""
        self.clock.now += timedelta(hours=hours)

    @rule()
    def supervise_overdue(self):
        lifecycle.supervise_overdue(self.store)

    # -- invariants -------------------------------------------------------------------------
    @invariant()
    def status_is_the_last_status_event(self):
        if not hasattr(self, "store"):
            return
        con = self._con()
        try:
            last = dict(_rows(con, """
                SELECT e.order_id, e.to_status FROM event e
                WHERE e.to_status != '' AND e.seq = (SELECT max(seq) FROM event x
                                                      WHERE x.order_id = e.order_id AND x.to_status != '')"""))
            for oid, status in _rows(con, "SELECT id, status FROM work_order"):
                assert last.get(oid) == status, (oid, status, last.get(oid))
                assert status in ALL_STATUSES
        finally:
            con.close()

    @invariant()
    def history_is_append_only(self):
        if not hasattr(self, "store"):
            return
        con = self._con()
        try:
            now = {r[0]: r[1:] for r in _rows(con, "SELECT seq, id, order_id, at, actor_id, kind, from_status, "
                                                   "to_status, reason, data FROM event")}
        finally:
            con.close()
        for seq, row in self.seen_events.items():
            assert now.get(seq) == row, f"event {seq} changed or vanished"
        assert len(now) >= len(self.seen_events)
        self.seen_events = now

    @invariant()
    def deadlines_are_consistent(self):
        if not hasattr(self, "store"):
            return
        con = self._con()
        try:
            for status, accept, resolve, dispatched in _rows(
                    con, "SELECT status, accept_due_at, resolve_due_at, dispatched_at FROM work_order"):
                if status == "registered" or status == "answered":
                    assert accept is None and resolve is None, status
                if status in ("dispatched", "accepted", "in_progress", "pending"):
                    assert accept is not None and resolve is not None and dispatched is not None, status
                if accept is not None and resolve is not None:
                    assert resolve >= accept  # same text format: compares as time
        finally:
            con.close()

    @invariant()
    def tickets_unique_and_gap_free(self):
        if not hasattr(self, "store"):
            return
        con = self._con()
        try:
            tickets = [r[0] for r in _rows(con, "SELECT ticket_no FROM work_order")]
            counters = dict(((d.replace("-", ""), n) for d, n in _rows(
                con, "SELECT local_date, last_seq FROM ticket_counter WHERE station_code='SX'")))
        finally:
            con.close()
        assert len(tickets) == len(set(tickets)) == len(self.tickets)
        by_day: dict[str, list[int]] = {}
        for t in tickets:
            _, day, seq = t.split("-")
            by_day.setdefault(day, []).append(int(seq))
        for day, seqs in by_day.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)), day
            assert counters[day] == len(seqs)

    @invariant()
    def one_index_row_per_order(self):
        if not hasattr(self, "store"):
            return
        con = self._con()
        try:
            n_orders = _rows(con, "SELECT count(*) FROM work_order")[0][0]
            n_index = _rows(con, "SELECT count(*) FROM order_search")[0][0]
            joined = _rows(con, "SELECT count(*) FROM order_search s JOIN work_order o ON o.rowid = s.rowid")[0][0]
        finally:
            con.close()
        assert n_orders == n_index == joined


DeskMachine.TestCase.settings = settings(
    max_examples=20, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestDeskMachine = DeskMachine.TestCase
