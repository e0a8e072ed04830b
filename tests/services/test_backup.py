"""Backups: online copy while writing, rotation, daily/sync/migration backups, restore checks,
and a full round trip through the CLI."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from desk.services import auth, backup, intake, queries, settings
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import DeskError, PermissionDenied
from desk.services.backup import BackupError
from desk.db import MIGRATIONS_PACKAGE  # noqa: F401 - the head follows whatever revisions exist


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from importlib import resources

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files(MIGRATIONS_PACKAGE)))
    return ScriptDirectory.from_config(cfg).get_current_head()


HEAD = _head()

PASSWORD = "correct-horse-1"

from tests.fast_hashing import fast_argon2  # noqa: E402,F401 - autouse fixture


def _visit(store, actor, summary="公用厨房漏水", phone="13812345678"):
    return intake.register_visit(store, actor, VisitInput(name="张三明", phone=phone,
                                                          matters=(MatterInput(summary=summary),)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _orders(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT summary FROM work_order ORDER BY ticket_no")]
    finally:
        conn.close()


def test_backup_is_a_checked_copy_and_needs_a_supervisor(store, admin, clerk, supervisor):
    _visit(store, clerk)
    with pytest.raises(PermissionDenied):
        backup.backup_now(store, clerk)
    made = backup.backup_now(store, supervisor)
    assert made.parent == Path(store.path).parent / "backups"
    assert backup.integrity_problem(made) == ""
    assert backup.check_restorable(made) == HEAD
    assert _orders(made) == ["公用厨房漏水"]
    assert not list(made.parent.glob("*.partial"))
    entries = [e for e in __import__("desk.services.audit", fromlist=["x"]).list_entries(store, supervisor)
               if e.action == "backup.create"]
    assert entries and entries[0].actor_name == "陈静"


def test_backup_while_another_thread_keeps_writing(store, admin, clerk):
    """The online backup API gives a consistent snapshot while saves go on (WAL)."""
    stop = threading.Event()
    saved = []

    def writer():
        i = 0
        while not stop.is_set():
            _visit(store, clerk, summary=f"事项 {i}")
            saved.append(i)
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    copies = []
    deadline = time.monotonic() + 60
    try:
        # Back up again and again until the writer has saved a good number meanwhile.
        while (len(copies) < 5 or len(saved) < 10) and time.monotonic() < deadline:
            copies.append(backup.create_backup(store.path, kind="manual", keep=100))
    finally:
        stop.set()
        t.join()
    assert len(saved) >= 10 and len(copies) >= 5
    for c in copies:
        assert backup.integrity_problem(c) == ""
        conn = sqlite3.connect(c)
        # Every copied order came with its register event and its search row: a snapshot.
        orders = conn.execute("SELECT count(*) FROM work_order").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM event WHERE kind = 'register'").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM order_search").fetchone()[0]
        conn.close()
        assert orders == events == fts


def test_rotation_keeps_the_configured_count_per_kind(store, admin):
    settings.put(store, admin, "backup_keep", 3)
    for _ in range(5):
        backup.backup_now(store, admin)
    backup.before_sync(store)
    kinds = [b.kind for b in backup.list_backups(store.path)]
    assert kinds.count("manual") == 3
    assert kinds.count("before-sync") == 1  # one kind never pushes out another
    assert backup.keep_count(store.path) == 3


def test_daily_backup_once_per_local_day(store, admin, clock):
    first = backup.daily_backup(store)
    assert first is not None and first.exists()
    assert backup.daily_backup(store) is None


def test_backup_before_sync_is_checked(store, admin, clerk):
    _visit(store, clerk)
    made = backup.before_sync(store)
    assert "-before-sync-" in made.name and backup.integrity_problem(made) == ""


def test_backup_before_migration_of_an_existing_file(tmp_path):
    """An existing file that is not at the head revision is copied before it is upgraded."""
    from desk.services.startup import open_database

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE leftover (x)")
    conn.execute("INSERT INTO leftover VALUES ('keep me')")
    conn.commit()
    conn.close()
    engine = open_database(path)
    engine.dispose()
    copies = backup.list_backups(path)
    assert [b.kind for b in copies] == ["before-upgrade"]
    assert "before-upgrade-none" in copies[0].path.name
    conn = sqlite3.connect(copies[0].path)
    assert conn.execute("SELECT x FROM leftover").fetchall() == [("keep me",)]
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'work_order'").fetchone() is None
    conn.close()


def test_backup_before_migration_from_the_previous_revision(tmp_path):
    from desk.db import head_revision, make_engine, upgrade
    from desk.services.startup import open_database
    from alembic.script import ScriptDirectory
    from desk.db import alembic_config

    path = tmp_path / "prev.sqlite3"
    engine = make_engine(path)
    script = ScriptDirectory.from_config(alembic_config(engine))
    head = script.get_revision(head_revision(engine))
    if not head.down_revision:
        pytest.skip("only one schema revision so far: covered by the test above")
    upgrade(engine, head.down_revision)
    engine.dispose()
    open_database(path).dispose()
    assert [b.kind for b in backup.list_backups(path)] == ["before-upgrade"]


def test_restore_refuses_bad_files_and_changes_nothing(store, admin, clerk, supervisor, tmp_path):
    _visit(store, clerk)
    before = _orders(Path(store.path))
    not_sqlite = tmp_path / "notes.sqlite3"
    not_sqlite.write_text("这不是数据库", encoding="utf-8")
    other_sqlite = tmp_path / "other.sqlite3"
    c = sqlite3.connect(other_sqlite)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    good = backup.backup_now(store, supervisor)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    # Scribble over the middle of the file: pages of tables and indexes.
    for off in range(8192, len(data) - 4096, 4096):
        data[off + 100: off + 400] = b"\xff" * 300
    damaged.write_bytes(bytes(data))
    future = tmp_path / "future.sqlite3"
    future.write_bytes(good.read_bytes())
    c = sqlite3.connect(future)
    c.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    c.commit()
    c.close()
    cases = {not_sqlite: "backup_not_sqlite", other_sqlite: "backup_not_desk", damaged: "backup_damaged",
             future: "backup_too_new", tmp_path / "nowhere.sqlite3": "backup_missing"}
    for bad, code in cases.items():
        with pytest.raises(BackupError) as err:
            backup.restore(store.path, bad, store=store, actor=supervisor)
        assert err.value.code == code, (bad, err.value.code, str(err.value))
        assert str(err.value)
    with pytest.raises(BackupError):
        backup.restore(store.path, store.path, store=store, actor=supervisor)
    with pytest.raises(PermissionDenied):
        backup.restore(store.path, good, store=store, actor=clerk)
    assert _orders(Path(store.path)) == before


def test_restore_round_trip_keeps_the_replaced_file(store, admin, clerk, supervisor):
    first = _visit(store, clerk, summary="第一件").orders[0].ticket_no
    snapshot = backup.backup_now(store, supervisor)
    _visit(store, clerk, summary="第二件")
    assert queries.count_orders(store, clerk, OrderFilter()) == 2
    kept = backup.restore(store.path, snapshot, store=store, actor=supervisor)
    # The store reads the restored content at once; the replaced content was kept.
    assert [r.summary for r in queries.list_orders(store, clerk, OrderFilter())] == ["第一件"]
    assert queries.get_order(store, clerk, first).row.summary == "第一件"
    assert queries.count_orders(store, clerk, OrderFilter(text="第一")) == 1
    assert kept is not None and "-before-restore-" in kept.name
    assert sorted(_orders(kept)) == ["第一件", "第二件"]
    # Work goes on after the restore, past every ticket the replaced file gave: -0002 went to
    # 第二件, which the centre (or a printed slip) may still hold, so it is never given again.
    again = _visit(store, clerk, summary="第三件").orders[0]
    assert again.ticket_no.endswith("-0003")
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone() == ("backup.restore",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_restore_over_a_damaged_database_moves_it_aside(store, admin, supervisor, tmp_path):
    good = backup.backup_now(store, supervisor)
    path = Path(store.path)
    store.close()
    raw = bytearray(path.read_bytes())
    raw[:16] = b"garbage garbage!"
    path.write_bytes(bytes(raw))
    damaged_digest = _digest(path)
    kept = backup.restore(path, good)
    assert "-damaged-" in kept.name and _digest(kept) == damaged_digest
    assert backup.integrity_problem(path) == ""
    assert backup.check_restorable(path) == HEAD


def _cli(argv, monkeypatch, capsys, password=PASSWORD):
    from desk.cli import main

    monkeypatch.setenv("DESK_PASSWORD", password)
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_backup_list_and_restore_round_trip(store, admin, clerk, supervisor, monkeypatch, capsys, tmp_path):
    _visit(store, clerk, summary="备份前")
    db = str(store.path)
    store.close()
    out_file = tmp_path / "copy.sqlite3"
    code, out, err = _cli(["--db", db, "--lang", "en", "backup", "--out", str(out_file), "--user", "chenjing"],
                          monkeypatch, capsys)
    assert code == 0, err
    assert out_file.exists() and "Backed up to" in out
    code, out, err = _cli(["--db", db, "--lang", "zh_CN", "backup", "--user", "wangli"], monkeypatch, capsys)
    assert code == 4 and "无权" in err
    code, out, err = _cli(["--db", db, "backup", "--user", "admin"], monkeypatch, capsys)
    assert code == 0, err
    code, out, err = _cli(["--db", db, "backup", "list", "--json"], monkeypatch, capsys)
    assert code == 0
    import json

    listed = json.loads(out)
    assert [b["kind"] for b in listed] == ["manual"]
    # Change the database, then restore the copy.
    from desk.services.store import Store

    s = Store.open(db)
    _visit(s, auth.login(s, "wangli", PASSWORD), summary="备份后")
    s.close()
    code, out, err = _cli(["--db", db, "restore", str(out_file), "--user", "chenjing", "--json"], monkeypatch, capsys)
    assert code == 0, err
    result = json.loads(out)
    assert "-before-restore-" in result["previous_kept_as"]
    assert _orders(Path(db)) == ["备份前"]
    # A file that is not a backup is refused with a message, not a traceback.
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00" * 4096)
    code, out, err = _cli(["--db", db, "--lang", "en", "restore", str(junk), "--user", "chenjing"], monkeypatch, capsys)
    assert code == 7 and "not an SQLite database file" in err and "Traceback" not in err
    assert _orders(Path(db)) == ["备份前"]


def test_cli_restore_is_refused_while_a_window_holds_the_database(store, admin, supervisor, monkeypatch, capsys):
    from desk.services.startup import InstanceLock

    good = backup.backup_now(store, supervisor)
    with InstanceLock(store.path):
        code, out, err = _cli(["--db", str(store.path), "--lang", "en", "restore", str(good), "--user", "chenjing"],
                              monkeypatch, capsys)
    assert code == 7 and "already has this database open" in err


def test_backup_on_a_full_disk_is_a_clear_refusal(store, admin, supervisor, tmp_path):
    # A really full file system: a 256 KB tmpfs (mounting needs root; skipped otherwise).
    import os
    import subprocess

    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        (mnt / "filler").write_bytes(b"x" * 200_000)
        with pytest.raises(BackupError) as err:
            backup.backup_now(store, supervisor, out=mnt / "b.sqlite3")
        assert err.value.code == "backup_no_space", str(err.value)
        assert not list(mnt.glob("b.sqlite3*"))
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_start_up_makes_the_daily_backup_once(store, admin, clerk):
    from desk.services.startup import open_store

    _visit(store, clerk)
    path = store.path
    store.close()
    for _ in range(2):
        s = open_store(path, daily_backup=True)
        s.close()
    daily = [b for b in backup.list_backups(path) if b.kind == "daily"]
    assert len(daily) == 1 and _orders(daily[0].path) == ["公用厨房漏水"]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_copy_damaged_on_its_way_to_the_disk_is_refused(store, admin, clerk, db_path, monkeypatch, encrypted):
    """Bytes flipped in one index page of the copy (a page the copy's own snapshot comparison
    never reads): the backup's integrity check refuses it, and no backup is left behind."""
    from desk.db import connect
    from desk.services import raw_copy

    if encrypted:
        auth.encrypt_station(store, admin, PASSWORD)
    for i in range(30):
        _visit(store, clerk, summary=f"楼道灯不亮 {i}", phone=f"138{i:08d}")
    key = backup.live_key(db_path)
    conn = connect(db_path, key=key, readonly=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'work_order' "
                            "ORDER BY name LIMIT 1").fetchone()[0]
        page = int(page)
    finally:
        conn.close()
    damaged: list[Path] = []

    def damage(copy):
        def copy_then_flip(source, target, *args, **kwargs):
            copy(source, target, *args, **kwargs)
            with open(target, "r+b") as f:
                # Plain: the page's type byte; encrypted: ciphertext bytes inside the page (its HMAC).
                f.seek((page - 1) * page_size + (0 if not encrypted else 200))
                f.write(b"\x00\xff" * 4)
            damaged.append(Path(target))
        return copy_then_flip

    if encrypted:
        monkeypatch.setattr(raw_copy, "copy_encrypted", damage(raw_copy.copy_encrypted))
    else:
        monkeypatch.setattr(backup, "_api_copy", damage(backup._api_copy))
    with pytest.raises(BackupError) as refused:
        backup.create_backup(db_path, kind="manual")
    assert refused.value.code == "backup_failed" and damaged
    # (encrypting the station made a before-upgrade backup; no manual one may exist)
    assert not damaged[0].exists() and not [b for b in backup.list_backups(db_path) if "-manual-" in b.path.name]
    assert backup.integrity_problem(db_path, key=key) == ""  # the live file is untouched


def test_half_made_copies_a_stopped_desk_left_are_removed_by_the_next_backup(store, admin):
    """A desk killed while copying (the window closed by force, the PC switched off) leaves its
    `.partial` copy: 4 GB at a million orders, and nothing removed them (24 GB of them were
    found after a day of benchmark starts). The next backup removes those hours old and leaves
    a fresh one alone: another desk may be copying right now."""
    db = Path(store.path)
    folder = backup.backup_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / f"{db.stem}-daily-20261201-093000-000001.sqlite3.partial"
    fresh = folder / f"{db.stem}-manual-20261205-093000-000001.sqlite3.partial"
    other = folder / "another-station-daily-20261201-093000-000001.sqlite3.partial"
    journal = old.with_name(old.name + "-journal")  # the copy's own rollback journal
    for leftover in (old, journal, fresh, other):
        leftover.write_bytes(db.read_bytes()[:65536])
    hours_ago = time.time() - backup.STALE_PARTIAL_S - 60
    os.utime(old, (hours_ago, hours_ago))
    os.utime(journal, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    backup.backup_now(store, admin)
    assert not old.exists() and not journal.exists()
    assert fresh.exists(), "a copy another desk may be making was removed"
    assert other.exists(), "another file's leftovers are its own backup's to remove"
