"""The window's sync run in a process of its own.

A catch-up sync applies ~100,000 changes in ~25 s of Python (SQLAlchemy, JSON). On the window's
sync thread it held Python's GIL nearly all that time: whenever the machine preempted that thread
while it held the GIL, the window could not answer a key until it ran again (gaps of 30-90 ms at
load 3-6, issue 20). In a child process (started with "spawn": no copy of the window's threads or
Qt state) it holds its own GIL; the window's sync thread only waits for the child's messages:
progress as it goes, which kinds of data each commit changed (the open screens reload as before),
and the report or the failure at the end. What runs is client.sync_now / client.sync unchanged,
over its own Store of the same file (an encrypted one with the window's data key, sent through the
pipe, never on a command line).

Qt-free.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Callable

from desk.services.dto import Actor
from desk.sync.errors import SyncError


def sync(store, actor: Actor | None, *, progress: Callable[[str, int], None] | None = None,
         timeout: float = 60.0):
    """client.sync_now(store, actor) (client.sync when actor is None: the nightly timer) in a
    child process; its SyncReport, or the exception it raised."""
    import multiprocessing

    mp = multiprocessing.get_context("spawn")
    receive, send = mp.Pipe(duplex=False)
    key = store.keys.key if store.keys is not None else None
    child = mp.Process(target=_child, args=(str(store.path), key, actor, timeout, send), daemon=True,
                       name="desk-sync")
    child.start()
    send.close()  # the child holds the only writing end: its death ends our reading
    try:
        while True:
            try:
                what, value = receive.recv()
            except EOFError:
                raise SyncError("sync_unexpected", detail=f"sync process ended ({child.exitcode})") from None
            if what == "progress" and progress is not None:
                progress(*value)
            elif what == "changed":
                store.changed_elsewhere(value)
            elif what == "done":
                return value
            elif what == "failed":
                raise value
    finally:
        receive.close()
        child.join(10)
        if child.is_alive():
            child.kill()


def _child(path: str, key: bytes | None, actor: Actor | None, timeout: float, send) -> None:
    from desk.services.store import Store
    from desk.sync import client

    def tell(what: str, value) -> None:
        send.send((what, value))

    try:
        store = Store.open(Path(path))
        if key is not None:
            store.unlock(key)
        store.subscribe(lambda kinds: tell("changed", kinds))
        try:
            progress = (lambda phase, n: tell("progress", (phase, n)))
            if actor is not None:
                report = client.sync_now(store, actor, progress=progress, timeout=timeout)
            else:
                report = client.sync(store, progress=progress, timeout=timeout)
        finally:
            store.close()
        tell("done", report)
    except Exception as exc:  # the window shows it as the in-process sync would have
        try:
            pickle.dumps(exc)
        except Exception:
            exc = SyncError("sync_unexpected", detail=type(exc).__name__)
        tell("failed", exc)
    finally:
        send.close()
