"""The unit of work: one SQLite file, a session per user action, change notifications.

Screens never see a session: they call service functions with a Store and get plain values.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desk.db import KeyHolder, driver_errors, make_engine, open_database, prepare, remember_key, writer_engine
from desk.models import CalendarOverride, Category, Department, ResidentialArea, Staff, Station, utcnow
from desk.services.calendar import WorkCalendar
from desk.services.dto import StationInfo
from desk.errors import NotInitialised
from desk.services.changes import mark_changed  # noqa: F401 - importable from here too
from desk.services.database_errors import translate
from desk.sync.capture import capture_inserts
from desk.sync.capture import install as install_capture
from desk.rules.hlc import wall_now_ms

ChangeListener = Callable[[frozenset[str]], None]


@dataclass(frozen=True)
class ReferenceNames:
    """id -> (中文, English) names of small reference tables, for rows of a list."""

    categories: dict[str, tuple[str, str]]
    category_parent: dict[str, str | None]
    departments: dict[str, tuple[str, str]]
    areas: dict[str, tuple[str, str]]
    staff: dict[str, str]


class CategoryRef(NamedTuple):
    parent_id: str | None
    default_department_id: str | None
    accept_limit: str
    resolve_limit: str


class DepartmentRef(NamedTuple):
    name: str
    active: bool


@dataclass(frozen=True)
class SaveReference:
    """What saving a visit checks and computes from the reference tables, read once and dropped
    with the names whenever reference data changes (a save used to load its category and
    department rows into a new session every time)."""

    categories: dict[str, CategoryRef]
    departments: dict[str, DepartmentRef]
    areas: frozenset[str]


class Store:
    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None, keys: KeyHolder | None = None):
        self.engine = engine
        self.path = engine.url.database
        # An encrypted file's data key (None for a plain file); empty until someone unlocks.
        self.keys = keys
        self._before_upgrade: Callable[[Path, str | None], object] | None = None
        # Rows written through the Store take created_at/updated_at from its clock.
        self._reader = sessionmaker(engine.execution_options(desk_clock=self.now), expire_on_commit=False)
        self._write_engine = writer_engine(engine).execution_options(desk_clock=self.now)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        self._clock = clock or utcnow
        self._listeners: list[ChangeListener] = []
        self._lock = threading.RLock()
        self._station: StationInfo | None = None
        self._calendar: WorkCalendar | None = None
        self._names: ReferenceNames | None = None
        self._save_reference: SaveReference | None = None
        # The numbering's look-up of an older desk's five-digit tickets, per (station, day):
        # only a sync or a restore can bring more (desk.services.numbering.highest_in_file).
        self.legacy_tickets: dict[tuple[str, str], int] = {}
        # Wall clock of the sync's hybrid logical clock (milliseconds); tests may replace it.
        self.hlc_wall: Callable[[], int] = wall_now_ms
        install_capture(self)

    @classmethod
    def open(cls, path: Path | str, *, clock: Callable[[], datetime] | None = None,
             before_upgrade: Callable[[Path, str | None], object] | None = None) -> "Store":
        """The Store of `path`, upgraded to the current schema; an existing file about to be
        upgraded is first handed to `before_upgrade` (startup.open_store passes the backup).
        An encrypted file (a key file beside it) opens locked: auth.login or another unlock
        opens it and then upgrades it the same way."""
        from desk.db import is_plain_sqlite
        from desk.services.keyfile import path_for

        candidate = Path(path)
        if candidate.exists() and candidate.stat().st_size > 0 and not is_plain_sqlite(candidate) \
                and path_for(candidate).exists():
            return cls.open_encrypted(candidate, clock=clock, before_upgrade=before_upgrade)
        return cls(open_database(path, before_upgrade=before_upgrade), clock=clock)

    @classmethod
    def open_encrypted(cls, path: Path | str, *, clock: Callable[[], datetime] | None = None,
                       key: bytes | None = None,
                       before_upgrade: Callable[[Path, str | None], object] | None = None) -> "Store":
        """A Store over an encrypted file: locked (nothing read yet) until unlock(key)."""
        keys = KeyHolder()
        store = cls(make_engine(Path(path), keys), clock=clock, keys=keys)
        store._before_upgrade = before_upgrade
        if key is not None:
            store.unlock(key)
        return store

    @property
    def encrypted(self) -> bool:
        return self.keys is not None

    @property
    def locked(self) -> bool:
        return self.keys is not None and self.keys.key is None

    def unlock(self, key: bytes) -> None:
        """Give the encrypted file its data key, check it opens, bring its schema to head."""
        self.keys.key = key
        remember_key(self.path, key)
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            prepare(self.engine, Path(self.path), before_upgrade=self._before_upgrade)
        except Exception:
            self.keys.key = None
            remember_key(self.path, None)
            self.engine.dispose()
            raise

    def lock(self) -> None:
        """Forget the data key (a refused log-in right after it unlocked the file)."""
        if self.keys is not None:
            self.engine.dispose()
            self.keys.key = None
            remember_key(self.path, None)

    def switch_to_encrypted(self, key: bytes) -> None:
        """After the file was encrypted in place (desk.services.encryption): new connections
        use the key; sessions, listeners and caches stay."""
        self.engine.dispose()
        self.keys = KeyHolder(key)
        remember_key(self.path, key)
        self.engine = make_engine(Path(self.path), self.keys)
        self._rebind()

    def _rebind(self) -> None:
        self._reader.configure(bind=self.engine.execution_options(desk_clock=self.now))
        self._write_engine = writer_engine(self.engine).execution_options(desk_clock=self.now)
        self._writer.configure(bind=self._write_engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- time -------------------------------------------------------------------------------
    def now(self) -> datetime:
        return self._clock()

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction for one user action: committed at the end, rolled back on any
        error, then the listeners hear which kinds of data changed."""
        with _typed_db_errors(self.path), self._writer() as session:
            if self._station is not None:
                # The sync capture needs the local station's code: spare it a query per save.
                session.info["sync_station"] = self._station.code
            with session.begin():
                yield session
            changed = frozenset(session.info.get("changed", ()))
        if changed:
            self._announce(changed)

    @contextmanager
    def write_plain(self) -> Iterator["PlainWrite"]:
        """The same transaction as write() (BEGIN IMMEDIATE, committed at the end, rolled back
        on any error, listeners told) on a Connection instead of a Session, for a save that
        writes plain SQL (saving a visit, issue 20: an empty transaction costs 160 µs of CPU
        through a Session, 70 through a Connection; a save is ~2 ms). A part that needs the
        ORM asks for `tx.session`: one is made then, in the same transaction, with the sync
        capture."""
        with _typed_db_errors(self.path), self._write_engine.connect() as conn:
            info = {"sync_station": self._station.code} if self._station is not None else {}
            with conn.begin():
                tx = PlainWrite(conn, self._writer, info)
                try:
                    yield tx
                    tx.flush()  # what a Session's commit flushes
                finally:
                    if tx._session is not None:
                        tx._session.close()  # the transaction stays the Connection's
            changed = frozenset(tx.info.get("changed", ()))
        if changed:
            self._announce(changed)

    def changed_elsewhere(self, changed: frozenset[str]) -> None:
        """Another process wrote to this file (the window's sync, desk/sync/apart.py): forget
        the cached data of those kinds and tell the listeners, as a write here would."""
        self._announce(changed)

    def _announce(self, changed: frozenset[str]) -> None:
        """Data of these kinds changed: the cached copies go, the listeners hear of it."""
        self.invalidate(changed)
        for listener in list(self._listeners):
            listener(changed)

    def capture_inserts(self, tx: "PlainWrite", rows) -> None:
        """Sync capture of rows inserted with plain statements in `tx`
        (desk.services.core_insert): what the installed flush listener does for the ORM."""
        capture_inserts(tx, rows, self.hlc_wall)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _typed_db_errors(self.path), self._reader() as session:
            yield session

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- cached reference data --------------------------------------------------------------
    def invalidate(self, changed: frozenset[str] | set[str]) -> None:
        with self._lock:
            if "station" in changed:
                self._station = None
            if "calendar" in changed or "station" in changed:
                self._calendar = None
            if changed & {"reference", "staff", "station"}:
                self._names = None
                self._save_reference = None
            if changed & {"sync", "station"}:  # pulled rows; a restore (the station's caches go too)
                self.legacy_tickets.clear()

    def station(self) -> StationInfo:
        with self._lock:
            if self._station is None:
                with self.read() as s:
                    st = s.scalars(select(Station).where(Station.is_local.is_(True))).first()
                    if st is None:
                        raise NotInitialised("no_station")
                    self._station = StationInfo(
                        id=st.id, code=st.code, name=st.name, name_en=st.name_en, phone=st.phone,
                        address=st.address, timezone=st.timezone, is_demo=st.is_demo,
                    )
            return self._station

    def is_initialised(self) -> bool:
        if self.locked:  # only a set-up station is encrypted
            return True
        try:
            self.station()
            return True
        except NotInitialised:
            return False

    def calendar(self) -> WorkCalendar:
        with self._lock:
            if self._calendar is None:
                with self.read() as s:
                    overrides = {o.day: o.is_workday for o in s.scalars(select(CalendarOverride))}
                tz = self.station().timezone if self.is_initialised() else "Asia/Shanghai"
                self._calendar = WorkCalendar(overrides, tz)
            return self._calendar

    def names(self) -> ReferenceNames:
        with self._lock:
            if self._names is None:
                with self.read() as s:
                    cats = s.execute(select(Category.id, Category.name, Category.name_en, Category.parent_id)).all()
                    deps = s.execute(select(Department.id, Department.name, Department.name_en)).all()
                    areas = s.execute(select(ResidentialArea.id, ResidentialArea.name, ResidentialArea.name_en)).all()
                    staff = s.execute(select(Staff.id, Staff.display_name)).all()
                self._names = ReferenceNames(
                    categories={c.id: (c.name, c.name_en or c.name) for c in cats},
                    category_parent={c.id: c.parent_id for c in cats},
                    departments={d.id: (d.name, d.name_en or d.name) for d in deps},
                    areas={a.id: (a.name, a.name_en or a.name) for a in areas},
                    staff={p.id: p.display_name for p in staff},
                )
            return self._names

    def save_reference(self) -> SaveReference:
        with self._lock:
            if self._save_reference is None:
                with self.read() as s:
                    cats = s.execute(select(Category.id, Category.parent_id, Category.default_department_id,
                                            Category.accept_limit, Category.resolve_limit)).all()
                    deps = s.execute(select(Department.id, Department.name, Department.active)).all()
                    areas = s.execute(select(ResidentialArea.id)).scalars().all()
                self._save_reference = SaveReference(
                    categories={c.id: CategoryRef(c.parent_id, c.default_department_id, c.accept_limit,
                                                  c.resolve_limit) for c in cats},
                    departments={d.id: DepartmentRef(d.name, bool(d.active)) for d in deps},
                    areas=frozenset(areas),
                )
            return self._save_reference


class PlainWrite:
    """A write transaction held by Store.write_plain: its Connection (`conn`), the DB-API
    connection under it (`raw`, for plain SQL), what the transaction records for the capture
    and the listeners (`info`, as a Session's info), and an ORM Session made on first use."""

    __slots__ = ("conn", "raw", "info", "_maker", "_session")

    def __init__(self, conn, maker: sessionmaker, info: dict):
        self.conn = conn
        self.raw = conn.connection.driver_connection
        self.info = info
        self._maker = maker
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """A Session in this transaction (the Store's writer: its flushes are captured), not
        flushed until asked (as the save's no_autoflush block was); it never commits or ends
        the transaction, which stays write_plain's."""
        if self._session is None:
            session = self._maker(bind=self.conn, autoflush=False, join_transaction_mode="rollback_only")
            session.info.update(self.info)
            self.info = session.info  # one dict: the capture's tick and what changed, seen by both
            self._session = session
        return self._session

    def flush(self) -> None:
        if self._session is not None:
            self._session.flush()


@contextmanager
def _typed_db_errors(path) -> Iterator[None]:
    """A full disk, a read-only or locked file, a damaged page: the refusal with what to do
    (desk.services.database_errors.translate) instead of a driver traceback. Other errors pass."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, (DBAPIError, *driver_errors())):  # the driver's own: plain SQL on a save
            raise
        typed = translate(exc, path)
        if typed is None:
            raise
        raise typed from exc
