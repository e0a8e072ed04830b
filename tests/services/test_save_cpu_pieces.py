"""The save's cheaper pieces (issue 20, branch savecpu3) write what the code they replaced
wrote: each is compared with that code itself, not with a copy of its expected output."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.errors import ValidationError
from desk.models.base import new_id, v4_hex
from desk.rules.clocks import field_clocks
from desk.rules.tables import SYNCED_TABLES
from desk.services import validation
from desk.services.common import _EVENT_DATA
from desk.sync.capture import _FIELDS_TEXT, _fresh_clocks, _wire_values
from desk.sync.wire import synced_columns, to_wire


@given(st.binary(min_size=16, max_size=16))
def test_an_id_is_uuid4s_hex(random16):
    assert v4_hex(random16) == uuid.UUID(bytes=random16, version=4).hex


def test_new_ids_are_random_version_4():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 32 and uuid.UUID(i).version == 4 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert v4_hex(os.urandom(16)) != v4_hex(os.urandom(16))


def _phone_before(value):
    """validation.phone as it was before (is_valid_number, then number_type)."""
    import phonenumbers

    raw = (value or "").strip()
    if not raw:
        return ""
    if any(ch.isalpha() for ch in raw):
        raise ValidationError("bad_phone", value=raw)
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError("bad_phone", value=raw) from None
    if parsed.extension:
        raise ValidationError("phone_extension", value=raw)
    if parsed.country_code != 86 or not phonenumbers.is_valid_number(parsed):
        raise ValidationError("bad_phone", value=raw)
    national = str(parsed.national_number)
    if phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE:
        return national
    return "0" + national


def _outcome(fn, value):
    try:
        return fn(value)
    except ValidationError as exc:
        return ("refused", exc.code)


_PHONES = st.one_of(
    st.from_regex(r"\A1[0-9]{10}\Z"), st.from_regex(r"\A0[0-9]{9,11}\Z"), st.from_regex(r"\A[2-9][0-9]{6,8}\Z"),
    st.from_regex(r"\A\+(86|852|1|44) ?[0-9]{6,11}\Z"), st.from_regex(r"\A[0-9 ()+\-]{0,16}( ext\. ?[0-9]{1,4})?\Z"),
    st.sampled_from(["13812345678", "021-64331234", "+86 138 1234 5678", "110", "95588", "4008123123", "021 6433 1234 x12"]))


@settings(max_examples=400, deadline=None)
@given(_PHONES)
def test_a_phone_is_checked_as_before(value):
    assert _outcome(validation.phone, value) == _outcome(_phone_before, value)


@pytest.mark.parametrize("name", sorted(SYNCED_TABLES))
@given(stamp=st.from_regex(r"\A[0-9]{13}\.[0-9]{5}\Z"), station=st.text(min_size=0, max_size=6))
def test_fresh_clock_text_is_the_clocks_json(name, stamp, station):
    fields = {c: None for c in synced_columns(name)}
    expected = "{}" if name == "event" else json.dumps(field_clocks(name, fields, stamp, station))
    assert _fresh_clocks(name, fields, stamp, station) == (0, expected)


_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda kids: st.lists(kids, max_size=3)
                       | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=8)


@given(st.dictionaries(st.text(max_size=8), _VALUES, max_size=6))
def test_outbox_and_event_text_as_json_dumps_wrote_it(data):
    assert _FIELDS_TEXT(data) == json.dumps(data, ensure_ascii=False)
    moment = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
    with_time = {**data, "accept_due_at": moment}
    assert _EVENT_DATA(with_time) == json.dumps(with_time, ensure_ascii=False, default=str)


@given(st.lists(st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=8))])), min_size=1,
                max_size=4))
def test_wire_values_convert_each_moment_as_to_wire(moments):
    name = "work_order"
    cols = synced_columns(name)
    times = [c for c in cols if c.endswith("_at")]
    values = {c: f"v-{c}" for c in cols} | {c: moments[i % len(moments)] for i, c in enumerate(times)}
    cache: dict = {}
    assert _wire_values(name, values, cache) == {c: to_wire(values[c]) for c in cols}
    assert _wire_values(name, values, cache) == {c: to_wire(values[c]) for c in cols}  # again, from the cache
