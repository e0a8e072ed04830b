"""Migration of a plain database made by the previous release (tests/data/desk-0.1.0.sqlite3)
to an encrypted one, killed with SIGKILL at every step: the station always keeps a readable
copy under its own name, and the next run finishes the job with no plain bytes left.

The `desk` command runs in a child process (as the station chief would run `desk encrypt`),
which kills itself at the named step (DESK_TEST_KILL_AT, see desk.services.encryption)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "data" / "desk-0.1.0.sqlite3"
PASSWORD = "release-2026"  # tests/data/make_release_db.py
RESIDENT = ("张三明", "13812345678")

# Every crash point of the migration, in order; "#2" is the same step for the first backup.
STEPS = ["keyfile-written", "plain-backup-made", "plain-settled", "exported", "checked", "linked", "replaced",
         "wiping", "swapped", "exported#2", "linked#2", "replaced#2", "wiping#2", "backup-encrypted"]


def desk(db: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, DESK_PASSWORD=PASSWORD, DESK_LANG="en", DESK_SQLITE_SYNCHRONOUS="NORMAL",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("DESK_TEST_KILL_AT", None)
    if kill_at:
        env["DESK_TEST_KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-m", "desk", "--db", str(db), *args], env=env, capture_output=True,
                          text=True, timeout=120)


def plain_hits(folder: Path) -> list[str]:
    hits = []
    for f in folder.rglob("*"):
        if f.is_file() and f.suffix != ".pdf":
            data = f.read_bytes()
            hits += [f"{f.name}: {t}" for t in RESIDENT if t.encode("utf-8") in data or t.encode("utf-16-le") in data]
    return hits


def readable(db: Path) -> bool:
    """The resident's order can be found through the desk under the database's own name."""
    done = desk(db, "orders", "list", "--user", "admin", "--search", "张三明", "--json")
    return done.returncode == 0 and "公用厨房漏水" in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_any_step_the_station_keeps_a_readable_copy(tmp_path, step):
    db = tmp_path / "desk.sqlite3"
    shutil.copy(FIXTURE, db)
    killed = desk(db, "encrypt", "--user", "admin", kill_at=step)
    assert killed.returncode == -9, (step, killed.stderr[-2000:])
    # Plain or encrypted, the name still opens with every row (an encrypted one's log-in also
    # finishes the interrupted encryption of the backups).
    assert readable(db), step
    if db.read_bytes()[:16].startswith(b"SQLite format 3"):
        finished = desk(db, "encrypt", "--user", "admin")
        assert finished.returncode == 0, finished.stderr[-2000:]
    assert not db.read_bytes().startswith(b"SQLite format 3")
    assert plain_hits(tmp_path) == [], step
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".plain", ".encrypting"))]


def test_migration_of_the_previous_release_keeps_every_row(tmp_path):
    import sqlite3

    db = tmp_path / "desk.sqlite3"
    shutil.copy(FIXTURE, db)
    plain = sqlite3.connect(FIXTURE)
    counts = {t: plain.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("visitor", "work_order", "event")}
    plain.close()
    done = desk(db, "encrypt", "--user", "admin")
    assert done.returncode == 0, done.stderr
    key = next(line.strip() for line in done.stdout.splitlines() if line.strip().count("-") == 7)
    assert plain_hits(tmp_path) == []
    listed = desk(db, "orders", "list", "--user", "admin", "--json")
    assert listed.returncode == 0 and "公用厨房漏水" in listed.stdout
    from desk.db import connect
    from desk.services.keyfile import KeyFile, path_for

    data_key = KeyFile.load(path_for(db)).unwrap_recovery(key)
    conn = connect(db, key=data_key, readonly=True)
    try:
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts
    finally:
        conn.close()
    # Once: a second run says so and changes nothing.
    again = desk(db, "encrypt", "--user", "admin")
    assert again.returncode == 2 and "already encrypted" in again.stderr
