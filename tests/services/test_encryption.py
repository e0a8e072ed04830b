"""Encryption at rest (issue 21): the station file and every kind of backup are unreadable
without the key; every way of unlocking works and the account rules hold before the file opens.

Real SQLCipher files, real backups, the stock sqlite3 module as the thief's tool."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest

from desk.services import auth, backup, encryption, intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import AuthError, DeskError
from desk.services.keyfile import KeyFile, KeyFileError, path_for
from desk.services.startup import open_store
from desk.services.store import Store
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture

NAME, PHONE, ID_NUMBER = "欧阳震华", "13987654321", "11010519491231002X"
CLERK_PASSWORD = "clerk-password-9"


def plant(store, clerk, ref) -> None:
    intake.register_visit(store, clerk, VisitInput(
        name=NAME, phone=PHONE, id_number=ID_NUMBER, area_id=ref.area["SX"].id, lane="陕西南路550弄", number="17",
        matters=(MatterInput(summary=f"{NAME}反映楼道漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id),)))


def secrets_in(data: bytes) -> list[str]:
    found = []
    for text in (NAME, PHONE, ID_NUMBER):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gbk"):
            if text.encode(encoding) in data:
                found.append(f"{text} as {encoding}")
    return found


def stock_sqlite_reads(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


@pytest.fixture(params=["hmac-sha256", "sqlcipher4-default"])
def encrypted(request, store, admin, clerk, ref, db_path):
    """A station with a planted resident, encrypted by the administrator: as this desk does it
    (HMAC-SHA256), or as a desk before crypt6 did (SQLCipher 4's defaults, HMAC-SHA512), which
    must go on opening, backing up and restoring as it is."""
    plant(store, clerk, ref)
    recovery_key = auth.encrypt_station(store, admin, PASSWORD)
    if request.param == "sqlcipher4-default":
        from desk.db import key_for
        from tests.sqlcipher4_default import make_station_sqlcipher4_default

        store.engine.dispose()
        make_station_sqlcipher4_default(db_path, key_for(db_path))
    auth.add_user(store, admin, "zhaomin", "赵敏", "clerk", CLERK_PASSWORD)
    return recovery_key


def reopen(db_path: Path) -> Store:
    return open_store(db_path, thorough=False)


def test_the_file_and_every_kind_of_backup_hide_the_resident(store, admin, clerk, ref, db_path, encrypted, clock):
    """The live file (with its -wal) and daily, before-sync, manual, before-upgrade and
    before-restore backups: none holds the name, phone or ID number in any encoding, and the
    stock sqlite3 cannot read any of them; the desk itself still can."""
    plant(store, clerk, ref)  # again, now into the encrypted file (and its write-ahead log)
    made = [backup.daily_backup(store, actor=admin), backup.before_sync(store), backup.backup_now(store, admin),
            backup.before_migration(db_path, "0001")]
    kept = backup.restore(db_path, made[2], store=store, actor=admin)
    made.append(kept)
    kinds = {b.kind for b in backup.list_backups(db_path)}
    assert kinds == {"daily", "before-sync", "manual", "before-upgrade", "before-restore"}
    files = [db_path, Path(f"{db_path}-wal"), *[b.path for b in backup.list_backups(db_path)]]
    for f in files:
        if f.exists():
            assert secrets_in(f.read_bytes()) == [], f
    for b in backup.list_backups(db_path):
        assert not stock_sqlite_reads(b.path), b.path
        assert path_for(b.path).exists()  # each backup carries its key file
        assert secrets_in(path_for(b.path).read_bytes()) == []
    assert not stock_sqlite_reads(db_path)
    assert secrets_in(path_for(db_path).read_bytes()) == []
    # Nothing plain is left anywhere in the folder (the migration's plain copies are gone).
    for f in db_path.parent.rglob("*"):
        if f.is_file():
            assert secrets_in(f.read_bytes()) == [], f
    # The desk reads it all: search by name finds the resident (FTS5 inside SQLCipher).
    from desk.services import queries
    from desk.services.dto import OrderFilter

    rows = queries.list_orders(store, admin, OrderFilter(text="欧阳"))
    assert rows and all(NAME in r.summary for r in rows)


def test_each_account_unlocks_and_the_rules_hold_before_the_file_opens(store, admin, clerk, db_path, encrypted):
    store.close()
    for username, password in (("admin", PASSWORD), ("zhaomin", CLERK_PASSWORD)):
        s = reopen(db_path)
        assert s.locked and s.is_initialised()
        with pytest.raises(DeskError):  # nothing can be read before the log-in
            s.station()
        actor = auth.login(s, username, password)
        assert actor.username == username and not s.locked and s.station().code == "SX"
        s.close()
    # wangli existed before the encryption: no key of her own until a log-in while unlocked.
    s = reopen(db_path)
    with pytest.raises(AuthError) as err:
        auth.login(s, "wangli", PASSWORD)
    assert "还没有自己的钥匙" in str(err.value)
    auth.login(s, "admin", PASSWORD)
    auth.login(s, "wangli", PASSWORD)  # the lock screen while the desk is open: her key is made
    s.close()
    s = reopen(db_path)
    assert auth.login(s, "wangli", PASSWORD).username == "wangli"
    # Unknown name and wrong password: the same sentence as ever, and the file stays locked.
    s.close()
    s = reopen(db_path)
    for name, pw in (("nobody", PASSWORD), ("zhaomin", "wrong-password")):
        with pytest.raises(AuthError) as err:
            auth.login(s, name, pw)
        assert "用户名或密码不正确" in str(err.value) and s.locked
    s.close()


def test_lockout_before_unlock_and_failures_reach_the_audit_log(store, admin, db_path, encrypted):
    store.close()
    s = reopen(db_path)
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.login(s, "zhaomin", "wrong-password")
    with pytest.raises(AuthError) as err:
        auth.login(s, "zhaomin", CLERK_PASSWORD)  # the right password, but locked for now
    assert "锁定" in str(err.value) and s.locked
    actor = auth.login(s, "admin", PASSWORD)
    from desk.services import audit

    rows = [r for r in audit.list_entries(s, actor) if r.action == "login.failed" and r.target == "zhaomin"]
    assert len(rows) == 5 and "before unlock" in rows[0].detail
    s.close()


def test_disabled_account_refused_and_password_change_rewraps(store, admin, db_path, encrypted):
    auth.set_active(store, admin, "zhaomin", False)
    auth.change_password(store, admin, "admin", "a-new-admin-password")
    store.close()
    s = reopen(db_path)
    with pytest.raises(AuthError) as err:
        auth.login(s, "zhaomin", CLERK_PASSWORD)
    assert "停用" in str(err.value) and s.locked
    assert KeyFile.load(path_for(db_path)).unwrap_user("zhaomin", CLERK_PASSWORD) is None
    with pytest.raises(AuthError):
        auth.login(s, "admin", PASSWORD)  # the old password no longer unwraps
    actor = auth.login(s, "admin", "a-new-admin-password")
    # Enabled again: the account waits for a new password from the administrator.
    auth.set_active(s, actor, "zhaomin", True)
    auth.change_password(s, actor, "zhaomin", "zhaomin-new-pass")
    s.close()
    s = reopen(db_path)
    assert auth.login(s, "zhaomin", "zhaomin-new-pass").username == "zhaomin"
    s.close()


def test_recovery_key_opens_and_sets_a_new_password(store, admin, db_path, encrypted):
    store.close()
    s = reopen(db_path)
    with pytest.raises(AuthError):
        encryption.unlock_with_recovery(s, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    encryption.unlock_with_recovery(s, encrypted.lower().replace("-", " "))  # as typed from paper
    auth.set_password_by_recovery(s, "admin", "recovered-password")
    s.close()
    s = reopen(db_path)
    assert auth.login(s, "admin", "recovered-password").username == "admin"
    s.close()


def test_machine_key_opens_for_unattended_sync(store, admin, db_path, encrypted, tmp_path, monkeypatch):
    from tests.file_keyring import FileKeyring

    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        s = reopen(db_path)
        with pytest.raises(DeskError) as err:
            encryption.unlock_with_machine(s)  # not enabled yet
        assert "无人值守" in str(err.value)
        encryption.enable_unattended(store, admin)
        assert NAME not in (tmp_path / "keyring.json").read_text()
        encryption.unlock_with_machine(s)
        assert s.station().code == "SX"
        s.close()
        encryption.disable_unattended(store, admin)
        s = reopen(db_path)
        with pytest.raises(DeskError):
            encryption.unlock_with_machine(s)
        s.close()
    finally:
        keyring.set_keyring(previous)


def test_no_secret_store_is_a_clear_sentence(store, admin, encrypted):
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        with pytest.raises(DeskError) as err:
            encryption.enable_unattended(store, admin)
        assert "没有可用的系统密钥库" in str(err.value)
    finally:
        keyring.set_keyring(previous)


def test_key_file_lost_or_from_another_database(store, admin, db_path, encrypted, tmp_path):
    store.close()
    keys = path_for(db_path)
    saved = keys.read_bytes()
    keys.unlink()
    with pytest.raises(KeyFileError) as err:
        reopen(db_path)
    assert "密钥文件" in str(err.value) and "不见了" in str(err.value)
    # A key file of another station file: a clear sentence, not "file is not a database".
    other = tmp_path / "other" / "desk.sqlite3"
    other.parent.mkdir()
    o = Store.open(other)
    a = auth.initialise(o, station_code="XH", station_name="徐汇站", admin_username="admin", admin_password=PASSWORD)
    auth.encrypt_station(o, a, PASSWORD)
    o.close()
    keys.write_bytes(path_for(other).read_bytes())
    s = reopen(db_path)
    with pytest.raises(KeyFileError) as err:
        auth.login(s, "admin", PASSWORD)
    assert "不属于" in str(err.value)
    s.close()
    keys.write_bytes(saved)
    s = reopen(db_path)
    assert auth.login(s, "admin", PASSWORD)
    s.close()


def test_restore_of_an_old_plain_backup_reencrypts(store, admin, db_path, encrypted, tmp_path):
    import shutil

    old = tmp_path / "desk-0.1.0-backup.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "desk-0.1.0.sqlite3", old)
    kept = backup.restore(db_path, old, store=store, actor=admin)
    assert kept is not None and not stock_sqlite_reads(db_path) and not stock_sqlite_reads(kept)
    assert b"\xe5\xbc\xa0\xe4\xb8\x89\xe6\x98\x8e" not in db_path.read_bytes()  # 张三明 of the fixture
    store.close()
    s = reopen(db_path)
    # The old file's admin had another password; the key file decides (it is the station's).
    actor = auth.login(s, "admin", PASSWORD)
    from desk.services import queries
    from desk.services.dto import OrderFilter

    assert any("漏水" in r.summary for r in queries.list_orders(s, actor, OrderFilter(text="张三明")))
    s.close()


def test_encrypted_backup_restored_onto_a_new_pc_with_its_key_file(store, admin, clerk, ref, db_path, encrypted,
                                                                  tmp_path):
    made = backup.backup_now(store, admin, out=tmp_path / "usb" / "desk.sqlite3")
    assert path_for(made).exists() and not stock_sqlite_reads(made)
    # The desk PC's disk died: a new PC has no database and no key file.
    new_db = tmp_path / "new-pc" / "desk.sqlite3"
    new_db.parent.mkdir()
    sidecar = KeyFile.load(path_for(made))
    key = sidecar.unwrap_recovery(encrypted)
    backup.restore(new_db, made, source_key=key)
    s = reopen(new_db)
    assert auth.login(s, "zhaomin", CLERK_PASSWORD).username == "zhaomin"
    s.close()


def _desk_process(db: Path, *args: str, **env: str):
    import os
    import subprocess
    import sys

    full = dict(os.environ, DESK_LANG="en", DESK_SQLITE_SYNCHRONOUS="NORMAL",
                PYTHONPATH=str(Path(__file__).resolve().parents[2]), **env)
    for name in ("DESK_USER", "DESK_PASSWORD"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run([sys.executable, "-m", "desk", "--db", str(db), *args], env=full, capture_output=True,
                          text=True, timeout=120)


def _as_sqlcipher4_default(db: Path, recovery_key: str, fmt: str) -> None:
    """fmt "sqlcipher4-default": the station as a desk before crypt6 encrypted it (HMAC-SHA512)."""
    if fmt == "sqlcipher4-default":
        from tests.sqlcipher4_default import make_station_sqlcipher4_default

        make_station_sqlcipher4_default(db, KeyFile.load(path_for(db)).unwrap_recovery(recovery_key))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["hmac-sha256", "sqlcipher4-default"])
def test_cli_sync_with_no_one_logged_in_uses_the_machine_key(tmp_path, monkeypatch, capsys, fmt):
    """The OS timer's `desk sync` (no --user, no password): a clear sentence until an
    administrator enables unattended sync, then it opens the file with the machine key (the
    file keyring selected by PYTHON_KEYRING_BACKEND, as keyring documents)."""
    from desk.cli import main

    db = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    assert main(["--db", str(db), "init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站",
                 "--admin", "admin"]) == 0
    recovery_key = next(line.strip() for line in capsys.readouterr().out.splitlines() if line.strip().count("-") == 7)
    _as_sqlcipher4_default(db, recovery_key, fmt)
    ring = {"PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
            "DESK_TEST_KEYRING_FILE": str(tmp_path / "keyring.json")}
    before = _desk_process(db, "sync", "--status", **ring)
    assert before.returncode == 5 and "Unattended sync is not enabled" in before.stderr
    enabled = _desk_process(db, "unattended", "enable", "--user", "admin", DESK_PASSWORD=PASSWORD, **ring)
    assert enabled.returncode == 0, enabled.stderr
    status = _desk_process(db, "sync", "--status", **ring)
    assert status.returncode == 0 and "Server: not set" in status.stdout, status.stderr
    # No secret store at all (this machine's own state): one sentence, no traceback.
    none = _desk_process(db, "unattended", "enable", "--user", "admin", DESK_PASSWORD=PASSWORD,
                         PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert none.returncode == 7 and "no system secret store" in none.stderr and "Traceback" not in none.stderr
    # The recovery key printed by init opens the file on the command line.
    recovered = _desk_process(db, "recover", "--user", "admin", DESK_RECOVERY_KEY=recovery_key,
                              DESK_PASSWORD="a-fresh-password-1")
    assert recovered.returncode == 0, recovered.stderr
    wrong = _desk_process(db, "recover", "--user", "admin", DESK_RECOVERY_KEY="AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
                          DESK_PASSWORD="whatever-password")
    assert wrong.returncode == 5 and "cannot be read any more" in wrong.stderr and "centre" in wrong.stderr
    listed = _desk_process(db, "users", "list", "--user", "admin", DESK_PASSWORD="a-fresh-password-1")
    assert listed.returncode == 0 and "admin" in listed.stdout


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["hmac-sha256", "sqlcipher4-default"])
def test_cli_restore_of_a_plain_old_backup_and_onto_a_new_pc(tmp_path, monkeypatch, capsys, fmt):
    import shutil

    from desk.cli import main

    db = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    assert main(["--db", str(db), "init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站",
                 "--admin", "admin"]) == 0
    recovery_key = next(line.strip() for line in capsys.readouterr().out.splitlines() if line.strip().count("-") == 7)
    _as_sqlcipher4_default(db, recovery_key, fmt)
    old = tmp_path / "old-plain.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "desk-0.1.0.sqlite3", old)
    assert main(["--db", str(db), "restore", str(old), "--user", "admin"]) == 0
    assert not stock_sqlite_reads(db) and "张三明".encode() not in db.read_bytes()
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "usb" / "station.sqlite3"), "--user", "admin"]) == 0
    capsys.readouterr()
    new_db = tmp_path / "new-pc" / "desk.sqlite3"
    restored = _desk_process(new_db, "restore", str(tmp_path / "usb" / "station.sqlite3"),
                             DESK_RECOVERY_KEY=recovery_key)
    assert restored.returncode == 0, restored.stderr
    shown = _desk_process(new_db, "orders", "list", "--user", "admin", "-s", "张三明", DESK_PASSWORD=PASSWORD)
    assert shown.returncode == 0 and "漏水" in shown.stdout, shown.stderr
    # An old station stays as it is through the restore of a plain backup, the backup and the
    # restore onto a new PC; a new one is HMAC-SHA256 throughout. No SQLCipher noise on the way.
    from tests.sqlcipher4_default import raw_opens

    key = KeyFile.load(path_for(db)).unwrap_recovery(recovery_key)
    sha256 = fmt == "hmac-sha256"
    for f in (db, tmp_path / "usb" / "station.sqlite3", new_db):
        assert raw_opens(f, key, "HMAC_SHA256") == sha256 and raw_opens(f, key, None) != sha256, f
    assert "hmac check failed" not in restored.stderr + shown.stderr
