"""Sync fixtures: a REAL PostgreSQL started by the suite (never skipped), the central server
running under uvicorn on a free port, and stations that are real desk SQLite files."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "correct-horse-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        pytest.fail("PostgreSQL server binaries not found: run scripts/test.sh (installs the postgresql package)")
    return Path(found[-1]).parent


class Postgres:
    def __init__(self):
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="desk-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self.start()

    def _run(self, tool: str, *args: str, check: bool = True):
        cmd = [str(self.bin / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-o",
                  f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                  "-c max_connections=200 -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=96MB", "start")

    def crash(self) -> None:
        """A real crash: immediate shutdown, no checkpoint, recovery at next start."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        # The data is thrown away: no shutdown checkpoint needed.
        started = time.time()
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        _trace(f"pg_ctl stop {time.time() - started:.2f}s")
        # Tens of thousands of small files: removed in the background, not on the suite's clock.
        subprocess.Popen(["rm", "-rf", str(self.dir)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    started = time.time()
    pg.stop()
    _trace(f"postgres stop {time.time() - started:.2f}s")


def _trace(text: str) -> None:
    if os.environ.get("DESK_SYNC_TRACE"):
        with open(os.environ["DESK_SYNC_TRACE"], "a") as fh:
            fh.write(text + "\n")


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
