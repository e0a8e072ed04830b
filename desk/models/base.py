"""Declarative base, naming convention and column types shared by every table."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import MetaData, String, types
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk.rules.ids import new_id

# Constraint names that Alembic's batch mode (SQLite) can find again when it rebuilds a table.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _clock_now(context) -> datetime:
    """Default and onupdate value: the Store's clock when the statement runs through a Store
    (its engines carry it as the `desk_clock` execution option), else the wall clock. Without
    it an update that leaves updated_at equal to its old value is stamped with the wall clock."""
    clock = context.execution_options.get("desk_clock")
    return clock() if clock is not None else utcnow()


class UTCDateTime(types.TypeDecorator):
    """Stores naive UTC text in SQLite, hands back aware UTC datetimes.

    Refuses naive datetimes on the way in: a local time mistaken for UTC would shift every
    deadline by eight hours without anyone noticing.
    """

    impl = types.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns every row that travels to the central server carries."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    origin_station: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_clock_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_clock_now, onupdate=_clock_now)
