"""Every pushed change checked against the desk's own schema before the centre applies it.

The desk's tables (desk.models) say what a row may hold: which columns travel, their types,
their sizes, which may be empty, which point at which parent. A station's change is refused
(quarantined, with a reason the station sees) when it breaks any of that, or when it reaches
for what is not its own: another station's order, visit, visitor or staff, another station's
ticket numbers, or a reference row another station made and no central operator approved.
Nothing here writes; the push applies what passed (desk.server.push).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text

from desk.models import UTCDateTime
from desk.rules.lifecycle import STAGE, TERMINAL
from desk.rules.tables import HISTORY_TABLES, REFERENCE_TABLES, STATION_TABLES
from desk.sync.wire import synced_columns, table as desk_table

TEXT_MAX = 20_000  # characters in a free-text column: a long complaint fits many times over
INT_LIMIT = 2**31  # the desk's Integer columns hold counts, hours, ratings
OWNED = STATION_TABLES + HISTORY_TABLES
STATUSES = set(STAGE) | set(TERMINAL)


class Reject(Exception):
    """A change the centre will not apply: a short reason code and a detail for the station."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail[:300]


@dataclass(frozen=True)
class Rule:
    kind: str  # str | int | bool | datetime | other
    max_len: int | None
    nullable: bool
    required: bool  # a new row must carry it (NOT NULL, no default)
    parent: str | None  # the table a foreign key points at


@functools.lru_cache(maxsize=None)
def rules(table: str) -> dict[str, Rule]:
    out = {}
    cols = desk_table(table).columns
    for name in synced_columns(table):
        col = cols[name]
        t = col.type
        if isinstance(t, UTCDateTime):
            kind, size = "datetime", 40
        elif isinstance(t, Boolean):
            kind, size = "bool", None
        elif isinstance(t, Integer):
            kind, size = "int", None
        elif isinstance(t, Text):
            kind, size = "str", TEXT_MAX
        elif isinstance(t, String):
            kind, size = "str", t.length or TEXT_MAX
        else:
            kind, size = "other", None
        parent = next((fk.column.table.name for fk in col.foreign_keys), None)
        required = not col.nullable and col.default is None and col.server_default is None
        out[name] = Rule(kind, size, bool(col.nullable), required, parent)
    return out


@functools.lru_cache(maxsize=None)
def _required(table: str) -> tuple[str, ...]:
    return tuple(n for n, r in rules(table).items() if r.required)


def check_fields(table: str, fields: dict, *, new: bool) -> None:
    """Types, sizes and NOT NULLs of one change's fields (a new row: every required column)."""
    table_rules = rules(table)
    for name, value in fields.items():
        rule = table_rules.get(name)
        if rule is None:
            raise Reject("unknown_field", f"{table}.{name}")
        _check_value(table, name, rule, value)
    if new:
        missing = [n for n in _required(table) if fields.get(n) is None]
        if missing:
            raise Reject("missing_field", f"{table}: {', '.join(sorted(missing))}")
    if table == "work_order":
        for name in ("status", "status_before_pending"):
            value = fields.get(name)
            if value and value not in STATUSES:
                raise Reject("bad_value", f"work_order.{name} = {str(value)[:20]}")


def _check_value(table: str, name: str, rule: Rule, value) -> None:
    where = f"{table}.{name}"
    if value is None:
        if not rule.nullable:
            raise Reject("null_field", where)
        return
    if rule.kind == "str":
        if not isinstance(value, str):
            raise Reject("bad_type", f"{where}: text expected")
        if len(value) > (rule.max_len or TEXT_MAX):
            raise Reject("too_long", f"{where}: {len(value)} characters, at most {rule.max_len}")
        if "\x00" in value:
            raise Reject("bad_text", f"{where}: NUL character")
        if rule.parent and not value.strip():  # an empty id points at nothing
            raise Reject("null_field" if rule.required else "bad_value", where)
    elif rule.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or not -INT_LIMIT < value < INT_LIMIT:
            raise Reject("bad_type", f"{where}: whole number expected")
    elif rule.kind == "bool":
        if not (isinstance(value, bool) or value in (0, 1)):
            raise Reject("bad_type", f"{where}: true/false expected")
    elif rule.kind == "datetime":
        if not isinstance(value, str) or len(value) > (rule.max_len or 40):
            raise Reject("bad_type", f"{where}: date and time expected")
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise Reject("bad_type", f"{where}: date and time expected") from None


@functools.lru_cache(maxsize=None)
def _foreign_keys(table: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, rule.parent) for name, rule in rules(table).items() if rule.parent)


def parents(table: str, fields: dict) -> list[tuple[str, str, str]]:
    """(column, parent table, parent id) of every foreign key this change sets."""
    out = []
    for name, parent in _foreign_keys(table):
        value = fields.get(name)
        if value and isinstance(value, str):
            out.append((name, parent, value))
    return out


def check_row(station: str, table: str, row_id: str, fields: dict, current: dict | None, lookup,
              ticket_owner) -> None:
    """What a station may write: its own rows, pointing at its own rows or shared reference
    data. `lookup(table, id)` -> the centre's row (or this batch's) or None;
    `ticket_owner(ticket_no)` -> the row id that holds that ticket number, or None."""
    origin = fields.get("origin_station")
    if table in OWNED or current is None:
        if origin is not None and origin != station:
            raise Reject("not_your_row", f"{table} {row_id}: origin_station {str(origin)[:16]}, you are {station}")
    if table == "station" and "code" in fields and fields["code"] != station:
        raise Reject("not_your_station", f"station code {str(fields['code'])[:16]}, you are {station}")
    if table == "work_order" and "ticket_no" in fields:
        ticket = str(fields["ticket_no"] or "")
        if not ticket.startswith(f"{station}-"):
            raise Reject("not_your_ticket", f"ticket {ticket[:32]} does not start with {station}-")
        holder = ticket_owner(ticket)
        if holder is not None and holder != row_id:
            raise Reject("duplicate_ticket", f"ticket {ticket[:32]} is already order {holder}")
    for column, parent_table, parent_id in parents(table, fields):
        if parent_table == table and parent_id == row_id:
            continue
        parent = lookup(parent_table, parent_id)
        if parent is None:
            raise Reject("missing_parent", f"{table}.{column} -> {parent_table} {parent_id[:32]} unknown")
        owner = parent.get("origin_station")
        if parent_table in OWNED and owner != station:
            raise Reject("not_your_row", f"{table}.{column} -> {parent_table} of {owner}")
        if parent_table in REFERENCE_TABLES and not parent.get("shared") and owner != station:
            raise Reject("not_your_row", f"{table}.{column} -> {parent_table} of {owner}, not approved")
