"""Encryption at rest of the station's database and its backups (SQLCipher 4, see desk.db).

- Unlocking: a staff log-in unwraps the data key from the key file (desk.services.keyfile); so
  do the recovery key (desk recover) and the machine key of unattended sync (desk sync).
- Account rules before the database is open: a disabled account has no key, failures are
  counted in the key file and lock the account as the staff table would; once the database
  is open, auth.login applies the staff table's rules as always.
- Migration of a plain file (enable): a checked plain backup first, sqlcipher_export into a new
  file, integrity_check and row counts, an atomic rename over the plain file, then the plain
  bytes overwritten and removed, then every plain backup likewise. A kill at any point leaves
  either the plain file or the checked encrypted one (with its key file) under the name.

Qt-free.
"""

from __future__ import annotations

import os
import signal
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from desk.db import HMAC_NEW, connect, driver_errors, is_plain_sqlite
from desk.db_export import export
from desk.i18n import M_
from desk.errors import AuthError, DeskError
from desk.services.keyfile import KeyFile, KeyFileError, fsync_dir, new_data_key, new_recovery_key, path_for

KEYRING_SERVICE = "desk (全岗接待台)"
WIPE_CHUNK = 1 << 20

_MESSAGES = (
    M_("already_encrypted", "The database is already encrypted."),
    M_("encrypt_in_use", "Cannot encrypt: another program has the database open ({detail}). Close other Desk windows and the sync task and try again; the database was not changed."),
    M_("encrypt_check_failed", "The encrypted copy failed its check ({detail}) and was discarded; the database was not changed."),
    M_("no_secret_store", "This computer has no system secret store (Secret Service / GNOME Keyring on Linux, Credential Manager on Windows), so the machine key for unattended sync cannot be kept. Install and enable one, or sync by hand while someone is logged in."),
    M_("machine_key_missing", "Unattended sync is not enabled, or the machine key was removed from the system secret store: ask an administrator to enable unattended sync again."),
)


_passed: dict[str, int] = {}


def _crash_point(name: str) -> None:
    """For the migration's kill sweep (tests/cli/test_encryption_migration.py): DESK_TEST_KILL_AT
    ("step" or "step#n", the n-th time) names where the process kills itself, as a power cut
    would stop it."""
    wanted = os.environ.get("DESK_TEST_KILL_AT")
    if not wanted:
        return
    _passed[name] = _passed.get(name, 0) + 1
    step, _, nth = wanted.partition("#")
    if step == name and _passed[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


# -- unlocking ----------------------------------------------------------------------------------

def _load(store) -> KeyFile:
    return KeyFile.load(path_for(store.path), db_path=store.path)


def _unlock(store, key: bytes, kf: KeyFile) -> None:
    if not kf.matches(key):
        raise KeyFileError("keyfile_mismatch", keys=str(kf.path), path=str(store.path))
    try:
        store.unlock(key)
    except Exception as exc:
        if "not a database" in str(exc).lower() or "not a database" in str(getattr(exc, "orig", "")).lower():
            raise KeyFileError("keyfile_mismatch", keys=str(kf.path), path=str(store.path)) from None
        raise
    finish_interrupted(store)


def unlock_with_password(store, username: str, password: str, *, spend_time: Callable[[str], object]) -> None:
    """Unlock the encrypted store with a staff account's password, or raise AuthError with the
    same sentences the staff table would give (unknown, disabled, locked, wrong). spend_time:
    auth's dummy hash check, so an unknown name answers no faster than a known one."""
    kf = _load(store)
    username = (username or "").strip()
    entry = kf.user(username)
    now = store.now()
    if entry is None:
        spend_time(password)
        raise AuthError("login_failed")
    if entry.get("disabled"):
        raise AuthError("account_disabled", username=username)
    until = entry.get("locked_until")
    if until and datetime.fromisoformat(until) > now:
        raise AuthError("account_locked", until=_local_hhmm(kf, datetime.fromisoformat(until)))
    if "wrapped" not in entry:
        raise AuthError("no_key_for_account", username=username)
    key = kf.unwrap_user(username, password)
    if key is None:
        policy = kf.data.get("policy") or {}
        entry["failed"] = int(entry.get("failed", 0)) + 1
        detail = f"before unlock, {entry['failed']} of {policy.get('max_failures', 5)}"
        if entry["failed"] >= int(policy.get("max_failures", 5)):
            entry["locked_until"] = (now + timedelta(minutes=int(policy.get("lock_minutes", 15)))).isoformat()
            entry["failed"] = 0
            detail += ", locked"
        # Written into the audit log by the next unlock (the log lives in the encrypted file).
        entry.setdefault("pending_failures", []).append([now.isoformat(), detail])
        del entry["pending_failures"][:-50]
        kf.save()
        raise AuthError("login_failed")
    _unlock(store, key, kf)
    if entry.get("failed") or entry.get("locked_until"):
        entry["failed"], entry["locked_until"] = 0, None
        kf.save()
    store.unlocked_by = username


def _local_hhmm(kf: KeyFile, moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo((kf.data.get("station") or {}).get("timezone") or "Asia/Shanghai")
    return moment.astimezone(tz).strftime("%H:%M")


def unlock_with_recovery(store, recovery_key: str) -> None:
    kf = _load(store)
    key = kf.unwrap_recovery(recovery_key)
    if key is None:
        raise AuthError("recovery_key_wrong")
    _unlock(store, key, kf)


def unlock_with_machine(store) -> None:
    """The nightly sync started by the OS with no one logged in."""
    kf = _load(store)
    machine_id = kf.machine_id
    if machine_id is None:
        raise DeskError("machine_key_missing")
    secret = _keyring_get(machine_id)
    if secret is None:
        raise DeskError("machine_key_missing")
    key = kf.unwrap_machine(secret)
    if key is None:
        raise DeskError("machine_key_missing")
    _unlock(store, key, kf)


def station_name_before_unlock(store) -> str:
    """The station's name for the log-in page of a locked file (the key file keeps it: it is
    on the door of the station, not a secret)."""
    if not store.locked:
        return ""
    try:
        return _load(store).station_name
    except KeyFileError:
        return ""


# -- keeping the key file in step with the staff table -------------------------------------------

def password_fingerprint(password_hash: str) -> str:
    """Which staff-table hash a key-file entry was made with (a digest of the Argon2 string,
    which holds its own salt: it helps no one guess the password)."""
    import hashlib

    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def account_key_current(store, username: str, password_hash: str) -> bool:
    if not store.encrypted:
        return True
    entry = _load(store).user(username) or {}
    return "wrapped" in entry and entry.get("pw") == password_fingerprint(password_hash)


def set_account_key(store, username: str, password: str, password_hash: str, *, params: dict) -> None:
    """After a log-in, a new account or a password change on an unlocked encrypted store: the
    account's entry is (re)wrapped under the password now in force."""
    if not store.encrypted or store.locked:
        return
    kf = _load(store)
    kf.set_user(username, password, store.keys.key, params)
    kf.data["users"][username]["pw"] = password_fingerprint(password_hash)
    kf.save()


def revoke_account_key(store, username: str, *, disabled: bool = True) -> None:
    """A disabled account can no longer unwrap the data key (this key file; see README for
    older copies of it). Enabled again, it waits for a new password (or a log-in while
    someone else has the desk unlocked)."""
    if not store.encrypted or store.locked:
        return
    kf = _load(store)
    if disabled:
        kf.revoke_user(username)
    elif "wrapped" not in (kf.user(username) or {}):
        kf.data["users"][username] = {"pending": True}
    kf.save()


def take_pending_failures(store) -> list[tuple[str, str, str]]:
    """(username, at, detail) of failed log-ins counted before the database was open, once."""
    if not store.encrypted:
        return []
    kf = _load(store)
    out = []
    for username, entry in kf.data["users"].items():
        for at, detail in entry.get("pending_failures", []) or []:
            out.append((username, at, detail))
        entry["pending_failures"] = []
    if out:
        kf.save()
    return out


# -- migration: a plain file becomes an encrypted one --------------------------------------------

def enable(store, actor, password: str, *, verify: Callable[[str, str], bool], params: dict,
           known_passwords: dict[str, str] | None = None) -> str:
    """Encrypt the store's plain file in place (an administrator, with the password just used
    to log in) and every plain backup. Returns the recovery key, to be shown once. Called
    through auth.encrypt_station, which gives verify(hash, password) and the Argon2id params.
    known_passwords (the demo's published accounts): those accounts get their key at once."""
    from sqlalchemy import select

    from desk.models import Staff
    from desk.services import backup, settings
    from desk.services.audit import record
    from desk.rules.enums import Role

    if actor.role != Role.ADMIN.value:
        from desk.rules.permissions import Permission, require

        require(actor.role, Permission.MANAGE_STAFF)
    if store.encrypted:
        raise DeskError("already_encrypted")
    path = Path(store.path)
    _sweep(path)
    station = store.station()
    with store.read() as s:
        staff = [(p.username, p.active, p.password_hash) for p in s.scalars(select(Staff))]
    own_hash = next((h for u, _a, h in staff if u == actor.username), "")
    if not verify(own_hash, password):
        raise AuthError("login_failed")  # the key is wrapped under this password: it must be theirs
    data_key, recovery_key = new_data_key(), new_recovery_key()
    kf = KeyFile.new(path_for(path), data_key, station_code=station.code, station_name=station.name)
    kf.data["station"]["timezone"] = station.timezone
    kf.data["policy"] = {"max_failures": settings.get(store, "login_max_failures"),
                         "lock_minutes": settings.get(store, "login_lock_minutes")}
    for username, active, password_hash in staff:
        if not active:
            kf.revoke_user(username)
        elif username == actor.username or (known_passwords or {}).get(username) is not None \
                and verify(password_hash, known_passwords[username]):
            kf.set_user(username, password if username == actor.username else known_passwords[username], data_key,
                        params)
            kf.data["users"][username]["pw"] = password_fingerprint(password_hash)
        else:
            kf.data["users"][username] = {"pending": True}
    kf.set_recovery(recovery_key, data_key)
    kf.save()
    _crash_point("keyfile-written")
    backup.create_backup(path, kind="before-upgrade-encrypt")
    _crash_point("plain-backup-made")
    store.engine.dispose()
    _settle_plain(path)
    _crash_point("plain-settled")
    encrypt_file(path, data_key)
    store.switch_to_encrypted(data_key)
    _crash_point("swapped")
    encrypt_backups(path, data_key)
    with store.write() as s:
        record(s, store, actor, "station.encrypt", station.code, f"{len(staff)} accounts")
    return recovery_key


def _settle_plain(path: Path) -> None:
    """Everything in the file itself (no -wal beside it) and nobody else writing: the -wal of
    a plain file must never meet the encrypted file that takes its name."""
    conn = connect(path, timeout=5)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise DeskError("encrypt_in_use", detail=f"journal_mode {mode}")
    except driver_errors() as exc:
        raise DeskError("encrypt_in_use", detail=str(exc)) from None
    finally:
        conn.close()


def _table_counts(path: Path, key: bytes | None) -> dict[str, int]:
    conn = connect(path, key=key, readonly=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def encrypt_file(path: Path, data_key: bytes) -> None:
    """Replace the plain file at `path` by an encrypted copy that passed integrity_check and has
    the same rows, then overwrite and remove the plain bytes."""
    from desk.services.backup import _fsync, integrity_problem

    _settle_plain(path)  # no -wal of the plain file may stay beside the encrypted one
    partial = path.with_name(path.name + ".encrypting")
    partial.unlink(missing_ok=True)
    export(path, partial, source_key=None, target_key=data_key)
    _fsync(partial)
    _crash_point("exported")
    problem = integrity_problem(partial, key=data_key)
    if not problem and _table_counts(partial, data_key) != _table_counts(path, None):
        problem = "row counts differ"
    if problem:
        partial.unlink(missing_ok=True)
        raise DeskError("encrypt_check_failed", detail=problem[:200])
    _crash_point("checked")
    # A second name keeps the plain bytes reachable for the overwrite after the swap.
    plain = path.with_name(path.name + ".plain")
    plain.unlink(missing_ok=True)
    try:
        os.link(path, plain)
    except OSError:
        plain = None  # a file system without hard links (FAT): the swap still is atomic, the
        # plain blocks are freed by it without being overwritten (README, SSD caveats)
    _crash_point("linked")
    os.replace(partial, path)
    fsync_dir(path.parent)
    _crash_point("replaced")
    if plain is not None:
        wipe(plain)


def encrypt_backups(db_path: Path, data_key: bytes) -> list[Path]:
    """Every plain backup of this database encrypted under its key, each with a key-file copy."""
    from desk.services import backup

    done = []
    for info in backup.list_backups(db_path):
        _sweep(info.path)
        if not is_plain_sqlite(info.path):
            continue
        copy = KeyFile.load(path_for(db_path))
        copy.hmac = HMAC_NEW  # what encrypt_file writes, whatever the live file has
        copy.save(path_for(info.path))
        encrypt_file(info.path, data_key)
        _crash_point("backup-encrypted")
        done.append(info.path)
    return done


def finish_interrupted(store) -> None:
    """After an unlock: complete a migration a crash or power cut interrupted (leftover plain
    bytes overwritten, plain backups encrypted)."""
    path = Path(store.path)
    _sweep(path)
    encrypt_backups(path, store.keys.key)


def _sweep(path: Path) -> None:
    """Leftovers of an interrupted encryption of `path`."""
    Path(f"{path}.encrypting").unlink(missing_ok=True)
    plain = Path(f"{path}.plain")
    if plain.exists():
        if path.exists() and os.path.samefile(plain, path):
            plain.unlink()  # killed before the swap: the same (live) file under a second name
        else:
            wipe(plain)


def wipe(path: Path) -> None:
    """Overwrite a file's bytes with zeros, flush them to the disk, then remove it. On a hard
    disk this leaves nothing to read back; an SSD's wear levelling or a copy-on-write file
    system may keep old blocks elsewhere, which no program can reach (see README)."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        zeros = bytes(WIPE_CHUNK)
        done = 0
        while done < size:
            n = min(WIPE_CHUNK, size - done)
            fh.write(zeros[:n])
            done += n
            _crash_point("wiping")
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


# -- unattended sync: the machine key ------------------------------------------------------------

def enable_unattended(store, actor) -> None:
    """Keep a random machine key in the OS secret store and wrap the data key under it, so the
    OS timer's `desk sync` can open the file with no one logged in (administrators only)."""
    import base64
    import secrets

    from desk.rules.permissions import Permission, require

    require(actor.role, Permission.MANAGE_STAFF)
    if store.locked or not store.encrypted:
        return
    kf = _load(store)
    machine_id = secrets.token_hex(8)
    machine_key = secrets.token_bytes(32)
    _keyring_call("set_password", _keyring_name(machine_id), base64.b64encode(machine_key).decode("ascii"))
    old = kf.machine_id
    kf.set_machine(machine_id, machine_key, store.keys.key)
    kf.save()
    if old:
        _keyring_delete(old)


def disable_unattended(store, actor) -> None:
    from desk.rules.permissions import Permission, require

    require(actor.role, Permission.MANAGE_STAFF)
    kf = _load(store)
    if kf.machine_id:
        _keyring_delete(kf.machine_id)
        kf.clear_machine()
        kf.save()


def unattended_enabled(store) -> bool:
    """Whether the key file holds a wrap under a machine key (the settings page's state)."""
    return bool(store.encrypted and _load(store).machine_id)


def _keyring_name(machine_id: str) -> str:
    return f"station data key {machine_id}"


def _keyring_call(name: str, *args):
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        return getattr(keyring, name)(KEYRING_SERVICE, *args)
    except NoKeyringError:
        raise DeskError("no_secret_store") from None
    except KeyringError as exc:
        if "no recommended backend" in str(exc).lower() or "fail" in type(keyring.get_keyring()).__module__:
            raise DeskError("no_secret_store") from None
        raise


def _keyring_get(machine_id: str) -> bytes | None:
    import base64

    value = _keyring_call("get_password", _keyring_name(machine_id))
    return base64.b64decode(value) if value else None


def _keyring_delete(machine_id: str) -> None:
    from keyring.errors import PasswordDeleteError

    try:
        _keyring_call("delete_password", _keyring_name(machine_id))
    except PasswordDeleteError:
        pass
