"""Registering a visit with its matters, recognising returning visitors, spotting duplicates."""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import func, select

from desk.i18n import M_
from desk.models import Event, Visit, Visitor, WorkOrder, new_id
from desk.services import settings, validation
from desk.rules import lifecycle as rules
from desk.services import lifecycle
from desk.services.numbering import next_ticket, require_checked
from desk.services.common import deadlines, event_values, index_new, make_row, reindex
from desk.services.common import visitor_info  # noqa: F401 - its old home; queries shares it
from desk.services.dto import Actor, MatterInput, OrderRow, VisitInput, VisitorHistory, VisitResult
from desk.services.core_insert import insert_rows
from desk.services.knowledge import record_use
from desk.rules.enums import OPEN_STATUSES, Action, Channel, Kind, Status, Urgency
from desk.errors import NotFound, TransitionRefused, ValidationError
from desk.rules.permissions import require
from desk.services.store import PlainWrite, SaveReference, Store, mark_changed

_MESSAGES = (
    M_("visitor_not_found", "No visitor {ref}."),
    M_("too_many_matters", "One visit holds at most {limit} matters (this one has {n}): register them in several visits."),
)
MAX_MATTERS = 20  # a busy visit brings 3 or 4; the CLI's schema has the same limit

# Beyond a summary, what each kind of matter must carry.
CATEGORY_REQUIRED = {Kind.COMPLAINT, Kind.HELP, Kind.SERVICE, Kind.SUGGESTION, Kind.SIGNUP}
PHONE_REQUIRED = {Kind.SIGNUP}  # the organisers must be able to reach whoever signed up


def _clean_matter(m: MatterInput) -> MatterInput:
    kind = validation.choice(m.kind, Kind, "kind", default=Kind.CONSULT.value)
    summary = validation.text(m.summary, "summary", required=True, multiline=False)
    details = validation.text(m.details, "details")
    urgency = validation.choice(m.urgency, Urgency, "urgency", default=Urgency.NORMAL.value)
    if kind in CATEGORY_REQUIRED and not m.category_id:
        raise ValidationError("required", field=validation.field_label("category"))
    answer = None if m.answer is None else validation.text(m.answer, "result", required=True)
    return replace(
        m, kind=kind, summary=summary, details=details, urgency=urgency, answer=answer,
        lane=validation.text(m.lane, "lane", multiline=False), number=validation.text(m.number, "number", multiline=False),
        room=validation.text(m.room, "room", multiline=False),
    )


def _clean_visit(v: VisitInput) -> VisitInput:
    if not v.matters:
        raise ValidationError("no_matters")
    if len(v.matters) > MAX_MATTERS:
        raise ValidationError("too_many_matters", n=len(v.matters), limit=MAX_MATTERS)
    channel = validation.choice(v.channel, Channel, "channel", default=Channel.WALK_IN.value)
    matters = tuple(_clean_matter(m) for m in v.matters)
    phone = validation.phone(v.phone)
    if not phone and not v.visitor_id and any(m.kind in PHONE_REQUIRED for m in matters):
        raise ValidationError("required", field=validation.field_label("phone"))
    return replace(
        v, channel=channel, matters=matters, phone=phone,
        # As typed, like every other field (a name only of blanks is no name).
        name=_blank_is_empty(validation.text(v.name, "name", multiline=False)),
        id_number=validation.id_number(v.id_number),
        lane=validation.text(v.lane, "lane", multiline=False), number=validation.text(v.number, "number", multiline=False),
        room=validation.text(v.room, "room", multiline=False), notes=validation.text(v.notes, "notes"),
    )


def _blank_is_empty(value: str) -> str:
    return value if value.strip() else ""


_VISITOR_FIELDS = ("name", "phone", "id_number", "area_id", "lane", "number", "room", "notes")
KnownVisitor = namedtuple("KnownVisitor", ("id", *_VISITOR_FIELDS))
# Plain SQL text on the transaction's connection: every save with a phone asks.
_BY_PHONE = f"SELECT id, {', '.join(_VISITOR_FIELDS)} FROM visitor WHERE phone = ? ORDER BY updated_at DESC"


def _same_phone(raw, v: VisitInput) -> KnownVisitor | None:
    """The returning visitor for a phone number. A phone is often a family's: a different name
    under a known number is another person (a new visitor with the same phone), so the earlier
    orders keep the name they were registered under. No name typed: the latest with the number."""
    known = [KnownVisitor(*row) for row in raw.execute(_BY_PHONE, (v.phone,))]
    if not v.name:
        return known[0] if known else None
    same = next((x for x in known if (x.name or "").strip() == v.name.strip()), None)
    return same or next((x for x in known if not (x.name or "").strip()), None)  # unnamed until now


def _visitor_for(tx: PlainWrite, store: Store, v: VisitInput) -> tuple[Visitor | KnownVisitor | SimpleNamespace | None, bool]:
    """The visitor of this visit and whether they are new: a known one as found (the ORM object
    only when today's details change theirs, for the flush after the inserts), a new one a plain
    row to insert."""
    visitor = None
    if v.visitor_id:
        visitor = tx.session.get(Visitor, v.visitor_id)
        if visitor is None:
            raise NotFound("visitor_not_found", ref=v.visitor_id)
        if (v.phone and v.name and v.phone == visitor.phone and (visitor.name or "").strip()
                and visitor.name.strip() != v.name.strip()):
            # The window picks the visitor from the phone typed: another name under that phone is
            # another member of the family, not a new name for the earlier orders.
            visitor = _same_phone(tx.raw, v)
    elif v.phone:
        visitor = _same_phone(tx.raw, v)
    if visitor is None:
        if not (v.phone or v.name or v.lane or v.id_number):
            return None, False  # anonymous
        # What was typed; the blanks take the columns' defaults when the row is inserted.
        return SimpleNamespace(id=new_id(), origin_station=store.station().code,
                               **{field: getattr(v, field) or None for field in _VISITOR_FIELDS}), True
    if all(not getattr(v, field) or getattr(v, field) == getattr(visitor, field) for field in _VISITOR_FIELDS):
        return visitor, False  # nothing new about them today
    session = tx.session
    visitor = session.get(Visitor, visitor.id)
    known = (visitor.name, visitor.phone)
    # What was typed today is the latest we know; blanks keep what we had.
    for field in _VISITOR_FIELDS:
        value = getattr(v, field)
        if value:
            setattr(visitor, field, value)
    if known != (visitor.name, visitor.phone):
        # Their earlier orders are found by the new name and phone, not the old ones.
        for order in session.scalars(select(WorkOrder).where(WorkOrder.visitor_id == visitor.id)):
            reindex(session, order, visitor)
    return visitor, False


def _check_reference(ref: SaveReference, m: MatterInput) -> None:
    """Refuse unknown or inactive references (from the Store's cached reference rows)."""
    if m.category_id and m.category_id not in ref.categories:
        raise NotFound("category_not_found", ref=m.category_id)
    if m.area_id and m.area_id not in ref.areas:
        raise NotFound("area_not_found", ref=m.area_id)
    for dep_id in (m.department_id, *m.assist_department_ids):
        if dep_id:
            _check_department(ref, dep_id)


def _check_department(ref: SaveReference, dep_id: str) -> None:
    dep = ref.departments.get(dep_id)
    if dep is None:
        raise NotFound("department_not_found", ref=dep_id)
    if not dep.active:
        raise ValidationError("department_inactive", name=dep.name)


def register_visit(store: Store, actor: Actor, visit: VisitInput) -> VisitResult:
    """Save a visit and all its matters in one transaction: nothing of it is saved if any
    matter is refused."""
    require(actor.role, Action.REGISTER)
    visit = _clean_visit(visit)
    station = store.station()
    now = store.now()
    local = now.astimezone(store.calendar().tz)
    local_date = local.date().isoformat()
    with store.write_plain() as tx:
        # The new rows are plain values made by the shared rules and inserted at the end with
        # prepared statements on the transaction's own DB-API connection (desk.services.core_insert),
        # parents first; only a returning visitor's changes and the rare extras (a knowledge-base
        # use, a problem link) go through the ORM (tx.session, made then), after the rows they
        # point at. A new visitor's save makes no Session at all.
        raw = tx.raw
        require_checked(raw)  # after a restore, not before the centre has given this station's tickets back
        due_soon = settings.get_in(raw, "due_soon_hours")
        ref = store.save_reference()
        if visit.area_id and visit.area_id not in ref.areas:
            # Refused here with a message, not by the foreign key.
            raise NotFound("area_not_found", ref=visit.area_id)
        visitor, new_visitor = _visitor_for(tx, store, visit)
        record = SimpleNamespace(id=new_id(), visitor_id=visitor.id if visitor else None, channel=visit.channel,
                                 clerk_id=actor.id, notes=visit.notes, origin_station=station.code, created_at=now,
                                 updated_at=now)
        rows: list[tuple[type, SimpleNamespace]] = [(Visitor, visitor)] if new_visitor else []
        rows.append((Visit, record))
        orders = []
        for m in visit.matters:
            _check_reference(ref, m)
            order = _new_order(raw, store, visit, m, visitor, record, actor, now, local)
            rows.append((WorkOrder, order))
            rows.append((Event, SimpleNamespace(**event_values(
                store, order, actor, Action.REGISTER.value, to_status=Status.REGISTERED.value, from_status="",
                data={"ticket": order.ticket_no, "channel": visit.channel}))))
            step = _first_step(store, actor, ref, m, order, now)
            if step is not None:
                new, event = step
                vars(order).update(new)
                rows.append((Event, SimpleNamespace(**event)))
            if m.answer is not None and m.kb_entry_id:
                # Answered from the knowledge base: which entry, for its usage figures.
                record_use(tx.session, order, m.kb_entry_id, local_date)
            orders.append(order)
        insert_rows(tx, store, rows)
        tx.flush()  # a returning visitor's changes and a knowledge-base use, after the rows they point at
        for order, m in zip(orders, visit.matters):
            if m.problem_number is not None:
                # Linked at intake ("这可能是已登记问题 #7"), in the same transaction: saved together
                # or not at all; a solved problem it comes back to is reopened (and says why).
                from desk.services.pulse import register as problems

                require(actor.role, Action.NOTE)
                problems.link_in(tx.session, store, actor, m.problem_number, [order.id], "intake")
        for order in orders:
            index_new(raw, order, visitor)
        mark_changed(tx, "orders", "visitors")
        rows = tuple(make_row(store, o, visitor.name if visitor else "", visitor.phone if visitor else "", now, due_soon)
                     for o in orders)
        return VisitResult(visit_id=record.id, visitor_id=visitor.id if visitor else None, orders=rows)


def _new_order(raw, store: Store, visit: VisitInput, m: MatterInput, visitor, record, actor: Actor, now,
               local) -> SimpleNamespace:
    """A matter's order as registered, with the day's next ticket number."""
    lane, number, room = m.lane or visit.lane, m.number or visit.number, m.room or visit.room
    if visitor and not (lane or number or room):
        # Nothing typed about the address today: the visitor's known address, as for the area.
        lane, number, room = visitor.lane, visitor.number, visitor.room
    local_date = local.date().isoformat()
    station = store.station().code
    return SimpleNamespace(
        id=new_id(), ticket_no=next_ticket(raw, station, local_date, legacy_seen=store.legacy_tickets),
        visit_id=record.id, visitor_id=visitor.id if visitor else None, channel=visit.channel,
        kind=m.kind, category_id=m.category_id, summary=m.summary, details=m.details, urgency=m.urgency,
        area_id=m.area_id or visit.area_id or (visitor.area_id if visitor else None),
        lane=lane, number=number, room=room, lead_department_id=None,
        assist_department_ids=json.dumps(list(m.assist_department_ids)),
        status=Status.REGISTERED.value, created_local_date=local_date, created_local_hour=local.hour,
        registered_by=actor.id, origin_station=station, created_at=now, updated_at=now,
    )


def _first_step(store: Store, actor: Actor, ref: SaveReference, m: MatterInput, order, now):
    """What happens to a matter at the desk after it is registered, by the same rules as from the
    queue: answered on the spot, or dispatched; (the order's new values, the event) or None."""
    if m.answer is not None:
        require(actor.role, Action.ANSWER_AT_DESK)
        if not rules.allowed(order.status, Action.ANSWER_AT_DESK):
            raise TransitionRefused("not_allowed_status", status=Status(order.status).label,
                                    action=Action.ANSWER_AT_DESK.label)
        return lifecycle.answered(store, actor, order, m.answer, from_status=Status.REGISTERED.value, now=now)
    if not m.dispatch:
        return None
    dep_id = m.department_id or _default_department(ref, m.category_id)
    if not dep_id:
        raise ValidationError("required", field=validation.field_label("department"))
    _check_department(ref, dep_id)  # the rest of the matter's references were checked
    cat = ref.categories.get(m.category_id) if m.category_id else None
    # No session: the category's limits are given (a category is in `ref`, checked above).
    return lifecycle.dispatched(None, store, actor, order, dep_id, ref.departments[dep_id].name,
                                kind=Action.DISPATCH.value,
                                limits=(cat.accept_limit, cat.resolve_limit) if cat else None)


def _default_department(ref: SaveReference, category_id: str | None) -> str | None:
    seen = set()
    while category_id and category_id not in seen:
        seen.add(category_id)
        cat = ref.categories.get(category_id)
        if cat is None:
            return None
        if cat.default_department_id:
            return cat.default_department_id
        category_id = cat.parent_id
    return None


def default_department(store: Store, category_id: str | None) -> str | None:
    """The department a category's matters go to (inherited from its parent when unset)."""
    return _default_department(store.save_reference(), category_id)


def promised_dates(store: Store, category_id: str | None, urgency: str = "normal"):
    """(accept by, resolve by) if the matter were dispatched now: shown at intake and on slips."""
    with store.read() as s:
        probe = WorkOrder(category_id=category_id, urgency=urgency)
        return deadlines(store, s, probe, store.now())


def find_visitor_by_phone(store: Store, actor: Actor, phone: str, *, history: int = 20) -> VisitorHistory | None:
    """The returning visitor with this phone and what they brought before (newest first)."""
    require(actor.role, Action.REGISTER)
    phone = validation.phone(phone)
    if not phone:
        return None
    now = store.now()
    due_soon = settings.get(store, "due_soon_hours")
    with store.read() as s:
        v = s.scalars(select(Visitor).where(Visitor.phone == phone).order_by(Visitor.updated_at.desc())).first()
        if v is None:
            return None
        total = s.scalar(select(func.count()).select_from(WorkOrder).where(WorkOrder.visitor_id == v.id))
        recent = s.scalars(select(WorkOrder).where(WorkOrder.visitor_id == v.id)
                           .order_by(WorkOrder.created_at.desc()).limit(history)).all()
        open_ = s.scalars(select(WorkOrder).where(WorkOrder.visitor_id == v.id,
                                                  WorkOrder.status.in_([x.value for x in OPEN_STATUSES]))
                          .order_by(WorkOrder.created_at.desc())).all()
        rows = lambda orders: tuple(make_row(store, o, v.name, v.phone, now, due_soon) for o in orders)  # noqa: E731
        # The clerk is talking to this person and typed their number; the name stays masked
        # on screen anyway, so a passer-by reading the monitor learns nothing.
        return VisitorHistory(visitor_info(store, v), rows(open_), rows(recent), total)


def possible_duplicates(store: Store, *, category_id: str | None, lane: str, number: str,
                        days: int | None = None) -> list[OrderRow]:
    """Orders of the same category at the same address within the window: shown before saving."""
    if not category_id or not lane.strip():
        return []
    days = settings.get(store, "duplicate_window_days") if days is None else days
    now = store.now()
    since = now - timedelta(days=days)
    due_soon = settings.get(store, "due_soon_hours")
    with store.read() as s:
        q = (select(WorkOrder, Visitor.name, Visitor.phone)
             .outerjoin(Visitor, Visitor.id == WorkOrder.visitor_id)
             .where(WorkOrder.category_id == category_id, WorkOrder.lane == lane.strip(),
                    WorkOrder.created_at >= since,
                    WorkOrder.status.not_in([Status.VOIDED.value, Status.MERGED.value]))
             .order_by(WorkOrder.created_at.desc()).limit(20))
        if number.strip():
            q = q.where(WorkOrder.number == number.strip())
        return [make_row(store, o, name or "", phone or "", now, due_soon) for o, name, phone in s.execute(q)]
