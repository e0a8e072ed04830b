"""The save's cheaper pieces (issue 20, branch savecpu3) write what the code they replaced
wrote: each is compared with that code itself, not with a copy of its expected output."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.errors import ValidationError
from desk.models.base import new_id
from desk.rules.clocks import field_clocks
from desk.rules.ids import short_id, v7_hex
from desk.rules.tables import SYNCED_TABLES
from desk.services import validation
from desk.services.common import _EVENT_DATA
from desk.sync.capture import _FIELDS_TEXT, _fresh_clocks, _wire_values
from desk.sync.wire import synced_columns, to_wire


def test_an_id_is_the_rfc_9562_uuid7_of_its_millisecond():
    # RFC 9562, appendix A.6: unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    random10 = (0xCC3 << 68 | 0x18C4DC0C0C07398F).to_bytes(10, "big")
    assert v7_hex(0x017F22E279B0, random10) == "017f22e279b07cc398c4dc0c0c07398f"


@given(st.integers(0, 2**48 - 1), st.integers(0, 2**48 - 1), st.binary(min_size=10, max_size=10),
       st.binary(min_size=10, max_size=10))
def test_ids_sort_by_their_millisecond(ms1, ms2, r1, r2):
    a, b = v7_hex(ms1, r1), v7_hex(ms2, r2)
    for h, ms in ((a, ms1), (b, ms2)):
        u = uuid.UUID(h)
        assert (u.version, u.variant, u.int >> 80) == (7, uuid.RFC_4122, ms)
    if ms1 < ms2:
        assert a < b


def test_new_ids_are_unique_version_7_and_told_apart_by_their_short_form():
    ids = [new_id() for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(len(i) == 32 and uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    # Made in the same few milliseconds, their first 8 digits are one; the short form differs.
    assert len({i[:8] for i in ids}) < 5 and len({short_id(i) for i in ids}) > 990


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
