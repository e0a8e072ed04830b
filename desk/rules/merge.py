"""The merge rules, pure and shared by the desk and the central server.

A row travels as a *state*: ``{"data": {field: value}, "clocks": {field: [hlc, station]},
"conflicts": {"field|station": {"value", "hlc", "station"}}}``. Merging two states of one row
is commutative, associative and idempotent (tests/rules/test_merge_properties.py proves it with
hypothesis), so every replica ends equal whatever order batches arrive in, however often.

- Ordinary fields: last writer wins per field by (HLC, station).
- Status (work orders): ``status`` and ``status_epoch`` travel together as one versioned value
  ``[status, epoch, generation]`` compared by (void/merged first, epoch, generation, lifecycle
  stage, HLC, station). A reopen raises ``status_epoch`` (lifecycle.py); any other explicit
  backward move (return to registered, resume to accepted) raises the generation (capture.py),
  so a deliberate step back beats a concurrent step forward, and otherwise the later stage wins
  whatever the clocks say: resolved beats in progress. Voided and merged are never undone.
- Conflicts: for each field, the best losing version of every *other* station is kept (its
  value, clock and station), so people can see what was overwritten. Keeping the best loser per
  station (not every loser) is what keeps the merge associative; a station's own older values
  are its normal history, not conflicts.
- History (events) is append-only: rows are immutable and merged by union of ids.
- Reference data is central-authoritative: not merged, the central copy replaces the desk's.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from desk.rules.clocks import EPOCH, STATUS, field_clocks, status_gen
from desk.rules.hlc import ZERO as ZERO_HLC
from desk.rules.lifecycle import STAGE, TERMINAL, is_backward, stage
from desk.rules.tables import (APPLY_ORDER, HISTORY_TABLES, LOCAL_ONLY, NOT_SYNCED, REFERENCE_TABLES,
                               STATION_TABLES, SYNCED_TABLES)

# Bookkeeping every edit moves: two writers "disagreeing" on it is no disagreement at all.
NO_CONFLICT = frozenset({"updated_at", "created_at"})

# Names other modules import from here (kept for branches written before desk.rules split them).
__all__ = ["APPLY_ORDER", "EPOCH", "HISTORY_TABLES", "LOCAL_ONLY", "NO_CONFLICT", "NOT_SYNCED",
           "REFERENCE_TABLES", "STAGE",
           "STATION_TABLES", "STATUS", "SYNCED_TABLES", "TERMINAL", "ZERO_HLC", "change_state", "empty_state",
           "field_key", "is_backward", "merge_states", "stage", "status_gen", "unfold", "versions_of"]


# -- versions ---------------------------------------------------------------------------------

def field_key(field: str, value: Any, clock: list) -> tuple:
    """The total order of the versions of one field."""
    hlc, station = clock[0], clock[1]
    if field == STATUS and isinstance(value, list):
        status, epoch, gen = value
        return (TERMINAL.get(status, 0), int(epoch), int(gen), stage(status), hlc, station, _tiebreak(value))
    return (hlc, station, _tiebreak(value))


def _tiebreak(value: Any) -> str:
    # Two writes with the same clock and station cannot happen in practice (the HLC ticks per
    # transaction), but the order must still be total for the merge to be a lattice.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def versions_of(table: str, data: dict[str, Any], clocks: dict[str, list]) -> dict[str, tuple[Any, list]]:
    """data+clocks -> {field: (value, clock)}; status and epoch fold into one value."""
    out: dict[str, tuple[Any, list]] = {}
    for field, value in data.items():
        if field == EPOCH and table == "work_order":
            continue
        clock = list(clocks.get(field) or [ZERO_HLC, ""])
        if field == STATUS and table == "work_order":
            gen = clock[2] if len(clock) > 2 else 0
            value = [value, int(data.get(EPOCH) or 0), int(gen)]
            clock = clock[:2]
        out[field] = (value, clock)
    return out


def unfold(table: str, versions: dict[str, tuple[Any, list]]) -> tuple[dict[str, Any], dict[str, list]]:
    data: dict[str, Any] = {}
    clocks: dict[str, list] = {}
    for field, (value, clock) in versions.items():
        if field == STATUS and table == "work_order" and isinstance(value, list):
            data[STATUS], data[EPOCH] = value[0], value[1]
            clocks[STATUS] = [clock[0], clock[1], value[2]]
        else:
            data[field] = value
            clocks[field] = list(clock)
    return data, clocks


# -- the merge --------------------------------------------------------------------------------

def empty_state() -> dict:
    return {"data": {}, "clocks": {}, "conflicts": {}}


def _copy(value: Any) -> Any:
    """copy.deepcopy for JSON-shaped states, several times faster (no memo): a catch-up merges
    ~100,000 new rows on the centre."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return copy.deepcopy(value)


def merge_states(table: str, a: dict | None, b: dict | None) -> dict:
    """The merge of two states of one row. Pure: the inputs are not changed."""
    if not a:
        return _normalise(table, _copy(b or empty_state()))
    if not b:
        return _normalise(table, _copy(a))
    if table in HISTORY_TABLES:
        # Immutable rows: both sides hold the same event; pick deterministically anyway.
        return copy.deepcopy(min(a, b, key=_tiebreak))
    va = versions_of(table, a.get("data", {}), a.get("clocks", {}))
    vb = versions_of(table, b.get("data", {}), b.get("clocks", {}))
    conflicts = _merge_conflicts(table, a.get("conflicts", {}), b.get("conflicts", {}))
    merged: dict[str, tuple[Any, list]] = {}
    for field in sorted(set(va) | set(vb)):
        x, y = va.get(field), vb.get(field)
        if x is None or y is None:
            merged[field] = x or y
            continue
        kx, ky = field_key(field, x[0], x[1]), field_key(field, y[0], y[1])
        win, lose = (x, y) if kx >= ky else (y, x)
        merged[field] = win
        if kx != ky:
            _offer_conflict(table, conflicts, field, lose)
    data, clocks = unfold(table, merged)
    state = {"data": data, "clocks": clocks, "conflicts": conflicts}
    return _normalise(table, state)


def _offer_conflict(table: str, conflicts: dict, field: str, version: tuple[Any, list]) -> None:
    value, clock = version
    if not clock[1] or field in NO_CONFLICT:  # nobody wrote it (no clock), or bookkeeping: nothing lost
        return
    key = f"{field}|{clock[1]}"
    entry = {"value": value, "hlc": clock[0], "station": clock[1]}
    old = conflicts.get(key)
    if old is None or field_key(field, value, [clock[0], clock[1]]) > field_key(field, old["value"], [old["hlc"], old["station"]]):
        conflicts[key] = entry


def _merge_conflicts(table: str, a: dict, b: dict) -> dict:
    out = copy.deepcopy(a)
    for key in [k for k in out if k.split("|", 1)[0] in NO_CONFLICT]:
        del out[key]
    for key, entry in b.items():
        field = key.split("|", 1)[0]
        if field in NO_CONFLICT:
            continue
        old = out.get(key)
        if old is None or field_key(field, entry["value"], [entry["hlc"], entry["station"]]) > \
                field_key(field, old["value"], [old["hlc"], old["station"]]):
            out[key] = copy.deepcopy(entry)
    return out


def _normalise(table: str, state: dict) -> dict:
    """Drop conflict entries that are not losers: the winner's own station, or a version that
    is not below the current winner (it arrived in a conflicts map before its own row)."""
    state.setdefault("data", {})
    state.setdefault("clocks", {})
    conflicts = state.setdefault("conflicts", {})
    if not conflicts:
        return state
    versions = versions_of(table, state["data"], state["clocks"])
    for key in list(conflicts):
        field = key.split("|", 1)[0]
        entry = conflicts[key]
        win = versions.get(field)
        lost_key = field_key(field, entry["value"], [entry["hlc"], entry["station"]])
        if win is None:
            continue
        if win[1][1] == entry["station"] or lost_key >= field_key(field, win[0], win[1]):
            del conflicts[key]
    data, clocks = unfold(table, versions)
    state["data"], state["clocks"] = data, clocks
    return state


def change_state(table: str, fields: dict[str, Any], hlc: str, station: str, status_gen: int = 0) -> dict:
    """The state one captured change stands for: every field at the change's clock."""
    clocks = field_clocks(table, fields, hlc, station, status_gen)
    data = dict(fields)
    if table == "work_order" and EPOCH in data and STATUS not in data:
        # The epoch only moves with the status; alone it carries no version.
        data.pop(EPOCH)
    return {"data": data, "clocks": clocks, "conflicts": {}}
