"""The problem register (问题清单, migration 0007_problem_register): recurring problems a
supervisor has taken up, their dated measures and the orders linked to them.

Station-local: these tables are not in the sync catalogue (desk.sync.merge.SYNCED_TABLES). Syncing
them would need the central server's schema, mirror and merge rules to learn three new tables;
each station keeps its own register for its own monthly review until that is done."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base, SyncedMixin, UTCDateTime


class Problem(SyncedMixin, Base):
    __tablename__ = "problem"

    number: Mapped[int] = mapped_column(Integer, unique=True)  # #7, what people say
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


class ProblemOrder(Base):
    __tablename__ = "problem_order"
    __table_args__ = (Index("ix_problem_order_order", "order_id"),)

    problem_id: Mapped[str] = mapped_column(ForeignKey("problem.id"), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("work_order.id"), primary_key=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    how: Mapped[str] = mapped_column(String(12), default="cluster")  # cluster, suggested, intake, manual
