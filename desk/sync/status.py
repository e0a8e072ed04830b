"""What the window shows about sync, as plain dataclasses (Qt-free): last success, changes
waiting, quarantined changes with the reason, conflicts with both values, who and when."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from sqlalchemy import func, select

from desk.rules import hlc as hlc_mod
from desk.sync import schema, state
from desk.i18n import _, by_language, L_, label
from desk.sync.config import nightly_of, token_of, url_of
from desk.sync.errors import reason_label, stored_error_text
from desk.models import WorkOrder
from desk.rules.permissions import Permission, require
from desk.services.numbering import numbering_pending
from desk.sync.held import HeldRow, held_count, held_rows

# Field names the sync screen shows for a conflict (others show as they are stored).
# field -> its label key (the words are the _LABELS below, in the catalogue)
FIELD_LABELS = {field: f"sync_field.{field}" for field in (
    "status", "summary", "details", "kind", "urgency", "channel", "category_id", "lead_department_id", "area_id",
    "lane", "number", "room", "result", "solved", "rating", "supervised", "name", "phone", "notes",
    "resolve_due_at", "accept_due_at", "extension_state")}
_LABELS = (
    L_("sync_field.status", "Status"),
    L_("sync_field.summary", "Summary"),
    L_("sync_field.details", "Details"),
    L_("sync_field.kind", "Kind"),
    L_("sync_field.urgency", "Urgency"),
    L_("sync_field.channel", "Channel"),
    L_("sync_field.category_id", "Category"),
    L_("sync_field.lead_department_id", "Department"),
    L_("sync_field.area_id", "Residential area"),
    L_("sync_field.lane", "Road / lane"),
    L_("sync_field.number", "No."),
    L_("sync_field.room", "Room"),
    L_("sync_field.result", "Result"),
    L_("sync_field.solved", "Solved"),
    L_("sync_field.rating", "Satisfaction"),
    L_("sync_field.supervised", "Supervised"),
    L_("sync_field.name", "Name"),
    L_("sync_field.phone", "Phone"),
    L_("sync_field.notes", "Notes"),
    L_("sync_field.resolve_due_at", "Resolve by"),
    L_("sync_field.accept_due_at", "Accept by"),
    L_("sync_field.extension_state", "Extension"),
)
# Bookkeeping the merge keeps but people need not judge: not listed on the sync screen.
BOOKKEEPING_FIELDS = frozenset({"updated_at", "created_at", "status_epoch", "status_before_pending",
                                "created_local_date", "created_local_hour"})
_ENUM_FIELDS = {"kind": "kind", "urgency": "urgency", "channel": "channel"}


@dataclass(frozen=True)
class QuarantinedChange:
    change_id: str
    table: str
    row_id: str
    reason: str
    reason_label: str  # in the current language
    detail: str
    at: datetime
    fields: dict


@dataclass(frozen=True)
class ConflictInfo:
    table: str
    row_id: str
    ticket_no: str  # for work orders; "" otherwise
    field: str
    lost_value: object
    lost_station: str
    lost_at: datetime | None
    kept_value: object
    kept_station: str
    kept_at: datetime | None
    field_label: str = ""  # in the current language (set by sync_status_for)
    kept_text: str = ""  # both values as people read them: names for ids, labels for states
    lost_text: str = ""
    seen: bool = False  # a supervisor marked it as seen (it shows again if the losing value changes)

    @property
    def key(self) -> str:
        return f"{self.table}|{self.row_id}|{self.field}|{self.lost_station}"


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    server_url: str
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str
    pending: int
    in_flight_batch: str
    quarantined: tuple[QuarantinedChange, ...]
    conflicts: tuple[ConflictInfo, ...]
    nightly_time: str = "02:00"  # HH:MM station time (setting sync_time)
    # Pulled rows this desk could not apply, set aside with the reason (desk.sync.held).
    held: tuple[HeldRow, ...] = ()
    failures: int = 0  # failed attempts in a row (the window's retry waits longer after each)
    numbering_pending: bool = False  # restored; registering waits for a pull from the centre


@dataclass(frozen=True)
class SyncBrief:
    """The status bar's few values: one count and three keys, cheap to read after each change."""

    configured: bool
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str
    pending: int
    held: int = 0
    failures: int = 0
    numbering_pending: bool = False


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _hlc_time(value: str) -> datetime | None:
    try:
        ms = hlc_mod.wall_ms_of(value)
    except (ValueError, AttributeError):
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc) if ms else None


def sync_brief(store) -> SyncBrief:
    with store.read() as s:
        conn = s.connection()
        return SyncBrief(
            configured=bool(url_of(conn) and token_of(conn)),
            last_success_at=_dt(state.get(conn, "last_success_at")),
            last_attempt_at=_dt(state.get(conn, "last_attempt_at")),
            last_error=stored_error_text(state.get(conn, "last_error") or ""),
            pending=conn.execute(select(func.count()).select_from(schema.outbox)).scalar_one(),
            held=held_count(conn),
            failures=_int(state.get(conn, "failures")),
            numbering_pending=numbering_pending(conn),
        )


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def sync_status_for(store, actor, *, limit: int = 200) -> SyncStatus:
    """The sync screen's view: refused changes and conflicts carry field values (names, phones),
    so it is for those who may see the audit (supervisors, administrators)."""
    require(actor.role, Permission.VIEW_AUDIT)
    st = sync_status(store, limit=limit)
    names = store.names()
    shown = tuple(replace(c, field_label=field_label(c.field), kept_text=value_text(c.field, c.kept_value, names),
                          lost_text=value_text(c.field, c.lost_value, names))
                  for c in st.conflicts if c.field not in BOOKKEEPING_FIELDS)
    return replace(st, conflicts=shown)


def field_label(field: str) -> str:
    return label(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def value_text(field: str, value, names) -> str:
    """A conflict's value as a person reads it, in the current language."""
    if field == "status" and isinstance(value, list) and value:
        value = value[0]  # [status, epoch, generation]
    if value is None or value == "":
        return "—"
    if field == "status" or field in _ENUM_FIELDS:
        return label(f"{_ENUM_FIELDS.get(field, 'status')}.{value}")
    for suffix, table in (("category_id", names.categories), ("department_id", names.departments),
                          ("area_id", names.areas)):
        if field.endswith(suffix) and value in table:
            return by_language(*table[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.endswith("_at") and isinstance(value, str):
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def sync_status(store, *, limit: int = 200) -> SyncStatus:
    with store.read() as s:
        conn = s.connection()
        url = url_of(conn)
        token = token_of(conn)
        pending = conn.execute(select(func.count()).select_from(schema.outbox)).scalar_one()
        seen = set(json.loads(state.get(conn, SEEN_KEY) or "[]"))
        q = conn.execute(select(schema.quarantine).order_by(schema.quarantine.c.at.desc()).limit(limit)).all()
        c = conn.execute(select(schema.conflict, WorkOrder.ticket_no)
                         .outerjoin(WorkOrder, (schema.conflict.c.table_name == "work_order")
                                    & (WorkOrder.id == schema.conflict.c.row_id))
                         .order_by(schema.conflict.c.seen_at.desc()).limit(limit)).all()
        return SyncStatus(
            configured=bool(url and token),
            server_url=url,
            last_success_at=_dt(state.get(conn, "last_success_at")),
            last_attempt_at=_dt(state.get(conn, "last_attempt_at")),
            last_error=stored_error_text(state.get(conn, "last_error") or ""),
            pending=pending,
            in_flight_batch=state.get(conn, "batch_in_flight") or "",
            quarantined=tuple(QuarantinedChange(r.change_id, r.table_name, r.row_id, r.reason, reason_label(r.reason),
                                                r.detail, r.at,
                                                _without_base(json.loads(r.fields))) for r in q),
            conflicts=tuple(ConflictInfo(r.table_name, r.row_id, r.ticket_no or "", r.field,
                                         json.loads(r.lost_value), r.station, _hlc_time(r.lost_hlc),
                                         json.loads(r.kept_value), r.kept_station, _hlc_time(r.kept_hlc),
                                         seen=_seen_key(r) in seen)
                            for r in c),
            nightly_time=nightly_of(conn),
            held=held_rows(conn, limit),
            failures=_int(state.get(conn, "failures")),
            numbering_pending=numbering_pending(conn),
        )


def _without_base(fields):
    from desk.rules.wire import BASE_KEY

    return {k: v for k, v in fields.items() if k != BASE_KEY} if isinstance(fields, dict) else fields


SEEN_KEY = "conflicts_seen"  # sync_state: JSON list of the conflicts a supervisor marked as seen


def _seen_key(r) -> str:
    # The losing version is part of the key: a new losing value is a new conflict to look at.
    return f"{r.table_name}|{r.row_id}|{r.field}|{r.station}|{r.lost_hlc}"


def mark_conflicts_seen(store, actor, keys: list[str] | None = None) -> int:
    """A supervisor has looked at these conflicts (ConflictInfo.key; None: every one held now).
    They stay listed as seen until the centre settles them; returns how many were marked."""
    from desk.rules.permissions import Permission, require

    require(actor.role, Permission.VIEW_AUDIT)
    with store.write() as s:
        conn = s.connection()
        rows = conn.execute(select(schema.conflict)).all()
        wanted = None if keys is None else set(keys)
        held = {_seen_key(r): f"{r.table_name}|{r.row_id}|{r.field}|{r.station}" for r in rows}
        old = set(json.loads(state.get(conn, SEEN_KEY) or "[]"))
        new = {k for k, short in held.items() if wanted is None or short in wanted}
        # Only conflicts still held are remembered: the list never outgrows the conflict table.
        state.put(conn, SEEN_KEY, json.dumps(sorted((old | new) & set(held))))
        from desk.services.store import mark_changed

        mark_changed(s, "sync")
    return len(new - old)
