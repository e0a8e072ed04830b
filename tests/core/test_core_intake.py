"""Intake: returning visitors, anonymous consultations, answers at the desk, dispatch at
intake, possible duplicates, validation with clear zh/en messages, text kept as typed."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from core_helpers import events, order_row, register, snapshot
from desk.i18n import MESSAGES, set_language
from desk.services import intake, lifecycle, reference, settings, validation
from desk.services.dto import MatterInput, VisitInput
from desk.errors import DeskError, PermissionDenied, ValidationError


def visit(**kw) -> VisitInput:
    matters = kw.pop("matters", (MatterInput(summary="食堂几点开门", answer="早上七点"),))
    return VisitInput(matters=tuple(matters), **kw)


def test_returning_visitor_is_found_by_phone_with_history(store, clock, clerk, ref):
    first = intake.register_visit(store, clerk, visit(
        name="张三明", phone="13812345678", area_id=ref.area["SX"].id, lane="陕西南路550弄", number="17", room="302",
        matters=(MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
                 MatterInput(summary="食堂几点开门", answer="早上七点"))))
    assert first.visitor_id
    clock.advance(days=3)
    found = intake.find_visitor_by_phone(store, clerk, "+86 138-1234-5678")
    assert found.visitor.id == first.visitor_id
    assert found.visitor.name == "张*明" and found.visitor.phone == "138****5678" and found.visitor.masked
    assert found.visitor.room == "***" and found.visitor.lane == "陕西南路550弄"
    assert found.total_orders == 2
    assert [o.ticket_no for o in found.open_orders] == [first.orders[0].ticket_no]
    assert {o.ticket_no for o in found.recent_orders} == {o.ticket_no for o in first.orders}
    # The same person again, typing only the phone: the same visitor, blanks keep what we had.
    second = intake.register_visit(store, clerk, visit(phone="138 1234 5678", lane="", matters=(
        MatterInput(summary="又漏水了", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id),)))
    assert second.visitor_id == first.visitor_id
    assert second.orders[0].visitor_name == "张*明"
    # Nothing typed about the address: the matter is at the visitor's known address.
    assert second.orders[0].address == "陕西南路550弄17号"
    assert order_row(store, second.orders[0].ticket_no)["room"] == "302"
    found = intake.find_visitor_by_phone(store, clerk, "13812345678")
    assert found.total_orders == 3 and found.recent_orders[0].ticket_no == second.orders[0].ticket_no
    # A newer name wins; picking the visitor by id works without a phone.
    third = intake.register_visit(store, clerk, visit(visitor_id=first.visitor_id, name="张三明（老张）"))
    assert third.visitor_id == first.visitor_id
    assert intake.find_visitor_by_phone(store, clerk, "13812345678").total_orders == 4
    assert intake.find_visitor_by_phone(store, clerk, "13912345678") is None
    from desk.errors import NotFound

    with pytest.raises(NotFound) as err:
        intake.register_visit(store, clerk, visit(visitor_id="no-such-visitor"))
    assert str(err.value) == "找不到来访人 no-such-visitor。"
    assert intake.find_visitor_by_phone(store, clerk, "") is None
    with pytest.raises(ValidationError):
        intake.find_visitor_by_phone(store, clerk, "12345")


def test_anonymous_consultation_answered_in_one_step(store, clerk):
    before_visitors = snapshot(store)["visitor"]
    result = intake.register_visit(store, clerk, visit(channel="phone", matters=(
        MatterInput(summary="社区食堂周末开吗？", answer="周末照常营业，11:00-13:00"),)))
    assert result.visitor_id is None and snapshot(store)["visitor"] == before_visitors
    row = result.orders[0]
    assert row.status == "answered" and row.channel == "phone" and row.kind == "consult"
    o = order_row(store, row.ticket_no)
    assert o["result"] == "周末照常营业，11:00-13:00" and o["solved"] == 1 and o["resolved_at"]
    assert o["visitor_id"] is None and o["lead_department_id"] is None and o["accept_due_at"] is None
    evs = events(store, row.ticket_no)
    assert [(e["kind"], e["from_status"], e["to_status"]) for e in evs] == [
        ("register", "", "registered"), ("answer_at_desk", "registered", "answered")]
    assert all(e["actor_id"] == clerk.id for e in evs)


def test_dispatch_at_intake_goes_to_the_category_default(store, admin, clerk, ref):
    # 漏水渗水 has its own default (物业); a new sub-category without one inherits 房屋修缮's (房管办).
    child = reference.save_category(store, admin, reference.CategoryEdit(
        code="HOUSE-WINDOW", name="门窗修缮", parent_id=ref.cat["HOUSE"].id, default_department_id=None))
    grandchild = reference.save_category(store, admin, reference.CategoryEdit(
        code="HOUSE-GLASS", name="玻璃破损", parent_id=child.id))
    assert intake.default_department(store, child.id) == ref.dep["FG"].id
    assert intake.default_department(store, grandchild.id) == ref.dep["FG"].id
    assert intake.default_department(store, ref.cat["HOUSE-LEAK"].id) == ref.dep["WY"].id
    assert intake.default_department(store, None) is None
    result = intake.register_visit(store, clerk, visit(phone="13812345678", matters=(
        MatterInput(summary="漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
        MatterInput(summary="玻璃碎了", kind="help", category_id=grandchild.id, dispatch=True),
        MatterInput(summary="楼道堆物", kind="complaint", category_id=ref.cat["HOUSE-STAIR"].id, dispatch=True,
                    department_id=ref.dep["JWH"].id, assist_department_ids=(ref.dep["CG"].id,)),
        MatterInput(summary="先登记不派", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id))))
    leak, glass, stair, kept = result.orders
    assert (leak.status, leak.lead_department_id) == ("dispatched", ref.dep["WY"].id)
    assert (glass.status, glass.lead_department_id) == ("dispatched", ref.dep["FG"].id)
    assert (stair.status, stair.lead_department_id) == ("dispatched", ref.dep["JWH"].id)
    assert (kept.status, kept.lead_department_id) == ("registered", None)
    assert leak.accept_due_at and leak.resolve_due_at and kept.accept_due_at is None
    from desk.services import queries

    assert queries.get_order(store, clerk, stair.ticket_no).assist_department_names == ("城管执法中队",)
    assert [e["kind"] for e in events(store, leak.ticket_no)] == ["register", "dispatch"]
    # No category and no department: nowhere to send it, and nothing is saved.
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        intake.register_visit(store, clerk, visit(matters=(MatterInput(summary="不知道找谁", dispatch=True),)))
    assert "部门" in str(err.value)
    assert snapshot(store) == before


def test_promised_dates_match_what_dispatch_sets(store, clerk, ref):
    promised = intake.promised_dates(store, ref.cat["NOISE-BAR"].id)
    row = intake.register_visit(store, clerk, visit(matters=(MatterInput(
        summary="酒吧噪音", kind="complaint", category_id=ref.cat["NOISE-BAR"].id, dispatch=True),))).orders[0]
    assert promised == (row.accept_due_at, row.resolve_due_at)


def test_possible_duplicates_within_the_window(store, clock, admin, clerk, ref):
    leak = ref.cat["HOUSE-LEAK"].id
    t1 = register(store, clerk, ref, lane="陕西南路550弄", number="17")
    register(store, clerk, ref, lane="陕西南路550弄", number="19")
    register(store, clerk, ref, lane="陕西南路550弄", number="17", category="NOISE-RENO")
    voided = register(store, clerk, ref, lane="陕西南路550弄", number="17")
    from core_helpers import order_in  # noqa: F401

    lifecycle.perform(store, admin, voided, "void", reason="重复登记")
    dup = lambda **kw: [r.ticket_no for r in intake.possible_duplicates(  # noqa: E731
        store, category_id=leak, lane="陕西南路550弄", number="17", **kw)]
    assert dup() == [t1]
    assert intake.possible_duplicates(store, category_id=leak, lane="陕西南路550弄", number="") != []
    assert intake.possible_duplicates(store, category_id=leak, lane="  ", number="17") == []
    assert intake.possible_duplicates(store, category_id=None, lane="陕西南路550弄", number="17") == []
    clock.advance(days=29)
    assert dup() == [t1]
    clock.advance(days=2)  # 31 days later: outside the default 30-day window
    assert settings.get(store, "duplicate_window_days") == 30
    assert dup() == []
    settings.put(store, admin, "duplicate_window_days", 60)
    assert dup() == [t1]
    with pytest.raises(PermissionDenied):
        settings.put(store, clerk, "duplicate_window_days", 7)


# -- validation ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed,stored", [
    ("13812345678", "13812345678"), ("+86 138 1234 5678", "13812345678"), ("138-1234-5678", "13812345678"),
    ("19912345678", "19912345678"), ("021-64331234", "02164331234"), ("(021) 6433 1234", "02164331234"),
    ("010-12345678", "01012345678"), ("0755-86001234", "075586001234"), ("", ""), ("   ", ""),
])
def test_phones_accepted(typed, stored):
    assert validation.phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "1381234567", "138123456789", "021-123", "+1 650 253 0000",
                                   "phone", "95588", "10000000000"])
def test_phones_refused(typed):
    with pytest.raises(ValidationError):
        validation.phone(typed)


def test_id_numbers_check_digit():
    assert validation.id_number("11010519491231002x") == "11010519491231002X"
    assert validation.id_number("") == ""
    for bad in ("110105194912310021", "11010519491231002", "440524188001010014", "ABCDEFGHIJKLMNOPQR"):
        with pytest.raises(ValidationError):
            validation.id_number(bad)


def refusals(ref):
    """(what the clerk typed, the message code it must be refused with)."""
    long = "长" * 201
    return [
        (visit(matters=()), "no_matters"),
        (visit(matters=(MatterInput(summary=""),)), "required"),
        (visit(matters=(MatterInput(summary="   "),)), "required"),
        (visit(matters=(MatterInput(summary=long),)), "too_long"),
        (visit(matters=(MatterInput(summary="两行\n摘要"),)), "bad_text"),
        (visit(matters=(MatterInput(summary="响铃\x07"),)), "bad_text"),
        (visit(matters=(MatterInput(summary="投诉", kind="complaint"),)), "required"),  # needs a category
        (visit(matters=(MatterInput(summary="求助", kind="help"),)), "required"),
        (visit(matters=(MatterInput(summary="办事", kind="service"),)), "required"),
        (visit(matters=(MatterInput(summary="建议", kind="suggestion"),)), "required"),
        (visit(matters=(MatterInput(summary="报名美食节", kind="signup", category_id=ref.cat["EVENT-FOOD"].id),)),
         "required"),  # a sign-up needs a phone
        (visit(matters=(MatterInput(summary="x", kind="gossip"),)), "bad_choice"),
        (visit(matters=(MatterInput(summary="x", urgency="extreme"),)), "bad_choice"),
        (visit(channel="pigeon"), "bad_choice"),
        (visit(phone="12345"), "bad_phone"),
        (visit(id_number="110105194912310021"), "bad_id_number"),
        (visit(name="名" * 61), "too_long"),
        (visit(lane="弄" * 61), "too_long"),
        (visit(room="室" * 21), "too_long"),
        (visit(matters=(MatterInput(summary="x", details="详" * 20001),)), "too_long"),
        (visit(matters=(MatterInput(summary="x", answer="   "),)), "required"),
    ]


def test_refused_input_has_clear_messages_in_both_languages(store, clerk, ref):
    before = snapshot(store)
    for typed, code in refusals(ref):
        with pytest.raises(ValidationError) as err:
            intake.register_visit(store, clerk, typed)
        assert err.value.code == code, typed
        zh = str(err.value)
        set_language("en")
        try:
            en = str(err.value)
        finally:
            set_language("zh_CN")
        assert zh and en and zh != en, code
        assert "{" not in zh + en and code not in zh + en
        assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]{3}", en)
    assert snapshot(store) == before


def test_what_is_allowed_without_a_category_or_phone(store, clerk, ref):
    ok = [
        visit(matters=(MatterInput(summary="表扬王丽热情", kind="praise"),)),
        visit(matters=(MatterInput(summary="问路", kind="consult"),)),
        visit(phone="13812345678", matters=(MatterInput(summary="报名", kind="signup", category_id=ref.cat["EVENT-FOOD"].id),)),
    ]
    for v in ok:
        intake.register_visit(store, clerk, v)


def _import_every_module() -> None:
    """Modules outside the core register their messages when imported (i18n.register_messages)."""
    import importlib
    import pkgutil

    import desk

    for info in pkgutil.walk_packages(desk.__path__, "desk."):
        if ".ui" not in info.name and not info.name.endswith("__main__") and "migrations" not in info.name:
            importlib.import_module(info.name)


def test_every_message_code_raised_by_the_core_has_both_languages():
    _import_every_module()
    root = Path(validation.__file__).resolve().parents[1]
    codes = set()
    for path in root.rglob("*.py"):
        if "ui" in path.relative_to(root).parts:
            continue
        codes |= set(re.findall(r'(?:Error|Refused|Denied|NotFound|DeskError|NotInitialised)\(\s*"([a-z_]+)"',
                                path.read_text(encoding="utf-8")))
    assert len(codes) > 30
    missing = sorted(c for c in codes if c not in MESSAGES)
    assert not missing
    for code in codes:
        zh, en = MESSAGES[code]
        assert zh.strip() and en.strip() and zh != en


TYPED = [
    "水管漏水😀😭！！——“急”",
    "  前后有空格，保留  ",
    "Fuite d'eau — été «urgent»",
    "ئۇيغۇرچە خەت · עברית · Русский · ภาษาไทย · བོད་ཡིག",
    "〇𠀀𪚥 生僻字 ＡＢＣ１２３ ㊗️ 👨‍👩‍👧",
    "<script>alert('x')</script> ' OR 1=1; --",
]


@pytest.mark.parametrize("text", TYPED)
def test_text_is_stored_exactly_as_typed(store, clerk, ref, text):
    details = f"第一行\r\n第二行\t制表符\n{text}"
    result = intake.register_visit(store, clerk, visit(
        name="欧阳小明", phone="13812345678", lane=text[:60], notes=text,
        matters=(MatterInput(summary=text, details=details, kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id),)))
    row = order_row(store, result.orders[0].ticket_no)
    assert row["summary"] == text and row["details"] == details and row["lane"] == text[:60]
    con = sqlite3.connect(store.path)
    try:
        assert con.execute("SELECT notes FROM visit WHERE id = ?", (result.visit_id,)).fetchone()[0] == text
    finally:
        con.close()
    lifecycle.perform(store, clerk, row["ticket_no"], "note", text=text)
    assert events(store, row["ticket_no"])[-1]["reason"] == text


def test_every_refusal_gives_its_message_the_fields_it_needs():
    """Each `SomeError("code", a=…, b=…)` in the core fills every {field} of both languages."""
    import ast
    import string

    _import_every_module()
    root = Path(validation.__file__).resolve().parents[1]
    errors = {"DeskError", "ValidationError", "NotFound", "PermissionDenied", "TransitionRefused", "AuthError",
              "NotInitialised"}
    checked = 0
    for path in root.rglob("*.py"):
        if "ui" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in errors and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            if any(k.arg is None for k in node.keywords):
                continue  # **params: cannot tell statically
            given = {k.arg for k in node.keywords}
            for text in MESSAGES[node.args[0].value]:
                wanted = {f for _, f, _, _ in string.Formatter().parse(text) if f}
                assert wanted <= given, (path.name, node.lineno, node.args[0].value, wanted - given)
            checked += 1
    assert checked > 40


def test_personal_data_is_masked_unless_a_supervisor_reveals_it(store, clerk, supervisor, ref):
    from desk.services import queries

    r = intake.register_visit(store, clerk, visit(
        name="欧阳小明", phone="13812345678", id_number="11010519491231002X", lane="陕西南路550弄", number="17",
        room="302", matters=(MatterInput(summary="漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id),)))
    ticket = r.orders[0].ticket_no
    d = queries.get_order(store, clerk, ticket)
    assert (d.visitor.name, d.visitor.phone, d.visitor.room, d.room) == ("欧**明", "138****5678", "***", "***")
    assert d.visitor.id_number == "110***********002X" and d.row.address == "陕西南路550弄17号"
    before = snapshot(store)
    with pytest.raises(PermissionDenied):
        queries.get_order(store, clerk, ticket, reveal=True)
    assert snapshot(store) == before
    d = queries.get_order(store, supervisor, ticket, reveal=True)
    assert (d.visitor.name, d.visitor.phone, d.visitor.room, d.room) == ("欧阳小明", "13812345678", "302", "302")
    last = events(store, ticket)[-1]
    assert last["kind"] == "reveal" and last["actor_id"] == supervisor.id


def test_a_save_is_one_capture_with_the_order_in_its_final_state(store, clerk, ref, db_path):
    """One flush per save: every new row gets one outbox row and one clock row under ONE clock
    stamp, and the order travels once, already dispatched (not inserted, then updated)."""
    before = sqlite3.connect(db_path).execute("SELECT max(seq) FROM sync_outbox").fetchone()[0] or 0
    made = intake.register_visit(store, clerk, visit(
        name="张三明", phone="13812345670", lane="陕西南路550弄", number="17",
        matters=(MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id,
                             dispatch=True),)))
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT table_name, row_id, hlc, status_gen, fields FROM sync_outbox WHERE seq > ? "
                        "ORDER BY seq", (before,)).fetchall()
    assert sorted(r[0] for r in rows) == ["event", "event", "visit", "visitor", "work_order"]
    assert len({r[2] for r in rows}) == 1 and {r[3] for r in rows} == {0}
    order_id, fields = next((r[1], r[4]) for r in rows if r[0] == "work_order")
    order = json.loads(fields)
    assert order_id == made.orders[0].id and order["status"] == "dispatched" and order["lead_department_id"]
    clocks = dict(conn.execute("SELECT row_id, clocks FROM sync_clock WHERE row_id IN (%s)" % ",".join("?" * 5),
                               [r[1] for r in rows]).fetchall())
    assert len(clocks) == 5 and json.loads(clocks[order_id])["status"][2] == 0
    kinds = [k for k, in conn.execute("SELECT kind FROM event WHERE order_id = ? ORDER BY seq", (order_id,))]
    assert kinds == ["register", "dispatch"]


def test_a_save_with_an_unknown_area_is_refused_and_leaves_nothing(store, clerk, ref, db_path):
    counts = "SELECT (SELECT count(*) FROM visitor), (SELECT count(*) FROM work_order), " \
             "(SELECT count(*) FROM ticket_counter), (SELECT count(*) FROM sync_outbox)"
    before = sqlite3.connect(db_path).execute(counts).fetchone()
    with pytest.raises(DeskError):
        intake.register_visit(store, clerk, visit(
            name="张三", phone="13812345671", area_id="no-such-area", lane="陕西南路550弄",
            matters=(MatterInput(summary="漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id,
                                 dispatch=True),)))
    assert sqlite3.connect(db_path).execute(counts).fetchone() == before
