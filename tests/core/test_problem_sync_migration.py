"""Migration 0011_problem_sync on a file with a register: problems, measures and links made
before it are all there after it, the links with ids and their problem's station, a problem's
number unique per station only; and back down to 0010 and up again without losing a row."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command

from desk import db

@pytest.fixture
def before_sync(tmp_path):
    """A register made by the services at head, taken down to 0010 (as a desk had it before)."""
    from datetime import date, timedelta

    from desk.services import auth, intake, reference
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.pulse import register as R
    from desk.services.store import Store
    from tests.conftest import PASSWORD
    from tests.sync.test_problem_register_sync import _cluster

    path = tmp_path / "r.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="陕西", admin_username="admin",
                            admin_password=PASSWORD)
    leak = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    made = intake.register_visit(store, admin, VisitInput(name="李梅", phone="13900001111", lane="陕西南路550弄",
                                 number="3", matters=(MatterInput(summary="公用厨房漏水", kind="complaint",
                                                                   category_id=leak.id),)))
    R.promote(store, admin, _cluster([made.orders[0].id], leak.id), "550弄公用厨房漏水", None)
    R.add_measure(store, admin, 1, date.today() - timedelta(days=1), "物业更换水管")
    store.close()
    engine = db.make_engine(path)
    command.downgrade(db.alembic_config(engine), "0010_event_reason_codes")
    yield engine, path, made.orders[0].id
    engine.dispose()


def test_the_register_survives_the_migration_and_links_get_ids(before_sync):
    engine, path, order_id = before_sync
    con = sqlite3.connect(path)
    old = con.execute("SELECT problem_id, order_id, linked_at FROM problem_order").fetchall()
    con.close()
    db.upgrade(engine, "head")
    con = sqlite3.connect(path)
    (pid, number, title), = con.execute("SELECT id, number, title FROM problem").fetchall()
    assert (number, title) == (1, "550弄公用厨房漏水")
    assert con.execute("SELECT text FROM problem_measure WHERE problem_id = ?", (pid,)).fetchall() == [("物业更换水管",)]
    link = con.execute("SELECT id, origin_station, problem_id, order_id, created_at, linked_at FROM problem_order").fetchall()
    assert old == [(pid, order_id, link[0][5])]
    assert len(link) == 1 and len(link[0][0]) == 32 and link[0][1:4] == ("SX", pid, order_id)
    assert link[0][4] == link[0][5]
    # Another station's #1 may sit beside it (the centre's mirror); the same station's may not.
    con.execute("INSERT INTO problem (id, origin_station, created_at, updated_at, number, title, status, level, "
                "place_key, category_ids, terms, opened_on, status_changed_at, notes) SELECT 'p2', 'JL', created_at, "
                "updated_at, 1, title, status, level, place_key, category_ids, terms, opened_on, status_changed_at, "
                "notes FROM problem WHERE number = 1")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO problem (id, origin_station, created_at, updated_at, number, title, status, level, "
                    "place_key, category_ids, terms, opened_on, status_changed_at, notes) SELECT 'p3', 'SX', "
                    "created_at, updated_at, 1, title, status, level, place_key, category_ids, terms, opened_on, "
                    "status_changed_at, notes FROM problem WHERE number = 1")
    con.rollback()
    con.close()


def test_down_to_0010_and_up_again_keeps_every_row(before_sync):
    engine, path, order_id = before_sync
    db.upgrade(engine, "head")
    command.downgrade(db.alembic_config(engine), "0010_event_reason_codes")
    con = sqlite3.connect(path)
    assert con.execute("SELECT order_id, how FROM problem_order").fetchall() == [(order_id, "cluster")]
    con.close()
    db.upgrade(engine, "head")
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM problem_order").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM problem_measure").fetchone() == (1,)
    con.close()
