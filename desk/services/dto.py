"""Plain frozen values the services hand to the window and the CLI (never ORM objects)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Optional


def to_jsonable(value: Any) -> Any:
    """dataclasses -> dicts, datetimes -> ISO 8601, recursively (for --json output)."""
    if hasattr(value, "__dataclass_fields__"):
        value = asdict(value)
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Actor:
    id: str
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class StationInfo:
    id: str
    code: str
    name: str
    name_en: str
    phone: str
    address: str
    timezone: str
    is_demo: bool


@dataclass(frozen=True)
class StaffInfo:
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    last_login_at: Optional[datetime]


@dataclass(frozen=True)
class DepartmentInfo:
    id: str
    code: str
    name: str
    name_en: str
    contact: str
    phone: str
    active: bool


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    code: str
    name: str
    name_en: str
    parent_id: Optional[str]
    default_department_id: Optional[str]
    accept_limit: str
    resolve_limit: str
    active: bool
    depth: int


@dataclass(frozen=True)
class AreaInfo:
    id: str
    code: str
    name: str
    name_en: str
    grid_id: Optional[str]
    grid_name: str
    active: bool


@dataclass(frozen=True)
class VisitorInfo:
    id: str
    name: str  # masked unless revealed
    phone: str  # masked unless revealed
    id_number: str
    area_id: Optional[str]
    area_name: str
    lane: str
    number: str
    room: str
    notes: str
    masked: bool


@dataclass(frozen=True)
class OrderRow:
    id: str
    ticket_no: str
    created_at: datetime
    status: str
    kind: str
    channel: str
    urgency: str
    category_id: Optional[str]
    category_name: str
    summary: str
    lead_department_id: Optional[str]
    department_name: str
    area_id: Optional[str]
    area_name: str
    address: str
    visitor_name: str  # masked
    visitor_phone: str  # masked
    accept_due_at: Optional[datetime]
    resolve_due_at: Optional[datetime]
    overdue: bool
    due_soon: bool
    supervised: bool
    extension_state: str
    rating: Optional[int]


@dataclass(frozen=True)
class EventInfo:
    id: str
    at: datetime
    actor_name: str
    kind: str
    from_status: str
    to_status: str
    reason: str
    data: dict


@dataclass(frozen=True)
class OrderDetail:
    row: OrderRow
    visit_id: str
    details: str
    lane: str
    number: str
    room: str
    result: str
    solved: Optional[bool]
    rating: Optional[int]
    return_count: int
    reopen_count: int
    extension_count: int
    extension_days: int
    assist_department_ids: tuple[str, ...]
    assist_department_names: tuple[str, ...]
    merged_into_ticket: str
    registered_by_name: str
    visitor: Optional[VisitorInfo]
    siblings: tuple[str, ...]  # other tickets of the same visit
    events: tuple[EventInfo, ...]
    allowed_actions: tuple[str, ...]


@dataclass(frozen=True)
class VisitResult:
    visit_id: str
    visitor_id: Optional[str]
    orders: tuple[OrderRow, ...]


@dataclass(frozen=True)
class MatterInput:
    """One matter of a visit, as the clerk typed it."""

    summary: str
    kind: str = "consult"
    category_id: Optional[str] = None
    details: str = ""
    urgency: str = "normal"
    area_id: Optional[str] = None
    lane: str = ""
    number: str = ""
    room: str = ""
    # Dispatch right away to this department (None: the category's default, if dispatch).
    department_id: Optional[str] = None
    assist_department_ids: tuple[str, ...] = ()
    dispatch: bool = False
    # Answered on the spot: the answer given closes the matter at once.
    answer: Optional[str] = None
    # The knowledge-base entry whose answer was given (recorded for the dashboard).
    kb_entry_id: Optional[str] = None
    # The registered problem (问题清单 number) the clerk linked it to at intake, with one key.
    problem_number: Optional[int] = None


@dataclass(frozen=True)
class VisitInput:
    matters: tuple[MatterInput, ...]
    channel: str = "walk_in"
    visitor_id: Optional[str] = None  # a returning visitor picked from the phone lookup
    name: str = ""
    phone: str = ""
    id_number: str = ""
    area_id: Optional[str] = None
    lane: str = ""
    number: str = ""
    room: str = ""
    notes: str = ""


@dataclass(frozen=True)
class VisitorHistory:
    visitor: VisitorInfo
    open_orders: tuple[OrderRow, ...]
    recent_orders: tuple[OrderRow, ...]
    total_orders: int


@dataclass(frozen=True)
class OrderFilter:
    """What the work queue shows. Empty fields do not filter."""

    view: str = "all"  # all, today, mine, open, overdue, due_soon, awaiting_callback, supervised
    statuses: tuple[str, ...] = ()
    department_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    area_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    date_from: Optional[str] = None  # local YYYY-MM-DD, inclusive
    date_to: Optional[str] = None
    text: str = ""
    visitor_id: Optional[str] = None
    ids: tuple[str, ...] = field(default=())
