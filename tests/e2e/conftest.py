"""The end-to-end suite: the real `desk` under Xvfb with openbox, driven by X key events only.

One X server per test module (module scope), one demo database made once per session and
copied for each desk started (a copy takes milliseconds; `desk demo` a few seconds)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from desk.db import connect
from desk.services import keyfile
from tests.e2e.xdesk import Desk, XServer, missing_tools

PASSWORD = "demo-2026"
_data_keys: dict[str, bytes] = {}  # key check -> data key of the session's demo file
_recovery_keys: dict[str, str] = {}  # key check -> the recovery key `desk demo` showed once


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
    out = subprocess.run([sys.executable, "-m", "desk", "--db", str(db), "demo", "--json", "--days", "14",
                          "--per-day", "6"], env=env, check=True, capture_output=True, text=True).stdout
    # The demo file is encrypted like a station's: the tests read it with the data key the
    # recovery key (shown once by `desk demo`) unwraps from the key file beside it.
    recovery_key = json.loads(out)["recovery_key"]
    kf = keyfile.KeyFile.load(keyfile.path_for(db), db_path=db)
    key = kf.unwrap_recovery(recovery_key)
    assert key is not None and kf.matches(key)
    _data_keys[kf.data["key_check"]] = key
    _recovery_keys[kf.data["key_check"]] = recovery_key
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
        # The database and its key file belong together (README "Encryption at rest").
        shutil.copy(demo_db, db)
        shutil.copy(keyfile.path_for(demo_db), keyfile.path_for(db))
        desk = Desk(xserver, db, home, env)
        started.append(desk)
        return desk.start()

    yield start
    for desk in started:
        desk.stop()


def data_key(db) -> bytes:
    """The data key of a copy of the demo file, found through its key file's key check."""
    return _data_keys[keyfile.KeyFile.load(keyfile.path_for(db), db_path=db).data["key_check"]]


def recovery_key(db) -> str:
    """The recovery key of a copy of the demo file (as printed on its recovery kit)."""
    return _recovery_keys[keyfile.KeyFile.load(keyfile.path_for(db), db_path=db).data["key_check"]]


def open_db(db, *, readonly: bool = True, timeout: float = 30):
    """A connection through the desk's own key-aware connect (SQLCipher)."""
    return connect(db, key=data_key(db), readonly=readonly, timeout=timeout)


def query(db, sql: str, *args):
    con = open_db(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
