"""One sync per station at a time: an OS file lock next to the database file. The OS drops
the lock when the process dies, so a killed sync never leaves a stale lock behind."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from desk.sync.errors import SyncError


@contextmanager
def station_lock(db_path: str | Path):
    path = Path(str(db_path) + ".sync-lock")
    fh = open(path, "a+")
    try:
        if not _try_lock(fh):
            raise SyncError("sync_busy")
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            _unlock(fh)
    finally:
        fh.close()


def _try_lock(fh) -> bool:
    try:
        import fcntl

        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False


def _unlock(fh) -> None:
    try:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except ImportError:
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
