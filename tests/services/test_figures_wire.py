"""Figures to JSON and back (the central server's all-stations figures): a hypothesis round trip
over every field of every dataclass, the real figures of the known dataset, and the public view
that carries no resident's name, phone or words."""

from __future__ import annotations

import json
from datetime import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.services import figures, figures_wire
from desk.services.dto import OrderFilter, OrderRow
from desk.services.figures import Figures, Period, Scope
from tests import known_orders

def small(tp):
    """A strategy for any type the figures hold, kept small (short texts, at most 3 items per
    tuple) so one example is built in milliseconds; every dataclass field is filled."""
    import dataclasses
    import typing
    from datetime import date, datetime
    from typing import Any

    if tp is Any:  # a drill's argument: what the figures put there
        return st.none() | st.integers(0, 23) | st.text(max_size=6) | st.lists(st.text(max_size=4), max_size=3).map(tuple)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        return st.one_of(*[st.none() if a is type(None) else small(a) for a in typing.get_args(tp)])
    if origin is tuple:
        return st.lists(small(typing.get_args(tp)[0]), max_size=3).map(tuple)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return st.builds(tp, **{f.name: small(hints[f.name]) for f in dataclasses.fields(tp)})
    return {str: st.text(max_size=6), int: st.integers(-10**9, 10**9), bool: st.booleans(),
            float: st.floats(allow_nan=False, allow_infinity=False),
            datetime: st.datetimes(timezones=st.none() | st.just(timezone.utc)),
            date: st.dates()}[tp]


def _through_json(fig: Figures) -> Figures:
    return figures_wire.from_json(json.loads(json.dumps(figures_wire.to_json(fig), ensure_ascii=False)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small(Figures))
def test_any_figures_survive_the_json_round_trip(fig):
    assert _through_json(fig) == fig


@settings(max_examples=50, deadline=None)
@given(small(OrderRow))
def test_public_rows_keep_no_personal_field(row):
    public = figures_wire.public_row(row)
    assert (public.visitor_name, public.visitor_phone, public.summary, public.address) == ("", "", "", "")
    assert (public.id, public.ticket_no, public.resolve_due_at) == (row.id, row.ticket_no, row.resolve_due_at)


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    ds = known_orders.dataset(tmp_path_factory.mktemp("wire"))
    ds.clock.now = known_orders.END.astimezone(timezone.utc)
    yield ds
    ds.store.close()


def test_the_known_month_round_trips_exactly(known):
    fig = figures.compute(known.store, known.supervisor, Period.month(known_orders.END.date()),
                          Scope(area_ids=(known.ref.area["SX"].id,)))
    assert fig.overdue and fig.hot_topics and fig.league  # the interesting parts are there
    assert _through_json(fig) == fig
    back = _through_json(figures_wire.public(fig))
    assert back.response.value == fig.response.value and back.by_hour == fig.by_hour
    text = json.dumps(figures_wire.to_json(figures_wire.public(fig)), ensure_ascii=False)
    for personal in ("张三明", "李梅", "王建国", "赵敏", "1381234", "13900001111"):
        assert personal not in text


def test_what_is_not_figures_is_refused():
    with pytest.raises(figures_wire.FormatError):
        figures_wire.from_json({"format": 99, "figures": {}})
    with pytest.raises(figures_wire.FormatError):
        figures_wire.from_json({"format": figures_wire.FORMAT, "figures": {"period": "x"}})


def test_a_field_the_server_does_not_send_yet_takes_its_default():
    f = OrderFilter(date_from="2026-12-01", ids=("a",))
    doc = figures_wire._encode(f)
    del doc["ids"]
    assert figures_wire._decode(OrderFilter, doc) == OrderFilter(date_from="2026-12-01")


def test_figures_from_an_older_server_still_read(known):
    """Issue 16 added fields; a centre that does not send them yet gives None ("—" on screen)
    and says its satisfaction counted 4–5, the rule before issue 16."""
    fig = figures.compute(known.store, known.supervisor, Period.month(known_orders.END.date()))
    doc = figures_wire.to_json(fig)
    for key in ("solved_by_department", "unsatisfied", "first_contact", "satisfied_at_least", "first_contact_hours",
                "overdue_pended"):
        del doc["figures"][key]
    old = figures_wire.from_json(json.loads(json.dumps(doc)))
    assert old.first_contact is None and old.unsatisfied is None and old.solved_by_department is None
    assert old.satisfied_at_least == 4 and old.intake == fig.intake and old.response == fig.response
