"""Argon2id with small cost parameters for tests that log in many times (the real cost is
~0.7 s per hash on a shared 2-core machine). Still Argon2id, still real verification."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch):
    from desk.services import auth

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(auth, "_DUMMY_HASH", cheap.hash("not a real password"))
    return cheap


def cheap_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class FixedClock:
    """The suite's clock for module-wide desks (conftest's Clock, which a module cannot import
    reliably: tests/core has a conftest of its own)."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def module_desk(folder, password: str):
    """A set-up desk shared by a whole module (admin, supervisor chenjing, clerk wangli), for
    tests that try hundreds of inputs: migrating a fresh file per input would take minutes."""
    from datetime import datetime, timezone
    from types import SimpleNamespace

    from desk.services import auth, reference
    from desk.services.store import Store

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_hasher", cheap_hasher())
        store = Store.open(folder / "desk.sqlite3", clock=FixedClock(datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)))
        admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                                admin_password=password)
        auth.add_user(store, admin, "chenjing", "陈静", "supervisor", password)
        auth.add_user(store, admin, "wangli", "王丽", "clerk", password)
        supervisor = auth.login(store, "chenjing", password)
        clerk = auth.login(store, "wangli", password)
    cat = {c.code: c for c in reference.list_categories(store)}
    return SimpleNamespace(store=store, admin=admin, supervisor=supervisor, clerk=clerk, cat=cat)
