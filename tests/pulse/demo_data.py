"""A demo database with the article's stories, made once per test module and copied per test."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def make_demo(path: Path, *, days: int, per_day: int, seed: int) -> Path:
    from desk.demo import generate
    from desk.demo_stories import register_found
    from desk.services.store import Store

    store = Store.open(path)
    generate(store, days=days, per_day=per_day, seed=seed, stories=True)
    register_found(store)
    store.close()
    return path


def copy_db(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst
