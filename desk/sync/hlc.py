"""Moved to desk.rules.hlc (issue 19); this name stays for branches that still import it."""

from desk.rules.hlc import *  # noqa: F401,F403
from desk.rules.hlc import ZERO, WallClock, decode, encode, receive, tick, wall_ms_of, wall_now_ms  # noqa: F401
