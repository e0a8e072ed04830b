"""Saving a visit writes its new rows as plain values with prepared statements
(desk/services/core_insert.py, issue 20): the file must hold exactly what the save built on ORM
objects wrote.

The reference is that older save itself: main at REFERENCE (ORM objects for the visitor, visit,
orders and events, the shared lifecycle helpers working on them), extracted with `git archive`
and run in a child process. Both save the same visits on two copies of one station file (plain,
and encrypted with SQLCipher) with the same clock; every table is then compared as SQLite stores
it (raw text, rowids, the search index, outbox, field clocks, ticket counter, settings), with
only what is random or the wall clock's (UUIDs, HLC stamps, the outbox's created_at) renamed in
order of appearance. Refused saves must say the same sentence and write nothing."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import DeskError
from tests.conftest import PASSWORD, Clock

REFERENCE = "150aa07"  # main before the save wrote plain rows
ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
PHONES = ["13812345678", "13900001111", "02164331234", ""]
NAMES = ["", "张伟", "王芳", "李娜"]
SUMMARIES = ["楼道灯坏了", "楼上卫生间漏水，天花板渗水", "咨询养老补贴", "电梯坏了 需要维修"]

# The child process: main's code at REFERENCE saving the visits it is sent, one job a line.
WORKER = r"""
import json, sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from desk.i18n import set_language
from desk.errors import DeskError
from desk.services import auth, intake
from desk.services.dto import MatterInput, VisitInput
from desk.services.store import Store
set_language("zh_CN")
for line in sys.stdin:
    job = json.loads(line)
    moment = [datetime.fromisoformat(job["start"])]
    clock = lambda: moment[0]
    key = bytes.fromhex(job["key"]) if job["key"] else None
    store = Store.open_encrypted(job["path"], clock=clock, key=key) if key else Store.open(job["path"], clock=clock)
    clerk = auth.login(store, "wangli", job["password"])
    outcomes = []
    for v in job["visits"]:
        moment[0] += timedelta(minutes=7)
        matters = tuple(MatterInput(**{**m, "assist_department_ids": tuple(m["assist_department_ids"])})
                        for m in v.pop("matters"))
        try:
            r = intake.register_visit(store, clerk, VisitInput(matters=matters, **v))
            outcomes.append(["saved", [[o.ticket_no, o.status, o.address, o.department_name, str(o.accept_due_at)]
                                       for o in r.orders]])
        except DeskError as exc:
            outcomes.append(["refused", type(exc).__name__, str(exc)])
    store.close()
    print(json.dumps(outcomes), flush=True)
"""


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Saves visits with main's code at REFERENCE in a child process: (path, key, visits) -> outcomes."""
    if shutil.which("git") is None or subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{REFERENCE}^{{commit}}"], capture_output=True).returncode:
        pytest.skip(f"the reference save (commit {REFERENCE}) is not in this checkout's history")
    tree = tmp_path_factory.mktemp("reference")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", REFERENCE, "desk"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "DESK_SQLITE_SYNCHRONOUS": "NORMAL"}
    child = subprocess.Popen([sys.executable, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, env=env, cwd=tree)

    def save(path: Path, key: bytes | None, visits) -> list:
        job = {"path": str(path), "key": key.hex() if key else "", "password": PASSWORD, "start": START.isoformat(),
               "visits": [dataclasses.asdict(v) for v in visits]}
        child.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
        child.stdin.flush()
        answer = child.stdout.readline()
        assert answer, "the reference save's process ended"
        return json.loads(answer)

    yield save
    child.stdin.close()
    child.wait(timeout=60)


def _station(path: Path, *, encrypted: bool):
    """A set-up station file (admin, a clerk, reference data, a deactivated department)."""
    from desk.db import key_for
    from desk.services import auth, reference
    from desk.services.store import Store

    store = Store.open(path, clock=Clock(START))
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                            address="陕西南路550弄17号")
    auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    cats = {c.code: c.id for c in reference.list_categories(store)}
    deps = [d for d in reference.list_departments(store) if d.active]
    last = deps[-1]
    reference.save_department(store, admin, reference.DepartmentEdit(
        code=last.code, name=last.name, name_en=last.name_en, contact=last.contact, phone=last.phone, active=False),
        last.id)
    deps = [d.id for d in deps]
    areas = [a.id for a in reference.list_areas(store)]
    key = None
    if encrypted:
        auth.encrypt_station(store, admin, PASSWORD)
        key = key_for(path)
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if key is not None:
        # The reference (an older desk) opens only SQLCipher 4's default HMAC, which this desk
        # still opens too.
        from tests.sqlcipher4_default import make_sqlcipher4_default

        make_sqlcipher4_default(path, key)
    return path, key, cats, deps, areas


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return _station(tmp_path_factory.mktemp("plain") / "template.sqlite3", encrypted=False)


@pytest.fixture(scope="module")
def encrypted_template(tmp_path_factory):
    return _station(tmp_path_factory.mktemp("encrypted") / "template.sqlite3", encrypted=True)


def _matter(cats, deps):
    return st.builds(
        lambda kind, cat, summary, details, urgent, how, dep, lane: MatterInput(
            summary=summary, kind=kind, category_id=cats.get(cat, cat) if cat else None, details=details,
            urgency="urgent" if urgent else "normal", lane=lane, number="17" if lane else "",
            dispatch=how == "dispatch", department_id=dep if how == "dispatch" else None,
            answer="已当场答复" if how == "answer" else None),
        st.sampled_from(["consult", "complaint", "help", "suggestion"]),
        # an unknown category and a deactivated department (deps[-1]) are refused
        st.sampled_from(["HOUSE-LEAK", "HOUSE-LEAK", None, "nosuchcategory"]), st.sampled_from(SUMMARIES),
        st.sampled_from(["", "三楼东侧\n晚上最严重"]), st.booleans(), st.sampled_from(["dispatch", "answer", "register"]),
        st.sampled_from([None, None, *deps[:2], deps[-1]]), st.sampled_from(["", "陕西南路550弄"]))


def _visits(cats, deps, areas):
    visit = st.builds(
        lambda phone, name, area, lane, room, matters, channel: VisitInput(
            matters=tuple(matters), phone=phone, name=name, area_id=area, lane=lane, number="9" if lane else "",
            room=room, channel=channel),
        # few phones and names: returning visitors, family members under one number, renames
        st.sampled_from(PHONES), st.sampled_from(NAMES), st.sampled_from([None, *areas[:1]]),
        st.sampled_from(["", "建国西路12弄"]), st.sampled_from(["", "301"]),
        st.lists(_matter(cats, deps), min_size=1, max_size=3), st.sampled_from(["walk_in", "phone"]))
    return st.lists(visit, min_size=1, max_size=4)


def _copy(template: Path, path: Path) -> Path:
    """A copy of the station file (with an encrypted file's key file beside it)."""
    from desk.services.keyfile import path_for

    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"), path_for(path)):
        p.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    if path_for(template).exists():
        shutil.copyfile(path_for(template), path_for(path))
    return path


def _save_here(path: Path, key: bytes | None, visits) -> list:
    """The same visits saved by this checkout's code, outcomes as the reference reports them."""
    from desk.services import auth
    from desk.services.store import Store

    clock = Clock(START)
    store = Store.open_encrypted(path, clock=clock, key=key) if key else Store.open(path, clock=clock)
    outcomes = []
    clerk = auth.login(store, "wangli", PASSWORD)
    for v in visits:
        clock.advance(minutes=7)
        try:
            r = intake.register_visit(store, clerk, v)
            outcomes.append(["saved", [[o.ticket_no, o.status, o.address, o.department_name, str(o.accept_due_at)]
                                       for o in r.orders]])
        except DeskError as exc:
            outcomes.append(["refused", type(exc).__name__, str(exc)])
    store.close()
    return outcomes


def _dump(path: Path, key: bytes | None) -> dict:
    from desk.db import connect

    conn = connect(path, key=key, readonly=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'order_search_%' ORDER BY name")]
        return {n: conn.execute(f'SELECT rowid, * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        conn.close()


_RANDOM = re.compile(r"\b[0-9a-f]{32}\b|\b\d{13}\.\d{5}\b|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _normalised(result, fixed_times: set[str]) -> str:
    """UUIDs, HLC stamps and wall-clock times renamed in order of first appearance."""
    labels: dict[str, str] = {}

    def label(m):
        text = m.group(0)
        if text in fixed_times:  # the test clock's times are compared as they are
            return text
        return labels.setdefault(text, f"<{len(labels)}>")

    return _RANDOM.sub(label, repr(result))


def _assert_same_files(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    # the clock's own times (registered, deadlines, events) must match exactly, not be renamed
    fixed = {m for m in re.findall(r"2026-1[12]-\d\d \d\d:\d\d:\d\d\.\d{6}", repr(theirs)) if m.endswith(":00.000000")}
    # One renaming over every table, so a key and the rows pointing at it keep one name.
    if _normalised(ours, fixed) != _normalised(theirs, fixed):
        for name in theirs:  # the first table that differs, for the failure message
            assert _normalised(ours[name], fixed) == _normalised(theirs[name], fixed), name
    assert _normalised(ours, fixed) == _normalised(theirs, fixed)


# The newest schema the reference knows: its copy is taken down to it before its saves and
# brought back up after them (migration 0012 changed only the outbox's indexes).
REFERENCE_SCHEMA = "0011_problem_sync"


def _migrated(path: Path, key: bytes | None, revision: str) -> None:
    from alembic import command

    from desk import db

    engine = db.make_engine(path, db.KeyHolder(key) if key else None)
    try:
        if revision == "head":
            db.upgrade(engine, "head")
        else:
            command.downgrade(db.alembic_config(engine), revision)
    finally:
        engine.dispose()


def _compare(reference, template, tmp_path, visits) -> list:
    path, key, *_ = template
    theirs_path = _copy(path, tmp_path / "reference.sqlite3")
    _migrated(theirs_path, key, REFERENCE_SCHEMA)
    theirs = reference(theirs_path, key, visits)
    _migrated(theirs_path, key, "head")
    ours = _save_here(_copy(path, tmp_path / "plain-rows.sqlite3"), key, visits)
    assert ours == theirs
    _assert_same_files(_dump(tmp_path / "plain-rows.sqlite3", key), _dump(tmp_path / "reference.sqlite3", key))
    return ours


@pytest.mark.slow
@pytest.mark.parametrize("station", ["template", "encrypted_template"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_plain_rows_write_what_the_orm_objects_wrote(reference, station, request, tmp_path, data):
    """Plain and SQLCipher files alike."""
    template = request.getfixturevalue(station)
    _, _, cats, deps, areas = template
    _compare(reference, template, tmp_path, data.draw(_visits(cats, deps, areas)))


def test_returning_visitor_and_refusals_as_before(reference, template, tmp_path):
    """A known phone (same name, another family member, a new name for the only one), an unknown
    category and a deactivated department: the same rows, the same sentences, nothing written."""
    _, _, cats, deps, _ = template
    leak = cats["HOUSE-LEAK"]
    first = VisitInput(matters=(MatterInput(summary="楼道灯坏了", kind="complaint", category_id=leak, dispatch=True),),
                       phone="13812345678", name="张伟", lane="建国西路12弄", number="9", room="301")
    visits = [first,
              dataclasses.replace(first, name="", lane=""),  # returning: the latest under the phone, known address
              dataclasses.replace(first, name="王芳"),  # another member of the family
              VisitInput(matters=(MatterInput(summary="咨询养老补贴", answer="已当场答复"),), phone="13900001111"),
              dataclasses.replace(first, name="王芳", notes="新地址", lane="陕西南路550弄"),  # her new address
              dataclasses.replace(first, matters=(MatterInput(summary="x", kind="complaint", category_id="nosuch"),)),
              dataclasses.replace(first, matters=(first.matters[0],
                                                  MatterInput(summary="y", kind="complaint", category_id=leak,
                                                              dispatch=True, department_id=deps[-1])))]
    outcomes = _compare(reference, template, tmp_path, visits)
    assert [o[0] for o in outcomes] == ["saved"] * 5 + ["refused"] * 2


@pytest.mark.parametrize("returning", [False, True])
def test_a_save_that_fails_midway_writes_nothing(template, tmp_path, monkeypatch, returning):
    """The rows are in, their capture too, and the search row fails (a full disk, say): the
    transaction rolls back whole, ticket counter, outbox and clock included; with a returning
    visitor's new details, their update too (a Session made in the transaction for them)."""
    from desk.services import auth
    from desk.services.store import Store

    path, _, cats, _, _ = template
    path = _copy(path, tmp_path / "midway.sqlite3")
    store = Store.open(path, clock=Clock(START))
    clerk = auth.login(store, "wangli", PASSWORD)
    visit = VisitInput(
        matters=(MatterInput(summary="楼道灯坏了", kind="complaint", category_id=cats["HOUSE-LEAK"], dispatch=True),),
        phone="13812345678", name="张伟")
    if returning:
        intake.register_visit(store, clerk, visit)
        visit = dataclasses.replace(visit, lane="建国西路12弄", number="9", notes="搬家了")  # new details
    before = _dump(path, None)  # after the log-in's own writes (its audit row)

    def fail(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(intake, "index_new", fail)
    with pytest.raises(DeskError):
        intake.register_visit(store, clerk, visit)
    store.close()
    assert _dump(path, None) == before


def test_a_new_visitors_save_opens_no_session(template, tmp_path):
    """Issue 20: a save on plain rows runs on the transaction's Connection; an ORM Session
    (its begin, connection look-ups and commit were ~0.15 ms of a 2 ms save) is made only when
    a part needs one, here a returning visitor's new details, whose update is then captured
    with the save's one clock tick."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from desk.services import auth
    from desk.services.store import Store

    path, _, cats, _, _ = template
    path = _copy(path, tmp_path / "no-session.sqlite3")
    store = Store.open(path, clock=Clock(START))
    clerk = auth.login(store, "wangli", PASSWORD)
    leak = cats["HOUSE-LEAK"]
    visit = VisitInput(matters=(MatterInput(summary="楼道灯坏了", kind="complaint", category_id=leak, dispatch=True),),
                       phone="13812345678", name="张伟")
    intake.register_visit(store, clerk, dataclasses.replace(visit, phone="13900001111"))  # the caches filled
    begun: list[Session] = []
    listener = lambda session, transaction: begun.append(session)  # noqa: E731
    event.listen(Session, "after_transaction_create", listener)
    try:
        intake.register_visit(store, clerk, visit)
        assert begun == []
        moved = intake.register_visit(store, clerk, dataclasses.replace(visit, lane="建国西路12弄", number="9"))
        assert len({id(s) for s in begun}) == 1
    finally:
        event.remove(Session, "after_transaction_create", listener)
        store.close()
    conn = sqlite3.connect(path)
    try:
        # The visitor's update and the new rows of that save: one tick.
        ticks = conn.execute("SELECT table_name, hlc FROM sync_outbox WHERE rowid > (SELECT max(rowid) FROM sync_outbox "
                             "WHERE table_name = 'visit') - 1 ORDER BY rowid").fetchall()
        lane = conn.execute("SELECT lane FROM visitor WHERE id = ?", (moved.visitor_id,)).fetchone()[0]
    finally:
        conn.close()
    assert lane == "建国西路12弄"
    assert {"visitor", "visit", "work_order", "event"} <= {t for t, _ in ticks}
    assert len({h for _, h in ticks}) == 1


def test_a_new_visitors_save_builds_no_orm_object(template, tmp_path):
    """What issue 20 asked of the save: its rows are plain values end to end (the save before
    made five ORM objects here, and their flush cost several times the SQL it sent)."""
    from sqlalchemy import event

    from desk.models import Base
    from desk.services import auth
    from desk.services.store import Store

    path, _, cats, _, _ = template
    store = Store.open(_copy(path, tmp_path / "no-orm.sqlite3"), clock=Clock(START))
    clerk = auth.login(store, "wangli", PASSWORD)
    made: list[str] = []
    listener = lambda target, args, kwargs: made.append(type(target).__name__)  # noqa: E731
    event.listen(Base, "init", listener, propagate=True)
    try:
        r = intake.register_visit(store, clerk, VisitInput(
            matters=(MatterInput(summary="楼道灯坏了", kind="complaint", category_id=cats["HOUSE-LEAK"], dispatch=True),),
            phone="13812345678", name="张伟", lane="建国西路12弄", number="9"))
    finally:
        event.remove(Base, "init", listener)
        store.close()
    assert r.orders[0].status == "dispatched"
    assert made == []
