"""The problem register (问题清单, migration 0007_problem_register): recurring problems a
supervisor has taken up, their dated measures and the orders linked to them.

Synced with the centre (desk.rules.tables, migration 0011_problem_sync) like a station's orders:
each row belongs to the station that made it, merged field by field. A problem is named across
stations by its station and its number there (SX #7, JL #7: two problems), so the number is
unique per station; the centre's all-stations view groups them (desk.services.pulse.across)."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base, SyncedMixin, UTCDateTime


class Problem(SyncedMixin, Base):
    __tablename__ = "problem"
    # Each station numbers its own problems: the centre's mirror holds every station's #1.
    __table_args__ = (UniqueConstraint("origin_station", "number"),)

    number: Mapped[int] = mapped_column(Integer)  # #7, what people say
    title: Mapped[str] = mapped_column(String(120))
    lead_department_id: Mapped[Optional[str]] = mapped_column(ForeignKey("department.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, measures, solved, watching
    level: Mapped[str] = mapped_column(String(10), default="lane")  # building or lane
    place_key: Mapped[str] = mapped_column(String(200), default="")
    category_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    terms: Mapped[str] = mapped_column(Text, default="{}")  # JSON {bigram: weight}: matching new orders
    opened_on: Mapped[str] = mapped_column(String(10))  # local date
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class ProblemMeasure(SyncedMixin, Base):
    __tablename__ = "problem_measure"

    problem_id: Mapped[str] = mapped_column(ForeignKey("problem.id"), index=True)
    taken_on: Mapped[str] = mapped_column(String(10))  # local date the measure took effect
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))


class ProblemOrder(SyncedMixin, Base):
    """An order linked to a problem: a row of its own (an id to sync by), one per pair."""

    __tablename__ = "problem_order"
    __table_args__ = (Index("ix_problem_order_order", "order_id"), UniqueConstraint("problem_id", "order_id"))

    problem_id: Mapped[str] = mapped_column(ForeignKey("problem.id"))
    order_id: Mapped[str] = mapped_column(ForeignKey("work_order.id"))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    how: Mapped[str] = mapped_column(String(12), default="cluster")  # cluster, suggested, intake, manual
