"""A saved visit survives a power cut: the desk's connections commit with synchronous=FULL.

The suite itself runs with NORMAL (tests/conftest.py): thousands of throw-away files, no power
cuts, and an fsync per commit would cost minutes on shared CI disks."""

from __future__ import annotations

import pytest

from desk.db import make_engine


def _level(path) -> int:
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA synchronous").scalar()
    finally:
        engine.dispose()


@pytest.mark.parametrize("env, expected", [(None, 2), ("NORMAL", 1), ("normal", 1), ("OFF", 2), ("", 2)])
def test_commits_are_durable_unless_the_suite_says_normal(tmp_path, monkeypatch, env, expected):
    if env is None:
        monkeypatch.delenv("DESK_SQLITE_SYNCHRONOUS", raising=False)
    else:
        monkeypatch.setenv("DESK_SQLITE_SYNCHRONOUS", env)
    assert _level(tmp_path / "desk.sqlite3") == expected  # 2 = FULL, 1 = NORMAL; OFF is never taken
