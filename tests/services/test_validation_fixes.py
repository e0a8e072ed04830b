"""Core validation bugs the hostile corpus found, each pinned by a test."""

from __future__ import annotations

import time

import pytest

from desk.i18n import set_language
from desk.services import intake, queries, reference, validation
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import ValidationError

from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture


def test_unpaired_surrogates_are_refused_not_a_unicode_crash(store, clerk):
    # Before: UnicodeEncodeError from the SQLite driver (a traceback for the clerk).
    with pytest.raises(ValidationError) as err:
        intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(summary="漏水\ud800"),)))
    assert err.value.code == "bad_text"
    # A query may hold one too (pasted from JSON); it is dropped, not sent to SQLite.
    assert queries.count_orders(store, clerk, OrderFilter(text="漏水\udc00")) == 0


def test_duplicate_code_message_does_not_crash(store, supervisor):
    # Before: TypeError "got multiple values for argument 'code'" from DeskError/message.
    reference.save_department(store, supervisor, reference.DepartmentEdit(code="DUP", name="甲"))
    with pytest.raises(ValidationError) as err:
        reference.save_department(store, supervisor, reference.DepartmentEdit(code="DUP", name="乙"))
    set_language("en")
    assert str(err.value) == "Code “DUP” is already in use."
    set_language("zh_CN")


def test_a_pasted_20000_character_query_is_refused_quickly(store, clerk):
    # Before: over a minute of FTS phrase matching against a 20,000-character stored text.
    intake.register_visit(store, clerk, VisitInput(matters=(MatterInput(summary="长文", details="细" * 20000),)))
    started = time.monotonic()
    with pytest.raises(ValidationError) as err:
        queries.count_orders(store, clerk, OrderFilter(text="细" * 20000))
    assert err.value.code == "too_long" and time.monotonic() - started < 2
    assert queries.count_orders(store, clerk, OrderFilter(text="细" * 100)) == 1


def test_english_names_and_station_address_are_validated_like_the_rest(store, admin, supervisor):
    with pytest.raises(ValidationError):
        reference.save_department(store, supervisor, reference.DepartmentEdit(code="X1", name="甲", name_en="a\x1bb"))
    with pytest.raises(ValidationError):
        reference.save_area(store, supervisor, "X2", "乙", name_en="n" * 101)
    with pytest.raises(ValidationError):
        reference.update_station(store, admin, name="站", phone="", address="路" * 201)
    area = reference.save_area(store, supervisor, "X3", " 丙 ", name_en="  Bing  ")
    assert (area.name, area.name_en) == ("丙", "Bing")


@pytest.mark.parametrize("value", [["a"], {"a": 1}, 1.5, True])
def test_text_fields_refuse_non_text_values(value):
    # Before: stored as the Python repr ("['a']", "{'a': 1}", "True").
    with pytest.raises(ValidationError):
        validation.text(value, "summary")
    assert validation.text(17, "number") == "17"


def test_messages_never_echo_huge_or_control_text():
    err = ValidationError("bad_phone", value="\x1b[2J" + "9" * 100_000)
    text = str(err)
    assert "\x1b" not in text and len(text) < 300 and "\\x1b" in text
