"""Saving a visit writes its new rows with Core INSERTs (desk/services/core_insert.py) instead
of the ORM's unit of work: the file must hold exactly what the unit of work wrote.

The reference is the same save with the Core step switched off, so the one ORM flush after it
writes every row and the installed sync capture records it (the path before issue 20). Both run
the same visits on two copies of one station file with the same clock; every table is then
compared as SQLite stores it (raw text, rowids, the search index, outbox, field clocks, ticket
counter), with only what is random or the wall clock's (UUIDs, HLC stamps, the outbox's
created_at) renamed in order of appearance."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import DeskError
from tests.conftest import PASSWORD, Clock

PHONES = ["13812345678", "13900001111", "02164331234", ""]
NAMES = ["", "张伟", "王芳", "李娜"]
SUMMARIES = ["楼道灯坏了", "楼上卫生间漏水，天花板渗水", "咨询养老补贴", "电梯坏了 需要维修"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A set-up station file (admin, a clerk, reference data) to copy for every example."""
    from desk.services import auth, reference
    from desk.services.store import Store

    path = tmp_path_factory.mktemp("core-insert") / "template.sqlite3"
    store = Store.open(path, clock=Clock(datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)))
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                            address="陕西南路550弄17号")
    auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    cats = {c.code: c.id for c in reference.list_categories(store)}
    deps = [d.id for d in reference.list_departments(store) if d.active]
    areas = [a.id for a in reference.list_areas(store)]
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path, cats, deps, areas


def _matter(cats, deps):
    return st.builds(
        lambda kind, cat, summary, details, urgent, how, dep, lane: MatterInput(
            summary=summary, kind=kind, category_id=cats[cat] if cat else None, details=details,
            urgency="urgent" if urgent else "normal", lane=lane, number="17" if lane else "",
            dispatch=how == "dispatch", department_id=dep if how == "dispatch" else None,
            answer="已当场答复" if how == "answer" else None),
        st.sampled_from(["consult", "complaint", "help", "suggestion"]),
        st.sampled_from(["HOUSE-LEAK", None]), st.sampled_from(SUMMARIES), st.sampled_from(["", "三楼东侧\n晚上最严重"]),
        st.booleans(), st.sampled_from(["dispatch", "answer", "register"]), st.sampled_from([None, *deps[:2]]),
        st.sampled_from(["", "陕西南路550弄"]))


def _visits(cats, deps, areas):
    visit = st.builds(
        lambda phone, name, area, lane, room, matters, channel: VisitInput(
            matters=tuple(matters), phone=phone, name=name, area_id=area, lane=lane, number="9" if lane else "",
            room=room, channel=channel),
        st.sampled_from(PHONES), st.sampled_from(NAMES), st.sampled_from([None, *areas[:1]]),
        st.sampled_from(["", "建国西路12弄"]), st.sampled_from(["", "301"]),
        st.lists(_matter(cats, deps), min_size=1, max_size=3), st.sampled_from(["walk_in", "phone"]))
    return st.lists(visit, min_size=1, max_size=4)


def _run(template: Path, work: Path, visits, *, orm_flush: bool, monkeypatch) -> dict:
    from desk.services import auth
    from desk.services.store import Store

    path = work / ("orm.sqlite3" if orm_flush else "core.sqlite3")
    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        p.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    clock = Clock(datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc))
    store = Store.open(path, clock=clock)
    outcomes = []
    with monkeypatch.context() as m:
        if orm_flush:
            m.setattr(intake, "insert_pending", lambda session, store: None)
        clerk = auth.login(store, "wangli", PASSWORD)
        for v in visits:
            clock.advance(minutes=7)
            try:
                r = intake.register_visit(store, clerk, v)
                outcomes.append(("saved", [(o.ticket_no, o.status, o.address, o.department_name, o.accept_due_at)
                                           for o in r.orders]))
            except DeskError as exc:
                outcomes.append(("refused", type(exc).__name__, str(exc)))
    store.close()
    return {"outcomes": outcomes, "tables": _dump(path)}


def _dump(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'order_search_%' ORDER BY name")]
        return {n: conn.execute(f'SELECT rowid, * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        conn.close()


_RANDOM = re.compile(r"\b[0-9a-f]{32}\b|\b\d{13}\.\d{5}\b|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _normalised(result: dict, fixed_times: set[str]) -> str:
    """UUIDs, HLC stamps and wall-clock times renamed in order of first appearance."""
    labels: dict[str, str] = {}

    def label(m):
        text = m.group(0)
        if text in fixed_times:  # the test clock's times are compared as they are
            return text
        return labels.setdefault(text, f"<{len(labels)}>")

    return _RANDOM.sub(label, repr(result))


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_core_inserts_write_the_rows_the_unit_of_work_wrote(template, tmp_path, monkeypatch, data):
    path, cats, deps, areas = template
    visits = data.draw(_visits(cats, deps, areas))
    orm = _run(path, tmp_path, visits, orm_flush=True, monkeypatch=monkeypatch)
    core = _run(path, tmp_path, visits, orm_flush=False, monkeypatch=monkeypatch)
    assert core["outcomes"] == orm["outcomes"]
    assert core["tables"].keys() == orm["tables"].keys()
    # the clock's own times (registered, deadlines, events) must match exactly, not be renamed
    fixed = {m for m in re.findall(r"2026-1[12]-\d\d \d\d:\d\d:\d\d\.\d{6}", repr(orm["tables"]))
             if m.endswith(":00.000000")}
    # One renaming over every table, so a key and the rows pointing at it keep one name.
    ours, theirs = _normalised(core["tables"], fixed), _normalised(orm["tables"], fixed)
    if ours != theirs:
        for name in orm["tables"]:  # the first table that differs, for the failure message
            assert _normalised(core["tables"][name], fixed) == _normalised(orm["tables"][name], fixed), name
    assert ours == theirs
