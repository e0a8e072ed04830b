"""Visitors, visits, work orders and their append-only history."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base, SyncedMixin, UTCDateTime, new_id, utcnow


class Visitor(SyncedMixin, Base):
    __tablename__ = "visitor"

    name: Mapped[str] = mapped_column(String(60), default="")
    # Normalised: mobiles as 11 digits, landlines as 0-prefixed digits with area code.
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    id_number: Mapped[str] = mapped_column(String(18), default="")
    area_id: Mapped[Optional[str]] = mapped_column(ForeignKey("residential_area.id"))
    lane: Mapped[str] = mapped_column(String(60), default="")
    number: Mapped[str] = mapped_column(String(20), default="")
    room: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    anonymised_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)


class Visit(SyncedMixin, Base):
    """One arrival (or call) that brought one or more matters."""

    __tablename__ = "visit"

    visitor_id: Mapped[Optional[str]] = mapped_column(ForeignKey("visitor.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    clerk_id: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    orders: Mapped[list["WorkOrder"]] = relationship(back_populates="visit", order_by="WorkOrder.ticket_no")


class WorkOrder(SyncedMixin, Base):
    __tablename__ = "work_order"
    __table_args__ = (
        Index("ix_work_order_status_due", "status", "resolve_due_at"),
        Index("ix_work_order_status_date", "status", "created_local_date"),  # open orders up to a day (0005)
        Index("ix_work_order_created_id", "created_at", "id"),  # the queue's sort (0004)
        # A period's orders with every key the dashboard groups them by: its counts read this
        # index alone (0005; it replaced (created_local_date, created_local_hour)).
        Index("ix_work_order_cohort", "created_local_date", "status", "created_local_hour", "channel", "kind",
              "category_id", "area_id", "lead_department_id", "lane", "number"),
        Index("ix_work_order_department_status", "lead_department_id", "status"),
        Index("ix_work_order_category", "category_id", "created_at"),
        Index("ix_work_order_area", "area_id", "created_at"),
        Index("ix_work_order_address", "lane", "number", "category_id"),
    )

    ticket_no: Mapped[str] = mapped_column(String(32), unique=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    visitor_id: Mapped[Optional[str]] = mapped_column(ForeignKey("visitor.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    category_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))
    summary: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(8), default="normal")
    area_id: Mapped[Optional[str]] = mapped_column(ForeignKey("residential_area.id"))
    lane: Mapped[str] = mapped_column(String(60), default="")
    number: Mapped[str] = mapped_column(String(20), default="")
    room: Mapped[str] = mapped_column(String(20), default="")
    lead_department_id: Mapped[Optional[str]] = mapped_column(ForeignKey("department.id"))
    assist_department_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ids
    status: Mapped[str] = mapped_column(String(16), default="registered")
    # Raised by every reopen, so a reopen beats a concurrent close when stations merge.
    status_epoch: Mapped[int] = mapped_column(Integer, default=0)
    status_before_pending: Mapped[str] = mapped_column(String(16), default="")
    # Creation in the station's time zone, fixed at intake: "today" and hour-of-day figures.
    created_local_date: Mapped[str] = mapped_column(String(10))
    created_local_hour: Mapped[int] = mapped_column(Integer)
    registered_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    dispatched_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    accepted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    resolved_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    called_back_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    closed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    pending_since: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    accept_due_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    resolve_due_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    result: Mapped[str] = mapped_column(Text, default="")
    solved: Mapped[Optional[bool]] = mapped_column(Boolean)
    rating: Mapped[Optional[int]] = mapped_column(Integer)
    return_count: Mapped[int] = mapped_column(Integer, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    extension_state: Mapped[str] = mapped_column(String(10), default="")  # '', requested, approved, refused
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[Optional[str]] = mapped_column(ForeignKey("work_order.id"))

    visit: Mapped[Visit] = relationship(back_populates="orders")
    events: Mapped[list["Event"]] = relationship(back_populates="order", order_by="Event.seq")


class Event(Base):
    """Append-only history: every change, note, print and reveal. A trigger refuses edits."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_order", "order_id", "seq"),
                      # the league's return events (0005); partial, so saves never touch it
                      Index("ix_event_return", "order_id", sqlite_where=text("kind = 'return'")),
                      # the history the figures read per order (0006_figures), partial like the above
                      *(Index(f"ix_event_{kind}", "order_id", "at", sqlite_where=text(f"kind = '{kind}'"))
                        for kind in ("contact", "callback", "redispatch")))

    # Local insertion order; the UUID is what travels.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True, default=new_id)
    order_id: Mapped[str] = mapped_column(ForeignKey("work_order.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    origin_station: Mapped[str] = mapped_column(String(16), default="")

    order: Mapped[WorkOrder] = relationship(back_populates="events")


class TicketCounter(Base):
    """Last ticket sequence per station and local day; bumped inside the saving transaction."""

    __tablename__ = "ticket_counter"

    station_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    local_date: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Who did what outside a work order: logins, reveals, exports, settings changes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[Optional[str]] = mapped_column(String(32))
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
