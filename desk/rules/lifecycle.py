"""The work-order state machine, in one place: which action is allowed from which status,
what it needs, where it leads, and which of two concurrent statuses wins a merge.

services/lifecycle.py applies it to the database, intake registers through it, the sync merge
and the central server order statuses by it, the demo generator replays it."""

from __future__ import annotations

from dataclasses import dataclass

from desk.rules import permissions
from desk.rules.enums import OPEN_STATUSES, Action, Status

S = Status
_WORKING = frozenset({S.ACCEPTED, S.IN_PROGRESS})
_WITH_DEPARTMENT = frozenset({S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS})
# Where an extension can be asked for, approved or refused (the deadline belongs to a department).
EXTENDABLE = _WITH_DEPARTMENT | {S.PENDING}
DONE_OR_CLOSED = frozenset({S.ANSWERED, S.RESOLVED, S.CALLED_BACK, S.CLOSED})
# Never undone: a void or a merge does not silently disappear.
FINAL = frozenset({S.MERGED, S.VOIDED})


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status] | None  # None: any status
    needs: tuple[str, ...] = ()  # parameters that must be given
    # Where it leads when that does not depend on the order (None: stays, or decided by the
    # order: resume returns to the status before pending, reopen to dispatched or registered).
    to: Status | None = None


RULES: dict[Action, Rule] = {
    Action.ANSWER_AT_DESK: Rule(frozenset({S.REGISTERED}), ("result",), S.ANSWERED),
    Action.DISPATCH: Rule(frozenset({S.REGISTERED}), ("department_id",), S.DISPATCHED),
    Action.REDISPATCH: Rule(_WITH_DEPARTMENT, ("department_id", "reason"), S.DISPATCHED),
    Action.ACCEPT: Rule(frozenset({S.DISPATCHED}), (), S.ACCEPTED),
    Action.START: Rule(frozenset({S.ACCEPTED}), (), S.IN_PROGRESS),
    Action.PEND: Rule(_WORKING, ("reason",), S.PENDING),
    Action.RESUME: Rule(frozenset({S.PENDING})),
    Action.RESOLVE: Rule(_WORKING, ("result", "solved"), S.RESOLVED),
    Action.CALLBACK: Rule(frozenset({S.RESOLVED}), ("solved", "rating"), S.CALLED_BACK),
    Action.CLOSE: Rule(frozenset({S.CALLED_BACK, S.ANSWERED}), (), S.CLOSED),
    Action.CLOSE_UNREACHED: Rule(frozenset({S.RESOLVED}), ("reason",), S.CLOSED),
    Action.RETURN: Rule(_WITH_DEPARTMENT, ("reason",), S.REGISTERED),
    # 先行联系: while a department has it (the first-contact rate counts it from the dispatch).
    Action.CONTACT: Rule(EXTENDABLE, ("by",)),
    Action.REOPEN: Rule(DONE_OR_CLOSED, ("reason",)),
    Action.REQUEST_EXTENSION: Rule(EXTENDABLE, ("reason", "days")),
    Action.APPROVE_EXTENSION: Rule(EXTENDABLE),
    Action.REFUSE_EXTENSION: Rule(EXTENDABLE, ("reason",)),
    Action.SUPERVISE: Rule(OPEN_STATUSES),
    Action.MERGE: Rule(OPEN_STATUSES, ("target",), S.MERGED),
    Action.VOID: Rule(OPEN_STATUSES | {S.ANSWERED, S.RESOLVED}, ("reason",), S.VOIDED),
    Action.NOTE: Rule(None, ("text",)),
    Action.PRINT: Rule(None),
}

MAX_EXTENSION_DAYS = 30

# The status a new order starts in, and the one action allowed at registration itself: a matter
# answered on the spot is registered and answered in one step (the same rule as later).
INITIAL = S.REGISTERED


def target(action: Action) -> Status | None:
    return RULES[action].to


def refusal(status: str, action: Action, *, extension_state: str = "", supervised: bool = False) -> str | None:
    """Why `action` is not allowed to an order in `status` (a message code), or None."""
    rule = RULES[action]
    status = Status(status)
    in_source = rule.sources is None or status in rule.sources
    if in_source:
        if action == Action.REQUEST_EXTENSION and extension_state == "requested":
            return "extension_already_requested"
        if action in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION) and extension_state != "requested":
            return "extension_not_requested"
        if action == Action.SUPERVISE and supervised:
            return "not_allowed_status"
        return None
    return "not_allowed_status"


def allowed(status: str, action: Action, *, extension_state: str = "", supervised: bool = False) -> bool:
    return refusal(status, action, extension_state=extension_state, supervised=supervised) is None


def allowed_actions(status: str, role: str, *, extension_state: str = "", supervised: bool = False) -> tuple[str, ...]:
    """What the window should offer for an order in `status` to `role`."""
    return tuple(action.value for action in RULES
                 if allowed(status, action, extension_state=extension_state, supervised=supervised)
                 and permissions.allowed(role, action))


# -- the merge order ---------------------------------------------------------------------------

# Lifecycle stage of each status: the later stage wins between concurrent edits.
STAGE: dict[str, int] = {
    S.REGISTERED: 0,
    S.DISPATCHED: 1,
    S.ACCEPTED: 2,
    S.IN_PROGRESS: 3,
    S.PENDING: 3,
    S.ANSWERED: 5,
    S.RESOLVED: 5,
    S.CALLED_BACK: 6,
    S.CLOSED: 7,
}
# Terminal statuses that nothing undoes, ranked above every stage.
TERMINAL: dict[str, int] = {S.MERGED: 1, S.VOIDED: 2}
assert set(STAGE) | set(TERMINAL) == set(Status)
assert set(TERMINAL) == FINAL


def stage(status: str) -> int:
    return STAGE.get(status, 0)


def is_backward(old_status: str, new_status: str) -> bool:
    """A move to an earlier lifecycle stage within one epoch (return, resume to accepted)."""
    return stage(new_status) < stage(old_status)
