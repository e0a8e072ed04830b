"""python -m benchmarks.search_pages [--folder /tmp/crypt2] [--orders 1000000] [--passes 2]

What each search of the encryption benchmark's search figure reads: for every term, encrypted
beside plain (alternately), the time of queries.list_orders and of each of its statements, and
the pages SQLite read from the file (the process's read bytes / 4096, /proc/self/io: a page
found in the connection's page cache reads nothing). Pass 1 is cold (a term's pages are read,
and decrypted, for the first time); pass 2 shows what the page cache keeps. Linux only.
Uses the files `benchmarks.encryption --folder … --reuse` made; run it under the bench lock.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from sqlalchemy import event


def _read_bytes() -> int:
    with open("/proc/self/io") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("rchar"))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.search_pages", description=__doc__.split("\n\n")[1])
    p.add_argument("--folder", type=Path, default=Path("/tmp/bench-crypt"))
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--passes", type=int, default=2)
    p.add_argument("--statements", action="store_true", help="also each statement over 1 ms or 20 pages")
    args = p.parse_args(argv)
    from benchmarks import database
    from benchmarks.encryption import search_terms
    from desk import demo_templates as T
    from desk.services import auth, queries
    from desk.services.dto import OrderFilter
    from desk.services.store import Store

    files = {"enc": args.folder / f"desk-{args.orders}-encrypted.sqlite3", "plain": args.folder / f"desk-{args.orders}.sqlite3"}
    from benchmarks.encryption import follow_plain_size, warm_os_cache

    print(f"both files read into the OS's cache in {warm_os_cache(*files.values()):.1f} s", flush=True)
    stores = {k: Store.open(f, clock=database.fixed_clock()) for k, f in files.items()}
    clerk_name = next(u for u, _, r in T.DEMO_STAFF if r == "clerk")
    clerk = {k: auth.login(s, clerk_name, T.DEMO_PASSWORD) for k, s in stores.items()}
    statements: list[tuple[str, float, float, str]] = []
    for k, s in stores.items():
        def before(conn, _cursor, _stmt, _params, _context, _many):
            conn.info["started"] = (time.perf_counter(), _read_bytes())

        def after(conn, _cursor, stmt, _params, _context, _many, k=k):
            t, r = conn.info.pop("started")
            statements.append((k, (time.perf_counter() - t) * 1000, (_read_bytes() - r) / 4096, " ".join(stmt.split())[:80]))
        event.listen(s.engine, "before_cursor_execute", before)
        event.listen(s.engine, "after_cursor_execute", after)
    conn = stores["plain"].engine.raw_connection()
    try:
        terms = search_terms(conn)
    finally:
        conn.close()
    for n in range(1, args.passes + 1):
        totals = {"enc": 0.0, "plain": 0.0}
        for term in terms:
            cells = []
            for k in ("enc", "plain"):
                statements.clear()
                r0, t0 = _read_bytes(), time.perf_counter()
                queries.list_orders(stores[k], clerk[k], OrderFilter(text=term), limit=100)
                ms = (time.perf_counter() - t0) * 1000
                totals[k] += ms
                cells.append(f"{k} {ms:6.1f} ms {(_read_bytes() - r0) / 4096:5.0f} pages")
                if args.statements:
                    cells += [f"\n      {s[0]:5} {s[1]:6.1f} ms {s[2]:5.0f} pages  {s[3]}" for s in statements
                              if s[1] > 1 or s[2] > 20]
            print(f"pass {n} {term:6}", " | ".join(cells), flush=True)
        print(f"pass {n} total: encrypted {totals['enc']:.0f} ms, plain {totals['plain']:.0f} ms")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for s in stores.values():
        s.close()
    follow_plain_size(files["plain"], files["enc"])  # the log-ins wrote to both files
    return 0


if __name__ == "__main__":
    sys.exit(main())
