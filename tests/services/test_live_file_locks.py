"""A desk process that has the station file open keeps SQLite's locks on it while it takes a
backup (which checks whether the file is encrypted): another process that then writes and
closes the file (the OS timer's `desk sync`) must not delete the write-ahead log under it, and
no commit of either is lost.

Before the fix the backup's header check opened and closed the file with Python's open(); POSIX
drops all of a process's locks on a file when any descriptor of it is closed, so the other
process thought it was the last one, checkpointed and deleted the log, and the desk's next
commit went to a deleted file (gone, or "disk I/O error" on the next read)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk.services import auth, backup
from desk.sync import state
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture

# The other process: a plain or SQLCipher connection as the desk makes one, one commit, close.
OTHER_PROCESS = """
import sys
from desk.db import connect
key = bytes.fromhex(sys.argv[2]) if sys.argv[2] else None
conn = connect(sys.argv[1], key=key)
conn.execute("INSERT INTO sync_state (key, value) VALUES ('written_by_other', '1')")
conn.commit()
conn.close()
"""


def put(store, key: str) -> None:
    with store.write() as s:
        state.put(s.connection(), key, "1")


def keys_in(path: Path, key: bytes | None) -> set[str]:
    from desk.db import connect

    conn = connect(path, key=key, readonly=True)
    try:
        return {row[0] for row in conn.execute("SELECT key FROM sync_state")}
    finally:
        conn.close()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_backup_while_open_loses_no_commit_of_this_or_another_process(store, admin, db_path, encrypted):
    if encrypted:
        auth.encrypt_station(store, admin, PASSWORD)
    key = store.keys.key if store.encrypted else None
    put(store, "before_backup")
    backup.before_sync(store)  # what the desk does while it has the file open
    other = subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(db_path), key.hex() if key else ""],
                           capture_output=True, text=True, timeout=60)
    assert other.returncode == 0, other.stderr[-2000:]
    assert Path(f"{db_path}-wal").exists()  # the other process saw us and left the log alone
    put(store, "after_other")
    store.close()
    assert {"before_backup", "written_by_other", "after_other"} <= keys_in(db_path, key)
