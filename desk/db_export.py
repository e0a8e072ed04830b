"""The copy between a plain and an encrypted station file, or between two keys: what a
migration to encryption and a restore under another key write (the backup API only copies
between files under the same key)."""

from __future__ import annotations

import re
from pathlib import Path

from desk.db import HMAC_NEW, cipher_module, keyed_connect, connect, file_hmac


# The export's page cache: its indexes take their entries in random order. The million-order
# file: 115 s with 512 MB (0.7 GB resident), 105 s with a cache as large as the file (5 GB).
EXPORT_CACHE_KIB = 512 * 1024


def export(source: Path | str, target: Path | str, *, source_key: bytes | None, target_key: bytes | None,
           target_hmac: str = HMAC_NEW) -> None:
    """`target` (a new file) gets every table, index, trigger, view, virtual table, the
    sqlite_sequence, statistics and user_version of `source`, written under `target_key`
    (None: plain) with `target_hmac`: the way between a plain and an encrypted file, or between
    two keys (the backup API only copies between files under the same key). What SQLCipher's
    sqlcipher_export does, but each table's rows go in in its own order with its indexes
    already there: sqlcipher_export (like VACUUM) copies an index in key order and leaves its
    pages full, so the first saves' random-key (uuid) entries split leaf after leaf and an
    encrypted save wrote ~25 more pages than a plain one (benchmarks/README, crypt5 and crypt6).
    It takes longer: the million-order file 105-115 s against sqlcipher_export's 34 s."""
    if source_key is not None:
        connect(source, key=source_key, readonly=True).close()  # finds the source's HMAC
    uri = f"file:{target}"
    opener = lambda: cipher_module().connect(uri, uri=True, timeout=30)  # noqa: E731
    conn = opener() if target_key is None else keyed_connect(opener, target, target_key, target_hmac)
    try:
        conn.isolation_level = None
        key = f"x'{source_key.hex()}'" if source_key is not None else ""
        conn.execute(f"ATTACH DATABASE ? AS src KEY \"{key}\"", (f"file:{source}?mode=ro",))
        if source_key is not None:
            conn.execute(f"PRAGMA src.cipher_hmac_algorithm = {file_hmac(source, source_key)}")
        # A new file that is thrown away unless the whole copy passes its checks (the callers
        # fsync it then): no journal, no fsync per transaction.
        conn.execute("PRAGMA main.journal_mode = OFF")
        conn.execute("PRAGMA main.synchronous = OFF")
        conn.execute(f"PRAGMA main.cache_size = -{EXPORT_CACHE_KIB}")
        _copy_database(conn)
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()


def _copy_database(conn) -> None:
    """sqlcipher_export's steps from the attached `src` into `main`, in the same order: tables
    (and virtual tables' shadow tables), indexes, rows, sqlite_sequence, then the schema rows
    of views, triggers and virtual tables as they are (no trigger fires on the copy)."""
    objects = conn.execute("SELECT type, name, rootpage, sql FROM src.sqlite_master WHERE sql IS NOT NULL").fetchall()
    conn.execute(f"PRAGMA main.auto_vacuum = {int(conn.execute('PRAGMA src.auto_vacuum').fetchone()[0])}")
    tables = [(name, sql) for kind, name, root, sql in objects
              if kind == "table" and root and not name.startswith("sqlite_")]
    conn.execute("BEGIN")
    for _name, sql in tables:
        conn.execute(sql)
    for kind, _name, _root, sql in objects:
        if kind == "index":
            conn.execute(sql)
    conn.execute("COMMIT")
    for name, sql in tables:
        # ORDER BY (or WHERE) keeps SQLite from copying the table and each index b-tree whole
        # in key order (its transfer optimisation, which packs them).
        order = "WHERE 1" if re.search(r"\)\s*WITHOUT\s+ROWID\s*$", sql, re.I) else "ORDER BY rowid"
        conn.execute("BEGIN")
        conn.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}" {order}')
        conn.execute("COMMIT")  # dirty pages written, the cache keeps them for the next table
    conn.execute("BEGIN")
    internal = {name for kind, name, root, _sql in objects if kind == "table" and name.startswith("sqlite_")}
    if "sqlite_sequence" in internal:  # made by the first AUTOINCREMENT table
        conn.execute("DELETE FROM main.sqlite_sequence")
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence")
    stats = internal & {"sqlite_stat1", "sqlite_stat4"}
    if stats:
        conn.execute("ANALYZE main.sqlite_master")  # the one way to make the statistics tables
        for name in ("sqlite_stat1", "sqlite_stat4"):
            if name not in stats:
                conn.execute(f"DROP TABLE IF EXISTS main.{name}")
            elif conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (name,)).fetchone():
                conn.execute(f"DELETE FROM main.{name}")
                conn.execute(f"INSERT INTO main.{name} SELECT * FROM src.{name}")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO main.sqlite_master SELECT type, name, tbl_name, rootpage, sql FROM src.sqlite_master "
                 "WHERE type IN ('view', 'trigger') OR (type = 'table' AND rootpage = 0)")
    conn.execute("PRAGMA writable_schema = OFF")
    for pragma in ("user_version", "application_id"):
        conn.execute(f"PRAGMA main.{pragma} = {int(conn.execute(f'PRAGMA src.{pragma}').fetchone()[0])}")
    conn.execute("COMMIT")
