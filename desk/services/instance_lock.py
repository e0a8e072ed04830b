"""The guard that keeps a second desk window off the same database file.

Its own small module (no database code): the window takes the lock before it shows anything or
imports the database side (desk/ui/main.py); desk.services.startup re-exports it."""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path

from desk.errors import StartupError


class AlreadyRunning(StartupError):
    pass


class InstanceLock:
    """An exclusive OS lock on `<database>.lock`, held while a window has the database open.

    Why an OS file lock (fcntl.flock / msvcrt.locking) and not SQLite's own locking:
    SQLite's locks only live for a transaction, and an exclusive SQLite lock would also shut out
    the CLI and the nightly sync, which may use the file while the window is open (WAL lets
    them). A PID file alone goes stale when the desk is killed or the power fails; an OS lock
    is released by the kernel when the process dies, however it dies, so a crash never leaves
    the desk "already running". The file itself is never deleted (deleting a lock file races
    with a second process locking the old inode); it just holds who has it, for the message.
    """

    def __init__(self, db_path: Path | str):
        self.path = Path(f"{Path(db_path).expanduser()}.lock")
        self._fh = None

    def acquire(self) -> "InstanceLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            _lock(fh)
        except OSError:
            try:
                fh.seek(0)
                holder = fh.read(200).split()
            except OSError:  # Windows: the holder's locked byte cannot be read
                holder = []
            fh.close()
            pid = holder[0] if holder else "?"
            since = holder[2].replace("T", " ")[:16] if len(holder) > 2 else "?"
            raise AlreadyRunning("already_running", pid=pid, since=since) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} {socket.gethostname()} {datetime.now().isoformat(timespec='seconds')}\n")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Lock a byte past the text, so a second instance can still read who holds the lock.
    def _lock(fh) -> None:
        fh.seek(4096)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(4096)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
