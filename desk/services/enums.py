"""Moved to desk.rules.enums (issue 19); this name stays for branches that still import it."""

from desk.rules.enums import *  # noqa: F401,F403
from desk.rules.enums import CLOCK_STATUSES, DONE_STATUSES, OPEN_STATUSES  # noqa: F401
