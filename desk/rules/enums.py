"""The desk's vocabularies. Stored as their string values."""

from __future__ import annotations

from enum import StrEnum

from desk.i18n import label


class _Labelled(StrEnum):
    @classmethod
    def _prefix(cls) -> str:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return label(f"{self._prefix()}.{self.value}")


class Status(_Labelled):
    REGISTERED = "registered"
    ANSWERED = "answered"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RESOLVED = "resolved"
    CALLED_BACK = "called_back"
    CLOSED = "closed"
    MERGED = "merged"
    VOIDED = "voided"

    @classmethod
    def _prefix(cls) -> str:
        return "status"


# Still somebody's work to do.
OPEN_STATUSES = frozenset({Status.REGISTERED, Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS, Status.PENDING})
# The deadline clock runs (pending pauses it; registered has no department yet).
CLOCK_STATUSES = frozenset({Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS})
DONE_STATUSES = frozenset({Status.ANSWERED, Status.RESOLVED, Status.CALLED_BACK, Status.CLOSED})


class Kind(_Labelled):
    CONSULT = "consult"
    HELP = "help"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    SERVICE = "service"
    SIGNUP = "signup"
    PRAISE = "praise"

    @classmethod
    def _prefix(cls) -> str:
        return "kind"


class Channel(_Labelled):
    WALK_IN = "walk_in"
    PHONE = "phone"
    VISIT = "visit"
    SURVEY = "survey"

    @classmethod
    def _prefix(cls) -> str:
        return "channel"


class Urgency(_Labelled):
    NORMAL = "normal"
    URGENT = "urgent"

    @classmethod
    def _prefix(cls) -> str:
        return "urgency"


class Role(_Labelled):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @classmethod
    def _prefix(cls) -> str:
        return "role"


class Action(_Labelled):
    """Everything a person can do to a work order; each becomes an event."""

    REGISTER = "register"
    ANSWER_AT_DESK = "answer_at_desk"
    DISPATCH = "dispatch"
    REDISPATCH = "redispatch"
    ACCEPT = "accept"
    START = "start"
    PEND = "pend"
    RESUME = "resume"
    RESOLVE = "resolve"
    CALLBACK = "callback"
    CLOSE = "close"
    CLOSE_UNREACHED = "close_unreached"
    RETURN = "return"
    CONTACT = "contact"  # 先行联系: the department or the station reached the resident
    REOPEN = "reopen"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    REFUSE_EXTENSION = "refuse_extension"
    SUPERVISE = "supervise"
    MERGE = "merge"
    VOID = "void"
    NOTE = "note"
    PRINT = "print"
    REVEAL = "reveal"
    # The subdistrict (desk-server) set the status centrally; never offered at the desk.
    SET_CENTRALLY = "central_status"

    @classmethod
    def _prefix(cls) -> str:
        return "action"
