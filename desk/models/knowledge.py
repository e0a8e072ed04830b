"""The station's knowledge base (知识库): answers the desk gives again and again, and which
answer was used for which order.

Station-local: these tables are not in the sync catalogue (desk/sync/merge.py), because the
central server's schema and mirror would have to learn them too; each station curates its own."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import Base, UTCDateTime, _clock_now, new_id


class KnowledgeEntry(Base):
    __tablename__ = "kb_entry"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    # Sample entries carry a code (CANTEEN-BREAKFAST); the station's own entries may leave it blank.
    code: Mapped[str] = mapped_column(String(40), default="")
    question: Mapped[str] = mapped_column(String(200))
    variants: Mapped[str] = mapped_column(Text, default="")  # one other way of asking per line
    answer: Mapped[str] = mapped_column(Text)
    category_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))
    department_id: Mapped[Optional[str]] = mapped_column(ForeignKey("department.id"))
    # public: may be read out and printed in the service guide; staff: for the desk only.
    audience: Mapped[str] = mapped_column(String(10), default="public")
    # proposed (by a clerk, not suggested yet), published, retired
    status: Mapped[str] = mapped_column(String(10), default="published")
    valid_from: Mapped[Optional[str]] = mapped_column(String(10))  # local dates, YYYY-MM-DD
    valid_until: Mapped[Optional[str]] = mapped_column(String(10))
    review_on: Mapped[Optional[str]] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(200), default="")
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    proposed_by: Mapped[Optional[str]] = mapped_column(ForeignKey("staff.id"))
    from_order_id: Mapped[Optional[str]] = mapped_column(ForeignKey("work_order.id"))
    updated_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_clock_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_clock_now, onupdate=_clock_now)


class KnowledgeUse(Base):
    """An order answered at the desk with an entry (one row per order)."""

    __tablename__ = "kb_use"
    __table_args__ = (Index("ix_kb_use_date", "local_date", "entry_id"),)

    order_id: Mapped[str] = mapped_column(ForeignKey("work_order.id"), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("kb_entry.id"), index=True)
    local_date: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_clock_now)
