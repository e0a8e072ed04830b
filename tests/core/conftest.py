"""Fixtures for the core tests: the same real SQLite files as tests/conftest.py, but set up once.

Creating the schema and hashing three Argon2id passwords costs about a second; a hundred tests
would spend minutes on it. So one initialised database (station SX, admin, supervisor, clerk)
is built per session and each test gets its own copy of the file (SQLite's backup API): every
test still runs on a real, private SQLite file at head.
"""

from __future__ import annotations

import pytest

from core_helpers import copy_db

from tests.conftest import PASSWORD  # one password for every fixture account


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    from desk.services import auth
    from desk.services.store import Store

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                            address="陕西南路550弄17号")
    supervisor = auth.add_user(store, admin, "chenjing", "陈静", "supervisor", PASSWORD)
    clerk = auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    store.close()
    from desk.services.dto import Actor

    actors = {
        "admin": admin,
        "supervisor": Actor(supervisor.id, supervisor.username, supervisor.display_name, supervisor.role),
        "clerk": Actor(clerk.id, clerk.username, clerk.display_name, clerk.role),
    }
    return path, actors


@pytest.fixture
def store(template_db, db_path, clock):
    from desk.services.store import Store

    copy_db(template_db[0], db_path)
    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def empty_store(tmp_path, clock):
    """A brand-new, uninitialised database file."""
    from desk.services.store import Store

    s = Store.open(tmp_path / "empty.sqlite3", clock=clock)
    yield s
    s.close()


@pytest.fixture
def admin(store, template_db):
    return template_db[1]["admin"]


@pytest.fixture
def supervisor(store, template_db):
    return template_db[1]["supervisor"]


@pytest.fixture
def clerk(store, template_db):
    return template_db[1]["clerk"]
