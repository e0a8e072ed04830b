"""The central ``record`` table as the server's code reads and writes it: the commit counter every
writing transaction takes first, the batch's row cache (Rows), and one row's values."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from desk.server import models as m
from desk.rules.tables import APPLY_ORDER, NATURAL_KEY, REFERENCE_TABLES, natural_key  # noqa: F401

CENTRAL = "CENTRAL"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# -- the commit counter ---------------------------------------------------------------------

def take_counter(conn: Connection) -> tuple[int, str]:
    """Bump the counter: the row stays locked until this transaction ends, so a later
    transaction gets a larger number AND commits later. Pulls follow commit order."""
    row = conn.execute(update(m.counter).where(m.counter.c.id == 1)
                       .values(value=m.counter.c.value + 1)
                       .returning(m.counter.c.value, m.counter.c.hlc)).one()
    return int(row.value), row.hlc


def save_hlc(conn: Connection, value: str) -> None:
    conn.execute(update(m.counter).where(m.counter.c.id == 1).values(hlc=value))


class Rows:
    """The batch's view of ``record``: rows loaded in one query, changed in memory, written
    once each at the end (executemany). With ``immediate`` every put is written at once (the
    careful path, one savepoint per change)."""

    def __init__(self, conn, *, immediate: bool = False):
        self.conn, self.immediate = conn, immediate
        self.rows: dict[tuple[str, str], dict] = {}
        self.dirty: dict[tuple[str, str], bool] = {}  # key -> not in the table yet
        self.echo: dict[tuple[str, str], str | None] = {}  # key -> echo_of to write
        self.stored: set[tuple[str, str]] = set()  # keys that exist in the table

    def adopt(self, other: "Rows") -> None:
        """Start from rows another Rows read (under lock) in this transaction."""
        self.rows.update(other.rows)
        self.stored |= other.stored

    def preload(self, keys, *, lock: bool = False) -> None:
        """`lock`: SELECT ... FOR UPDATE, tables and ids in sorted order (so two batches do not
        wait for each other in a circle)."""
        keys = sorted({k for k in keys if k not in self.rows})
        by_table: dict[str, list[str]] = {}
        for table, row_id in keys:
            by_table.setdefault(table, []).append(row_id)
        r = m.record.c
        # One table at a time: `table_name = t AND row_id IN (...)` walks the primary key,
        # which a row-value IN list of (table, id) pairs does not plan as well.
        for table, ids in by_table.items():
            for i in range(0, len(ids), 1000):
                query = select(r.table_name, r.row_id, r.origin_station, r.shared, r.data, r.clocks,
                               r.conflicts).where(r.table_name == table, r.row_id.in_(ids[i:i + 1000]))
                if lock and self.conn.dialect.name == "postgresql":
                    # No ORDER BY: with it PostgreSQL may walk the whole table's key in order
                    # instead of looking the ids up (0.6 s a batch at 100,000 rows). The key
                    # lookups of an IN list go in key order anyway, and a rare circle is
                    # broken by PostgreSQL's deadlock detection (the batch is then redone
                    # change by change).
                    query = query.with_for_update()
                for row in self.conn.execute(query):
                    self.rows[(row.table_name, row.row_id)] = as_dict(row)
                    self.stored.add((row.table_name, row.row_id))
        for k in keys:
            self.rows.setdefault(k, None)

    def get(self, table: str, row_id: str) -> dict | None:
        key = (table, row_id)
        if key not in self.rows:
            row = get_record(self.conn, table, row_id)
            self.rows[key] = as_dict(row) if row is not None else None
            if row is not None:
                self.stored.add(key)
        return self.rows[key]

    def put(self, table: str, row_id: str, origin: str, state: dict, seq: int, *, echo_of: str | None = None,
            shared: bool | None = None) -> None:
        """echo_of: the pushing station, when this is its own new row (see models.record).
        shared: a reference row every station receives (None: as it was; a new row is not)."""
        key = (table, row_id)
        is_new = key not in self.stored
        echo = echo_of if is_new and not state.get("conflicts") else None
        if shared is None:
            shared = bool((self.rows.get(key) or {}).get("shared"))
        self.rows[key] = {"origin_station": origin, "shared": shared, **state}
        if self.immediate:
            write_record(self.conn, table, row_id, origin, {**state, "shared": shared}, seq, insert_=is_new,
                         echo_of=echo)
            self.stored.add(key)
        else:
            self.dirty[key] = is_new
            self.echo[key] = echo

    def flush(self, seq: int) -> None:
        inserts, updates = [], []
        for (table, row_id), is_new in self.dirty.items():
            row = self.rows[(table, row_id)]
            values = record_values(table, row["origin_station"], row, seq, echo_of=self.echo.get((table, row_id)))
            (inserts if is_new else updates).append({"table_name": table, "row_id": row_id, **values})
        if inserts:
            if self.conn.dialect.name == "postgresql":
                copy_records(self.conn, inserts)
            else:
                self.conn.execute(insert(m.record), inserts)
        self.stored |= set(self.dirty)
        if updates:
            stmt = update(m.record).where(m.record.c.table_name == bindparam("t_name"),
                                          m.record.c.row_id == bindparam("r_id"))
            self.conn.execute(stmt.values({k: bindparam(k) for k in updates[0] if k not in ("table_name", "row_id")}),
                              [{**{k: v for k, v in u.items() if k not in ("table_name", "row_id")},
                                "t_name": u["table_name"], "r_id": u["row_id"]} for u in updates])
        self.dirty.clear()
        self.echo.clear()


RECORD_COLUMNS = ("table_name", "row_id", "origin_station", "natural_key", "apply_rank", "seq", "data", "clocks",
                  "conflicts", "updated_at", "echo_of", "shared")


def copy_records(conn, rows: list[dict]) -> None:
    """New rows into ``record`` with COPY, in the batch's transaction (a catch-up brings
    ~100,000 at once; COPY is the floor the benchmark compares with)."""
    from psycopg.types.json import Jsonb

    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f"COPY record ({', '.join(RECORD_COLUMNS)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row((r["table_name"], r["row_id"], r["origin_station"], r["natural_key"], r["apply_rank"],
                          r["seq"], Jsonb(r["data"]), Jsonb(r["clocks"]), Jsonb(r["conflicts"]),
                          r["updated_at"].astimezone(timezone.utc).replace(tzinfo=None), r["echo_of"], r["shared"]))


def as_dict(row) -> dict:
    return {"origin_station": row.origin_station, "shared": bool(row.shared), "data": dict(row.data or {}),
            "clocks": dict(row.clocks or {}), "conflicts": dict(row.conflicts or {})}


def get_record(conn, table: str, row_id: str, *, lock: bool = False):
    """`lock`: FOR UPDATE. Writers lock the rows they write first and take the commit counter
    last (push.apply_batch), so two writers never wait for each other in a circle."""
    query = select(m.record).where(m.record.c.table_name == table, m.record.c.row_id == row_id)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).first()


def state_of(row) -> dict | None:
    if row is None:
        return None
    if isinstance(row, dict):
        return {"data": dict(row["data"] or {}), "clocks": dict(row["clocks"] or {}),
                "conflicts": dict(row["conflicts"] or {})}
    return {"data": dict(row.data or {}), "clocks": dict(row.clocks or {}), "conflicts": dict(row.conflicts or {})}


def record_values(table, origin, state, seq, *, echo_of: str | None = None) -> dict:
    natural = natural_key(table, {"origin_station": origin, **state["data"]})
    return dict(origin_station=origin, natural_key=None if natural is None else natural[:60],
                apply_rank=APPLY_ORDER[table], seq=seq, data=state["data"], clocks=state["clocks"],
                conflicts=state["conflicts"], updated_at=utcnow(), echo_of=echo_of,
                shared=bool(state.get("shared")) and table in REFERENCE_TABLES)


def write_record(conn, table, row_id, origin, state, seq, *, insert_: bool, echo_of: str | None = None) -> None:
    values = record_values(table, origin, state, seq, echo_of=echo_of)
    if insert_:
        conn.execute(insert(m.record).values(table_name=table, row_id=row_id, **values))
    else:
        conn.execute(update(m.record).where(m.record.c.table_name == table, m.record.c.row_id == row_id)
                     .values(**values))


