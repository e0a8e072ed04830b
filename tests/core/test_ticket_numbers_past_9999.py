"""Ticket numbers keep sorting as text past 9999 a day (A0000 = 10000), older five-digit numbers
keep theirs and still count, and a counter left behind (a restore, a pull) never gives an
existing number again."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, strategies as st

from desk.services import intake, numbering
from desk.services.dto import MatterInput, VisitInput


@given(st.integers(1, numbering.MAX_SEQ - 1))
def test_the_sequence_sorts_as_text_and_reads_back(seq):
    a, b = numbering.format_seq(seq), numbering.format_seq(seq + 1)
    assert a < b and len(a) == len(b) == 4 + (seq >= 10_000)
    assert numbering.parse_seq(a) == seq


def test_the_boundaries():
    assert [numbering.format_seq(n) for n in (1, 9999, 10_000, 12_345, 20_000, 269_999)] == [
        "0001", "9999", "A0000", "A2345", "B0000", "Z9999"]
    assert "SX-20261130-9999" < "SX-20261130-A0000"  # was: -10000 sorted before -9999
    assert numbering.parse_seq("10000") == 10_000  # an older desk's five digits


def _save(store, actor):
    return intake.register_visit(store, actor, VisitInput(matters=(MatterInput(summary="咨询"),))).orders[0].ticket_no


def _set_counter(store, seq):
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE ticket_counter SET last_seq = ?", (seq,))


def test_past_9999_then_used_up(store, clerk):
    first = _save(store, clerk)
    _set_counter(store, 9998)
    assert [_save(store, clerk)[-5:] for _ in range(3)] == ["-9999", "A0000", "A0001"]
    _set_counter(store, numbering.MAX_SEQ)
    from desk.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        _save(store, clerk)
    assert "used up" in str(refused.value) or "已用完" in str(refused.value)
    assert first.endswith("-0001")


def test_a_counter_left_behind_never_repeats_a_ticket(store, clerk):
    """Whatever the counter says (a restored file, rows pulled from the centre), the day's
    highest ticket in the file wins, five-digit ones of older desks included."""
    tickets = [_save(store, clerk) for _ in range(3)]
    _set_counter(store, 0)
    assert _save(store, clerk).endswith("-0004")
    with sqlite3.connect(store.path) as conn:  # an older desk's five-digit ticket
        conn.execute("UPDATE work_order SET ticket_no = ? WHERE ticket_no = ?", (tickets[0][:-4] + "10005", tickets[0]))
    _set_counter(store, 0)
    assert _save(store, clerk).endswith("-A0006")


def test_the_older_desks_tickets_are_looked_up_again_after_a_sync(store, clerk):
    """Their look-up walks every ticket from 1000 up, so a Store keeps its answer per day (issue
    20: 2 ms a save at 13,000 tickets a day); a sync may bring more of them, and the next ticket
    is still above every number given."""
    _save(store, clerk)
    _set_counter(store, 1999)
    first = _save(store, clerk)
    assert first.endswith("-2000") and _save(store, clerk).endswith("-2001")  # sorts above "-10005"
    assert store.legacy_tickets  # looked up once for the day
    with store.write() as s:  # as a sync would write it: an older desk's five-digit ticket arrives
        from sqlalchemy import text

        from desk.services.store import mark_changed

        s.execute(text("UPDATE work_order SET ticket_no = :new WHERE ticket_no = :old"),
                  {"new": first[:-4] + "10005", "old": first})
        mark_changed(s, "sync")
    _set_counter(store, 0)
    assert _save(store, clerk).endswith("-A0006")  # not 2002, below a number already given
