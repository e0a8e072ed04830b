"""Shared helpers for the core tests: database snapshots, orders brought to a given status,
and the lifecycle written down independently of desk.services.lifecycle (from DOMAIN.md)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, VisitInput

SHANGHAI = ZoneInfo("Asia/Shanghai")

ALL_STATUSES = ("registered", "answered", "dispatched", "accepted", "in_progress", "pending", "resolved",
                "called_back", "closed", "merged", "voided")
OPEN = {"registered", "dispatched", "accepted", "in_progress", "pending"}
WITH_DEPARTMENT = {"dispatched", "accepted", "in_progress"}
WORKING = {"accepted", "in_progress"}

# action -> statuses it may start from (the spec the tests hold the code to).
SOURCES: dict[str, set[str]] = {
    "answer_at_desk": {"registered"},
    "dispatch": {"registered"},
    "redispatch": WITH_DEPARTMENT,
    "accept": {"dispatched"},
    "start": {"accepted"},
    "pend": WORKING,
    "resume": {"pending"},
    "resolve": WORKING,
    "callback": {"resolved"},
    "close": {"called_back", "answered"},
    "close_unreached": {"resolved"},
    "return": WITH_DEPARTMENT,
    "contact": WITH_DEPARTMENT | {"pending"},  # 先行联系 (issue 16): while a department has it
    "reopen": {"answered", "resolved", "called_back", "closed"},
    "request_extension": WITH_DEPARTMENT | {"pending"},
    "approve_extension": WITH_DEPARTMENT | {"pending"},
    "refuse_extension": WITH_DEPARTMENT | {"pending"},
    "supervise": OPEN,
    "merge": OPEN,
    "void": OPEN | {"answered", "resolved"},
    "note": set(ALL_STATUSES),
    "print": set(ALL_STATUSES),
}
SUPERVISOR_ONLY = {"close_unreached", "reopen", "approve_extension", "refuse_extension", "supervise", "merge", "void"}


def copy_db(src, dst) -> None:
    """A consistent copy of a database file (SQLite's backup API)."""
    a = sqlite3.connect(src)
    b = sqlite3.connect(dst)
    try:
        with b:
            a.backup(b)
    finally:
        a.close()
        b.close()


def local(y, mo, d, h=9, mi=0) -> datetime:
    """A Shanghai wall-clock moment as aware UTC (what the store's clock returns)."""
    return datetime(y, mo, d, h, mi, tzinfo=SHANGHAI).astimezone(timezone.utc)


def snapshot(store) -> dict[str, list[tuple]]:
    """Every row of every table (and the search index), to prove a refusal changed nothing."""
    con = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'order_search_%' ORDER BY name")]
        out = {}
        for name in names:
            cols = "rowid, *" if name == "order_search" else "*"
            out[name] = sorted(con.execute(f'SELECT {cols} FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        con.close()


def order_row(store, ref: str) -> dict:
    con = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM work_order WHERE id = ? OR ticket_no = ?", (ref, ref)).fetchone()
        return dict(row)
    finally:
        con.close()


def events(store, ref: str) -> list[dict]:
    con = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(
            "SELECT e.* FROM event e JOIN work_order o ON o.id = e.order_id WHERE o.id = ? OR o.ticket_no = ? "
            "ORDER BY e.seq", (ref, ref))]
    finally:
        con.close()


def register(store, actor, ref, *, category="HOUSE-LEAK", summary="公用厨房水管漏水", kind="complaint",
             dispatch=False, answer=None, urgency="normal", phone="13812345678", name="张三明",
             lane="陕西南路550弄", number="17", department=None) -> str:
    result = intake.register_visit(store, actor, VisitInput(
        name=name, phone=phone, lane=lane, number=number,
        matters=(MatterInput(summary=summary, kind=kind, category_id=ref.cat[category].id if category else None,
                             dispatch=dispatch, answer=answer, urgency=urgency,
                             department_id=ref.dep[department].id if department else None),)))
    return result.orders[0].ticket_no


def order_in(store, actor, ref, status: str, **kw) -> str:
    """A new order brought to `status` through the ordinary actions (actor: a supervisor)."""
    do = lambda action, **p: lifecycle.perform(store, actor, ticket, action, **p)  # noqa: E731
    if status == "answered":
        return register(store, actor, ref, kind="consult", answer="早上七点开门", **kw)
    ticket = register(store, actor, ref, **kw)
    if status == "registered":
        return ticket
    if status in ("merged", "voided"):
        if status == "merged":
            target = register(store, actor, ref, summary="同一处漏水（原件）")
            do("merge", target=target, reason="重复")
        else:
            do("void", reason="无效来电")
        return ticket
    do("dispatch", department_id=ref.dep["WY"].id)
    if status == "dispatched":
        return ticket
    do("accept")
    if status == "accepted":
        return ticket
    do("start")
    if status == "in_progress":
        return ticket
    if status == "pending":
        do("pend", reason="等待业主在家")
        return ticket
    do("resolve", result="已更换水管", solved=True)
    if status == "resolved":
        return ticket
    do("callback", solved=True, rating=5)
    if status == "called_back":
        return ticket
    do("close")
    assert status == "closed", status
    return ticket


def save_visits_in_process(path: str, actor, count: int, matters: int = 1) -> list[str]:
    """Worker for the multi-process ticket test: its own Store on the same file."""
    from desk.services.store import Store

    fixed = local(2026, 11, 30, 10)
    store = Store.open(path, clock=lambda: fixed)
    try:
        out = []
        for i in range(count):
            result = intake.register_visit(store, actor, VisitInput(matters=tuple(
                MatterInput(summary=f"并发登记 {i}-{j}") for j in range(matters))))
            out.extend(o.ticket_no for o in result.orders)
        return out
    finally:
        store.close()
