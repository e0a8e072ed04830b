"""Property-based tests (hypothesis) over the service layer's inputs: whatever a clerk types is
refused with a clear message or stored and read back exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.i18n import MESSAGES, set_language
from desk.services import intake, lifecycle, queries, validation
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import DeskError

PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

# Any Unicode, surrogates and controls included, biased towards the awkward parts.
any_text = st.text(st.characters(codec=None), max_size=80) | st.text(
    st.sampled_from("漏水 \t\n\r\x00\x1b\u3000\u200b\ud800😀𠀀ש'\"%_<>=+-@*()"), max_size=30)
digits_ish = st.text(st.sampled_from("0123456789 +-()１２３٣xX\u3000"), max_size=25)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from tests.fast_hashing import module_desk

    d = module_desk(tmp_path_factory.mktemp("props"), "correct-horse-1")
    d.leak = d.cat["HOUSE-LEAK"].id
    yield d
    d.store.close()


def _clear(err: DeskError) -> None:
    assert err.code in MESSAGES
    for lang in ("en", "zh_CN"):
        set_language(lang)
        assert str(err).strip()
    set_language("zh_CN")


@PROFILE
@given(summary=any_text, details=any_text, name=any_text, lane=any_text, room=any_text, notes=any_text)
def test_register_stores_exactly_or_refuses(desk, summary, details, name, lane, room, notes):
    try:
        res = intake.register_visit(desk.store, desk.clerk, VisitInput(
            name=name, lane=lane, room=room, notes=notes, matters=(MatterInput(summary=summary, details=details),)))
    except DeskError as err:
        _clear(err)
        return
    d = queries.get_order(desk.store, desk.supervisor, res.orders[0].id, reveal=True)
    assert (d.row.summary, d.details, d.lane, d.room) == (summary, details, lane, room)
    if d.visitor is not None:
        assert d.visitor.name == name.strip() and d.visitor.notes == notes
    else:
        assert not (name.strip() or lane)


@PROFILE
@given(phone=digits_ish | any_text, id_number=st.text(st.sampled_from("0123456789Xx "), max_size=20))
def test_phone_and_id_are_normalised_idempotently_or_refused(desk, phone, id_number):
    try:
        res = intake.register_visit(desk.store, desk.clerk, VisitInput(
            name="张三明", phone=phone, id_number=id_number, matters=(MatterInput(summary="来电"),)))
    except DeskError as err:
        _clear(err)
        return
    v = queries.get_order(desk.store, desk.supervisor, res.orders[0].id, reveal=True).visitor
    assert v.phone == validation.phone(phone) and validation.phone(v.phone) == v.phone
    assert v.id_number == validation.id_number(id_number) and validation.id_number(v.id_number) == v.id_number


@PROFILE
@given(query=any_text)
def test_any_search_query_answers_or_refuses(desk, query):
    try:
        n = queries.count_orders(desk.store, desk.clerk, OrderFilter(text=query))
        rows = queries.list_orders(desk.store, desk.clerk, OrderFilter(text=query), limit=10)
    except DeskError as err:
        _clear(err)
        return
    assert n >= len(rows)


@PROFILE
@given(text=any_text, reason=any_text, days=st.integers(-5, 40) | st.none(), rating=st.integers(-2, 8) | st.none(),
       solved=st.booleans() | st.none() | st.just("yes"))
def test_lifecycle_parameters_refused_or_recorded_exactly(desk, text, reason, days, rating, solved):
    order = intake.register_visit(desk.store, desk.clerk, VisitInput(matters=(MatterInput(
        summary="楼道漏水", kind="complaint", category_id=desk.leak, dispatch=True),))).orders[0]
    steps = [("note", {"text": text}), ("accept", {}), ("request_extension", {"reason": reason, "days": days}),
             ("start", {}), ("resolve", {"result": text, "solved": solved}),
             ("callback", {"solved": solved, "rating": rating, "reason": reason})]
    for action, params in steps:
        before = queries.get_order(desk.store, desk.clerk, order.id)
        try:
            after = lifecycle.perform(desk.store, desk.clerk, order.id, action, **params)
        except DeskError as err:
            _clear(err)
            # Refused: nothing changed, not even the history.
            again = queries.get_order(desk.store, desk.clerk, order.id)
            assert again.events == before.events and again.row.status == before.row.status
            continue
        last = [e for e in after.events if e.kind == action][-1]
        if action == "note":
            assert last.reason == text
        if action == "resolve":
            assert after.result == text and after.solved is solved
        if action == "request_extension":
            assert last.reason == reason and last.data["days"] == days
