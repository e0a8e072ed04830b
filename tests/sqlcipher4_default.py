"""Station files as a desk before branch crypt6 encrypted them: SQLCipher 4's defaults (a plain
`PRAGMA key`, so HMAC_SHA512 on every page) and a version-1 key file that records no HMAC.

Made with the binding itself, not the desk's code, so the tests prove the desk still opens
what its earlier releases wrote."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlcipher3 import dbapi2


def raw_opens(path: Path, key: bytes, hmac: str | None) -> bool:
    """Whether SQLCipher reads the file with this key and HMAC (None: a plain `PRAGMA key`)."""
    conn = dbapi2.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if hmac:
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def make_sqlcipher4_default(path: Path, key: bytes) -> None:
    """Rewrite the encrypted file at `path` (HMAC_SHA256, no connection open on it) with the
    old code path's settings, and its key file beside it as the old desk wrote it."""
    old = path.with_name(path.name + ".sqlcipher4-default")
    old.unlink(missing_ok=True)
    conn = dbapi2.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS old KEY \"x'{key.hex()}'\"", (str(old),))  # the defaults
        conn.execute("SELECT sqlcipher_export('old')")
        conn.execute("DETACH DATABASE old")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(old, path)
    keys = Path(f"{path}.keys")
    if keys.exists():
        data = json.loads(keys.read_text(encoding="utf-8"))
        data.pop("hmac", None)
        data["version"] = 1
        keys.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    assert raw_opens(path, key, None) and not raw_opens(path, key, "HMAC_SHA256")


def make_station_sqlcipher4_default(db_path: Path, key: bytes) -> None:
    """The station file and every encrypted backup of it (with their key files)."""
    from desk.services import backup

    make_sqlcipher4_default(db_path, key)
    for info in backup.list_backups(db_path):
        if Path(f"{info.path}.keys").exists():
            make_sqlcipher4_default(info.path, key)
