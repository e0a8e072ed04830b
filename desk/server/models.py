"""Central tables. Rows of every station live in one generic ``record`` table (the merge state
of each row as JSON), so the central schema does not have to follow every desk migration."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

from desk.models.base import NAMING_CONVENTION, UTCDateTime

metadata = MetaData(naming_convention=NAMING_CONVENTION)
JSONDoc = JSON().with_variant(JSONB(), "postgresql")

# Per-station accounts; the token itself is never stored, only its SHA-256.
account = Table(
    "account", metadata,
    Column("code", String(16), primary_key=True),
    Column("role", String(10), nullable=False),  # station | central
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
)

# The commit-order sequence: every writing transaction takes this row lock first and keeps it
# to commit, so sequence numbers become visible in commit order (a bigserial does not).
counter = Table(
    "commit_counter", metadata,
    Column("id", Integer, primary_key=True),
    Column("value", BigInteger, nullable=False),
    Column("hlc", String(24), nullable=False),  # the centre's own hybrid logical clock
)

record = Table(
    "record", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("row_id", String(32), primary_key=True),
    Column("origin_station", String(16), nullable=False),
    Column("natural_key", String(60)),  # code / username of reference rows
    Column("apply_rank", Integer, nullable=False),  # parents before children within one seq
    Column("seq", BigInteger, nullable=False),
    Column("data", JSONDoc, nullable=False),
    Column("clocks", JSONDoc, nullable=False),
    Column("conflicts", JSONDoc, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Set when a station's batch inserted this row (its own new row, no conflicts): a pull by
    # that station in the same sync run may skip it, the desk has exactly that row. Cleared by
    # any later write. See service.pull_page_json.
    Column("echo_of", String(16)),
    # A reference row every station receives: made or approved by a central operator. A
    # station's own reference row (a code the centre lacks) stays that station's until then.
    Column("shared", Boolean, nullable=False, default=False),
    Index("ix_record_pull", "seq", "apply_rank", "row_id"),
    Index("ix_record_natural", "table_name", "natural_key"),
)

# Every batch applied, with the answer given, so a retry gets the same answer.
batch = Table(
    "applied_batch", metadata,
    Column("station", String(16), primary_key=True),
    Column("batch_id", String(32), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("response", JSONDoc, nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

quarantine = Table(
    "quarantine", metadata,
    Column("change_id", String(32), primary_key=True),
    Column("station", String(16), nullable=False),
    Column("batch_id", String(32), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(64), nullable=False),
    Column("change", JSONDoc, nullable=False),
    Column("reason", String(60), nullable=False),
    Column("detail", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

# A station's own id for a reference row the centre already had under another id (same code).
alias = Table(
    "alias", metadata,
    Column("table_name", String(40), primary_key=True),
    Column("station", String(16), primary_key=True),
    Column("local_id", String(32), primary_key=True),
    Column("central_id", String(32), nullable=False),
    Index("ix_alias_station", "station"),
)

# Each station's last contact, for `desk-server status` and the operator page.
station_activity = Table(
    "station_activity", metadata,
    Column("station", String(16), primary_key=True),
    Column("last_push_at", UTCDateTime),
    Column("last_pull_at", UTCDateTime),
    Column("pulled_seq", BigInteger),  # the commit number its newest pull reached
    Column("last_refusal_at", UTCDateTime),  # a request refused by a limit or as malformed
    Column("last_refusal", String(60)),
)
