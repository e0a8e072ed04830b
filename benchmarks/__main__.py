"""python -m benchmarks run [--orders N | --smoke] [--out bench.json] [--db PATH] [--reuse]

Builds (or reuses) a large demo database outside the repository, measures every figure
beside its floor, prints the table and writes JSON. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import database, generation, harness, machine, pending
from benchmarks.pending import printing_merged

GROUPS = ("generate", "queue", "search", "save", "printing", "startup", "sync", "window")
# Asked for by name only (needs Xvfb, openbox and xdotool): the cold start to the first typed key.
OPTIONAL_GROUPS = ("firstkey",)
# Groups that need the large desk database (sync builds its own stations and servers).
DB_GROUPS = (set(GROUPS) | {"firstkey"}) - {"sync"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="build the database, measure, print the table, write JSON")
    r.add_argument("--orders", type=int, default=1_000_000, help="work orders in the database (default 1,000,000)")
    r.add_argument("--smoke", action="store_true", help="a tiny scale with few repetitions (CI: seconds)")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--db", type=Path, help="database file (default /tmp/bench/desk-<orders>.sqlite3)")
    r.add_argument("--reuse", action="store_true", help="reuse the database if it was built with the same size and seed")
    r.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated subset of {','.join(GROUPS)} (or {','.join(OPTIONAL_GROUPS)})")
    r.add_argument("--reps", type=int, help="cap every figure's repetitions at N (a quick look, e.g. old code)")
    r.add_argument("--out", type=Path, help="write the figures and the machine as JSON here")
    r.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    return p


def run(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    groups = set(args.only.split(","))
    if args.smoke:
        args.orders = 400 if args.orders == 1_000_000 else args.orders
    reps = {"save": 20, "search": 10, "queue": 5, "startup": 1, "dashboard": 2, "slip": 5, "monthly": 1} \
        if args.smoke else {"save": 300, "search": 40, "queue": 20, "startup": 5, "dashboard": 10, "slip": 40,
                             "monthly": 3}
    if args.reps:
        reps = {k: min(v, args.reps) for k, v in reps.items()}
    tmp = None
    if args.db is None:
        if args.smoke:
            tmp = tempfile.TemporaryDirectory(prefix="desk-bench-")
            args.db = Path(tmp.name) / "desk.sqlite3"
        else:
            args.db = Path("/tmp/bench") / f"desk-{args.orders}.sqlite3"
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    meta = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "orders_requested": args.orders,
            "seed": args.seed, "db": str(args.db), "smoke": args.smoke, "machine": machine.describe(),
            "command": " ".join(["python -m benchmarks"] + sys.argv[1:])}
    figures: list[harness.Figure] = []
    started = time.perf_counter()

    if groups & DB_GROUPS:
        figures += _database_figures(args, groups, reps, meta, log, private=tmp is not None)
    if "sync" in groups:
        from benchmarks import sync

        figures += sync.measure(args.smoke, log)
    figures += pending.figures(skip={f.key for f in figures})

    meta["seconds"] = round(time.perf_counter() - started, 1)
    meta["load_average_after"] = machine.describe()["load_average"]
    print(harness.table(figures))
    notes = [f"- {f.what}: {f.note}" for f in figures if f.note and f.value is not None]
    if notes:
        print("\n" + "\n".join(notes))
    m = meta["machine"]
    print(f"\n{m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, SQLite {m['sqlite']}; "
          f"load average {m['load_average']} before, {meta['load_average_after']} after; {meta['seconds']} s")
    if args.out:
        harness.write_json(args.out, meta, figures)
    if args.markdown:
        args.markdown.write_text(harness.markdown(figures) + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0


def _database_figures(args, groups, reps, meta, log, *, private: bool) -> list:
    figures: list[harness.Figure] = []
    info = database.build(args.db, args.orders, args.seed, reuse=args.reuse or "generate" not in groups, log=log)
    meta["database"] = info
    if "generate" in groups:
        figures += generation.figures(info)

    from desk import demo_templates as T
    from desk.services import auth
    from desk.services.store import Store

    store = Store.open(args.db, clock=database.fixed_clock())
    try:
        clerk = auth.login(store, "wangli", T.DEMO_PASSWORD)
        if "queue" in groups:
            log("queue …")
            from benchmarks import queue

            figures += queue.measure(store, clerk, reps["queue"])
        if "search" in groups:
            log("search …")
            from benchmarks import search

            figures += search.measure(store, args.db, clerk, reps["search"])
        if "printing" in groups and printing_merged():
            log("dashboard, slips, monthly summary …")
            from benchmarks import printing

            supervisor = auth.login(store, "chenjing", T.DEMO_PASSWORD)
            today = store.now().astimezone(store.calendar().tz).date()
            figures += printing.dashboard(store, args.db, supervisor, today, reps["dashboard"])
            figures += printing.slips(store, args.db, clerk, reps["slip"])
            figures.append(printing.monthly(store, supervisor, today, reps["monthly"]))
    finally:
        store.close()
    if "save" in groups:
        from benchmarks import intake

        # Never on the shared file: a private copy (a temporary build is already private).
        write_db = args.db if private else database.write_copy(args.db, log=log)
        log("saving visits …")
        for synchronous in (None, "NORMAL"):  # the desk's own setting, then the comparison
            writer = Store.open(write_db, clock=database.fixed_clock())
            try:
                figures.append(intake.measure(writer, write_db, auth.login(writer, "wangli", T.DEMO_PASSWORD),
                                              reps["save"], synchronous=synchronous))
            finally:
                writer.close()
    if "window" in groups:
        from benchmarks import shift, stall

        # The real window typing, scrolling, opening the dashboard, printing, backing up and
        # syncing (stall watch), then an eight-hour shift (memory): it saves visits, so a copy.
        window_db = args.db if private else database.write_copy(args.db, log=log)
        figures += stall.measure(window_db, with_sync=not args.smoke, log=log)
        figures += shift.measure(window_db, visits=24 if args.smoke else 480, log=log)
    if "firstkey" in groups:
        from benchmarks import firstkey

        figures.append(firstkey.measure(str(args.db), reps["startup"], log=log))
    if "startup" in groups:
        log("cold starts …")
        from benchmarks import startup

        figures.append(startup.measure(str(args.db), reps["startup"], warm=not args.smoke))
    return figures


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
