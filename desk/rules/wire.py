"""The sync wire format's pure part: the protocol version both ends check, and how a value
travels (datetimes as UTC ISO-8601 text). desk.sync.wire maps the desk's tables onto it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

# Raised when a change's shape changes; the centre refuses a desk that speaks another one.
PROTOCOL_VERSION = 1
# In a change's fields: {field: [hlc, station]} of the versions a desk edit overwrote (not a
# column). The centre records a conflict only if it holds another version (desk.server.push).
BASE_KEY = "_base"


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    return value
