"""Migration 0012_lean_outbox on a desk with changes waiting, one batch of them in flight: every
change is kept in its order, the batch still found by its id, and a save after it writes no
entry in the outbox's indexes; down to 0011 and up again without losing a change."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command

from desk import db

COLUMNS = "seq, change_id, table_name, row_id, hlc, status_gen, fields, batch_id, created_at"


@pytest.fixture
def waiting(tmp_path):
    """Saves made at head, a batch cut from them, the file taken down to 0011."""
    from desk.services import auth, intake, reference
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store
    from tests.conftest import PASSWORD

    path = tmp_path / "w.sqlite3"
    store = Store.open(path)
    admin = auth.initialise(store, station_code="SX", station_name="陕西", admin_username="admin",
                            admin_password=PASSWORD)
    leak = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    for i in range(3):
        intake.register_visit(store, admin, VisitInput(name="李梅", phone=f"1390000111{i}", matters=(
            MatterInput(summary=f"公用厨房漏水 {i}", kind="complaint", category_id=leak.id),)))
    store.close()
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE sync_outbox SET batch_id = 'b1' WHERE seq <= 4")
    con.close()
    engine = db.make_engine(path)
    command.downgrade(db.alembic_config(engine), "0011_problem_sync")
    yield engine, path
    engine.dispose()


def _rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT {COLUMNS} FROM sync_outbox ORDER BY seq").fetchall()
    finally:
        con.close()


def _indexes(path):
    con = sqlite3.connect(path)
    try:
        return {name: sql for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sync_outbox'")}
    finally:
        con.close()


def test_every_waiting_change_is_kept_and_the_batch_found(waiting):
    engine, path = waiting
    before = _rows(path)
    assert len(before) > 8 and "sqlite_autoindex_sync_outbox_1" in _indexes(path)
    db.upgrade(engine, "head")
    assert _rows(path) == before
    indexes = _indexes(path)
    assert list(indexes) == ["ix_sync_outbox_batch_id"] and "WHERE batch_id IS NOT NULL" in indexes[
        "ix_sync_outbox_batch_id"]
    con = sqlite3.connect(path)
    plan = " ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN SELECT seq FROM sync_outbox WHERE batch_id = 'b1'"))
    assert "ix_sync_outbox_batch_id" in plan
    assert [r[0] for r in con.execute("SELECT seq FROM sync_outbox WHERE batch_id = 'b1'")] == [1, 2, 3, 4]
    con.close()
    # The partial index holds the batch in flight only: a save's new changes add no entry.
    from desk.services import auth, intake, reference
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store
    from tests.conftest import PASSWORD

    engine.dispose()
    store = Store.open(path)
    leak = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    intake.register_visit(store, auth.login(store, "admin", PASSWORD), VisitInput(name="王芳", matters=(
        MatterInput(summary="楼道灯不亮", kind="help", category_id=leak.id),)))
    store.close()
    con = sqlite3.connect(path)
    entries = con.execute("SELECT sum(ncell) FROM dbstat WHERE name = 'ix_sync_outbox_batch_id' "
                          "AND pagetype = 'leaf'").fetchone()[0]
    assert entries == 4 and con.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] > len(before)
    before = _rows(path)
    con.close()
    command.downgrade(db.alembic_config(engine), "0011_problem_sync")
    assert _rows(path) == before and "sqlite_autoindex_sync_outbox_1" in _indexes(path)
    db.upgrade(engine, "head")
    assert _rows(path) == before
