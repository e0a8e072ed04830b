"""The desk's tables (SQLAlchemy 2 typed mapping). Import from here."""

from desk.models.base import Base, UTCDateTime, new_id, utcnow
from desk.models.knowledge import KnowledgeEntry, KnowledgeUse
from desk.models.orders import AuditEntry, Event, TicketCounter, Visit, Visitor, WorkOrder
from desk.models import sync as _sync_tables  # noqa: F401 - registers the sync tables on Base.metadata
from desk.models.pulse import Problem, ProblemMeasure, ProblemOrder
from desk.models.reference import (
    CalendarOverride,
    Category,
    Department,
    Grid,
    ResidentialArea,
    Setting,
    Staff,
    Station,
)

__all__ = [
    "AuditEntry", "Base", "CalendarOverride", "Category", "Department", "Event", "Grid", "KnowledgeEntry", "KnowledgeUse",
    "Problem", "ProblemMeasure", "ProblemOrder",
    "ResidentialArea", "Setting", "Staff", "Station", "TicketCounter", "UTCDateTime", "Visit",
    "Visitor", "WorkOrder", "new_id", "utcnow",
]
