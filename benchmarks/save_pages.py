"""python -m benchmarks.save_pages [--folder /tmp/bench-crypt] [--orders 100000] [--saves 40]

Where an encrypted save's time goes, beside the plain one (alternately, the encryption
benchmark's save: a new visitor with one dispatched complaint): per save the wall time, the
time before COMMIT (the statements) and of COMMIT itself (the WAL write of every dirty page,
each encrypted and given its HMAC on the encrypted file, and the fsync), the pages read from
the file (read bytes / 4096, /proc/self/io: a page in the connection's cache reads nothing)
and the pages written (write bytes / 4096: the WAL frames, and a checkpoint's copy into the
file when the WAL passed 1,000 pages). Each save adds a visit to both files, as the
encryption benchmark's do. Uses the files `benchmarks.encryption --folder … --reuse` made;
run it under the bench lock. Linux only. DESK_SQLITE_SYNCHRONOUS=NORMAL (diagnosis only: no
fsync per commit) leaves the cipher's share of COMMIT.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import event


def _io() -> tuple[int, int]:
    with open("/proc/self/io") as fh:
        got = dict(line.split(": ") for line in fh.read().splitlines())
    return int(got["rchar"]), int(got["wchar"])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.save_pages", description=__doc__.split("\n\n")[1])
    p.add_argument("--folder", type=Path, default=Path("/tmp/bench-crypt"))
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--saves", type=int, default=40)
    p.add_argument("--file", action="append", default=[], metavar="LABEL=PATH",
                   help="other files instead of the pair (an encrypted one with its key file beside it)")
    args = p.parse_args(argv)
    from benchmarks import database
    from desk import demo_templates as T
    from desk.services import auth, intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store

    files = {"enc": args.folder / f"desk-{args.orders}-encrypted.sqlite3", "plain": args.folder / f"desk-{args.orders}.sqlite3"}
    if args.file:
        files = {label: Path(path) for label, path in (f.split("=", 1) for f in args.file)}
    from benchmarks.encryption import follow_plain_size, warm_os_cache

    print(f"both files read into the OS's cache in {warm_os_cache(*files.values()):.1f} s", flush=True)
    stores = {k: Store.open(f, clock=database.fixed_clock()) for k, f in files.items()}
    clerk_name = next(u for u, _, r in T.DEMO_STAFF if r == "clerk")
    clerk = {k: auth.login(s, clerk_name, T.DEMO_PASSWORD) for k, s in stores.items()}
    conn = stores["plain"].engine.raw_connection()
    try:
        cat = conn.execute("SELECT id FROM category WHERE code = 'HOUSE-LEAK'").fetchone()[0]
    finally:
        conn.close()
    spent: dict[str, float] = {}
    for s in stores.values():
        def commit(_conn):
            spent["commit_at"] = time.perf_counter()

        event.listen(s.engine, "commit", commit)
    rows: dict[str, list[tuple[float, ...]]] = {k: [] for k in files}
    rng = random.Random(os.getpid())
    for i in range(args.saves + 2):
        for k in files:
            visit = VisitInput(name="测试居民", phone=f"139{rng.randrange(10**8):08d}", matters=(
                MatterInput(summary="楼道灯不亮", kind="complaint", category_id=cat, dispatch=True),))
            spent.clear()
            (r1, w1), t1 = _io(), time.perf_counter()
            intake.register_visit(stores[k], clerk[k], visit)
            t2 = time.perf_counter()
            r2, w2 = _io()
            # From SQLAlchemy's commit to the save's return: SQLite's COMMIT (the WAL write,
            # the fsync, a checkpoint when due) and the store's change listeners (none here).
            ms, commit_ms = (t2 - t1) * 1000, (t2 - spent.get("commit_at", t2)) * 1000
            if i < 2:  # the first two of each file warm the code paths
                continue
            # The save runs its statements on the DB-API connection (no SQLAlchemy event sees
            # them): the time before COMMIT is the wall time less the commit's.
            got = (ms, ms - commit_ms, commit_ms, (r2 - r1) / 4096, (w2 - w1) / 4096)
            rows[k].append(got)
            print(f"{k:6} {got[0]:6.1f} ms  before COMMIT {got[1]:5.1f} ms  commit {got[2]:5.1f} ms"
                  f"  read {got[3]:5.0f} pages  written {got[4]:5.0f} pages", flush=True)
    for k, vals in rows.items():
        cols = list(zip(*vals))
        med = [statistics.median(c) for c in cols]
        print(f"median {k:6}: {med[0]:.1f} ms, before COMMIT {med[1]:.1f} ms, commit {med[2]:.1f} ms, "
              f"read {med[3]:.0f} pages, written {med[4]:.0f} pages")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for s in stores.values():
        s.close()
    if not args.file:  # the saves wrote to both files
        follow_plain_size(files["plain"], files["enc"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
