"""A row's id: made where the row is created, so rows from every station can meet centrally.

UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. The time in front
keeps a station's new rows side by side in every index keyed by an id: a save writes (and on
an encrypted file encrypts) the same few index pages the last save left in the cache, where a
random (v4) id landed on a different, uncached page of each such index every time. Older rows
keep their v4 ids; the two kinds mix freely, as ids are only compared for equality and order.
"""

from __future__ import annotations

import os
import time


def new_id() -> str:
    """A new UUIDv7 as 32 lowercase hex digits."""
    return v7_hex(time.time_ns() // 1_000_000, os.urandom(10))


def v7_hex(unix_ms: int, random10: bytes) -> str:
    """The UUIDv7 of this millisecond and these 80 random bits (74 of them used): version 7
    and the RFC 9562 variant set as uuid.UUID sets them."""
    rand = int.from_bytes(random10, "big")
    return "%032x" % ((unix_ms & 0xFFFF_FFFF_FFFF) << 80 | 7 << 76 | (rand >> 68 & 0xFFF) << 64
                      | 0b10 << 62 | rand & 0x3FFF_FFFF_FFFF_FFFF)


def short_id(row_id: str) -> str:
    """The 8 hex digits shown where a record has no ticket number: the id's last 8, which are
    random in both kinds (a v7 id's first 8 are the same for every row made in the same minute)."""
    return row_id[-8:]
