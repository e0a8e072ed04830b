"""desk.db_export.export, the copy a migration (and a restore under another key) writes: every object,
row and setting of the source, and indexes filled in each table's order, not packed in key
order as sqlcipher_export packs them (branch crypt6). Real files: plain ones are measured with
the stock sqlite3's dbstat, which SQLCipher's build lacks."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from desk.db import HMAC_NEW, connect
from desk.db_export import export
from desk.services.keyfile import new_data_key
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.services.test_encryption import plant
from tests.sqlcipher4_default import raw_opens

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name"


def everything(conn) -> dict:
    """The schema, every table's rows (virtual ones through their shadow tables), the settings."""
    out = {"schema": conn.execute(SCHEMA).fetchall()}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0").fetchall():
        out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
    for pragma in ("user_version", "application_id", "auto_vacuum", "encoding"):
        out[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    return out


@pytest.fixture
def station(store, admin, clerk, ref, db_path):
    """A plain station file with residents, its full-text index, triggers, statistics and a
    user_version, settled into the file (no -wal)."""
    for _ in range(3):
        plant(store, clerk, ref)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_path


@pytest.mark.parametrize("target_key", [None, "key"])
def test_the_copy_has_every_object_row_and_setting(station, tmp_path, target_key):
    key = new_data_key() if target_key else None
    target = tmp_path / "copy.sqlite3"
    export(station, target, source_key=None, target_key=key)
    src = sqlite3.connect(station)
    dst = connect(target, key=key)
    try:
        assert everything(dst) == everything(src)
        assert dst.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert dst.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
        # The full-text index answers, the event history's triggers still refuse a change.
        term = '"' + src.execute("SELECT body FROM order_search LIMIT 1").fetchone()[0].split()[0] + '"'
        search = "SELECT rowid FROM order_search WHERE order_search MATCH ? ORDER BY rowid"
        assert dst.execute(search, (term,)).fetchall() == src.execute(search, (term,)).fetchall() != []
        with pytest.raises(Exception, match="event"):
            dst.execute("UPDATE event SET kind = kind")
    finally:
        src.close()
        dst.close()
    if key is not None:
        assert raw_opens(target, key, HMAC_NEW) and not raw_opens(target, key, None)


def test_an_encrypted_source_under_its_own_hmac_and_key(station, tmp_path):
    """A restore under another key: a SQLCipher-4-default (HMAC-SHA512) source, a new key."""
    old_key, new_key = new_data_key(), new_data_key()
    old = tmp_path / "old.sqlite3"
    from sqlcipher3 import dbapi2

    raw = dbapi2.connect(str(station))
    raw.execute(f"ATTACH DATABASE ? AS old KEY \"x'{old_key.hex()}'\"", (str(old),))  # SQLCipher's defaults
    raw.execute("SELECT sqlcipher_export('old')")
    raw.execute("PRAGMA old.user_version = 7")
    raw.execute("DETACH DATABASE old")
    raw.close()
    assert raw_opens(old, old_key, None)
    target = tmp_path / "copy.sqlite3"
    export(old, target, source_key=old_key, target_key=new_key)
    src, dst = sqlite3.connect(station), connect(target, key=new_key)
    try:
        assert everything(dst) == everything(src)
    finally:
        src.close()
        dst.close()


def leaf_fill(path: Path, index: str) -> float:
    """How full the index's leaf pages are (payload and cell pointers over usable bytes)."""
    conn = sqlite3.connect(path)
    try:
        used, pages, size = conn.execute(
            "SELECT sum(pgsize - unused), count(*), max(pgsize) FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
            (index,)).fetchone()
    finally:
        conn.close()
    assert pages > 20
    return used / (pages * size)


def test_random_key_indexes_are_filled_as_a_live_file_not_packed(tmp_path):
    """sqlcipher_export leaves a uuid index's leaves ~99 % full (each new key then splits a
    leaf); the copy keeps the room the live file has in them."""
    plain = tmp_path / "plain.sqlite3"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, body TEXT)")
    conn.execute("CREATE INDEX ix_t_id ON t (id)")
    conn.executemany("INSERT INTO t (id, body) VALUES (?, ?)", [(uuid.uuid4().hex, "x" * 40) for _ in range(20_000)])
    conn.commit()
    conn.close()
    live = leaf_fill(plain, "ix_t_id")
    copy = tmp_path / "copy.sqlite3"
    export(plain, copy, source_key=None, target_key=None)
    # measured: live 0.90, this copy 0.90, sqlcipher_export's 0.99
    assert leaf_fill(copy, "ix_t_id") < 0.95 and abs(leaf_fill(copy, "ix_t_id") - live) < 0.03
    # And the copy an encrypted migration makes is as large (the same b-trees, encrypted).
    key = new_data_key()
    encrypted = tmp_path / "encrypted.sqlite3"
    export(plain, encrypted, source_key=None, target_key=key)
    assert encrypted.stat().st_size >= copy.stat().st_size

