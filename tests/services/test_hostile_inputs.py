"""Every hostile input (tests/hostile_inputs.py) through the services and the CLI's JSON input:
refused with a DeskError whose message is non-empty in Chinese and English, or stored and read
back exactly. Any other exception fails the test."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from desk.i18n import MESSAGES, set_language
from desk.services import intake, lifecycle, queries, reference, validation
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import DeskError

from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.hostile_inputs import DATES, ID_NUMBERS, PHONES, TEXTS

TRIED: Counter = Counter()  # what was sent where, for the report


def refused_clearly(err: DeskError) -> None:
    assert err.code in MESSAGES, f"no message for {err.code!r}"
    set_language("en")
    en = str(err)
    set_language("zh_CN")
    zh = str(err)
    assert en.strip() and zh.strip(), err.code
    assert len(en) < 2000 and len(zh) < 2000, "a refusal must not echo 100 KB back at the clerk"


def attempt(where: str, fn):
    """fn() either stores (returns a check to run) or refuses with a clear DeskError."""
    TRIED[where] += 1
    try:
        result = fn()
    except DeskError as err:
        refused_clearly(err)
        return None
    return result


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One desk for the whole corpus (a fresh file per input would spend minutes migrating)."""
    from types import SimpleNamespace

    from tests.fast_hashing import module_desk

    d = module_desk(tmp_path_factory.mktemp("hostile"), "correct-horse-1")
    yield d.store, d.admin, d.supervisor, d.clerk, SimpleNamespace(cat=d.cat)
    d.store.close()


def _ids(cases):
    return [name for name, _ in cases]


@pytest.mark.parametrize("name,value", TEXTS, ids=_ids(TEXTS))
def test_text_through_intake_lifecycle_reference_and_search(world, name, value):
    store, admin, supervisor, clerk, ref = world

    # 1. the summary of a matter (single line, required)
    res = attempt("register.summary", lambda: intake.register_visit(
        store, clerk, VisitInput(matters=(MatterInput(summary=value),))))
    if res:
        assert queries.get_order(store, clerk, res.orders[0].id).row.summary == value

    # 2. details and an answer at the desk (multi-line)
    res = attempt("register.details+answer", lambda: intake.register_visit(
        store, clerk, VisitInput(matters=(MatterInput(summary="咨询", details=value, answer=value),))))
    if res:
        d = queries.get_order(store, clerk, res.orders[0].id)
        assert d.details == value and d.result == value and d.row.status == "answered"

    # 3. the visitor's name and notes
    res = attempt("register.name+notes", lambda: intake.register_visit(
        store, clerk, VisitInput(name=value, notes=value, id_number="11010519491231002X",
                                 matters=(MatterInput(summary="来访"),))))
    if res:
        d = queries.get_order(store, supervisor, res.orders[0].id, reveal=True)
        assert d.visitor.name == value.strip() and d.visitor.notes == value

    # 4. the address: lane, number, room
    res = attempt("register.address", lambda: intake.register_visit(
        store, clerk, VisitInput(lane=value, number=value, room=value, matters=(MatterInput(summary="报修"),))))
    if res:
        d = queries.get_order(store, supervisor, res.orders[0].id, reveal=True)
        assert (d.lane, d.number, d.room) == (value, value, value)

    # 5. lifecycle: a note, then pend and resume with the text as the reason
    order = intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),))).orders[0]
    d = attempt("lifecycle.note", lambda: lifecycle.perform(store, clerk, order.id, "note", text=value))
    if d:
        assert d.events[-1].kind == "note" and d.events[-1].reason == value
    lifecycle.perform(store, clerk, order.id, "accept")
    d = attempt("lifecycle.pend", lambda: lifecycle.perform(store, clerk, order.id, "pend", reason=value))
    if d:
        assert d.row.status == "pending" and d.events[-1].reason == value
        lifecycle.perform(store, clerk, order.id, "resume")
    d = attempt("lifecycle.void", lambda: lifecycle.perform(store, supervisor, order.id, "void", reason=value))
    if d:
        assert d.row.status == "voided" and d.events[-1].reason == value

    # 6. reference edits: a department and an area named with it
    code = f"H{abs(hash(name)) % 10**6}"
    dep = attempt("reference.department", lambda: reference.save_department(
        store, supervisor, reference.DepartmentEdit(code=code, name=value, name_en=value, contact=value)))
    if dep:
        back = reference.find_department(store, code)
        assert (back.name, back.name_en, back.contact) == (value.strip(), value.strip(), value)
    area = attempt("reference.area", lambda: reference.save_area(store, supervisor, code, value, name_en=value))
    if area:
        back = reference.find_area(store, code)
        assert (back.name, back.name_en) == (value.strip(), value.strip())

    # 7. search: any text is a query; it finds, or finds nothing, or is refused
    attempt("search.count", lambda: queries.count_orders(store, clerk, OrderFilter(text=value)))
    attempt("search.list", lambda: queries.list_orders(store, clerk, OrderFilter(text=value), limit=5))


@pytest.mark.parametrize("name,value", PHONES, ids=_ids(PHONES))
def test_phone_numbers(world, name, value):
    store, admin, supervisor, clerk, ref = world
    res = attempt("register.phone", lambda: intake.register_visit(
        store, clerk, VisitInput(name="张三明", phone=value, matters=(MatterInput(summary="来电"),))))
    if res:
        stored = queries.get_order(store, supervisor, res.orders[0].id, reveal=True).visitor
        if value.strip():
            # Stored normalised (digits of a valid Chinese number); shown back the same way.
            assert stored.phone == validation.phone(value) and stored.phone.isdigit()
            found = attempt("lookup.phone", lambda: intake.find_visitor_by_phone(store, clerk, value))
            assert found is not None and found.visitor.id == stored.id
    attempt("search.phone", lambda: queries.count_orders(store, clerk, OrderFilter(text=value)))
    attempt("reference.department.phone", lambda: reference.save_department(
        store, supervisor, reference.DepartmentEdit(code="TEL", name="电话测试", phone=value)))


@pytest.mark.parametrize("name,value", ID_NUMBERS, ids=_ids(ID_NUMBERS))
def test_id_numbers(world, name, value):
    store, admin, supervisor, clerk, ref = world
    res = attempt("register.id_number", lambda: intake.register_visit(
        store, clerk, VisitInput(name="张三明", id_number=value, matters=(MatterInput(summary="办事"),))))
    if res:
        stored = queries.get_order(store, supervisor, res.orders[0].id, reveal=True).visitor
        assert stored.id_number == validation.id_number(value) and len(stored.id_number) == 18


@pytest.mark.parametrize("name,value", DATES, ids=_ids(DATES))
def test_dates(world, name, value):
    store, admin, supervisor, clerk, ref = world
    attempt("filter.date_from", lambda: queries.count_orders(store, clerk, OrderFilter(date_from=value)))
    attempt("filter.date_to", lambda: queries.list_orders(store, clerk, OrderFilter(date_to=value)))
    done = attempt("calendar.override",
                   lambda: reference.set_calendar_override(store, supervisor, value, False, "测试") or True)
    if done:
        day = validation.iso_date(value).isoformat()
        assert any(d.day == day and not d.is_workday for d in reference.list_calendar_overrides(store))
    # The desk keeps working with any override in its table.
    intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(
        summary="漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),)))


# -- the CLI's JSON input ------------------------------------------------------------------------

JSON_SHAPES = [
    ("summary number", {"matters": [{"summary": 123}]}),
    ("summary list", {"matters": [{"summary": ["a", "b"]}]}),
    ("summary object", {"matters": [{"summary": {"a": 1}}]}),
    ("summary null", {"matters": [{"summary": None}]}),
    ("summary true", {"matters": [{"summary": True}]}),
    ("kind list", {"matters": [{"summary": "x", "kind": ["consult"]}]}),
    ("kind number", {"matters": [{"summary": "x", "kind": 1}]}),
    ("answer object", {"matters": [{"summary": "x", "answer": {"a": 1}}]}),
    ("details number", {"matters": [{"summary": "x", "details": 1.5}]}),
    ("matters string", {"matters": "x"}),
    ("matters empty", {"matters": []}),
    ("matters null", {"matters": None}),
    ("matter string", {"matters": ["x"]}),
    ("visitor list", {"visitor": [], "matters": [{"summary": "x"}]}),
    ("visitor name number", {"visitor": {"name": 12}, "matters": [{"summary": "x"}]}),
    ("visitor phone number", {"visitor": {"phone": 13812345678}, "matters": [{"summary": "x"}]}),
    ("visitor phone float", {"visitor": {"phone": 1.3812345678e10}, "matters": [{"summary": "x"}]}),
    ("area unknown", {"visitor": {"area": "NOPE"}, "matters": [{"summary": "x"}]}),
    ("area list", {"visitor": {"area": ["SX"]}, "matters": [{"summary": "x"}]}),
    ("category unknown", {"matters": [{"summary": "x", "kind": "complaint", "category": "NOPE"}]}),
    ("assist string", {"matters": [{"summary": "x", "assist": "WY"}]}),
    ("assist number", {"matters": [{"summary": "x", "assist": 5}]}),
    ("department unknown", {"matters": [{"summary": "x", "dispatch": True, "department": "NOPE"}]}),
    ("channel unknown", {"channel": "pigeon", "matters": [{"summary": "x"}]}),
    ("top level list", [1, 2, 3]),
    ("top level string", "hello"),
    ("deep nesting", {"matters": [{"summary": "x", "details": json.loads("[" * 50 + "]" * 50)}]}),
]


def _cli_create(store_path, payload: str, monkeypatch, capsys, tmp_path):
    from desk.cli import main

    monkeypatch.setenv("DESK_PASSWORD", "correct-horse-1")
    f = tmp_path / "visit.json"
    f.write_text(payload, encoding="utf-8", errors="surrogatepass")
    code = main(["--db", str(store_path), "orders", "create", str(f), "--user", "wangli", "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "unexpected error" not in out.err and "意外错误" not in out.err, out.err
    return code, out


@pytest.mark.parametrize("name,shape", JSON_SHAPES, ids=[n for n, _ in JSON_SHAPES])
def test_cli_json_shapes(world, name, shape, monkeypatch, capsys, tmp_path):
    store = world[0]
    TRIED["cli.json_shape"] += 1
    code, out = _cli_create(store.path, json.dumps(shape, ensure_ascii=False), monkeypatch, capsys, tmp_path)
    assert code in (0, 2), out.err
    if code == 2:
        assert out.err.strip().startswith("desk: ") and len(out.err.strip()) > 8


CLI_TEXTS = TEXTS[::3]  # every third text through the real command line (each run opens the file)


@pytest.mark.parametrize("name,value", CLI_TEXTS, ids=_ids(CLI_TEXTS))
def test_cli_json_texts(world, name, value, monkeypatch, capsys, tmp_path):
    store, admin, supervisor, clerk, ref = world
    TRIED["cli.json_text"] += 1
    payload = json.dumps({"visitor": {"name": value}, "matters": [{"summary": value, "details": value}]},
                         ensure_ascii=False)
    code, out = _cli_create(store.path, payload, monkeypatch, capsys, tmp_path)
    assert code in (0, 2), out.err
    if code == 0:
        ticket = json.loads(out.out)["orders"][0]["ticket_no"]
        d = queries.get_order(store, supervisor, ticket, reveal=True)
        assert d.row.summary == value and d.details == value
        if d.visitor:
            assert d.visitor.name == value.strip()
    else:
        assert out.err.strip().startswith("desk: ")


def test_report_how_many_inputs_were_tried():
    """Runs last in this file: prints the count for the report (and fails if the corpus shrank)."""
    from tests import hostile_inputs

    total = sum(TRIED.values())
    print(f"\nhostile inputs: {len(hostile_inputs.ALL)} in the corpus + {len(JSON_SHAPES)} JSON shapes; "
          f"{total} service/CLI calls: {dict(sorted(TRIED.items()))}")
    assert len(hostile_inputs.ALL) >= 200
    if TRIED:  # when the whole file ran
        assert total >= 1000
