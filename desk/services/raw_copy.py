"""A backup of an encrypted database by copying its pages as they are on the disk.

SQLite's backup API reads every page through the pager, so with SQLCipher each page is
decrypted (and its HMAC checked) from the live file and encrypted again into the copy: for a
station file under one key that is two cipher passes for nothing (a 3.7 GB file: minutes).
A copy under the same key can take the encrypted bytes unchanged, provided they form one
consistent snapshot. How that is made sure of, in WAL mode:

1. A connection takes the write lock (BEGIN IMMEDIATE): no commit can happen meanwhile.
2. Another runs a passive checkpoint: every committed frame of the WAL is written into the
   database file (if a reader still needs an older snapshot, it cannot finish; we retry a few
   times and otherwise fall back to the backup API).
3. A third begins a read transaction. Its snapshot is the whole WAL already written back, so
   SQLite gives it read-lock 0, "reads the database file only"; while any reader holds that
   lock no checkpoint may write into the database file (wal.c, walCheckpoint). The write lock
   is released at once: the desk saves as usual, into the WAL, during the copy.
4. The first `page_count` pages of the file are copied, byte for byte; the copy is then
   opened with the key and checked by the caller (integrity_check), and here against the
   snapshot (page count, every table's largest rowid).

POSIX record locks belong to the process and the file: closing any descriptor of the file
drops every lock this process's SQLite holds on it (see desk.db._OPEN_FILES). So on POSIX the
descriptor used for copying is opened once per database file and kept open while this process
has the file open (closed with its last engine connection, re-opened if the file was replaced);
Windows has no such locks and closes it at once.

Qt-free.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from desk.db import ON_LAST_CLOSE, _key_slot, connect, driver_errors

CHUNK = 8 << 20
ATTEMPTS = 5

_FDS: dict[str, int] = {}  # database path -> a read-only descriptor kept open (POSIX)
_FDS_LOCK = threading.Lock()


class NoQuietMoment(Exception):
    """The WAL could not be written back completely (a long reader): use the backup API."""


def _forget(slot: str) -> None:
    """This process has no engine connection to the file any more: close the kept descriptor."""
    with _FDS_LOCK:
        fd = _FDS.pop(slot, None)
    if fd is not None:
        os.close(fd)


ON_LAST_CLOSE.append(_forget)


def _descriptor(path: Path) -> tuple[int, bool]:
    """(fd, close_after): on POSIX one kept descriptor per file (same inode as the path)."""
    if os.name == "nt":
        return os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0)), True
    slot = _key_slot(path)
    with _FDS_LOCK:
        fd = _FDS.get(slot)
        if fd is not None:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
            if same:
                return fd, False
            # The file was replaced (a restore): the old inode has no SQLite connection left in
            # this process, so closing its descriptor drops nobody's lock.
            os.close(fd)
        fd = os.open(path, os.O_RDONLY)
        _FDS[slot] = fd
        return fd, False


def _fingerprint(conn) -> tuple[int, tuple]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name")]
    tops = tuple((n, conn.execute(f'SELECT max(rowid) FROM "{n}"').fetchone()[0]) for n in names)
    return int(conn.execute("PRAGMA page_count").fetchone()[0]), tops


def _checkpointed(db_path: Path, key: bytes) -> bool:
    ck = connect(db_path, key=key, timeout=30)
    try:
        busy, log, done = ck.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return busy == 0 and log == done
    finally:
        ck.close()


def copy_encrypted(db_path: Path, target: Path, key: bytes) -> None:
    """Copy the encrypted file at `db_path` to `target` (a new file) page for page, as one
    consistent snapshot; raises NoQuietMoment when none could be had."""
    reader = None
    for attempt in range(ATTEMPTS):
        writer = connect(db_path, key=key, timeout=30)
        writer.isolation_level = None
        try:
            writer.execute("BEGIN IMMEDIATE")
            if _checkpointed(db_path, key):
                reader = connect(db_path, key=key, readonly=True, timeout=30)
                reader.isolation_level = None
                reader.execute("BEGIN")
                page_size = int(reader.execute("PRAGMA page_size").fetchone()[0])
                snapshot = _fingerprint(reader)  # reading starts the snapshot (read-lock 0)
        finally:
            if writer.in_transaction:
                writer.execute("ROLLBACK")
            writer.close()
        if reader is not None:
            break
        time.sleep(0.05 * (attempt + 1))
    if reader is None:
        raise NoQuietMoment()
    try:
        _copy_bytes(db_path, target, snapshot[0] * page_size)
        check = connect(target, key=key)
        try:
            check.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, like the API's copies
            copied = _fingerprint(check)
        finally:
            check.close()
        if copied != snapshot:
            raise driver_errors()[0](f"the page copy differs from its snapshot ({copied[0]} != {snapshot[0]} pages)")
    finally:
        reader.execute("ROLLBACK")
        reader.close()


def _copy_bytes(db_path: Path, target: Path, length: int) -> None:
    fd, close_after = _descriptor(db_path)
    try:
        with open(target, "wb") as out:
            done = 0
            while done < length:
                n = min(CHUNK, length - done)
                if hasattr(os, "copy_file_range"):
                    try:
                        moved = os.copy_file_range(fd, out.fileno(), n, done, done)
                    except OSError:
                        moved = 0
                    if moved > 0:
                        done += moved
                        continue
                chunk = _read_at(fd, n, done)
                if not chunk:
                    raise OSError(f"{db_path}: shorter than its {length} bytes")
                out.seek(done)
                out.write(chunk)
                done += len(chunk)
            out.flush()
            os.fsync(out.fileno())
    finally:
        if close_after:
            os.close(fd)


def _read_at(fd: int, n: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, n, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: this descriptor is ours alone
    return os.read(fd, n)
