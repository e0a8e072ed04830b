"""Every lifecycle action from every status: allowed ones do the right thing, refused ones
raise a typed error and leave the database exactly as it was."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from core_helpers import ALL_STATUSES, SOURCES, SUPERVISOR_ONLY, events, order_in, order_row, register, snapshot
from desk.services import lifecycle, queries
from desk.rules.enums import Action
from desk.errors import DeskError, NotFound, PermissionDenied, TransitionRefused, ValidationError
from desk.rules.permissions import PERMISSIONS

LIFECYCLE_ACTIONS = sorted(a.value for a in lifecycle.RULES)


def test_rules_match_the_documented_lifecycle():
    """The code's table and the spec in core_helpers.SOURCES (from DOMAIN.md) agree."""
    assert set(LIFECYCLE_ACTIONS) == set(SOURCES)
    for action, rule in lifecycle.RULES.items():
        sources = set(ALL_STATUSES) if rule.sources is None else {s.value for s in rule.sources}
        assert sources == SOURCES[action.value], action


def valid_params(store, actor, ref, action: str) -> dict:
    return {
        "answer_at_desk": {"result": "已当场答复：周一至周五 8:30 开放"},
        "dispatch": {"department_id": ref.dep["WY"].id},
        "redispatch": {"department_id": ref.dep["FG"].id, "reason": "属房管办职责"},
        "pend": {"reason": "等待业主在家"},
        "resolve": {"result": "已更换水管", "solved": True},
        "callback": {"solved": True, "rating": 4},
        "close_unreached": {"reason": "三次电话未接通"},
        "return": {"reason": "不属本单位职责"},
        "contact": {"by": "department"},
        "reopen": {"reason": "群众反映仍漏水"},
        "request_extension": {"reason": "需等配件", "days": 3},
        "refuse_extension": {"reason": "理由不充分"},
        "merge": {"target": register(store, actor, ref, summary="同一处漏水（原件）")},
        "void": {"reason": "无效来电"},
        "note": {"text": "已电话联系物业"},
    }.get(action, {})


def expected_status(action: str, before: dict) -> str:
    """The status after a successful action ('' when the status does not change)."""
    return {
        "answer_at_desk": "answered", "dispatch": "dispatched", "redispatch": "dispatched",
        "accept": "accepted", "start": "in_progress", "pend": "pending",
        "resume": before["status_before_pending"], "resolve": "resolved", "callback": "called_back",
        "close": "closed", "close_unreached": "closed", "return": "registered",
        "reopen": "dispatched" if before["lead_department_id"] else "registered",
        "merge": "merged", "void": "voided",
    }.get(action, "")


@pytest.fixture(scope="module")
def one_order_per_status(template_db, tmp_path_factory):
    """A database holding one order in each status, built once; each test gets a copy."""
    from types import SimpleNamespace

    from core_helpers import copy_db
    from core_helpers import local
    from desk.services import reference
    from desk.services.store import Store

    path = tmp_path_factory.mktemp("statuses") / "statuses.sqlite3"
    copy_db(template_db[0], path)
    s = Store.open(path, clock=lambda: local(2026, 11, 30, 9))
    sup = template_db[1]["supervisor"]
    ref = SimpleNamespace(cat={c.code: c for c in reference.list_categories(s)},
                          dep={d.code: d for d in reference.list_departments(s)})
    tickets = {status: order_in(s, sup, ref, status) for status in ALL_STATUSES}
    s.close()
    return path, tickets


@pytest.mark.parametrize("action", LIFECYCLE_ACTIONS)
def test_action_from_every_status(one_order_per_status, db_path, clock, template_db, action):
    from types import SimpleNamespace

    from core_helpers import copy_db
    from desk.services import reference
    from desk.services.store import Store

    copy_db(one_order_per_status[0], db_path)
    store = Store.open(db_path, clock=clock)
    supervisor = template_db[1]["supervisor"]
    ref = SimpleNamespace(cat={c.code: c for c in reference.list_categories(store)},
                          dep={d.code: d for d in reference.list_departments(store)})
    try:
        _every_status(store, supervisor, ref, action, one_order_per_status[1])
    finally:
        store.close()


def _every_status(store, supervisor, ref, action, tickets):
    for status in ALL_STATUSES:
        ticket = tickets[status]
        params = valid_params(store, supervisor, ref, action)
        if action in ("approve_extension", "refuse_extension") and status in SOURCES[action]:
            lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=3)
        before_row, before_events = order_row(store, ticket), events(store, ticket)
        before = snapshot(store)
        if status not in SOURCES[action]:
            with pytest.raises(TransitionRefused) as err:
                lifecycle.perform(store, supervisor, ticket, action, **params)
            assert str(err.value) and "not_allowed_status" not in str(err.value)
            assert snapshot(store) == before, (action, status)
            continue
        detail = lifecycle.perform(store, supervisor, ticket, action, **params)
        after = order_row(store, ticket)
        new = events(store, ticket)[len(before_events):]
        assert new, (action, status)
        assert events(store, ticket)[: len(before_events)] == before_events  # history only grows
        to = expected_status(action, before_row)
        assert after["status"] == (to or status) == detail.row.status, (action, status)
        ev = new[0]
        assert ev["kind"] == action
        assert ev["from_status"] == status
        assert ev["to_status"] == to
        assert ev["actor_id"] == supervisor.id and ev["actor_name"] == supervisor.display_name
        reason = params.get("reason") or params.get("result") or params.get("text") or ""
        assert ev["reason"] == reason
        assert after["updated_at"] >= before_row["updated_at"]


@pytest.mark.parametrize("action", sorted(SUPERVISOR_ONLY))
def test_clerk_refused_supervisor_actions_and_nothing_changes(store, clerk, supervisor, admin, ref, action):
    assert PERMISSIONS[Action(action)] == {"supervisor", "admin"}
    status = sorted(SOURCES[action])[0]
    ticket = order_in(store, supervisor, ref, status)
    if action in ("approve_extension", "refuse_extension"):
        lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=3)
    params = valid_params(store, supervisor, ref, action)
    before = snapshot(store)
    with pytest.raises(PermissionDenied) as err:
        lifecycle.perform(store, clerk, ticket, action, **params)
    assert "接待员" in str(err.value)
    assert snapshot(store) == before
    # The same action by a supervisor and by an admin goes through on a copy of the situation.
    for actor in (supervisor, admin):
        t = order_in(store, supervisor, ref, status)
        if action in ("approve_extension", "refuse_extension"):
            lifecycle.perform(store, supervisor, t, "request_extension", reason="需等配件", days=3)
        assert action in queries.get_order(store, actor, t).allowed_actions
        lifecycle.perform(store, actor, t, action, **valid_params(store, supervisor, ref, action))
    # The window does not offer it to the clerk either.
    assert action not in queries.get_order(store, clerk, ticket).allowed_actions


@pytest.mark.parametrize("role", ["clerk", "admin"])
def test_clerk_and_admin_may_do_every_other_action(store, clerk, admin, supervisor, ref, role):
    actor = {"clerk": clerk, "admin": admin}[role]
    for action in sorted(set(LIFECYCLE_ACTIONS) - SUPERVISOR_ONLY):
        assert PERMISSIONS[Action(action)] == {"clerk", "supervisor", "admin"}
        status = sorted(SOURCES[action])[-1]
        ticket = order_in(store, supervisor, ref, status)
        lifecycle.perform(store, actor, ticket, action, **valid_params(store, actor, ref, action))
        assert events(store, ticket)[-1]["actor_id"] == actor.id


@pytest.mark.parametrize("action", [a for a in LIFECYCLE_ACTIONS if lifecycle.RULES[Action(a)].needs])
def test_missing_parameters_refused_and_nothing_changes(store, supervisor, ref, action):
    status = sorted(SOURCES[action])[0]
    ticket = order_in(store, supervisor, ref, status)
    if action in ("approve_extension", "refuse_extension"):
        lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=3)
    full = valid_params(store, supervisor, ref, action)
    for missing in lifecycle.RULES[Action(action)].needs:
        params = {k: v for k, v in full.items() if k != missing}
        before = snapshot(store)
        with pytest.raises(ValidationError) as err:
            lifecycle.perform(store, supervisor, ticket, action, **params)
        assert str(err.value)
        assert snapshot(store) == before, (action, missing)
        if missing in ("reason", "result", "text"):
            with pytest.raises(ValidationError):
                lifecycle.perform(store, supervisor, ticket, action, **{**params, missing: "   "})
            assert snapshot(store) == before


@pytest.mark.parametrize("params", [
    {"solved": True, "rating": 0}, {"solved": True, "rating": 6}, {"solved": True, "rating": True},
    {"solved": True, "rating": "5"}, {"solved": "yes", "rating": 5}, {"solved": None, "rating": 5},
])
def test_bad_callback_values_refused(store, supervisor, ref, params):
    ticket = order_in(store, supervisor, ref, "resolved")
    before = snapshot(store)
    with pytest.raises(ValidationError):
        lifecycle.perform(store, supervisor, ticket, "callback", **params)
    assert snapshot(store) == before


@pytest.mark.parametrize("days", [0, -1, 31, 2.5, True, "3"])
def test_bad_extension_days_refused(store, supervisor, ref, days):
    ticket = order_in(store, supervisor, ref, "accepted")
    before = snapshot(store)
    with pytest.raises(ValidationError):
        lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=days)
    assert snapshot(store) == before


def test_other_refusals_change_nothing(store, supervisor, ref):
    ticket = order_in(store, supervisor, ref, "registered")
    voided = order_in(store, supervisor, ref, "voided")
    merged = order_in(store, supervisor, ref, "merged")
    before = snapshot(store)
    cases = [
        (NotFound, dict(order_ref="SX-20261130-9999", action="accept")),
        (NotFound, dict(order_ref=ticket, action="dispatch", department_id="NOPE")),
        (ValidationError, dict(order_ref=ticket, action="merge", target=ticket)),
        (ValidationError, dict(order_ref=ticket, action="merge", target="")),
        (TransitionRefused, dict(order_ref=ticket, action="merge", target=voided)),
        (TransitionRefused, dict(order_ref=ticket, action="merge", target=merged)),
        (NotFound, dict(order_ref=ticket, action="merge", target="SX-20261130-9999")),
        (ValidationError, dict(order_ref=ticket, action="note", text="bell\x07")),
        (ValidationError, dict(order_ref=ticket, action="note", text="长" * 20001)),
    ]
    for error, kwargs in cases:
        ref_ = kwargs.pop("order_ref")
        action = kwargs.pop("action")
        with pytest.raises(error) as err:
            lifecycle.perform(store, supervisor, ref_, action, **kwargs)
        assert str(err.value) and "{" not in str(err.value), (error, action)
        assert snapshot(store) == before, (action, kwargs)
    with pytest.raises(ValueError):
        lifecycle.perform(store, supervisor, ticket, "fly_to_the_moon")


def test_inactive_department_refused(store, admin, supervisor, ref):
    from desk.services import reference

    wy = ref.dep["WY"]
    reference.save_department(store, admin, reference.DepartmentEdit(code=wy.code, name=wy.name, active=False), wy.id)
    ticket = order_in(store, supervisor, ref, "registered")
    before = snapshot(store)
    with pytest.raises(ValidationError):
        lifecycle.perform(store, supervisor, ticket, "dispatch", department_id=wy.id)
    assert snapshot(store) == before
    lifecycle.perform(store, supervisor, ticket, "dispatch", department_id="FG")  # by code


def test_extension_refusals_say_why(store, supervisor, ref):
    ticket = order_in(store, supervisor, ref, "accepted")
    with pytest.raises(TransitionRefused) as err:
        lifecycle.perform(store, supervisor, ticket, "approve_extension")
    assert err.value.code == "extension_not_requested"
    lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=3)
    with pytest.raises(TransitionRefused) as err:
        lifecycle.perform(store, supervisor, ticket, "request_extension", reason="再要", days=3)
    assert err.value.code == "extension_already_requested"
    lifecycle.perform(store, supervisor, ticket, "supervise")
    before = snapshot(store)
    with pytest.raises(TransitionRefused):
        lifecycle.perform(store, supervisor, ticket, "supervise")
    assert snapshot(store) == before


# -- side effects ----------------------------------------------------------------------------

def test_dispatch_sets_deadlines_and_return_clears_them(store, clock, supervisor, ref):
    from core_helpers import local

    ticket = order_in(store, supervisor, ref, "registered")
    row = order_row(store, ticket)
    assert row["accept_due_at"] is None and row["resolve_due_at"] is None
    d = lifecycle.perform(store, supervisor, ticket, "dispatch", department_id=ref.dep["WY"].id)
    # HOUSE-LEAK: accept 1 working day, resolve 5 working days from Monday 09:00.
    assert d.row.accept_due_at == local(2026, 12, 1, 9)
    assert d.row.resolve_due_at == local(2026, 12, 7, 9)
    assert d.row.department_name == "物业服务企业"
    ev = events(store, ticket)[-1]
    assert json.loads(ev["data"])["department_id"] == ref.dep["WY"].id
    lifecycle.perform(store, supervisor, ticket, "accept")
    d = lifecycle.perform(store, supervisor, ticket, "return", reason="不属物业")
    assert d.row.status == "registered" and d.return_count == 1
    assert d.row.accept_due_at is None and d.row.resolve_due_at is None and d.row.lead_department_id is None
    clock.advance(days=1)
    d = lifecycle.perform(store, supervisor, ticket, "dispatch", department_id=ref.dep["FG"].id)
    assert events(store, ticket)[-1]["kind"] == "redispatch"  # 改派 after a return
    assert d.row.accept_due_at == local(2026, 12, 2, 9)
    d = lifecycle.perform(store, supervisor, ticket, "return", reason="也不属房管办")
    assert d.return_count == 2


def test_redispatch_moves_the_clock(store, clock, supervisor, ref):
    from core_helpers import local

    ticket = order_in(store, supervisor, ref, "in_progress")
    clock.advance(days=2)
    d = lifecycle.perform(store, supervisor, ticket, "redispatch", department_id=ref.dep["FG"].id, reason="转房管办")
    assert d.row.status == "dispatched" and d.row.lead_department_id == ref.dep["FG"].id
    assert d.row.accept_due_at == local(2026, 12, 3, 9) and d.row.resolve_due_at == local(2026, 12, 9, 9)
    assert json.loads(events(store, ticket)[-1]["data"])["previous_department_id"] == ref.dep["WY"].id


def test_pending_shifts_the_deadline_by_the_working_time_paused(store, clock, supervisor, ref):
    from core_helpers import local

    ticket = order_in(store, supervisor, ref, "accepted")
    assert order_row(store, ticket)["status_before_pending"] == ""
    lifecycle.perform(store, supervisor, ticket, "pend", reason="等待业主")
    row = order_row(store, ticket)
    assert row["status_before_pending"] == "accepted" and row["pending_since"]
    clock.advance(days=2)  # Monday 09:00 -> Wednesday 09:00: two working days paused
    d = lifecycle.perform(store, supervisor, ticket, "resume")
    assert d.row.status == "accepted"
    assert d.row.resolve_due_at == local(2026, 12, 9, 9)  # was Monday 12-07 09:00
    data = json.loads(events(store, ticket)[-1]["data"])
    assert data["paused_working_seconds"] == 2 * 86400
    row = order_row(store, ticket)
    assert row["pending_since"] is None and row["status_before_pending"] == ""


def test_pending_over_a_weekend_counts_only_working_time(store, clock, supervisor, ref):
    from core_helpers import local

    clock.now = local(2026, 12, 4, 12)  # Friday noon
    ticket = order_in(store, supervisor, ref, "in_progress")
    due = order_row(store, ticket)
    d0 = lifecycle.perform(store, supervisor, ticket, "note", text="x").row.resolve_due_at
    assert d0 == local(2026, 12, 11, 12)
    lifecycle.perform(store, supervisor, ticket, "pend", reason="等材料")
    clock.now = local(2026, 12, 7, 12)  # Monday noon: 12 h Friday + 12 h Monday paused
    d = lifecycle.perform(store, supervisor, ticket, "resume")
    assert d.row.status == "in_progress"
    assert d.row.resolve_due_at == local(2026, 12, 14, 12)
    assert due["accept_due_at"] is not None


@pytest.mark.parametrize("solved,rating,reopens", [
    (True, 5, False), (True, 3, False), (True, 2, True), (True, 1, True), (False, 5, True), (False, 3, True),
])
def test_callback_reopens_when_unsatisfied_or_not_solved(store, clock, supervisor, ref, solved, rating, reopens):
    ticket = order_in(store, supervisor, ref, "resolved")
    before = order_row(store, ticket)
    clock.advance(hours=3)
    d = lifecycle.perform(store, supervisor, ticket, "callback", solved=solved, rating=rating)
    row = order_row(store, ticket)
    assert row["rating"] == rating and row["called_back_at"]
    evs = events(store, ticket)
    if reopens:
        assert d.row.status == "dispatched"
        assert row["status_epoch"] == before["status_epoch"] + 1 and row["reopen_count"] == 1
        assert row["solved"] is None and row["resolved_at"] is None
        assert [e["kind"] for e in evs[-2:]] == ["callback", "reopen"]
        assert (evs[-2]["from_status"], evs[-2]["to_status"]) == ("resolved", "called_back")
        assert (evs[-1]["from_status"], evs[-1]["to_status"]) == ("called_back", "dispatched")
        assert row["resolve_due_at"] > before["resolve_due_at"]  # a fresh clock from the reopen
    else:
        assert d.row.status == "called_back" and row["status_epoch"] == before["status_epoch"]
        assert evs[-1]["kind"] == "callback"


def test_reopen_counts_and_raises_epoch(store, supervisor, ref):
    ticket = order_in(store, supervisor, ref, "closed")
    d = lifecycle.perform(store, supervisor, ticket, "reopen", reason="仍漏水")
    assert d.row.status == "dispatched" and d.reopen_count == 1
    assert order_row(store, ticket)["status_epoch"] == 1 and order_row(store, ticket)["closed_at"] is None
    answered = order_in(store, supervisor, ref, "answered")
    d = lifecycle.perform(store, supervisor, answered, "reopen", reason="答复有误")
    assert d.row.status == "registered" and d.reopen_count == 1


def test_extension_approved_moves_the_deadline_refused_does_not(store, supervisor, ref):
    from core_helpers import local

    ticket = order_in(store, supervisor, ref, "in_progress")
    d = lifecycle.perform(store, supervisor, ticket, "request_extension", reason="需等配件", days=3)
    assert d.row.extension_state == "requested" and d.extension_days == 3
    assert queries.count_orders(store, supervisor, queries.OrderFilter(view="extension_requested")) == 1
    d = lifecycle.perform(store, supervisor, ticket, "approve_extension")
    assert d.row.extension_state == "approved" and d.extension_count == 1
    assert d.row.resolve_due_at == local(2026, 12, 10, 9)  # Monday 12-07 + 3 working days
    lifecycle.perform(store, supervisor, ticket, "request_extension", reason="再等一周", days=5)
    d = lifecycle.perform(store, supervisor, ticket, "refuse_extension", reason="不批准")
    assert d.row.extension_state == "refused" and d.extension_count == 1
    assert d.row.resolve_due_at == local(2026, 12, 10, 9)
    # A request left waiting when the order is resolved no longer waits for a supervisor.
    lifecycle.perform(store, supervisor, ticket, "request_extension", reason="又要延期", days=2)
    assert queries.count_orders(store, supervisor, queries.OrderFilter(view="extension_requested")) == 1
    lifecycle.perform(store, supervisor, ticket, "resolve", result="提前修好", solved=True)
    assert queries.count_orders(store, supervisor, queries.OrderFilter(view="extension_requested")) == 0
    assert "approve_extension" not in queries.get_order(store, supervisor, ticket).allowed_actions


def test_merge_points_at_the_target_and_takes_its_result(store, supervisor, ref):
    original = order_in(store, supervisor, ref, "accepted")
    duplicate = order_in(store, supervisor, ref, "registered")
    d = lifecycle.perform(store, supervisor, duplicate, "merge", target=original, reason="同一处漏水")
    assert d.row.status == "merged" and d.merged_into_ticket == original
    assert order_row(store, duplicate)["merged_into_id"] == order_row(store, original)["id"]
    note = events(store, original)[-1]
    assert note["kind"] == "note" and json.loads(note["data"])["merged_from_ticket"] == duplicate
    lifecycle.perform(store, supervisor, original, "start")
    lifecycle.perform(store, supervisor, original, "resolve", result="已修复屋面防水", solved=True)
    assert queries.get_order(store, supervisor, duplicate).result == "已修复屋面防水"


def test_void_keeps_the_row(store, supervisor, ref):
    ticket = order_in(store, supervisor, ref, "dispatched")
    d = lifecycle.perform(store, supervisor, ticket, "void", reason="骚扰电话")
    assert d.row.status == "voided"
    assert order_row(store, ticket)["closed_at"] is not None
    assert queries.count_orders(store, supervisor, queries.OrderFilter(statuses=("voided",))) == 1
    assert [e["kind"] for e in events(store, ticket)] == ["register", "dispatch", "void"]


def test_events_cannot_be_edited_or_deleted(store, supervisor, ref):
    import sqlite3

    ticket = order_in(store, supervisor, ref, "dispatched")
    con = sqlite3.connect(store.path)
    try:
        for sql in ("UPDATE event SET reason = 'x'", "DELETE FROM event"):
            with pytest.raises(sqlite3.DatabaseError):
                con.execute(sql)
    finally:
        con.close()
    assert len(events(store, ticket)) == 2


def test_print_and_note_are_history(store, clerk, supervisor, ref):
    ticket = order_in(store, supervisor, ref, "closed")
    lifecycle.perform(store, clerk, ticket, "print", reprint=True, layout="80mm")
    lifecycle.perform(store, clerk, ticket, "note", text="居民来电致谢 🙏")
    evs = events(store, ticket)
    assert json.loads(evs[-2]["data"])["reprint"] is True
    assert evs[-1]["reason"] == "居民来电致谢 🙏" and evs[-1]["to_status"] == ""
    assert order_row(store, ticket)["status"] == "closed"


def test_allowed_actions_follow_role_and_status(store, clerk, supervisor, ref):
    for status in ALL_STATUSES:
        ticket = order_in(store, supervisor, ref, status)
        for actor in (clerk, supervisor):
            offered = set(queries.get_order(store, actor, ticket).allowed_actions)
            expected = {a for a, src in SOURCES.items() if status in src
                        and (actor.role != "clerk" or a not in SUPERVISOR_ONLY)
                        and a not in ("approve_extension", "refuse_extension")}
            assert offered == expected, (status, actor.role)


def test_concurrent_actions_on_one_order_apply_once(store, db_path, supervisor, ref):
    """Two clerks press "accept" at once: BEGIN IMMEDIATE serialises them, the second sees the
    first's result and is refused; the history holds one acceptance."""
    import threading

    from desk.services.store import Store

    ticket = order_in(store, supervisor, ref, "dispatched")
    stores = [Store.open(db_path, clock=store._clock) for _ in range(4)] + [store, store]
    outcomes: list[str] = []
    barrier = threading.Barrier(len(stores))

    def press(s):
        barrier.wait()
        try:
            lifecycle.perform(s, supervisor, ticket, "accept")
            outcomes.append("ok")
        except TransitionRefused:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001 - any other failure is the bug
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=press, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores[:4]:
        s.close()
    assert sorted(outcomes) == ["ok"] + ["refused"] * (len(stores) - 1)
    assert [e["kind"] for e in events(store, ticket)].count("accept") == 1


def test_listeners_hear_what_changed(store, supervisor, ref):
    heard = []
    store.subscribe(heard.append)
    ticket = order_in(store, supervisor, ref, "registered")
    lifecycle.perform(store, supervisor, ticket, "note", text="记一笔")
    with pytest.raises(TransitionRefused):
        lifecycle.perform(store, supervisor, ticket, "accept")
    assert heard == [frozenset({"orders", "visitors"}), frozenset({"orders"})]
    store.unsubscribe(heard.append)
