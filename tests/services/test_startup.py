"""Start-up with a damaged, locked, read-only or missing database, a full disk or a newer
schema: a typed refusal with a clear zh/en message, and the file is never changed. And the
single-instance guard."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from desk.i18n import set_language
from desk.services import auth, backup, intake, startup
from desk.services.dto import MatterInput, VisitInput
from desk.services.startup import (
    AlreadyRunning, DatabaseDamaged, DatabaseFolderMissing, DatabaseLocked, DatabaseMissing, DatabaseReadOnly,
    DiskFull, InstanceLock, SchemaTooNew, open_store,
)

from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture

PASSWORD = "correct-horse-1"


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _messages(err) -> tuple[str, str]:
    set_language("zh_CN")
    zh = str(err)
    set_language("en")
    en = str(err)
    set_language("zh_CN")
    assert zh and en and zh != en
    return zh, en


@pytest.fixture
def made(tmp_path):
    """A set-up desk file with one visit and one backup, closed again."""
    path = tmp_path / "desk.sqlite3"
    store = open_store(path)
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD)
    intake.register_visit(store, admin, VisitInput(matters=(MatterInput(summary="咨询"),)))
    good = backup.backup_now(store, admin)
    store.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return path, good


def test_a_sound_file_opens(made):
    path, _ = made
    store = open_store(path)
    assert store.is_initialised()
    store.close()


def test_garbage_file_is_refused_with_the_latest_backup_named(made):
    path, good = made
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    before = _digest(path)
    with pytest.raises(DatabaseDamaged) as err:
        open_store(path)
    zh, en = _messages(err.value)
    assert str(good) in zh and str(good) in en and "desk restore" in en
    assert _digest(path) == before


def test_damaged_pages_are_found_and_nothing_is_written(made):
    path, good = made
    raw = bytearray(path.read_bytes())
    for off in range(4096 * 2, len(raw), 4096):  # keep page 1 (header, schema) intact
        raw[off: off + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(raw))
    before = _digest(path)
    with pytest.raises(DatabaseDamaged) as err:
        open_store(path)
    _, en = _messages(err.value)
    assert "damaged" in en and str(good) in en
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_damaged_without_backups_says_so(made):
    path, good = made
    for b in backup.list_backups(path):
        b.path.unlink()
    path.write_bytes(b"\x00" * 8192)
    with pytest.raises(DatabaseDamaged) as err:
        open_store(path)
    assert "No backup was found" in _messages(err.value)[1]


def test_locked_by_another_program(made, monkeypatch):
    path, _ = made
    monkeypatch.setattr(startup, "PROBE_TIMEOUT_SECONDS", 0.3)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    before = _digest(path)
    try:
        with pytest.raises(DatabaseLocked) as err:
            open_store(path)
        assert "locked" in _messages(err.value)[1]
    finally:
        holder.rollback()
        holder.close()
    assert _digest(path) == before
    open_store(path).close()  # and fine once the other program lets go


@contextmanager
def _read_only_place(tmp_path):
    """A folder that really cannot be written: a read-only tmpfs as root, else chmod."""
    place = tmp_path / "ro"
    place.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(place)],
                          capture_output=True).returncode != 0:
            pytest.skip("cannot mount tmpfs")
        try:
            yield place, lambda: subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
        finally:
            subprocess.run(["umount", str(place)], check=False)
    else:
        def freeze():
            for p in place.iterdir():
                p.chmod(0o444)
            place.chmod(0o555)
        try:
            yield place, freeze
        finally:
            place.chmod(0o755)


def test_read_only_file_is_refused_and_untouched(made, tmp_path):
    path, _ = made
    with _read_only_place(tmp_path) as (place, freeze):
        target = place / "desk.sqlite3"
        target.write_bytes(path.read_bytes())
        freeze()
        before = _digest(target)
        with pytest.raises(DatabaseReadOnly) as err:
            open_store(target)
        zh, en = _messages(err.value)
        assert "read-only" in en and "只读" in zh
        assert _digest(target) == before


def test_missing_folder_is_refused_unless_asked_to_create(tmp_path):
    path = tmp_path / "usb-drive" / "desk" / "desk.sqlite3"
    with pytest.raises(DatabaseFolderMissing) as err:
        open_store(path)
    assert str(path.parent) in _messages(err.value)[1]
    assert not path.parent.exists()
    store = open_store(path, create_folder=True)
    assert not store.is_initialised()
    store.close()


def test_missing_file_with_backups_is_not_silently_recreated(made):
    path, good = made
    path.unlink()
    with pytest.raises(DatabaseMissing) as err:
        open_store(path)
    _, en = _messages(err.value)
    assert str(good) in en
    assert not path.exists()


def test_newer_schema_is_refused_and_not_backed_up_or_changed(made):
    path, _ = made
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_a_newer_desk'")
    conn.commit()
    conn.close()
    before = _digest(path)
    n_backups = len(backup.list_backups(path))
    with pytest.raises(SchemaTooNew) as err:
        open_store(path)
    assert "0099_from_a_newer_desk" in _messages(err.value)[1]
    assert _digest(path) == before and len(backup.list_backups(path)) == n_backups
    # The lower layer refuses too (open_database is used by Store.open directly).
    from desk.db import open_database

    with pytest.raises(SchemaTooNew):
        open_database(path)
    assert _digest(path) == before


@contextmanager
def _small_disk(tmp_path, size="2m"):
    place = tmp_path / "small"
    place.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(place)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield place
    finally:
        subprocess.run(["umount", str(place)], check=False)


def _fill(place: Path) -> None:
    fd = os.open(place / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_full_disk_at_start_up(made, tmp_path):
    path, _ = made
    with _small_disk(tmp_path) as place:
        target = place / "desk.sqlite3"
        target.write_bytes(path.read_bytes())
        _fill(place)
        before = _digest(target)
        with pytest.raises(DiskFull) as err:
            open_store(target)
        zh, en = _messages(err.value)
        assert "disk is full" in en and "磁盘已满" in zh
        assert _digest(target) == before


def test_disk_filling_up_while_working_is_a_clear_refusal_and_loses_nothing(made, tmp_path):
    path, _ = made
    with _small_disk(tmp_path, size="4m") as place:
        target = place / "desk.sqlite3"
        target.write_bytes(path.read_bytes())
        store = open_store(target)
        admin = auth.login(store, "admin", PASSWORD)
        saved = [intake.register_visit(store, admin, VisitInput(matters=(MatterInput(summary="保存成功"),)))]
        (place / "filler").write_bytes(b"\0" * 1024)
        # Leave almost nothing, then save visits with big texts until the disk refuses.
        _fill(place)
        refusal = None
        for i in range(200):
            try:
                saved.append(intake.register_visit(store, admin, VisitInput(
                    matters=(MatterInput(summary=f"事项{i}", details="很长的说明" * 3000),))))
            except DiskFull as exc:
                refusal = exc
                break
        assert refusal is not None, "the disk never filled up"
        assert "disk is full" in _messages(refusal)[1]
        (place / "filler").unlink()
        # Everything saved before is there, complete; the refused visit left nothing behind.
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tickets = [r[0] for r in conn.execute("SELECT ticket_no FROM work_order ORDER BY ticket_no")]
        visits = conn.execute("SELECT count(*) FROM visit").fetchone()[0]
        conn.close()
        store.close()
        mine = sorted(o.ticket_no for r in saved for o in r.orders)
        assert tickets[1:] == mine and len(mine) >= 1  # after the fixture's visit, gap-free
        assert [int(t[-4:]) for t in tickets] == list(range(1, len(tickets) + 1))
        assert visits == len(saved) + 1


def test_instance_lock_refuses_a_second_window_politely(made):
    path, _ = made
    first = InstanceLock(path).acquire()
    try:
        with pytest.raises(AlreadyRunning) as err:
            InstanceLock(path).acquire()
        zh, en = _messages(err.value)
        assert str(os.getpid()) in en and "already has this database open" in en
        # Another database is not affected.
        with InstanceLock(path.with_name("other.sqlite3")):
            pass
    finally:
        first.release()
    with InstanceLock(path) as again:
        assert again.held


def test_instance_lock_is_freed_when_the_holder_is_killed(made):
    path, _ = made
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]);"
            "from desk.services.startup import InstanceLock; held = InstanceLock(sys.argv[1]).acquire();"
            "print('held', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(Path(__file__).parents[2])],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning) as err:
            InstanceLock(path).acquire()
        assert str(proc.pid) in str(err.value)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 5
        while True:  # the kernel drops the lock with the process; no stale lock file blocks us
            try:
                InstanceLock(path).acquire().release()
                break
            except AlreadyRunning:
                assert time.monotonic() < deadline
                time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_prints_the_clear_message_not_a_traceback(made, capsys, monkeypatch):
    from desk.cli import main

    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    path, good = made
    path.write_bytes(b"not a database at all" * 300)
    code = main(["--db", str(path), "--lang", "en", "orders", "list", "--user", "admin"])
    err = capsys.readouterr().err
    assert code == 2
    assert "damaged" in err and str(good) in err and "Traceback" not in err
    code = main(["--db", str(path.parent / "gone" / "x.sqlite3"), "--lang", "zh_CN", "departments"])
    err = capsys.readouterr().err
    assert code == 2 and "找不到数据库所在的文件夹" in err


def test_cli_on_damaged_pages_says_damaged_with_the_backup(made, capsys, monkeypatch):
    """The CLI skips the page-by-page check at start-up (speed); damage met while working is
    still the same clear message (Store translates driver errors), not a traceback."""
    from desk.cli import main

    path, good = made
    raw = bytearray(path.read_bytes())
    for off in range(4096 * 2, len(raw), 4096):
        raw[off: off + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(raw))
    before = _digest(path)
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    code = main(["--db", str(path), "--lang", "en", "orders", "list", "--user", "admin"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "damaged" in err and str(good) in err and "Traceback" not in err
    assert _digest(path) == before
