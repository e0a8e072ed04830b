"""Moved to desk.errors (issue 19: errors below every layer); this name stays for branches that
still import it."""

from desk.errors import *  # noqa: F401,F403
from desk.errors import DeskError, shown  # noqa: F401
