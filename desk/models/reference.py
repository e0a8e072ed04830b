"""Reference data: the station, its grids and areas, departments, categories, staff, calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.models.base import Base, SyncedMixin, UTCDateTime


class Station(SyncedMixin, Base):
    __tablename__ = "station"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(150), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    grid_id: Mapped[Optional[str]] = mapped_column(ForeignKey("grid.id"))
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Shanghai")
    # The station this desk file belongs to; rows of other stations arrive by sync.
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Grid(SyncedMixin, Base):
    __tablename__ = "grid"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(100), default="")


class ResidentialArea(SyncedMixin, Base):
    __tablename__ = "residential_area"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    grid_id: Mapped[Optional[str]] = mapped_column(ForeignKey("grid.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Department(SyncedMixin, Base):
    __tablename__ = "department"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Category(SyncedMixin, Base):
    """A node of the category tree. Limits are '2h' (clock hours) or '5d' (working days)."""

    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    parent_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    default_department_id: Mapped[Optional[str]] = mapped_column(ForeignKey("department.id"))
    accept_limit: Mapped[str] = mapped_column(String(8), default="1d")
    resolve_limit: Mapped[str] = mapped_column(String(8), default="5d")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Optional["Category"]] = relationship(remote_side="Category.id")


class Staff(SyncedMixin, Base):
    __tablename__ = "staff"

    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    last_login_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)


class CalendarOverride(Base):
    """A day the calendar library gets wrong or does not know yet (e.g. next year's 调休)."""

    __tablename__ = "calendar_override"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(100), default="")


class Setting(Base):
    """Station-wide settings (JSON values); the defaults live in desk.services.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
