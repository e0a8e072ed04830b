"""Backups of an encrypted station file are page copies (desk.services.raw_copy): one
consistent snapshot while saves go on, checked, under the same key; the backup API only when
no moment without a long reader could be had. Real SQLCipher files."""

from __future__ import annotations

import threading
from pathlib import Path

from desk.db import connect
from desk.services import auth, backup, raw_copy
from desk.services.keyfile import path_for
from desk.sync import state
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture


def put(store, key: str) -> None:
    with store.write() as s:
        state.put(s.connection(), key, "1")


def rows(path: Path, key: bytes) -> set[str]:
    conn = connect(path, key=key, readonly=True)
    try:
        return {r[0] for r in conn.execute("SELECT key FROM sync_state")}
    finally:
        conn.close()


def test_a_backup_copies_the_encrypted_pages_as_they_are_and_checks_them(store, admin, db_path):
    auth.encrypt_station(store, admin, PASSWORD)
    key = store.keys.key
    put(store, "in_the_wal")  # a committed frame not yet written back to the file
    made = backup.create_backup(db_path, kind="manual")
    # Page for page: SQLCipher's random salt (the file's first 16 bytes) is the live file's;
    # a copy through the backup API would have a salt of its own.
    assert made.read_bytes()[:16] == db_path.read_bytes()[:16]
    assert "in_the_wal" in rows(made, key)
    assert backup.integrity_problem(made, key=key) == ""
    assert path_for(made).exists()
    assert not Path(f"{made}-wal").exists()  # a self-contained file
    from desk.db import _key_slot

    assert _key_slot(db_path) in raw_copy._FDS  # kept open while the store is (POSIX locks)
    store.close()
    assert _key_slot(db_path) not in raw_copy._FDS  # and closed with its last connection


def test_saves_go_on_during_the_copy_and_the_backup_is_one_snapshot(store, admin, db_path, monkeypatch):
    auth.encrypt_station(store, admin, PASSWORD)
    key = store.keys.key
    for i in range(200):
        put(store, f"early_{i}")
    saved_during: list[str] = []
    slow_copy = raw_copy._copy_bytes

    def copy_while_saving(*args):
        # Saves from another thread while the pages are being copied: none waits for the copy.
        worker = threading.Thread(target=lambda: [put(store, k) or saved_during.append(k)
                                                  for k in (f"during_{i}" for i in range(20))])
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive()
        # A checkpoint now may not write those saves into the file being copied (read-lock 0).
        ck = connect(db_path, key=key)
        try:
            busy, log, done = ck.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            ck.close()
        assert log > 0 and done < log
        return slow_copy(*args)

    monkeypatch.setattr(raw_copy, "_copy_bytes", copy_while_saving)
    made = backup.create_backup(db_path, kind="manual")
    assert len(saved_during) == 20
    copied = rows(made, key)
    assert {f"early_{i}" for i in range(200)} <= copied
    assert not any(k.startswith("during_") for k in copied)  # the snapshot taken before them
    assert backup.integrity_problem(made, key=key) == ""
    store.close()
    assert {f"during_{i}" for i in range(20)} <= rows(db_path, key)  # and nothing lost live


def api_backup(store, db_path: Path, monkeypatch) -> Path:
    """A backup through SQLite's backup API: a long reader keeps a save ("b") in the WAL, so the
    page copy finds no moment with the WAL written back."""
    old = connect(db_path, key=store.keys.key, readonly=True)  # holds an old snapshot
    old.isolation_level = None
    old.execute("BEGIN")
    old.execute("SELECT count(*) FROM sync_state").fetchone()
    put(store, "b")
    monkeypatch.setattr(raw_copy, "ATTEMPTS", 2)
    try:
        made = backup.create_backup(db_path, kind="manual")
    finally:
        old.execute("ROLLBACK")
        old.close()
    assert made.read_bytes()[:16] != db_path.read_bytes()[:16]  # the backup API's own file
    return made


def test_a_long_reader_means_the_backup_api_and_still_a_sound_backup(store, admin, db_path, monkeypatch):
    auth.encrypt_station(store, admin, PASSWORD)
    key = store.keys.key
    put(store, "a")
    made = api_backup(store, db_path, monkeypatch)
    assert {"a", "b"} <= rows(made, key)
    assert backup.integrity_problem(made, key=key) == ""
    store.close()


def test_a_disabled_account_opens_neither_the_live_file_nor_any_backup_made_after(store, admin, db_path):
    """Disabling removes the account's wrap from the key file; every backup copies the key file
    as it is then, so no backup made after the disable carries it. Backups made before still
    do (README: why the data key does not rotate on a disable)."""
    recovery_key = auth.encrypt_station(store, admin, PASSWORD)
    auth.add_user(store, admin, "zhaomin", "赵敏", "clerk", "clerk-password-9")
    before = backup.backup_now(store, admin)
    auth.set_active(store, admin, "zhaomin", False)
    made = [backup.daily_backup(store, actor=admin), backup.before_sync(store), backup.backup_now(store, admin),
            backup.before_migration(db_path, "0001")]
    made.append(backup.restore(db_path, made[2], store=store, actor=admin))  # the before-restore copy
    assert {b.kind for b in backup.list_backups(db_path)} == {"daily", "before-sync", "manual", "before-upgrade",
                                                              "before-restore"}
    from desk.services.keyfile import KeyFile

    for path in [db_path, *made]:
        keys = KeyFile.load(path_for(path))
        assert keys.unwrap_user("zhaomin", "clerk-password-9") is None, path
        assert "clerk-password-9" not in path_for(path).read_text(encoding="utf-8")
        # The others still open it: the administrator and the recovery key.
        assert keys.unwrap_user("admin", PASSWORD) == store.keys.key, path
        assert keys.unwrap_recovery(recovery_key) == store.keys.key, path
    # A backup made before the disable still knows her old password (documented limit).
    assert KeyFile.load(path_for(before)).unwrap_user("zhaomin", "clerk-password-9") == store.keys.key
    store.close()
    # And the desk refuses her with a sentence, the file staying locked.
    from desk.errors import AuthError
    from desk.services.startup import open_store
    import pytest

    s = open_store(db_path, thorough=False)
    with pytest.raises(AuthError) as err:
        auth.login(s, "zhaomin", "clerk-password-9")
    assert "停用" in str(err.value) and s.locked
    s.close()
