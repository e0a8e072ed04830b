"""Sync fixtures: a REAL PostgreSQL started by the suite (never skipped), the central server
running under uvicorn on a free port, and stations that are real desk SQLite files."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.postgres_server import Postgres, _trace, free_port  # noqa: F401 - re-exported for tests

PASSWORD = "correct-horse-1"


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    started = time.time()
    pg.stop()
    _trace(f"postgres stop {time.time() - started:.2f}s")


class Central:
    """The central server on a fresh PostgreSQL database, served by uvicorn in a thread."""

    def __init__(self, db_url: str, *, refresh_after_push: bool = False):
        import uvicorn

        from desk.server.app import create_app
        from desk.server.db import open_central
        from desk.server.mirror import Mirror

        self.db_url = db_url
        self.engine = open_central(db_url)
        # The all-stations figures' mirror (a desk-format file); tests may set its clock. The
        # fault and volume tests leave it alone after pushes (their CPU is the suite's clock).
        self.mirror_dir = Path(tempfile.mkdtemp(prefix="desk-mirror-"))
        self.mirror = Mirror(self.mirror_dir / "figures.sqlite3")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(self.engine, self.mirror, refresh_after_push=refresh_after_push), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("central server did not start")
            time.sleep(0.02)

    def token(self, code: str, role: str = "station") -> str:
        from desk.server import service

        return service.add_account(self.engine, code, role)

    def close(self) -> None:
        started = time.time()
        self.server.should_exit = True
        self.thread.join(10)
        self.engine.dispose()
        self.mirror.close()
        shutil.rmtree(self.mirror_dir, ignore_errors=True)
        _trace(f"central close {time.time() - started:.2f}s")


@pytest.fixture
def central(postgres):
    c = Central(postgres.new_database())
    yield c
    c.close()


@dataclass
class Station:
    code: str
    store: object
    token: str
    admin: object
    ref: object
    url: str

    def sync(self, **kw):
        from desk.sync.client import sync

        return sync(self.store, self.url, self.token, **kw)


def make_station(tmp_path: Path, central: Central, code: str, name: str | None = None) -> Station:
    from types import SimpleNamespace

    from desk.services import auth, reference
    from desk.services.store import Store

    store = Store.open(tmp_path / f"{code}.sqlite3")
    admin = auth.initialise(store, station_code=code, station_name=name or f"{code}居民区党群服务站",
                            admin_username="admin", admin_password=PASSWORD)
    ref = SimpleNamespace(cat={c.code: c for c in reference.list_categories(store)},
                          dep={d.code: d for d in reference.list_departments(store)})
    return Station(code, store, central.token(code), admin, ref, central.url)


@pytest.fixture
def stations(tmp_path, central):
    made: list[Station] = []

    def make(code: str) -> Station:
        st = make_station(tmp_path, central, code)
        made.append(st)
        return st

    yield make
    for st in made:
        st.store.close()
