"""Moved to desk.rules.permissions (issue 19); this name stays for branches that still import it."""

from desk.rules.permissions import PERMISSIONS, Permission, allowed, require  # noqa: F401
