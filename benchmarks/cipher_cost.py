"""python -m benchmarks.cipher_cost [--folder /tmp/bench-cipher] [--reps 3]

What a page costs to read under SQLCipher's settings, apart from any desk code: one ~110 MB
file (250,000 rows of 130 CJK characters) plain and exported under the same raw key with the
HMAC over each page by SHA-512 (SQLCipher 4's default), SHA-256 (the desk's since crypt6), SHA-1, and with
no HMAC (AES alone; measured only: a file without the HMAC would not notice a changed page).
Each setting, alternately: a full scan from a new connection (µs per page) and 5,000 random
rowid lookups from a new connection (µs per lookup). Run under the bench lock.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

KEY = "x'" + "11" * 32 + "'"
SETTINGS = {"HMAC-SHA512": "HMAC_SHA512", "HMAC-SHA256": "HMAC_SHA256", "HMAC-SHA1": "HMAC_SHA1", "no HMAC": None}


def _cipher_pragmas(algorithm: str | None, prefix: str = "") -> list[str]:
    if algorithm is None:
        return [f"PRAGMA {prefix}cipher_use_hmac = OFF"]
    return [f"PRAGMA {prefix}cipher_use_hmac = ON", f"PRAGMA {prefix}cipher_hmac_algorithm = {algorithm}"]


def _make(folder: Path) -> dict[str, Path]:
    from sqlcipher3 import dbapi2

    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / "plain.sqlite3"
    if not plain.exists():
        conn = sqlite3.connect(plain)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        rnd = random.Random(1)
        conn.executemany("INSERT INTO t (body) VALUES (?)", (
            ("".join(chr(0x4E00 + rnd.randrange(2000)) for _ in range(130)),) for _ in range(250_000)))
        conn.commit()
        conn.close()
    files = {"plain": plain}
    for name, algorithm in SETTINGS.items():
        target = folder / (name.replace(" ", "-") + ".sqlite3")
        files[name] = target
        if target.exists():
            continue
        conn = dbapi2.connect(plain)
        conn.execute(f"ATTACH DATABASE ? AS target KEY \"{KEY}\"", (str(target),))
        for pragma in _cipher_pragmas(algorithm, "target."):
            conn.execute(pragma)
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute("DETACH DATABASE target")
        conn.close()
    return files


def _open(name: str, path: Path):
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(path)
    if name != "plain":
        conn.execute(f"PRAGMA key = \"{KEY}\"")
        for pragma in _cipher_pragmas(SETTINGS[name]):
            conn.execute(pragma)
    return conn


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cipher_cost", description=__doc__.split("\n\n")[1])
    p.add_argument("--folder", type=Path, default=Path("/tmp/bench-cipher"))
    p.add_argument("--reps", type=int, default=3)
    args = p.parse_args(argv)
    files = _make(args.folder)
    ids = random.Random(2).sample(range(1, 250_001), 5000)
    scan: dict[str, list[float]] = {}
    lookup: dict[str, list[float]] = {}
    for _ in range(args.reps):
        for name, path in files.items():
            conn = _open(name, path)
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            started = time.perf_counter()
            conn.execute("SELECT sum(length(body)) FROM t").fetchone()
            scan.setdefault(name, []).append((time.perf_counter() - started) / pages * 1e6)
            conn.close()
            conn = _open(name, path)
            started = time.perf_counter()
            for i in ids:
                conn.execute("SELECT body FROM t WHERE id = ?", (i,)).fetchone()
            lookup.setdefault(name, []).append((time.perf_counter() - started) / len(ids) * 1e6)
            conn.close()
    base_scan, base_lookup = min(scan["plain"]), min(lookup["plain"])
    print("setting       scan µs/page (best; +plain)   lookup µs (best; +plain)")
    for name in files:
        print(f"{name:12}  {min(scan[name]):6.1f} (+{min(scan[name]) - base_scan:4.1f})"
              f"               {min(lookup[name]):6.1f} (+{min(lookup[name]) - base_lookup:4.1f})")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
