"""The end-to-end suite: the real `desk` under Xvfb with openbox, driven by X key events only.

One X server per test module (module scope), one demo database made once per session and
copied for each desk started (a copy takes milliseconds; `desk demo` a few seconds)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.e2e.xdesk import Desk, XServer, missing_tools

PASSWORD = "demo-2026"


def pytest_collection_modifyitems(items):
    missing = missing_tools()
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"missing {', '.join(missing)} (scripts/test.sh installs them)")
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e-demo")
    db = root / "demo.sqlite3"
    env = {"HOME": str(root), "XDG_DATA_HOME": str(root / "data"), "XDG_STATE_HOME": str(root / "state"),
           "XDG_CONFIG_HOME": str(root / "config"), "DESK_SQLITE_SYNCHRONOUS": "NORMAL", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "desk", "--db", str(db), "demo", "--days", "14", "--per-day", "6"],
                   env=env, check=True, capture_output=True)
    return db


@pytest.fixture(scope="module")
def xserver(tmp_path_factory):
    x = XServer(tmp_path_factory.mktemp("x")).start()
    yield x
    x.stop()


@pytest.fixture
def start_desk(xserver, demo_db, tmp_path):
    """start_desk(prefs={...}, env={...}) -> a running Desk over its own copy of the demo file."""
    started: list[Desk] = []

    def start(prefs: dict | None = None, env: dict | None = None, name: str = "desk") -> Desk:
        home = tmp_path / f"home-{name}-{len(started)}"
        conf = home / "config" / "desk"
        conf.mkdir(parents=True)
        lines = ["[General]", *(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in (prefs or {}).items())]
        (conf / "desk.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = tmp_path / f"{name}-{len(started)}.sqlite3"
        shutil.copy(demo_db, db)
        desk = Desk(xserver, db, home, env)
        started.append(desk)
        return desk.start()

    yield start
    for desk in started:
        desk.stop()


def query(db, sql: str, *args):
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
