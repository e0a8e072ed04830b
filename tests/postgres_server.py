"""A throwaway PostgreSQL cluster (initdb into a temporary directory, fsync off), started as
root through runuser as the postgres user (initdb and pg_ctl refuse root). Used by the sync
tests' fixtures and by the sync benchmarks, so both run the same real server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found: run scripts/test.sh (installs the postgresql package)")
    return Path(found[-1]).parent


def stop_process(proc: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM, and SIGKILL if it has not gone within `timeout` seconds (servers started by the
    tests and benchmarks)."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _trace(text: str) -> None:
    if os.environ.get("DESK_SYNC_TRACE"):
        with open(os.environ["DESK_SYNC_TRACE"], "a") as fh:
            fh.write(text + "\n")


class Postgres:
    def __init__(self):
        self.bin = pg_bin()
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

    def conninfo(self, db: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={db}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.conninfo(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)
