"""python -m benchmarks.encryption [--orders N] [--reps N] [--out enc.json] [--markdown enc.md]

The same station file plain and encrypted (SQLCipher 4, issue 21), measured in one run and
alternately (one encrypted call, one plain call, …), so the shared machine's load hits both
alike. The plain file is the floor; the target is encrypted ≤ 1.3× plain.

  save        intake.register_visit of a new visitor with one dispatched complaint
  search      queries.list_orders(text=…) first page: visitor names, phone numbers, 2-character words
  queue       the first 100 rows of all orders, and the count
  dashboard   figures.compute for this month (supervisor)
  backup      backup.create_backup (online backup API, integrity_check of the copy)
  cold start  a new process: open the file, log in (the encrypted side unwraps the data key
              with Argon2id at the real cost; the plain side verifies the Argon2id hash), the
              first queue page
  migration   encrypting the whole plain file (desk.db_export.export, integrity_check, row counts)

Files live in --folder, default /tmp/bench-crypt (never the repository; never write the shared
/tmp/bench files: copy one there with its .json stamp to reuse it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import database, machine
from benchmarks.harness import Figure, interleaved, markdown, percentile, table

TARGET = 1.3


def _encrypted_copy(plain: Path, target: Path, accounts, log) -> tuple[bytes, float]:
    """The plain file encrypted the way `desk encrypt` does it, with a key file for the
    demo accounts; returns the data key and the seconds the file's encryption took."""
    from desk.services import encryption
    from desk.services.keyfile import KeyFile, new_data_key, new_recovery_key, path_for

    for p in (target, Path(f"{target}-wal"), Path(f"{target}-shm"), path_for(target)):
        p.unlink(missing_ok=True)
    shutil.copy(plain, target)  # then encrypted in place, as a station's file is
    key = new_data_key()
    kf = KeyFile.new(path_for(target), key, station_code="SX", station_name="benchmark")
    from desk.services import auth

    for username, password, _role in accounts:
        kf.set_user(username, password, key, auth.kek_params())
    kf.set_recovery(new_recovery_key(), key)
    kf.save()
    log(f"encrypting {target.stat().st_size / 1e6:.0f} MB …")
    started = time.perf_counter()
    encryption.encrypt_file(target, key)
    seconds = time.perf_counter() - started
    return key, seconds


def follow_plain_size(plain: Path, enc: Path) -> None:
    """After writing to both files: the encrypted copy's stamp takes the plain file's new size,
    so --reuse keeps the pair (a stale size re-encrypts the whole file: 161 s, and a fresh
    export's packed indexes, see README `crypt5`)."""
    stamp = Path(f"{enc}.json")
    if stamp.exists():
        stamp.write_text(json.dumps({**json.loads(stamp.read_text()), "plain_bytes": plain.stat().st_size}))


def warm_os_cache(*paths: Path) -> float:
    """Read the files through once, so both sides start with every page in the OS's cache: the
    encrypted copy is written once and then only partly read, and the machine's other work
    evicts it (03:15 UTC: 2.3 of its 4.3 GB cached against the plain file's 3.8 GB); a cold
    page costs a disk read on top of its decryption (a random order row in one transaction:
    +25 µs against +11 µs once both files were cached), which made encrypted look slower than it is.
    Returns the seconds it took."""
    started = time.perf_counter()
    for path in paths:
        with open(path, "rb", buffering=0) as fh:
            while fh.read(1 << 20):
                pass
    return time.perf_counter() - started


def search_terms(conn) -> list[str]:
    """What the search figure types: 15 visitors' names, 15 phones' last four digits, four
    frequent 2-character words (the same list every run)."""
    rng = random.Random(5)
    rows = conn.execute("SELECT name, phone FROM visitor WHERE name != '' ORDER BY rowid LIMIT 2000").fetchall()
    sample = rng.sample(rows, min(len(rows), 30))
    return [n for n, _ in sample[:15]] + [p[-4:] for _, p in sample[15:]] + ["漏水", "楼道", "噪音", "停车"]


def _cold_start(path: Path, username: str, password: str) -> float:
    code = (
        "import sys, time; t = time.perf_counter()\n"
        "from desk.services.startup import open_store\nfrom desk.services import auth, queries\n"
        "from desk.services.dto import OrderFilter\n"
        f"store = open_store({str(path)!r}, thorough=False)\nactor = auth.login(store, {username!r}, {password!r})\n"
        "queries.list_orders(store, actor, OrderFilter(), limit=100)\n"
        "print((time.perf_counter() - t) * 1000)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=dict(os.environ, DESK_SQLITE_SYNCHRONOUS="FULL"))
    return float(done.stdout.strip().splitlines()[-1])


def _figure(key: str, what: str, enc: list[float], plain: list[float], *, median: bool = False) -> Figure:
    pick = (lambda v: statistics.median(v)) if median else (lambda v: percentile(v, 95))
    value, floor = pick(enc), pick(plain)
    return Figure(key, what + (", median" if median else ", p95"), "ms", round(value, 2), round(floor, 2),
                  f"≤ {TARGET}× plain", value <= TARGET * floor,
                  detail={"encrypted_p50": percentile(enc, 50), "plain_p50": percentile(plain, 50), "n": len(enc)})


def run(args) -> int:
    from desk.services import auth, backup, figures as F, intake, queries
    from desk.services.dto import MatterInput, OrderFilter, VisitInput
    from desk.services.store import Store

    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    folder = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / f"desk-{args.orders}.sqlite3"
    info = database.build(plain, args.orders, args.seed, reuse=True, log=log)
    from desk import demo_templates as T

    accounts = [(u, T.DEMO_PASSWORD, r) for u, _, r in T.DEMO_STAFF]
    enc = folder / f"desk-{args.orders}-encrypted.sqlite3"
    stamp = Path(f"{enc}.json")
    # The saves of each run go into both files alike; the stamp follows the plain file's size.
    if args.reuse and stamp.exists() and json.loads(stamp.read_text()).get("plain_bytes") == plain.stat().st_size:
        migration_seconds = json.loads(stamp.read_text())["seconds"]
        log(f"reusing {enc} (encrypted in {migration_seconds:.0f} s)")
    else:
        _key, migration_seconds = _encrypted_copy(plain, enc, accounts, log)
        stamp.write_text(json.dumps({"plain_bytes": plain.stat().st_size, "seconds": migration_seconds}))
    log(f"both files read into the OS's cache in {warm_os_cache(plain, enc):.1f} s")
    # The saves below go into both files alike; the read figures come first.
    stores = {"plain": Store.open(plain, clock=database.fixed_clock()),
              "enc": Store.open(enc, clock=database.fixed_clock())}
    assert stores["enc"].locked and not stores["plain"].encrypted
    roles = {r: u for u, _, r in accounts}
    supervisor = {k: auth.login(s, roles["supervisor"], T.DEMO_PASSWORD) for k, s in stores.items()}
    clerk = {k: auth.login(s, roles["clerk"], T.DEMO_PASSWORD) for k, s in stores.items()}
    conn = stores["plain"].engine.raw_connection()
    try:
        terms = search_terms(conn)
        cat = conn.execute("SELECT id FROM category WHERE code = 'HOUSE-LEAK'").fetchone()[0]
    finally:
        conn.close()
    reps = args.reps
    out: list[Figure] = []

    def pair(fn):
        return (lambda i: fn("enc", i)), (lambda i: fn("plain", i))

    only = set(args.only.split(",")) if args.only else None
    want = lambda name: only is None or name in only  # noqa: E731
    if want("search"):
        log("search …")
        a, b = interleaved(*pair(lambda k, i: queries.list_orders(stores[k], clerk[k], OrderFilter(
            text=terms[i % len(terms)]), limit=100)), max(reps * 2, len(terms)))
        out.append(_figure("enc_search", "search: names, phones, 2-character words", a, b))
    if want("queue"):
        log("queue …")
        a, b = interleaved(*pair(lambda k, i: (queries.list_orders(stores[k], clerk[k], OrderFilter(), limit=100),
                                               queries.count_orders(stores[k], clerk[k], OrderFilter()))), reps)
        out.append(_figure("enc_queue", "queue: first 100 rows + count", a, b))
    if want("dashboard"):
        log("dashboard …")
        today = database.fixed_clock()().date()
        a, b = interleaved(*pair(lambda k, i: F.compute(stores[k], supervisor[k], F.Period.month(today))),
                           max(3, reps // 3))
        out.append(_figure("enc_dashboard", "dashboard: one month", a, b))

    def save(k, i):
        phone = f"139{random.Random(f'{k}{i}{os.getpid()}').randrange(10**8):08d}"
        intake.register_visit(stores[k], clerk[k], VisitInput(name="测试居民", phone=phone, matters=(
            MatterInput(summary="楼道灯不亮", kind="complaint", category_id=cat, dispatch=True),)))

    if want("save"):
        log("save …")
        a, b = interleaved(*pair(save), reps * 3)
        out.append(_figure("enc_save", "save a visit with one order (synchronous FULL)", a, b))
    made = folder / "backup-out"
    made.mkdir(exist_ok=True)

    def copy(k, i):
        target = made / f"{k}-{i}.sqlite3"
        backup.create_backup(Path(stores[k].path), kind="manual", out=target)
        target.unlink()
        Path(f"{target}.keys").unlink(missing_ok=True)

    if want("backup"):
        log("backup …")
        a, b = interleaved(*pair(copy), args.backup_reps, warmup=0)
        out.append(_figure("enc_backup", "backup (page copy or online copy + integrity_check)", a, b, median=True))
    for s in stores.values():
        s.close()
    follow_plain_size(plain, enc)
    if want("start"):
        log("cold start …")
        a, b = interleaved(lambda i: _cold_start(enc, roles["clerk"], T.DEMO_PASSWORD),
                           lambda i: _cold_start(plain, roles["clerk"], T.DEMO_PASSWORD), args.start_reps, warmup=1)
        # The subprocess reports its own time from the first import to the first page.
        out.append(_figure("enc_cold_start", "cold start: open, log in (key unwrap), first page", a, b, median=True))
    out.append(Figure("enc_migration", "migration: encrypt the whole file (once)", "s", round(migration_seconds, 1),
                      note=f"{info['bytes'] / 1e6:.0f} MB, {info['orders']} orders"))
    print(table(out))
    meta = {"orders": info["orders"], "bytes": info["bytes"], "machine": machine.describe(),
            "load_average": os.getloadavg()}
    if args.out:
        args.out.write_text(json.dumps({"meta": meta, "figures": [f.as_dict() for f in out]}, ensure_ascii=False,
                                       indent=1, default=str))
    if args.markdown:
        args.markdown.write_text(markdown(out))
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.encryption", description=__doc__.split("\n\n")[1])
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--backup-reps", type=int, default=3)
    p.add_argument("--start-reps", type=int, default=5)
    p.add_argument("--folder", type=Path, default=Path("/tmp/bench-crypt"),
                   help="where the plain file (made, or reused with its .json stamp) and its encrypted copy live")
    p.add_argument("--only", help="comma-separated: search,queue,dashboard,save,backup,start (default all)")
    p.add_argument("--reuse", action="store_true", help="reuse the encrypted copy made by an earlier run")
    p.add_argument("--out", type=Path)
    p.add_argument("--markdown", type=Path)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
