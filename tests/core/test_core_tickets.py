"""Ticket numbers: SX-YYYYMMDD-NNNN, gap-free per station and Shanghai day, given back on
rollback, unique under concurrent saves from threads and processes."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
import threading

import pytest

from core_helpers import local, save_visits_in_process, snapshot
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import NotFound, ValidationError

TICKET = re.compile(r"^SX-(\d{8})-(\d{4})$")


def save(store, actor, *summaries, **visit):
    result = intake.register_visit(store, actor, VisitInput(
        matters=tuple(MatterInput(summary=s) for s in (summaries or ("咨询",))), **visit))
    return [o.ticket_no for o in result.orders]


def assert_gap_free(tickets):
    by_day: dict[str, list[int]] = {}
    for t in tickets:
        m = TICKET.match(t)
        assert m, t
        by_day.setdefault(m.group(1), []).append(int(m.group(2)))
    for day, seqs in by_day.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), day


def test_format_and_daily_sequence(store, clerk):
    assert save(store, clerk) == ["SX-20261130-0001"]
    assert save(store, clerk, "一", "二", "三") == ["SX-20261130-0002", "SX-20261130-0003", "SX-20261130-0004"]
    assert save(store, clerk) == ["SX-20261130-0005"]


def test_the_day_turns_at_shanghai_midnight_not_utc(store, clock, clerk):
    clock.now = local(2026, 11, 30, 23, 59)  # 15:59 UTC
    assert save(store, clerk) == ["SX-20261130-0001"]
    clock.now = local(2026, 12, 1, 0, 0)  # 16:00 UTC on 30 Nov: already 1 Dec in Shanghai
    assert clock.now.day == 30
    assert save(store, clerk) == ["SX-20261201-0001"]
    clock.now = local(2026, 12, 1, 8, 30)  # 00:30 UTC on 1 Dec: the same Shanghai day goes on
    assert save(store, clerk) == ["SX-20261201-0002"]
    clock.now = local(2026, 12, 1, 23, 59)
    assert save(store, clerk) == ["SX-20261201-0003"]
    con = sqlite3.connect(store.path)
    try:
        dates = dict(con.execute("SELECT ticket_no, created_local_date FROM work_order"))
        hours = dict(con.execute("SELECT ticket_no, created_local_hour FROM work_order"))
    finally:
        con.close()
    assert dates["SX-20261201-0001"] == "2026-12-01" and hours["SX-20261201-0001"] == 0
    assert dates["SX-20261130-0001"] == "2026-11-30" and hours["SX-20261130-0001"] == 23


def test_a_refused_visit_saves_nothing_and_burns_no_number(store, admin, clerk, ref):
    from desk.services import reference

    assert save(store, clerk) == ["SX-20261130-0001"]
    before = snapshot(store)
    bad_second = [
        (NotFound, MatterInput(summary="第二件", category_id="no-such-category")),
        (NotFound, MatterInput(summary="第二件", department_id="no-such-department", dispatch=True)),
        (NotFound, MatterInput(summary="第二件", area_id="no-such-area")),
    ]
    for error, second in bad_second:
        with pytest.raises(error):
            intake.register_visit(store, clerk, VisitInput(name="李四", phone="13912345678", matters=(
                MatterInput(summary="第一件：楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-STAIR"].id,
                            dispatch=True), second)))
        assert snapshot(store) == before
    # A department switched off between the lookup and the save.
    wy = ref.dep["WY"]
    reference.save_department(store, admin, reference.DepartmentEdit(code="WY", name=wy.name, active=False), wy.id)
    before = snapshot(store)
    with pytest.raises(ValidationError):
        intake.register_visit(store, clerk, VisitInput(phone="13912345678", matters=(
            MatterInput(summary="第一件"), MatterInput(summary="第二件：漏水", kind="complaint",
                                                   category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True))))
    assert snapshot(store) == before
    assert save(store, clerk, "下一位") == ["SX-20261130-0002"]


def test_unique_and_gap_free_under_concurrent_threads(store, clerk, db_path):
    from desk.services.store import Store

    tickets: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    stores = [store] + [Store.open(db_path, clock=store._clock) for _ in range(3)]

    def worker(s, n):
        try:
            for i in range(n):
                got = save(s, clerk, f"线程登记 {i}", "同一次来访的第二件")
                with lock:
                    tickets.extend(got)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # Two threads share one Store (one engine), the others have their own engines on the file.
    threads = [threading.Thread(target=worker, args=(s, 8)) for s in stores + [store]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores[1:]:
        s.close()
    assert not errors, errors
    assert len(tickets) == len(set(tickets)) == 5 * 8 * 2
    assert_gap_free(tickets)
    # each visit's two matters have consecutive numbers
    seqs = sorted(int(t[-4:]) for t in tickets)
    assert seqs == list(range(1, 81))


def test_unique_and_gap_free_across_processes(store, clerk, db_path):
    save(store, clerk)  # the parent saves too, before and after
    # fork: the children import nothing again; each opens its own engine on the file.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        results = pool.starmap(save_visits_in_process, [(str(db_path), clerk, 6, 2)] * 3)
    save(store, clerk)
    con = sqlite3.connect(db_path)
    try:
        all_tickets = [r[0] for r in con.execute("SELECT ticket_no FROM work_order")]
        counter = con.execute("SELECT last_seq FROM ticket_counter WHERE station_code='SX'").fetchall()
    finally:
        con.close()
    children = [t for r in results for t in r]
    assert len(children) == len(set(children)) == 36
    assert len(all_tickets) == len(set(all_tickets)) == 38
    assert_gap_free(all_tickets)
    assert counter == [(38,)]
