"""A large file's backup copied and checked in a process of its own.

Copying a million-order file (3.8 GB) and running its integrity check took one to two minutes on
the window's database worker. SQLite lets go of Python's GIL in those calls, yet the window still
froze for 50-160 ms at a time during a backup (issue 20): on a loaded machine the worker was
preempted while holding the GIL between two calls, and the check's page cache (as large as the
file) was allocated and freed in the window's own address space. In a child process (started
with "spawn": no copy of the window's threads or Qt state) neither touches the window; the
worker thread only waits for the child's answer. Small files are done in the calling process:
starting a child costs more than their whole backup.

Qt-free. The child's exceptions (SQLite's, OSError, BackupError) come back to the caller as they
were raised, so create_backup reports them the same way.
"""

from __future__ import annotations

from typing import Any, Callable

from desk.services.backup_checks import BackupError
from desk.services.child_process import ChildProcessFailed, run_in_child

APART_BYTES = 64 << 20  # files from this size up are copied and checked in a child process
TIMEOUT_S = 6 * 3600  # an encrypted 4 GB file's check takes minutes; a hung child must not hold the worker forever


def run(fn: Callable[..., Any], *args: Any, target: str = "") -> Any:
    """fn(*args) in a spawned child process (fn and args must pickle); its result. Run here when
    this process is itself a child (the window's sync, desk/sync/apart.py): the window is left
    alone already, and a daemonic process may not start children."""
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        return fn(*args)
    try:
        return run_in_child(fn, *args, timeout=TIMEOUT_S)
    except ChildProcessFailed as exc:
        raise BackupError("backup_failed", path=target, detail=str(exc)) from exc
