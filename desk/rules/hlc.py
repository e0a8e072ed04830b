"""Hybrid logical clocks: wall milliseconds plus a counter, as one sortable string.

"0001764500000000.00003" sorts like (wall_ms, counter). Ties between stations break by the
station code, outside this module (a version is (hlc, station))."""

from __future__ import annotations

import time
from typing import Callable

ZERO = "0000000000000.00000"


def encode(wall_ms: int, counter: int) -> str:
    return f"{wall_ms:013d}.{counter:05d}"


def decode(hlc: str) -> tuple[int, int]:
    wall, _, counter = hlc.partition(".")
    return int(wall), int(counter or 0)


def wall_now_ms() -> int:
    return time.time_ns() // 1_000_000


def tick(last: str | None, wall_ms: int) -> str:
    """The next local clock value: never behind the last one, even if the wall clock jumped back."""
    lw, lc = decode(last or ZERO)
    if wall_ms > lw:
        return encode(wall_ms, 0)
    return encode(lw, lc + 1)


def receive(last: str | None, seen: str) -> str:
    """After seeing a remote clock, the local clock must not be behind it."""
    return max(last or ZERO, seen)


def wall_ms_of(hlc: str) -> int:
    return decode(hlc)[0]


WallClock = Callable[[], int]
