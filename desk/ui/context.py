"""What every screen shares: the store, the database runner, who is logged in, change
notifications as a Qt signal, and hooks other modules fill (printing the slip)."""

from __future__ import annotations

from typing import Any, Callable, Optional
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, Signal, Slot

import desk.ui.messages  # noqa: F401 (the window's own refusal messages)
from desk.errors import NotInitialised
from desk.rules.permissions import Permission, allowed
from desk.services import auth, recovery
from desk.services.dto import Actor, OrderDetail, StationInfo, VisitResult
from desk.services.store import Store
from desk.ui.prefs import Prefs
from desk.ui.worker import Runner
from desk.i18n import by_language

# Service functions that open an encrypted store themselves (the rest wait for them).
_UNLOCKING = {auth.login, recovery.recover_administrator}

# Filled by the slip module when it exists: print the slip of a just-saved visit, and reprint
# the slip of an order's visit (the detail's "reprint" action).
SlipPrinter = Callable[[VisitResult], None]
SlipReprinter = Callable[[OrderDetail], None]


class DeskContext(QObject):
    changed = Signal(object)  # frozenset of changed kinds ('orders', 'reference', …), GUI thread
    actor_changed = Signal()
    station_loaded = Signal()  # ctx.station and ctx.tz were (re)read on the worker
    _changed_any_thread = Signal(object)

    def __init__(self, store: Store, runner: Runner, prefs: Prefs | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.runner = UntilUnlocked(runner, store) if store.locked else runner
        self.prefs = prefs or Prefs()
        self.actor: Optional[Actor] = None
        self.print_slip: Optional[SlipPrinter] = None
        self.reprint_slip: Optional[SlipReprinter] = None
        self.last_sync: str = ""
        # The station and its time zone, read on the worker: screens format times with these
        # and never ask the store from the GUI thread (a read there waits on a busy disk).
        self.station: Optional[StationInfo] = None
        self.tz = ZoneInfo("Asia/Shanghai")
        # The store calls listeners on whatever thread wrote; hop to the GUI thread first.
        self._changed_any_thread.connect(self._relay_changed, Qt.ConnectionType.QueuedConnection)
        store.subscribe(self._on_store_changed)
        self.load_station()

    def _on_store_changed(self, kinds: frozenset[str]) -> None:
        self._changed_any_thread.emit(kinds)

    @Slot(object)
    def _relay_changed(self, kinds) -> None:
        if kinds & {"station", "calendar"}:
            self.load_station()
        self.changed.emit(kinds)

    def load_station(self) -> None:
        def read(store: Store) -> StationInfo | None:
            try:
                return store.station()
            except NotInitialised:  # first run: set-up comes first, the default zone until then
                return None

        self.call(read, on_done=self._station_read)

    def _station_read(self, station: StationInfo | None) -> None:
        self.station = station
        if station is not None:
            self.tz = ZoneInfo(station.timezone)
        self.station_loaded.emit()

    def station_name(self) -> str:
        """The station's name in the window's language, '' before set-up."""
        

        st = self.station
        return by_language(st.name, st.name_en or st.name) if st is not None else ""

    def detach(self) -> None:
        self.store.unsubscribe(self._on_store_changed)

    def call(self, fn: Callable[..., Any], *args: Any, on_done=None, on_error=None, **kwargs: Any) -> None:
        """Run a service function `fn(store, *args, **kwargs)` on the database worker."""
        self.runner.run(fn, self.store, *args, on_done=on_done, on_error=on_error, **kwargs)

    def as_actor(self, fn: Callable[..., Any], *args: Any, on_done=None, on_error=None, **kwargs: Any) -> None:
        """Run `fn(store, actor, *args, **kwargs)` as the logged-in person."""
        self.runner.run(fn, self.store, self.actor, *args, on_done=on_done, on_error=on_error, **kwargs)

    def set_actor(self, actor: Optional[Actor]) -> None:
        self.actor = actor
        if actor is not None and isinstance(self.runner, UntilUnlocked):
            self.runner.release()
        self.actor_changed.emit()

    def may(self, what) -> bool:
        return self.actor is not None and allowed(self.actor.role, what)

    def is_supervisor(self) -> bool:
        return self.may(Permission.MANAGE_REFERENCE)


class UntilUnlocked:
    """The runner of a window over an encrypted file that opens with the log-in: what the
    screens ask for before it (their lists, the daily backup, the sync status) waits until
    then instead of failing. Everything else is the wrapped runner's."""

    def __init__(self, runner: Runner, store: Store):
        object.__setattr__(self, "_runner", runner)
        object.__setattr__(self, "_store", store)
        object.__setattr__(self, "_held", [])

    def run(self, fn, *args, **kwargs):
        if self._store.locked and fn not in _UNLOCKING:
            self._held.append((fn, args, kwargs))
            return None
        return self._runner.run(fn, *args, **kwargs)

    def release(self) -> None:
        if self._store.locked:
            return
        held, self._held[:] = list(self._held), []
        for fn, args, kwargs in held:
            self._runner.run(fn, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._runner, name)

    def __setattr__(self, name, value):
        setattr(self._runner, name, value)
