"""Pieces the order services share: events, deadlines, the search index, list rows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session

from desk.db import driver_connection
from desk.errors import NotFound
from desk.i18n import by_language
from desk.models import Category, Event, Visitor, WorkOrder
from desk.services import privacy, search
from desk.services.calendar import parse_limit
from desk.services.dto import Actor, OrderRow, VisitorInfo
from desk.services.privacy import mask_id_number, mask_name, mask_phone
from desk.rules.enums import CLOCK_STATUSES, Status
from desk.services.store import Store
from desk.services import settings


# json.dumps(x, ensure_ascii=False, default=str) builds an encoder on every call; one with the
# same options writes the same text (two events a save).
_EVENT_DATA = json.JSONEncoder(ensure_ascii=False, default=str).encode


def event_values(store: Store, order: Any, actor: Actor | None, kind: str, *, to_status: str = "", reason: str = "",
                 data: dict[str, Any] | None = None, from_status: str | None = None) -> dict[str, Any]:
    """What an event of `order` (an ORM object or a plain row) records: the one rule for both."""
    return dict(
        order_id=order.id,
        at=store.now(),
        actor_id=actor.id if actor else None,
        actor_name=actor.display_name if actor else "",
        kind=kind,
        from_status=order.status if from_status is None else from_status,
        to_status=to_status,
        reason=reason,
        data=_EVENT_DATA(data or {}),
        origin_station=store.station().code,
    )


def add_event(session: Session, store: Store, order: WorkOrder, actor: Actor | None, kind: str, **what: Any) -> Event:
    ev = Event(**event_values(store, order, actor, kind, **what))
    session.add(ev)
    return ev


def deadlines(store: Store, session: Session, order: WorkOrder, start: datetime, *,
              limits: tuple[str, str] | None = None) -> tuple[datetime, datetime]:
    """Acceptance and resolution deadlines for an order whose clock starts at `start`;
    `limits`: its category's (accept, resolve) limits when the caller has them already."""
    accept, resolve = parse_limit("1d"), parse_limit("5d")
    if limits is not None:
        accept, resolve = parse_limit(limits[0]), parse_limit(limits[1])
    elif order.category_id:
        cat = session.get(Category, order.category_id)
        if cat is not None:
            accept, resolve = parse_limit(cat.accept_limit), parse_limit(cat.resolve_limit)
    cal = store.calendar()
    accept_due, resolve_due = cal.due(start, accept), cal.due(start, resolve)
    if order.urgency == "urgent":
        accept_due = min(accept_due, cal.due(start, parse_limit(settings.get(store, "urgent_accept_limit"))))
        resolve_due = min(resolve_due, cal.due(start, parse_limit(settings.get(store, "urgent_resolve_limit"))))
    return accept_due, max(accept_due, resolve_due)


def search_body(order: Any, visitor_name: str, visitor_phone: str) -> str:
    """What the search index holds for an order (also used by the bulk demo generator)."""
    body = search.index_body(order.ticket_no, order.summary, order.details, order.result,
                             f"{order.lane} {order.number} {order.room}", visitor_name)
    if visitor_phone:
        body += " | " + search.phone_tokens(visitor_phone)
    return body


def reindex(session: Session, order: WorkOrder, visitor: Visitor | None) -> None:
    """Rewrite the order's row in the search index (rowid = the order's rowid)."""
    rowid = session.execute(text("SELECT rowid FROM work_order WHERE id = :id"), {"id": order.id}).scalar_one()
    body = search_body(order, visitor.name if visitor else "", visitor.phone if visitor else "")
    session.execute(text("DELETE FROM order_search WHERE rowid = :r"), {"r": rowid})
    session.execute(text("INSERT INTO order_search(rowid, body) VALUES (:r, :b)"), {"r": rowid, "b": body})


def index_new(session: Session, order: WorkOrder, visitor: Visitor | None) -> None:
    """The search row of an order just inserted (nothing to delete): one statement."""
    body = search_body(order, visitor.name if visitor else "", visitor.phone if visitor else "")
    driver_connection(session).execute("INSERT INTO order_search(rowid, body) SELECT rowid, ? FROM work_order WHERE id = ?",
                                       (body, order.id))


def is_overdue(status: str, accept_due: datetime | None, resolve_due: datetime | None, now: datetime) -> bool:
    if status not in CLOCK_STATUSES:
        return False
    if resolve_due and resolve_due < now:
        return True
    return status == Status.DISPATCHED and accept_due is not None and accept_due < now


def is_due_soon(status: str, resolve_due: datetime | None, now: datetime, hours: int) -> bool:
    return (status in CLOCK_STATUSES and resolve_due is not None
            and now <= resolve_due <= now + timedelta(hours=hours))


def address_text(lane: str, number: str, room: str = "", *, masked: bool = True) -> str:
    parts = [lane, f"{number}号" if number and not number.endswith("号") else number]
    if room:
        parts.append(privacy.mask_room(room) if masked else (room if room.endswith("室") else f"{room}室"))
    return "".join(p for p in parts if p)


def make_row(store: Store, order: Any, visitor_name: str, visitor_phone: str, now: datetime,
             due_soon_hours: int) -> OrderRow:
    """A list row from an order (ORM object or a Row with the same attribute names)."""
    names = store.names()
    cat = names.categories.get(order.category_id) if order.category_id else None
    dep = names.departments.get(order.lead_department_id) if order.lead_department_id else None
    area = names.areas.get(order.area_id) if order.area_id else None
    return OrderRow(
        id=order.id,
        ticket_no=order.ticket_no,
        created_at=order.created_at,
        status=order.status,
        kind=order.kind,
        channel=order.channel,
        urgency=order.urgency,
        category_id=order.category_id,
        category_name=by_language(*cat) if cat else "",
        summary=order.summary,
        lead_department_id=order.lead_department_id,
        department_name=by_language(*dep) if dep else "",
        area_id=order.area_id,
        area_name=by_language(*area) if area else "",
        address=address_text(order.lane, order.number),
        visitor_name=privacy.mask_name(visitor_name),
        visitor_phone=privacy.mask_phone(visitor_phone),
        accept_due_at=order.accept_due_at,
        resolve_due_at=order.resolve_due_at,
        overdue=is_overdue(order.status, order.accept_due_at, order.resolve_due_at, now),
        due_soon=is_due_soon(order.status, order.resolve_due_at, now, due_soon_hours),
        supervised=bool(order.supervised),
        extension_state=order.extension_state or "",
        rating=order.rating,
    )


def visitor_info(store: Store, v: Visitor, *, reveal: bool = False) -> VisitorInfo:
    """A visitor as a screen shows them: masked unless `reveal` (the caller records the reveal)."""
    area = store.names().areas.get(v.area_id) if v.area_id else None
    return VisitorInfo(
        id=v.id,
        name=v.name if reveal else mask_name(v.name),
        phone=v.phone if reveal else mask_phone(v.phone),
        id_number=v.id_number if reveal else mask_id_number(v.id_number),
        area_id=v.area_id, area_name=by_language(*area) if area else "",
        lane=v.lane, number=v.number, room=v.room if reveal else ("***" if v.room else ""),
        notes=v.notes, masked=not reveal,
    )


def overdue_condition(now):
    """Late to resolve, or dispatched and late to accept (the queue's view and the automatic 督办)."""
    clock = [s.value for s in CLOCK_STATUSES]
    return and_(
        WorkOrder.status.in_(clock),
        or_(WorkOrder.resolve_due_at < now,
            and_(WorkOrder.status == Status.DISPATCHED.value, WorkOrder.accept_due_at < now)),
    )


def find_order(session: Session, ref: str) -> WorkOrder:
    """An order by its id or its ticket number (as typed: spaces and case do not matter)."""
    order = session.get(WorkOrder, ref)
    if order is None:
        order = session.scalars(select(WorkOrder).where(WorkOrder.ticket_no == (ref or "").strip().upper())).first()
    if order is None:
        raise NotFound("order_not_found", ref=ref)
    return order
