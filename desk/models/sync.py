"""The desk's sync bookkeeping tables (migration 0002_sync). Core tables on the same metadata as
the models, so the schema check sees them; used through desk.sync.schema."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, text

from desk.models.base import Base, UTCDateTime

metadata = Base.metadata

# One row per captured change, written in the same transaction as the edit.
outbox = Table(
    "sync_outbox", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    # Unique where it matters, at the centre; locally an index every save wrote and only
    # the push read (it finds its batch's rows by batch_id): see migration 0012.
    Column("change_id", String(32), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(32), nullable=False),
    Column("hlc", String(24), nullable=False),
    Column("status_gen", Integer, nullable=False, default=0),
    Column("fields", Text, nullable=False),  # JSON {column: value}
    Column("batch_id", String(32)),  # set (and saved) before the batch is sent
    Column("created_at", UTCDateTime, nullable=False),
    # Only the rows of a batch in flight: a save's new rows (batch_id NULL) write no entry.
    Index("ix_sync_outbox_batch_id", "batch_id", sqlite_where=text("batch_id IS NOT NULL")),
)

# Small key/value facts: hlc, pull cursor, last success, last error, snapshot done.
state = Table(
    "sync_state", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# Per-field clocks of every synced row: {"column": [hlc, station(, generation)]}.
clock = Table(
    "sync_clock", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", String(32), primary_key=True),
    Column("clocks", Text, nullable=False),
)

# Overwritten values people should see: one per (row, field, losing station).
conflict = Table(
    "sync_conflict", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", String(32), primary_key=True),
    Column("field", String(60), primary_key=True),
    Column("station", String(16), primary_key=True),
    Column("lost_value", Text, nullable=False),  # JSON
    Column("lost_hlc", String(24), nullable=False),
    Column("kept_value", Text, nullable=False),  # JSON, the value in force when it came down
    Column("kept_station", String(16), nullable=False),
    Column("kept_hlc", String(24), nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
)

# Changes the central server refused, with its reason; they never block the rest.
quarantine = Table(
    "sync_quarantine", metadata,
    Column("change_id", String(32), primary_key=True),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(32), nullable=False),
    Column("fields", Text, nullable=False),
    Column("reason", String(60), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("at", UTCDateTime, nullable=False),
)

# Central reference ids that stand for a local row of the same code (seeded on both sides).
alias = Table(
    "sync_alias", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("remote_id", String(32), primary_key=True),
    Column("local_id", String(32), nullable=False),
)

# Rows pulled from the centre that this desk could not apply (a ticket number it already uses,
# a broken value): set aside with the reason so the rest of the pull goes on; a supervisor
# retries or discards them (desk sync --retry-held / --discard-held, the sync screen).
held = Table(
    "sync_held", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", String(32), primary_key=True),
    Column("row", Text, nullable=False),  # the pulled row as it came (JSON), the newest copy
    Column("reason", String(60), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("attempts", Integer, nullable=False, default=1),
    Column("at", UTCDateTime, nullable=False),
)
