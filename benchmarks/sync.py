"""Sync end to end: the real `desk sync` process against a real `desk-server` process on a
throwaway PostgreSQL cluster, beside the floor of writing the same central rows straight into
PostgreSQL with psycopg.

A *change* is one outbox row of the desk (one inserted or updated row of a synced table:
visitor, visit, work order, event, reference row), exactly what `desk sync` pushes.

- nightly: a station that synced yesterday, then registered visits (each: visitor, visit,
  order and two events) and accepted orders through the services until 300 changes wait.
- catch-up: a station whose demo history (visitors, visits, orders, events, reference rows)
  was never synced: about 100,000 changes wait (made by the demo generator, put in the outbox
  by the same chunked snapshot `desk sync` runs, before the clock starts).

Measured: the `desk sync` process from its start to its exit (wall; the in-process sync time
beside it), the desk's peak RSS (VmHWM) and the server's peak RSS over the sync (VmHWM reset
through /proc/PID/clear_refs just before). Floor: the station's `record` rows as the server
stored them (same JSON) inserted into a copy of the `record` table (same keys and indexes)
with COPY, and with executemany, in one transaction each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Figure

ROOT = Path(__file__).resolve().parents[1]
RECORD_COLUMNS = ("table_name", "row_id", "origin_station", "natural_key", "apply_rank", "seq", "data", "clocks",
                  "conflicts", "updated_at")


# -- processes -------------------------------------------------------------------------------

def _status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        parts = fh.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def _reset_peak(pid: int) -> bool:
    """VmHWM back to the current RSS (Linux ≥ 4.0), so the peak is the sync's own."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


class Server:
    """`python -m desk.server --db URL serve` in its own process (its memory is its own)."""

    def __init__(self, db_url: str, workdir: Path):
        from tests.postgres_server import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(workdir / "server.log", "w")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "desk.server", "--db", db_url, "serve", "--port",
                                      str(self.port), "--log-file", str(workdir / "requests.log")],
                                     cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        import httpx

        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(self.url + "/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"desk-server did not start: {(workdir / 'server.log').read_text()[-2000:]}")
            time.sleep(0.05)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        from tests.postgres_server import stop_process

        stop_process(self.proc)
        self.log.close()


def _postgres_cpu(pg) -> float:
    """CPU seconds of the cluster's processes (postmaster and its backends) so far."""
    try:
        pid = int((pg.data / "postmaster.pid").read_text().split()[0])
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            pids = [pid] + [int(x) for x in fh.read().split()]
    except (OSError, ValueError):
        return 0.0
    total = 0.0
    for p in pids:
        try:
            total += _cpu_seconds(p)
        except OSError:
            pass
    return total


def run_desk_sync(db: Path, server: Server, token: str, pg=None, profile: Path | None = None) -> dict:
    """The real `desk --db DB sync` in a new process: wall from spawn to exit, its own peak
    RSS and CPU, and the server's (and PostgreSQL's) peak RSS and CPU over the same time.
    With `profile`, pyinstrument runs the desk and py-spy samples the server (slower)."""
    reset = _reset_peak(server.pid)
    server_cpu = _cpu_seconds(server.pid)
    pg_cpu = _postgres_cpu(pg) if pg else 0.0
    server_rss_before = _status_kb(server.pid, "VmRSS")
    cmd = [sys.executable, "-m", "benchmarks.desk_process", "--db", str(db), "sync", "--json", "--server", server.url,
           "--token", token]
    spy = None
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
        cmd[1:3] = ["-m", "pyinstrument", "-r", "text", "--show-all", "-o", str(profile / "desk.txt"), "-m",
                    "benchmarks.desk_process"]
        spy = subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(server.pid), "--format", "raw", "--rate", "200",
                                "--output", str(profile / "server.folded")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        time.sleep(1)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - started
    if spy is not None:
        spy.send_signal(2)
        spy.wait(60)
    if proc.returncode != 0:
        raise RuntimeError(f"desk sync failed ({proc.returncode}): {proc.stderr[-3000:]}")
    measured = json.loads(proc.stderr.strip().splitlines()[-1])
    report = json.loads(proc.stdout)
    return {"wall_s": wall, "sync_s": report["seconds"], "pushed": report["pushed"], "batches": report["batches"],
            "pulled": report["pulled"], "pages": report["pages"], "quarantined": report["quarantined"],
            "desk_peak_rss_mb": measured["peak_rss_mb"], "desk_cpu_s": measured["cpu_s"],
            "desk_in_process_s": measured["seconds"],
            "server_peak_rss_mb": round(_status_kb(server.pid, "VmHWM") / 1024, 1) if reset else None,
            "server_rss_before_mb": round(server_rss_before / 1024, 1),
            "server_cpu_s": round(_cpu_seconds(server.pid) - server_cpu, 2),
            "postgres_cpu_s": round(_postgres_cpu(pg) - pg_cpu, 2) if pg else None}


# -- the floor -----------------------------------------------------------------------------------

def floor(conninfo: str, after_seq: int, reps: int = 3) -> dict:
    """The station's central rows, as the server stored them, written again into a copy of
    `record` (same primary key and indexes) with COPY and with executemany; best of `reps`,
    alternating, each in one transaction, the JSON encoded inside the timing."""
    import psycopg
    from psycopg.types.json import Jsonb

    cols = ", ".join(RECORD_COLUMNS)
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(f"SELECT {cols} FROM record WHERE seq > %s ORDER BY seq, apply_rank, row_id",
                            (after_seq,)).fetchall()
        conn.execute("DROP TABLE IF EXISTS floor_record")
        conn.execute("CREATE TABLE floor_record (LIKE record INCLUDING ALL)")
        conn.commit()
        js = (6, 7, 8)

        def wrapped():
            return [tuple(Jsonb(v) if i in js else v for i, v in enumerate(r)) for r in rows]

        def by_copy():
            with conn.cursor() as cur, cur.copy(f"COPY floor_record ({cols}) FROM STDIN") as cp:
                for r in wrapped():
                    cp.write_row(r)
            conn.commit()

        def by_executemany():
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO floor_record ({cols}) VALUES ({', '.join(['%s'] * len(RECORD_COLUMNS))})",
                                wrapped())
            conn.commit()

        times = {"copy": [], "executemany": []}
        for _ in range(reps):
            for name, fn in (("copy", by_copy), ("executemany", by_executemany)):
                conn.execute("TRUNCATE floor_record")
                conn.commit()
                t = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t)
        n = conn.execute("SELECT count(*) FROM floor_record").fetchone()[0]
        conn.execute("DROP TABLE floor_record")
        conn.commit()
    assert n == len(rows)
    return {"rows": len(rows), "copy_s": min(times["copy"]), "executemany_s": min(times["executemany"]),
            "copy_all_s": [round(x, 3) for x in times["copy"]],
            "executemany_all_s": [round(x, 3) for x in times["executemany"]]}


# -- the stations --------------------------------------------------------------------------------

def _outbox(store) -> int:
    from desk.sync.client import pending_count

    return pending_count(store)


def _nightly_station(db: Path, url: str, token: str, changes: int, log, night: int = 0, seed: int = 3) -> int:
    """Yesterday's state synced (first night only); then a day's visits and acceptances,
    `changes` outbox rows."""
    from desk import demo
    from desk import demo_templates as T
    from desk.services import auth, intake, lifecycle, reference
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store
    from desk.sync.client import sync

    store = Store.open(db)
    try:
        if night == 0:
            # Yesterday's history: five days of a quiet station (one day for the smoke's 30).
            demo.generate(store, days=5 if changes >= 100 else 1, per_day=20, seed=seed)
            yesterday = sync(store, url, token)  # not measured
            if yesterday.quarantined:
                raise RuntimeError(f"yesterday's sync: {yesterday.quarantined} changes refused")
        clerk = auth.login(store, "wangli", T.DEMO_PASSWORD)
        cat = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
        ids = []

        def visit(i: int) -> None:
            res = intake.register_visit(store, clerk, VisitInput(
                name="张三明", phone=f"138{10_000_000 + i:08d}", lane="陕西南路550弄", number=str(i % 90 + 1),
                matters=(MatterInput(summary=f"公用厨房漏水 {i}", kind="complaint", category_id=cat.id,
                                     dispatch=True),)))
            ids.append(res.orders[0].id)

        # How many rows one visit leaves in the outbox is measured, not assumed: it changes
        # whenever saving changes (one flush since the save was tuned: 5, before it 7).
        before = _outbox(store)
        visit(night * 1000)
        visits, accepts = nightly_mix(changes, per_visit=_outbox(store) - before)
        for i in range(night * 1000 + 1, night * 1000 + visits):
            visit(i)
        for oid in ids[:accepts]:
            lifecycle.perform(store, clerk, oid, "accept")
        waiting = _outbox(store)
        if night == 0:
            log(f"  nightly station: {visits} visits, {accepts} acceptances -> {waiting} changes waiting")
        return waiting
    finally:
        store.close()


def nightly_mix(changes: int, per_visit: int, per_accept: int = 2) -> tuple[int, int]:
    """(visits, acceptances) making exactly `changes` outbox rows, given the rows a visit with one
    dispatched matter makes (visitor, visit, order, two events: 5) and an acceptance (order,
    event: 2), with the fewest visits that allow it: 300 = 44 visits + 40 acceptances."""
    for visits in range(max(1, -(-changes // (per_visit + per_accept))), changes // per_visit + 1):
        rest = changes - per_visit * visits
        if rest % per_accept == 0 and rest // per_accept <= visits:
            return visits, rest // per_accept
    return max(1, changes // per_visit), 0


def demo_plan(changes: int) -> tuple[int, int]:
    """(days, per_day) of demo history giving about `changes` rows (≈ 7.9 rows per order)."""
    days = max(2, min(90, changes // 1100))
    return days, max(5, round(changes / 7.9 / days / 0.886))


def _catch_up_station(db: Path, changes: int, log, seed: int = 5) -> tuple[int, dict]:
    """`seed`: the demo's row ids follow it; stations sharing a centre need their own."""
    from desk import demo
    from desk.services.store import Store
    from desk.sync.client import snapshot_missing

    store = Store.open(db)
    try:
        days, per_day = demo_plan(changes)
        t = time.perf_counter()
        made = demo.generate(store, days=days, per_day=per_day, seed=seed)
        snapshot_missing(store)
        waiting = _outbox(store)
        info = {"days": days, "per_day": per_day, "orders": made.orders, "visits": made.visits, "events": made.events,
                "build_s": round(time.perf_counter() - t, 1), "db_mb": round(db.stat().st_size / 2**20, 1)}
        log(f"  catch-up station: {made.orders} orders, {made.visits} visits, {made.events} events -> "
            f"{waiting} changes waiting ({info['build_s']} s to build)")
        return waiting, info
    finally:
        store.close()


def _counter(conninfo: str) -> int:
    import psycopg

    with psycopg.connect(conninfo) as conn:
        return conn.execute("SELECT value FROM commit_counter WHERE id = 1").fetchone()[0]


def _check(db: Path, conninfo: str, station: str, pushed_expected: int, result: dict) -> dict:
    """Nothing left behind: the outbox drained, every change answered, the centre holds the rows."""
    import psycopg

    from desk.services.store import Store

    store = Store.open(db)
    try:
        left = _outbox(store)
    finally:
        store.close()
    with psycopg.connect(conninfo) as conn:
        central = conn.execute("SELECT count(*) FROM record WHERE origin_station = %s", (station,)).fetchone()[0]
    ok = left == 0 and result["pushed"] == pushed_expected and result["quarantined"] == 0
    if not ok:
        raise RuntimeError(f"sync incomplete: {left} left in the outbox, pushed {result['pushed']} of "
                           f"{pushed_expected}, {result['quarantined']} quarantined")
    return {"outbox_left": left, "central_rows_of_station": central}


def _one(kind: str, changes: int, log, profile: Path | None = None, nights: int = 1, shared_pg=None) -> dict:
    """Fresh cluster, server and station; the measured `desk sync`; the floor in the same run.
    Nightly: `nights` times (each night's changes made first, not timed), median reported."""
    import statistics

    from desk.server import service
    from desk.server.db import open_central
    from tests.postgres_server import Postgres

    started = time.perf_counter()
    pg = shared_pg or Postgres()
    work = Path(tempfile.mkdtemp(prefix=f"desk-bench-sync-{kind}-"))
    server = None
    try:
        db_url = pg.new_database()
        engine = open_central(db_url)
        token = service.add_account(engine, "SX")
        engine.dispose()
        conninfo = pg.conninfo(db_url.rsplit("/", 1)[1])
        server = Server(db_url, work)
        db = work / "SX.sqlite3"
        runs = []
        for night in range(nights if kind == "nightly" else 1):
            if kind == "nightly":
                waiting, info = _nightly_station(db, server.url, token, changes, log, night), {}
            else:
                waiting, info = _catch_up_station(db, changes, log)
            log(f"  desk sync ({waiting} changes) …")
            before = _counter(conninfo)
            result = run_desk_sync(db, server, token, pg, profile / f"{kind}{night or ''}" if profile else None)
            result.update(_check(db, conninfo, "SX", waiting, result))
            result["floor"] = floor(conninfo, before, reps=3 if changes >= 10_000 else 5)
            result.update(changes=waiting, station=info)
            log(f"  {kind}: {result['wall_s']:.2f} s (sync {result['sync_s']:.2f} s), desk peak "
                f"{result['desk_peak_rss_mb']} MB, server peak {result['server_peak_rss_mb']} MB; floor COPY "
                f"{result['floor']['copy_s']:.3f} s, executemany {result['floor']['executemany_s']:.3f} s")
            runs.append(result)
        # The median night by wall time, with every night's figures beside it.
        result = dict(sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2])
        if len(runs) > 1:
            result["nights"] = [{k: r[k] for k in ("wall_s", "sync_s", "desk_cpu_s", "server_cpu_s", "desk_peak_rss_mb",
                                                   "server_peak_rss_mb")} | {"floor_copy_s": r["floor"]["copy_s"]}
                                for r in runs]
            result["wall_all_s"] = [round(r["wall_s"], 2) for r in runs]
            result["floor"] = dict(result["floor"], copy_s=statistics.median(r["floor"]["copy_s"] for r in runs),
                                   executemany_s=statistics.median(r["floor"]["executemany_s"] for r in runs))
        result["setup_s"] = round(time.perf_counter() - started, 1)
        return result
    finally:
        if server is not None:
            server.close()
        if shared_pg is None:
            pg.stop()
        subprocess.Popen(["rm", "-rf", str(work)], start_new_session=True)


def _sizes(smoke: bool) -> tuple[int, int]:
    return (30, 500) if smoke else (300, 100_000)


def measure(smoke: bool, log=print, *, only: tuple[str, ...] = ("nightly", "catch_up"),
            sizes: tuple[int, int] | None = None, profile: Path | None = None) -> list[Figure]:
    nightly_n, catch_up_n = sizes or _sizes(smoke)
    # The smoke run (CI) starts one PostgreSQL for both figures (a database and a server each);
    # the full run gives each figure its own cluster.
    shared = None
    if smoke:
        from tests.postgres_server import Postgres

        shared = Postgres()
    try:
        return _measure(nightly_n, catch_up_n, smoke, log, only, profile, shared)
    finally:
        if shared is not None:
            shared.stop()


def _measure(nightly_n, catch_up_n, smoke, log, only, profile, shared) -> list[Figure]:
    figures = []
    if "nightly" in only:
        log(f"sync: nightly ({nightly_n} changes) …")
        r = _one("nightly", nightly_n, log, profile, nights=1 if smoke else 5, shared_pg=shared)
        figures.append(_figure("sync_nightly", f"nightly sync of {r['changes']} changes (local server, PostgreSQL)",
                               r, target_s=2.0, target="≤ 2 s"))
    if "catch_up" in only:
        log(f"sync: catch-up ({catch_up_n} changes) …")
        r = _one("catch_up", catch_up_n, log, profile, shared_pg=shared)
        figures.append(_figure("sync_catch_up", f"catch-up sync of {r['changes']:,} changes", r, target_s=60.0,
                               target="≤ 60 s; peak memory stated"))
        figures.append(Figure("sync_catch_up_memory", "catch-up sync: desk peak RSS (server peak RSS)", "MB",
                              r["desk_peak_rss_mb"], None, "stated", None,
                              note=f"desk {r['desk_peak_rss_mb']} MB, server {r['server_peak_rss_mb']} MB "
                                   f"(server {r['server_rss_before_mb']} MB before the sync)",
                              detail={"desk_peak_rss_mb": r["desk_peak_rss_mb"],
                                      "server_peak_rss_mb": r["server_peak_rss_mb"]}))
    return figures


def _figure(key: str, what: str, r: dict, *, target_s: float, target: str) -> Figure:
    fl = r["floor"]
    fig = Figure(key, what, "s", r["wall_s"], fl["copy_s"], target, r["wall_s"] <= target_s, detail=r)
    nights = f"median of {len(r['wall_all_s'])} nights {r['wall_all_s']} s; " if r.get("wall_all_s") else ""
    fig.note = (f"{nights}`desk sync` process {r['wall_s']:.2f} s (sync itself {r['sync_s']:.2f} s; desk CPU "
                f"{r['desk_cpu_s']:.2f} s, server CPU {r['server_cpu_s']:.2f} s, PostgreSQL CPU {r['postgres_cpu_s']:.2f} s), {r['batches']} batches, "
                f"{r['pulled']} rows pulled back; desk peak RSS {r['desk_peak_rss_mb']} MB, server peak RSS "
                f"{r['server_peak_rss_mb']} MB; floor: {fl['rows']} record rows by COPY {fl['copy_s']:.3f} s, "
                f"by executemany {fl['executemany_s']:.3f} s (ratio to executemany "
                f"{r['wall_s'] / fl['executemany_s']:.1f}×)")
    return fig


def main(argv: list[str] | None = None) -> int:
    """python -m benchmarks.sync [--smoke] [--only nightly,catch_up] [--out FILE]: these alone."""
    import argparse

    from benchmarks import harness

    p = argparse.ArgumentParser(prog="python -m benchmarks.sync")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--only", default="nightly,catch_up")
    p.add_argument("--out", type=Path)
    p.add_argument("--changes", help="NIGHTLY,CATCH_UP sizes instead of 300,100000")
    p.add_argument("--profile", type=Path, help="write pyinstrument (desk) and py-spy (server) profiles here")
    args = p.parse_args(argv)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    sizes = tuple(int(x) for x in args.changes.split(",")) if args.changes else None
    figs = measure(args.smoke, log, only=tuple(args.only.split(",")), sizes=sizes, profile=args.profile)
    print(harness.table(figs))
    for f in figs:
        if f.note:
            print(f"- {f.what}: {f.note}")
    if args.out:
        from benchmarks import machine

        harness.write_json(args.out, {"machine": machine.describe(), "command": " ".join(sys.argv)}, figs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
