"""The page HMAC of encrypted station files (branch crypt6): every file the desk encrypts now
gets HMAC-SHA256; a file an earlier desk encrypted with SQLCipher 4's defaults (HMAC-SHA512)
keeps opening and stays as it is, its backups and restores too. Real SQLCipher files; the
old format is made with the binding itself (tests/sqlcipher4_default.py)."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from desk.db import HMAC_NEW, HMAC_OLD, key_for
from desk.services import auth, backup
from desk.services.keyfile import KeyFile, KeyFileError, path_for
from desk.services.startup import open_store
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.services.test_encryption import plant, secrets_in, stock_sqlite_reads
from tests.services.test_encryption_backup import api_backup
from tests.sqlcipher4_default import make_station_sqlcipher4_default, raw_opens

OLD_DESK_BACKUP = Path(__file__).parents[1] / "data" / "desk-0.1.0.sqlite3"


def hmac_of(path: Path, key: bytes) -> str:
    """Which HMAC the bytes of the file need, asked of SQLCipher itself (exactly one works)."""
    sha256, default = raw_opens(path, key, "HMAC_SHA256"), raw_opens(path, key, None)
    assert sha256 != default, f"{path.name}: opens with {'both' if sha256 else 'neither'}"
    return HMAC_NEW if sha256 else HMAC_OLD


def hidden(path: Path) -> None:
    data = path.read_bytes()
    assert secrets_in(data) == [] and not stock_sqlite_reads(path), path.name


def test_a_newly_encrypted_station_and_all_its_backups_use_hmac_sha256(store, admin, clerk, ref, db_path,
                                                                        monkeypatch):
    """The migration, the plain backups it encrypts, page copies, backup-API copies and the
    restore of an old plain backup all write HMAC-SHA256 (SHA-512 settings cannot open them);
    the key files record it, as version 2 so an older desk asks for an update."""
    plant(store, clerk, ref)
    backup.create_backup(db_path, kind="daily")  # a plain backup, encrypted by the migration
    auth.encrypt_station(store, admin, PASSWORD)
    key = key_for(db_path)
    plant(store, clerk, ref)
    made = [backup.backup_now(store, admin), api_backup(store, db_path, monkeypatch)]
    kept = backup.restore(db_path, OLD_DESK_BACKUP, store=store, actor=admin)  # re-encrypted
    files = [db_path, kept, *made, *(b.path for b in backup.list_backups(db_path))]
    assert {b.kind for b in backup.list_backups(db_path)} == {"daily", "before-upgrade", "manual", "before-restore"}
    for f in files:
        assert hmac_of(f, key) == HMAC_NEW, f.name
        hidden(f)
        kf = json.loads(path_for(f).read_text(encoding="utf-8"))
        assert (kf["hmac"], kf["version"]) == (HMAC_NEW, 2), f.name
    store.close()
    s = open_store(db_path, thorough=False)
    assert auth.login(s, "admin", PASSWORD).username == "admin"
    s.close()


def test_a_key_file_naming_an_unknown_hmac_is_refused_in_a_sentence(store, admin, db_path):
    auth.encrypt_station(store, admin, PASSWORD)
    store.close()
    keys = path_for(db_path)
    keys.write_text(keys.read_text(encoding="utf-8").replace(HMAC_NEW, "HMAC_MD5"), encoding="utf-8")
    with pytest.raises(KeyFileError) as err:
        open_store(db_path, thorough=False)
    assert "hmac" in str(err.value)


@pytest.fixture
def old_station(store, admin, clerk, ref, db_path):
    """A station (planted resident, a plain backup that the migration encrypted) as a desk
    before crypt6 left it: SQLCipher 4's defaults everywhere, version-1 key files."""
    plant(store, clerk, ref)
    backup.create_backup(db_path, kind="daily")
    recovery_key = auth.encrypt_station(store, admin, PASSWORD)
    key = key_for(db_path)
    store.close()
    make_station_sqlcipher4_default(db_path, key)
    return key, recovery_key


def test_a_sqlcipher4_default_station_opens_backs_up_and_restores_as_it_is(db_path, old_station, clerk, ref,
                                                                          monkeypatch, capfd):
    """Log-in, recovery key, saves, page-copy and backup-API backups, restores (its own backup,
    an old plain one): every file stays HMAC-SHA512 with its version-1 key file, and the key
    file's record is the first guess (SQLCipher logs no failed HMAC check on the way)."""
    key, recovery_key = old_station
    capfd.readouterr()
    s = open_store(db_path, thorough=False)
    admin = auth.login(s, "admin", PASSWORD)
    assert "hmac check failed" not in capfd.readouterr().err
    plant(s, clerk, ref)
    made = [backup.backup_now(s, admin), api_backup(s, db_path, monkeypatch), backup.daily_backup(s, actor=admin)]
    made = [m for m in made if m is not None]
    kept = [backup.restore(db_path, made[0], store=s, actor=admin),
            backup.restore(db_path, OLD_DESK_BACKUP, store=s, actor=admin)]
    s.close()
    s = open_store(db_path, thorough=False)
    from desk.services import encryption

    encryption.unlock_with_recovery(s, recovery_key)
    assert s.station().code == "SX"
    s.close()
    for f in [db_path, *made, *kept, *(b.path for b in backup.list_backups(db_path))]:
        assert hmac_of(f, key) == HMAC_OLD, f.name
        hidden(f)
        kf = KeyFile.load(path_for(f))
        assert (kf.hmac, kf.data["version"], "hmac" in kf.data) == (HMAC_OLD, 1, False), f.name


def test_an_old_backup_restored_onto_a_new_pc_with_its_key_file(tmp_path, db_path, old_station):
    """The desk PC died: its SQLCipher-4-default backup and key file, on a PC with nothing."""
    key, recovery_key = old_station
    usb = tmp_path / "usb" / "desk.sqlite3"
    usb.parent.mkdir()
    source = backup.list_backups(db_path)[0].path
    shutil.copy(source, usb)
    shutil.copy(path_for(source), path_for(usb))
    new_db = tmp_path / "new-pc" / "desk.sqlite3"
    new_db.parent.mkdir()
    backup.restore(new_db, usb, source_key=KeyFile.load(path_for(usb)).unwrap_recovery(recovery_key))
    assert hmac_of(new_db, key) == HMAC_OLD
    s = open_store(new_db, thorough=False)
    assert auth.login(s, "admin", PASSWORD).username == "admin"
    s.close()


def test_engine_connections_and_helpers_find_each_files_hmac_on_their_own(db_path, old_station, tmp_path):
    """With no key file read first (a stale guess), every path still opens both kinds of file:
    the recorded HMAC is only the first try."""
    from desk.db import HMACS, remember_hmac
    from desk.services.store import Store

    key, _ = old_station
    threads = []
    for guess in HMACS:
        remember_hmac(db_path, guess)
        s = Store.open_encrypted(db_path, key=key)
        assert s.station().code == "SX"
        worker = threading.Thread(target=lambda: s.station())  # a second pooled connection
        threads.append(worker)
        worker.start()
        worker.join()
        assert backup.integrity_problem(db_path, key=key) == ""
        s.close()
    assert hmac_of(db_path, key) == HMAC_OLD


def test_a_process_handed_only_the_key_opens_an_older_station_without_a_wrong_guess(db_path, old_station, capfd):
    """The suggestions' training child gets the data key, not the key file: it reads the HMAC the
    key file beside the database records, so SQLCipher logs no failed page check (it wrote three
    error lines into the desk's log at every start of an older station)."""
    from desk import db as desk_db
    from desk.services.suggest_apart import _train_in_child

    key, _ = old_station
    desk_db._HMAC_OF_PATH.clear()
    desk_db._HMAC_OF_KEY.clear()  # as in a freshly spawned child
    capfd.readouterr()
    packed = _train_in_child(str(db_path), key)
    assert packed[0][0]  # trained: the categories' labels
    assert "hmac check failed" not in capfd.readouterr().err
    assert desk_db.file_hmac(db_path) == HMAC_OLD
