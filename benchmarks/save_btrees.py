"""python -m benchmarks.save_btrees --db FILE [--saves 20]

Which b-trees a save writes: the benchmark's save (a new visitor, one dispatched complaint) on
a plain station file, after the write-ahead log is checkpointed empty; the pages of the log's
frames are then named with SQLite's dbstat (table or index, leaf or interior). Each frame is a
page the save wrote, and on an encrypted file a page encrypted and given its HMAC: the cipher's
share of a save is proportional to this count. Adds `saves` + 3 visits to the file (use a copy
or a benchmark file). Plain files only (dbstat reads the file's own pages).
"""

from __future__ import annotations

import argparse
import collections
import random
import sqlite3
import struct
from pathlib import Path


def _frames(wal: Path, start: int) -> list[int]:
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    pages, offset = [], max(start, 32)
    while offset + 24 + page_size <= len(data):
        pages.append(struct.unpack(">I", data[offset:offset + 4])[0])
        offset += 24 + page_size
    return pages


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.save_btrees", description=__doc__.split("\n\n")[1])
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--saves", type=int, default=20)
    args = p.parse_args(argv)
    from benchmarks import database
    from desk import demo_templates as T
    from desk.db import is_plain_sqlite
    from desk.services import auth, intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store

    if not is_plain_sqlite(args.db):
        raise SystemExit("save_btrees: a plain station file is needed (dbstat reads its pages)")
    store = Store.open(args.db, clock=database.fixed_clock())
    clerk = auth.login(store, next(u for u, _, r in T.DEMO_STAFF if r == "clerk"), T.DEMO_PASSWORD)
    raw = store.engine.raw_connection()
    try:
        category = raw.execute("SELECT id FROM category WHERE code = 'HOUSE-LEAK'").fetchone()[0]
    finally:
        raw.close()

    def save(i: int) -> None:
        intake.register_visit(store, clerk, VisitInput(phone=f"139{random.randrange(10**8):08d}", name="王小明", matters=(
            MatterInput(summary=f"楼上漏水 {i}", kind="complaint", category_id=category, dispatch=True),)))

    for i in range(3):  # the connection's caches warm, as at a desk
        save(i)
    wal = Path(f"{args.db}-wal")
    written: list[list[int]] = []
    for i in range(args.saves):
        raw = store.engine.raw_connection()
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        save(100 + i)
        written.append(_frames(wal, 0))
    store.close()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    try:
        wanted = set().union(*written)
        owner = {pageno: (name, kind) for name, pageno, kind in
                 con.execute("SELECT name, pageno, pagetype FROM dbstat WHERE aggregate = FALSE") if pageno in wanted}
    finally:
        con.close()
    for i, pages in enumerate(written, 1):
        by_tree = collections.Counter(owner.get(p, ("?", "?")) for p in pages)
        trees = {name for name, _kind in by_tree}
        print(f"save {i}: {len(pages)} pages written in {len(trees)} b-trees")
    # Splits come and go from save to save (a leaf that fills is rebalanced with its
    # siblings): the mean over the saves says what a save costs.
    total = collections.Counter(owner.get(p, ("?", "?")) for pages in written for p in pages)
    print(f"pages per b-tree, mean over {len(written)} saves ({sum(total.values()) / len(written):.1f} in all):")
    for (name, kind), n in sorted(total.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {n / len(written):5.2f} {kind:9s} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
