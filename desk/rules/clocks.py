"""The one builder of a row's field clocks, used by capture, the snapshot of old rows, the
merge and the central server.

A field's clock is ``[hlc, station]``; a work order's status clock also carries the status
generation ``[hlc, station, gen]`` (raised by a deliberate step back, see lifecycle.is_backward),
and ``status_epoch`` has no clock of its own: it travels folded into the status."""

from __future__ import annotations

from typing import Any, Iterable

from desk.rules.lifecycle import is_backward

STATUS = "status"
EPOCH = "status_epoch"
ORDER_TABLE = "work_order"


def field_clocks(table: str, fields: Iterable[str], stamp: str, station: str, gen: int = 0) -> dict[str, list]:
    """The clocks of `fields` written at `stamp` by `station` (the status at generation `gen`)."""
    clocks: dict[str, list] = {}
    for field in fields:
        if table == ORDER_TABLE and field == EPOCH:
            continue
        clocks[field] = [stamp, station, gen] if (table == ORDER_TABLE and field == STATUS) else [stamp, station]
    return clocks


def status_gen(clocks: dict[str, list]) -> int:
    """The status generation a row's clocks hold (0 when it never stepped back)."""
    clock = clocks.get(STATUS) or []
    return int(clock[2]) if len(clock) > 2 else 0


def next_status_gen(clocks: dict[str, list], old_status: str | None, new_status: Any, *,
                    epoch_raised: bool = False) -> int:
    """The generation of a status change: one more after an explicit step back within an epoch
    (a reopen raises the epoch instead), else the current one."""
    gen = status_gen(clocks)
    if old_status is not None and new_status is not None and not epoch_raised and is_backward(old_status, new_status):
        gen += 1
    return gen
