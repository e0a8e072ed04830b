"""The schema: "create at head" equals "upgrade step by step from the first revision", the
models agree with the migrations, and an older database is copied aside before its upgrade."""

from __future__ import annotations

import re
import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desk import db
from desk.services import startup
from desk.models import Base


def schema(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
    finally:
        con.close()
    # Batch mode may quote or space the same DDL differently; compare the meaning.
    norm = lambda sql: re.sub(r"\s+", " ", (sql or "").replace('"', "")).strip()  # noqa: E731
    return [(t, n, tb, norm(sql)) for t, n, tb, sql in rows]


def revisions(engine) -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config(engine))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_create_at_head_equals_upgrade_step_by_step(tmp_path):
    straight = db.make_engine(tmp_path / "straight.sqlite3")
    db.upgrade(straight, "head")
    stepped = db.make_engine(tmp_path / "stepped.sqlite3")
    revs = revisions(stepped)
    assert revs[0] == "0001"
    for rev in revs:
        db.upgrade(stepped, rev)
        assert db.current_revision(stepped) == rev
    assert db.current_revision(stepped) == db.current_revision(straight) == db.head_revision(straight)
    straight.dispose()
    stepped.dispose()
    a, b = schema(tmp_path / "straight.sqlite3"), schema(tmp_path / "stepped.sqlite3")
    assert a == b
    names = {n for _, n, _, _ in a}
    assert {"work_order", "event", "visitor", "visit", "ticket_counter", "order_search",
            "event_no_update", "event_no_delete"} <= names


def test_downgrade_to_base_and_up_again(tmp_path):
    engine = db.make_engine(tmp_path / "d.sqlite3")
    db.upgrade(engine, "head")
    from alembic import command

    command.downgrade(db.alembic_config(engine), "base")
    assert db.current_revision(engine) is None
    db.upgrade(engine, "head")
    engine.dispose()
    fresh = db.make_engine(tmp_path / "f.sqlite3")
    db.upgrade(fresh, "head")
    fresh.dispose()
    assert schema(tmp_path / "d.sqlite3") == schema(tmp_path / "f.sqlite3")


def _raw_sql_objects(obj, name, type_, reflected, compare_to):
    # The FTS5 index (and its shadow tables) are raw SQL in the migration, not models.
    return not (type_ == "table" and name and name.startswith("order_search"))


def test_models_agree_with_the_migrations(tmp_path):
    engine = db.make_engine(tmp_path / "m.sqlite3")
    db.upgrade(engine, "head")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _raw_sql_objects,
                                                     "render_as_batch": True})
        diffs = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diffs == []


def test_open_database_copies_an_older_file_aside_before_upgrading(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    engine = db.make_engine(path)
    revs = revisions(engine)
    # The oldest state we can make: the revision before head, or base when there is one revision.
    older = revs[-2] if len(revs) > 1 else "base"
    db.upgrade(engine, "head")
    command.downgrade(db.alembic_config(engine), older)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE keepsake (note TEXT)")
        conn.exec_driver_sql("INSERT INTO keepsake VALUES ('陕西南路 before the upgrade')")
    engine.dispose()
    backups = tmp_path / "backups"
    assert not backups.exists()

    # Back up, then upgrade: sequenced by the start-up service (desk.db knows nothing of backups).
    upgraded = startup.open_database(path)
    assert db.current_revision(upgraded) == db.head_revision(upgraded)
    upgraded.dispose()
    copies = list(backups.glob("old-before-upgrade-*.sqlite3"))
    assert len(copies) == 1
    con = sqlite3.connect(copies[0])
    try:
        assert con.execute("SELECT note FROM keepsake").fetchall() == [("陕西南路 before the upgrade",)]
        version = con.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        con.close()
    assert version == ([] if older == "base" else [(older,)])
    # Opening at head again copies nothing more; a brand-new file is not copied either.
    startup.open_database(path).dispose()
    startup.open_database(tmp_path / "new.sqlite3").dispose()
    assert len(list(backups.glob("*.sqlite3"))) == 1


def test_pragmas(tmp_path):
    engine = db.open_database(tmp_path / "p.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()
