"""The key file beside an encrypted station database (`desk.sqlite3.keys`, JSON): the station's
random data key, wrapped once per staff account, once by the station's recovery key and, when
an administrator enabled unattended sync, once by a machine key kept in the OS secret store.

Why beside the database and not inside it: the log-in must find the wrapped key before the
database can be opened. The file holds no personal data and no key in the clear: each entry is
AES-256-GCM over the data key under a key-encryption key (KEK) derived from
  - a staff password with Argon2id (its own random salt, the accounts' cost parameters),
  - the recovery key (160 random bits, printed once) with HKDF-SHA256,
  - the machine key (256 random bits in the secret store) with HKDF-SHA256.
A wrong password is recognised by the failed authentication tag: unwrapping is the password
check. Each entry's name is bound into the tag (associated data), so entries cannot be swapped.

Every backup gets a copy of this file beside it (`<backup>.keys`): a backup without its key
file cannot be opened by anyone, which is the point on a lost USB stick and a disaster when the
desk PC's disk dies; with the copy, any staff password valid when the backup was made, or the
recovery key, opens it.

Qt-free, no database access: this module only reads and writes the JSON file (and tells
desk.db which HMAC the file records for its database, the first one to try).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desk.db import HMAC_NEW, KEY_FILE_FORMAT, KEY_FILE_SUFFIX, recorded_hmac, remember_hmac
from desk.db import StoreLocked  # noqa: F401 - importable from here too
from desk.errors import DeskError
from desk.i18n import M_

FORMAT = KEY_FILE_FORMAT
# 2: the file records its database's page HMAC ("hmac"; absent in version 1: SQLCipher 4's
# default HMAC_SHA512). A desk that knows only version 1 would open a version-2 file with the
# wrong HMAC and call the key file a stranger's; it says "install the latest Desk" instead.
VERSION = 2
_AAD_VERSION = 1  # bound into every wrap: unchanged, so version-1 entries still open
SUFFIX = KEY_FILE_SUFFIX
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper

_MESSAGES = (
    M_("keyfile_missing", "The database “{path}” is encrypted but its key file “{keys}” beside it is missing. Put the .keys file back (the backups folder has copies); without a key file no password or recovery key can open it."),
    M_("keyfile_damaged", "The key file “{keys}” is damaged or not a Desk key file ({detail}). Put back a .keys file from the backups folder."),
    M_("keyfile_too_new", "The key file “{keys}” was written by a newer Desk (version {version}); install the latest Desk."),
    M_("keyfile_mismatch", "The key file “{keys}” does not belong to the database “{path}” (were they copied or restored separately?). Put back the .keys file that was backed up with this database."),
    M_("no_key_for_account", "The account “{username}” has no key to the encrypted database yet. Ask an administrator to set your password again (Settings → Staff), or log in once while a colleague has the desk unlocked."),
    M_("recovery_key_wrong", "The recovery key is not right. Check it letter by letter against the printed recovery kit (case and dashes do not matter)."),
    M_("data_lost_for_good", "No staff password and no recovery key can open this encrypted database: its data cannot be read any more, which is what encryption means; there is no back door. What was synced is still held by the centre: ask the centre, set up the station afresh with desk init and sync again."),
)


class KeyFileError(DeskError):
    """The key file is missing, damaged, newer, or belongs to another database."""


def path_for(db_path: Path | str) -> Path:
    return Path(f"{Path(db_path)}{SUFFIX}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def key_check(data_key: bytes) -> str:
    """A short public fingerprint of the data key: tells which key file goes with which backup
    without revealing anything about the key."""
    return hmac.new(data_key, b"desk data key check", hashlib.sha256).hexdigest()[:16]


# -- recovery key ---------------------------------------------------------------------------------

def new_recovery_key() -> str:
    """32 characters from a 32-letter alphabet (160 bits), in eight groups of four."""
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(raw[i:i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.replace("0", "O").replace("1", "I")


# -- key-encryption keys --------------------------------------------------------------------------

def _password_kek(password: str, salt: bytes, params: dict) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw((password or "").encode("utf-8"), salt, time_cost=int(params["t"]),
                           memory_cost=int(params["m"]), parallelism=int(params["p"]), hash_len=32, type=Type.ID)


def _hkdf_kek(secret: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def _seal(kek: bytes, data_key: bytes, aad: bytes) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def _open(kek: bytes, entry: dict, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), aad)
    except (InvalidTag, KeyError, ValueError):
        return None


def _aad(slot: str) -> bytes:
    return f"{FORMAT} v{_AAD_VERSION} {slot}".encode("utf-8")


# -- the file -------------------------------------------------------------------------------------

@dataclass
class KeyFile:
    path: Path
    data: dict

    # reading and writing
    @classmethod
    def new(cls, path: Path | str, data_key: bytes, *, station_code: str, station_name: str) -> "KeyFile":
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return cls(Path(path), {
            "format": FORMAT, "version": VERSION, "cipher": "sqlcipher4 raw-key", "hmac": HMAC_NEW,
            "created_at": now, "key_check": key_check(data_key),
            "station": {"code": station_code, "name": station_name},
            "users": {}, "recovery": None, "machine": None,
        })

    @classmethod
    def load(cls, path: Path | str, *, db_path: Path | str | None = None) -> "KeyFile":
        path = Path(path)
        if not path.is_file():
            raise KeyFileError("keyfile_missing", path=str(db_path or path), keys=str(path))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise KeyFileError("keyfile_damaged", keys=str(path), detail=str(exc)[:120]) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("users"), dict):
            raise KeyFileError("keyfile_damaged", keys=str(path), detail="format")
        if int(data.get("version", 0)) > VERSION:
            raise KeyFileError("keyfile_too_new", keys=str(path), version=data.get("version"))
        kf = cls(path, data)
        if recorded_hmac(data) is None:
            raise KeyFileError("keyfile_damaged", keys=str(path), detail="hmac")
        if path.name.endswith(SUFFIX):  # the database beside it is opened with its HMAC first
            remember_hmac(path.with_name(path.name[:-len(SUFFIX)]), kf.hmac)
        return kf

    def save(self, path: Path | str | None = None) -> Path:
        """Written to a temporary name, flushed to disk, then renamed over the old one: a crash
        leaves the old file or the new one, never half of one."""
        target = Path(path) if path is not None else self.path
        partial = target.with_name(target.name + ".partial")
        with open(partial, "w", encoding="utf-8") as fh:
            json.dump(self.data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
        fsync_dir(target.parent)
        return target

    @property
    def hmac(self) -> str:
        """The page HMAC of the database this file belongs to."""
        return recorded_hmac(self.data)

    @hmac.setter
    def hmac(self, value: str) -> None:
        self.data["hmac"] = value
        if value == HMAC_NEW:
            self.data["version"] = VERSION

    @property
    def station_name(self) -> str:
        return (self.data.get("station") or {}).get("name", "")

    def matches(self, data_key: bytes) -> bool:
        return hmac.compare_digest(self.data.get("key_check", ""), key_check(data_key))

    # staff accounts
    def user(self, username: str) -> dict | None:
        entry = self.data["users"].get(username)
        return entry if isinstance(entry, dict) else None

    def set_user(self, username: str, password: str, data_key: bytes, params: dict) -> None:
        """params: Argon2id's {"t", "m", "p"}, the cost the staff passwords use (auth.kek_params),
        so a password costs a thief the same through the key file as through the staff table."""
        salt = secrets.token_bytes(16)
        entry = {"kdf": "argon2id", "salt": _b64(salt), **params}
        entry.update(_seal(_password_kek(password, salt, params), data_key, _aad(f"user:{username}")))
        old = self.user(username) or {}
        entry["failed"] = 0
        entry["locked_until"] = None
        entry["pending_failures"] = old.get("pending_failures", [])
        self.data["users"][username] = entry

    def revoke_user(self, username: str) -> None:
        """A disabled account keeps a name here (so the log-in can say "disabled") but no key."""
        old = self.user(username) or {}
        self.data["users"][username] = {"disabled": True, "pending_failures": old.get("pending_failures", [])}

    def unwrap_user(self, username: str, password: str) -> bytes | None:
        entry = self.user(username)
        if not entry or entry.get("disabled") or "wrapped" not in entry:
            return None
        try:
            salt = _unb64(entry["salt"])
        except (KeyError, ValueError):
            return None
        return _open(_password_kek(password, salt, entry), entry, _aad(f"user:{username}"))

    # recovery key
    def set_recovery(self, recovery_key: str, data_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        kek = _hkdf_kek(normalise_recovery_key(recovery_key).encode("ascii"), salt, b"desk recovery key")
        self.data["recovery"] = {"kdf": "hkdf-sha256", "salt": _b64(salt), **_seal(kek, data_key, _aad("recovery"))}

    def unwrap_recovery(self, recovery_key: str) -> bytes | None:
        entry = self.data.get("recovery")
        if not entry:
            return None
        kek = _hkdf_kek(normalise_recovery_key(recovery_key).encode("ascii"), _unb64(entry["salt"]), b"desk recovery key")
        return _open(kek, entry, _aad("recovery"))

    # machine key (unattended sync)
    def set_machine(self, machine_id: str, machine_key: bytes, data_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        kek = _hkdf_kek(machine_key, salt, b"desk machine key")
        self.data["machine"] = {"kdf": "hkdf-sha256", "id": machine_id, "salt": _b64(salt),
                                **_seal(kek, data_key, _aad(f"machine:{machine_id}"))}

    def unwrap_machine(self, machine_key: bytes) -> bytes | None:
        entry = self.data.get("machine")
        if not entry:
            return None
        kek = _hkdf_kek(machine_key, _unb64(entry["salt"]), b"desk machine key")
        return _open(kek, entry, _aad(f"machine:{entry['id']}"))

    @property
    def machine_id(self) -> str | None:
        entry = self.data.get("machine")
        return entry.get("id") if entry else None

    def clear_machine(self) -> None:
        self.data["machine"] = None


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
