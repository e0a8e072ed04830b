"""Who may do what: the one table the services check (the window only hides what it says)."""

from __future__ import annotations

from enum import StrEnum

from desk.i18n import label
from desk.rules.enums import Action, Role
from desk.errors import PermissionDenied


class Permission(StrEnum):
    """Actions outside a single order's lifecycle."""

    REVEAL_PERSONAL_DATA = "reveal_personal_data"
    EXPORT_FULL = "export_full"
    EXPORT_MASKED = "export_masked"
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_AUDIT = "view_audit"
    MANAGE_REFERENCE = "manage_reference"  # departments, categories, areas, calendar
    MANAGE_STAFF = "manage_staff"
    MANAGE_STATION = "manage_station"
    SYNC = "sync"
    BACKUP = "backup"


_CLERK = frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMIN})
_SUPERVISOR = frozenset({Role.SUPERVISOR, Role.ADMIN})
_ADMIN = frozenset({Role.ADMIN})

PERMISSIONS: dict[Action | Permission, frozenset[Role]] = {
    Action.REGISTER: _CLERK,
    Action.ANSWER_AT_DESK: _CLERK,
    Action.DISPATCH: _CLERK,
    Action.REDISPATCH: _CLERK,
    Action.ACCEPT: _CLERK,
    Action.START: _CLERK,
    Action.PEND: _CLERK,
    Action.RESUME: _CLERK,
    Action.RESOLVE: _CLERK,
    Action.CALLBACK: _CLERK,
    Action.CLOSE: _CLERK,
    Action.RETURN: _CLERK,
    Action.CONTACT: _CLERK,
    Action.REQUEST_EXTENSION: _CLERK,
    Action.NOTE: _CLERK,
    Action.PRINT: _CLERK,
    Action.CLOSE_UNREACHED: _SUPERVISOR,
    Action.REOPEN: _SUPERVISOR,
    Action.APPROVE_EXTENSION: _SUPERVISOR,
    Action.REFUSE_EXTENSION: _SUPERVISOR,
    Action.SUPERVISE: _SUPERVISOR,
    Action.MERGE: _SUPERVISOR,
    Action.VOID: _SUPERVISOR,
    Action.REVEAL: _SUPERVISOR,
    Permission.REVEAL_PERSONAL_DATA: _SUPERVISOR,
    Permission.EXPORT_FULL: _SUPERVISOR,
    Permission.EXPORT_MASKED: _CLERK,
    Permission.VIEW_DASHBOARD: _SUPERVISOR,
    Permission.VIEW_AUDIT: _SUPERVISOR,
    Permission.MANAGE_REFERENCE: _SUPERVISOR,
    Permission.SYNC: _CLERK,
    Permission.BACKUP: _SUPERVISOR,
    Permission.MANAGE_STAFF: _ADMIN,
    Permission.MANAGE_STATION: _ADMIN,
}


def allowed(role: str, what: Action | Permission) -> bool:
    return Role(role) in PERMISSIONS[what]


def require(role: str, what: Action | Permission) -> None:
    if not allowed(role, what):
        what_label = what.label if isinstance(what, Action) else label(f"permission.{what.value}")
        raise PermissionDenied("not_allowed_role", role=Role(role).label, action=what_label)
