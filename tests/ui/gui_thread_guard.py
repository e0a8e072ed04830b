"""The guard the window tests use: every SQL statement (and every new SQLite connection) made
on the Qt main thread outside a runner call is recorded with the desk code that made it. A
screen that reads the database on the GUI thread freezes the window on a busy disk."""

from __future__ import annotations

import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

import desk
from desk.services.store import Store
from desk.ui.worker import SyncRunner

_DESK = str(Path(desk.__file__).parent) + "/"


@dataclass
class GuiThreadDatabaseUse:
    hits: list[str] = field(default_factory=list)

    def record(self, what: str) -> None:
        if threading.current_thread() is not threading.main_thread() or SyncRunner.calls_running:
            return
        frames = [f for f in traceback.extract_stack()[:-1] if f.filename.startswith(_DESK)]
        where = " <- ".join(f"{f.filename[len(_DESK):]}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))
        self.hits.append(f"{what[:80]}  at {where}")

    def report(self) -> str:
        return "\n".join(dict.fromkeys(self.hits))  # each place once


@contextmanager
def no_database_on_gui_thread(store=None) -> Iterator[GuiThreadDatabaseUse]:
    """Record what the GUI thread asks of the database meanwhile. The store's cached station,
    calendar and names are forgotten first, so a cached read cannot hide a GUI-thread one."""
    use = GuiThreadDatabaseUse()

    def on_execute(conn, cursor, statement, parameters, context, executemany):
        use.record(statement)

    def on_connect(dbapi_connection, connection_record):
        use.record("a new SQLite connection")

    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Pool, "connect", on_connect)
    # A cached answer reads nothing today and the disk tomorrow (after any change): asking the
    # store for it on the GUI thread counts as well.
    originals = {name: getattr(Store, name) for name in _STORE_READS}
    for name, original in originals.items():
        setattr(Store, name, _recording(use, name, original))
    if store is not None:
        store.invalidate({"station", "calendar", "reference", "staff"})
    try:
        yield use
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        event.remove(Pool, "connect", on_connect)
        for name, original in originals.items():
            setattr(Store, name, original)


_STORE_READS = ("station", "calendar", "names", "is_initialised", "read", "write")


def _recording(use: GuiThreadDatabaseUse, name: str, original):
    def wrapper(self, *args, **kwargs):
        use.record(f"Store.{name}()")
        return original(self, *args, **kwargs)
    return wrapper
