"""The centre as a shared service under load, on loopback: a real `desk-server` process on a
throwaway PostgreSQL cluster, real `desk sync` processes.

- nightly under attack: HONEST stations (each a demo station synced yesterday, then 300 new
  changes) run `desk sync` at the same moment, NIGHTS times, while a hostile station sends in a
  loop oversized bodies (20 MB, refused 413), malformed JSON (400) and full batches of junk
  (2,000 changes, all quarantined). Measured: every honest sync's wall (spawn to exit), the
  server's peak RSS over the run, what the attacker got.
- catch-ups at once: CATCHING stations with ~CATCH_UP changes each never synced (after an
  outage) sync at the same time, while two honest stations run their nightly sync in the
  middle of it. Measured: total wall, each catch-up's wall, the honest nightly walls, the
  server's peak RSS, and beside it the COPY floor of all the rows the catch-ups wrote.

    python -m benchmarks.server_load [--honest 4] [--nights 3] [--catching 3] [--catch-up 20000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.sync import ROOT, Server, _catch_up_station, _nightly_station, _reset_peak, _status_kb, floor


def _spawn_sync(db: Path, url: str, token: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "benchmarks.desk_process", "--db", str(db), "sync", "--json",
                             "--server", url, "--token", token], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _sync_all(jobs: list[tuple[Path, str]], url: str) -> list[dict]:
    """Start every `desk sync` at once; each one's wall from spawn to exit and its report."""
    started = time.perf_counter()
    procs = [(_spawn_sync(db, url, token), db) for db, token in jobs]
    out = []
    for proc, db in procs:
        stdout, stderr = proc.communicate(timeout=3600)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            raise RuntimeError(f"desk sync of {db.name} failed: {stderr[-2000:]}")
        report = json.loads(stdout)
        # sync_s: the sync itself (push and pull, from the desk's report); wall_s: from the
        # spawn of the process (Python and the desk's imports included) to its exit.
        out.append({"db": db.name, "wall_s": round(wall, 2), "sync_s": round(report["seconds"], 2),
                    "pushed": report["pushed"], "pulled": report["pulled"], "quarantined": report["quarantined"]})
    return out


class Attacker(threading.Thread):
    """A station with a valid token sending what a broken or hostile desk might."""

    def __init__(self, url: str, token: str):
        super().__init__(daemon=True)
        self.url, self.token, self.stop = url, token, threading.Event()
        self.answers: dict[str, int] = {}

    def run(self) -> None:
        import httpx

        from desk.models import new_id

        headers = {"Authorization": f"Bearer {self.token}", "X-Desk-Protocol": "1", "X-Desk-Schema": "0002",
                   "Content-Type": "application/json"}
        big = b'{"batch_id": "x", "changes": [' + b'{"a": "' + b"z" * (20 * 2**20) + b'"}]}'
        junk = [{"change_id": new_id(), "table": "work_order", "row_id": "bad", "hlc": "x", "fields": {}}
                for _ in range(2000)]
        kinds = [("oversized", lambda: big), ("malformed", lambda: b'{"batch_id": "x", "changes": [{'),
                 ("junk_batch", lambda: json.dumps({"batch_id": new_id(), "changes": junk}).encode())]
        with httpx.Client(timeout=120) as http:
            i = 0
            while not self.stop.is_set():
                kind, body = kinds[i % len(kinds)]
                i += 1
                try:
                    status = http.post(f"{self.url}/v1/push", content=body(), headers=headers).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                key = f"{kind}:{status}"
                self.answers[key] = self.answers.get(key, 0) + 1


def nightly_under_attack(pg, tmp: Path, honest: int, nights: int, log) -> dict:
    from desk.server import service
    from desk.server.db import open_central

    db_url = pg.new_database()
    engine = open_central(db_url)
    server = Server(db_url, tmp)
    server_pid = server.pid
    try:
        stations = []
        for i in range(honest):
            code = f"H{i}"
            db = tmp / f"{code}.sqlite3"
            token = service.add_account(engine, code)
            _demo_station(db, code)
            _nightly_station(db, server.url, token, 300, log, night=0, seed=100 + i)
            stations.append((db, token))
        attacker = Attacker(server.url, service.add_account(engine, "EVIL"))
        _reset_peak(server.pid)
        nights_out = []
        for night in range(nights + 1):  # night 0 without the attacker: the same stations' baseline
            if night:
                for db, token in stations:
                    _nightly_station(db, server.url, token, 300, log, night=night, seed=0)
            if night == 1:
                attacker.start()
                time.sleep(1)  # the attack is under way before the honest stations start
            mark = _log_size(tmp)
            results = _sync_all(stations, server.url)
            assert all(r["quarantined"] == 0 and r["pushed"] == 300 for r in results), results
            server_ms = _honest_request_ms(tmp, mark)
            nights_out.append({"attacked": bool(night), "sync_s": [r["sync_s"] for r in results],
                               "process_wall_s": [r["wall_s"] for r in results],
                               "server_ms_per_station": server_ms, "load_average": _load()})
            log(f"  night {night}{' (attacked)' if night else ' (baseline)'}: honest sync "
                f"{[r['sync_s'] for r in results]} s, server time per station {server_ms} ms, process walls "
                f"{[r['wall_s'] for r in results]} s, attacker {attacker.answers}, load {_load()}")
        attacker.stop.set()
        attacker.join(180)
        attacked = [n for n in nights_out if n["attacked"]]
        syncs = [x for n in attacked for x in n["sync_s"]]
        server_times = [x for n in attacked for x in n["server_ms_per_station"]]
        return {"honest_stations": honest, "nights": nights_out, "attacked_max_sync_s": max(syncs),
                "attacked_median_sync_s": statistics.median(syncs),
                "attacked_max_server_ms": max(server_times),
                "attacked_median_server_ms": statistics.median(server_times),
                "baseline_median_sync_s": statistics.median(nights_out[0]["sync_s"]),
                "attacker_answers": dict(attacker.answers),
                "server_peak_rss_mb": round(_status_kb(server_pid, "VmHWM") / 1024, 1)}
    finally:
        server.close()
        engine.dispose()


def _log_size(tmp: Path) -> int:
    path = tmp / "requests.log"
    return path.stat().st_size if path.exists() else 0


def _honest_request_ms(tmp: Path, since: int) -> list[int]:
    """Per honest station (H*), the server's own time for its requests since `since` (bytes of
    the request log): push and pull milliseconds as the server logged them."""
    import re

    with open(tmp / "requests.log", "rb") as fh:
        fh.seek(since)
        text = fh.read().decode("utf-8", "replace")
    per: dict[str, int] = {}
    for station, ms in re.findall(r"station=(H\d+) status=\d+ (\d+)ms", text):
        per[station] = per.get(station, 0) + int(ms)
    return [per[k] for k in sorted(per)]


def _load() -> float:
    return round(float(Path("/proc/loadavg").read_text().split()[0]), 1)


def _demo_station(db: Path, code: str) -> None:
    """A demo desk under its own station code (the demo generator's default is SX)."""
    from desk import demo_templates as T
    from desk.services import auth, reference
    from desk.services.store import Store

    store = Store.open(db)
    try:  # what demo.ensure_demo_station does, under this code
        admin = auth.initialise(store, station_code=code, station_name=f"{code} 演示站", admin_username="admin",
                                admin_password=T.DEMO_PASSWORD, is_demo=True)
        for username, name, role in T.DEMO_STAFF[1:]:
            auth.add_user(store, admin, username, name, role, T.DEMO_PASSWORD)
        for area_code, name, name_en in T.DEMO_AREAS:
            reference.save_area(store, admin, area_code, name, name_en, grid_code="JL")
    finally:
        store.close()


def catch_ups_at_once(pg, tmp: Path, catching: int, changes: int, log) -> dict:
    from desk.server import service
    from desk.server.db import open_central

    db_url = pg.new_database()
    engine = open_central(db_url)
    server = Server(db_url, tmp)
    try:
        jobs, nightly = [], []
        for i in range(catching):
            db = tmp / f"C{i}.sqlite3"
            _demo_station(db, f"C{i}")
            _catch_up_station(db, changes, log, seed=200 + i)
            jobs.append((db, service.add_account(engine, f"C{i}")))
        for i in range(2):
            db = tmp / f"N{i}.sqlite3"
            token = service.add_account(engine, f"N{i}")
            _demo_station(db, f"N{i}")
            _nightly_station(db, server.url, token, 300, log, night=0, seed=300 + i)
            nightly.append((db, token))
        _reset_peak(server.pid)
        started = time.perf_counter()
        box: dict = {}
        catch = threading.Thread(target=lambda: box.update(r=_sync_all(jobs, server.url)))
        catch.start()
        time.sleep(5)  # the honest stations' nightly sync lands in the middle of the catch-ups
        honest = _sync_all(nightly, server.url)
        catch.join()
        total = time.perf_counter() - started
        results = box["r"]
        assert all(r["quarantined"] == 0 for r in results + honest), results + honest
        fl = floor(pg.conninfo(db_url.rsplit("/", 1)[1]), 0, reps=1)
        return {"catching": catching, "changes_each": [r["pushed"] for r in results],
                "catch_up_walls_s": [r["wall_s"] for r in results], "total_wall_s": round(total, 2),
                "honest_nightly_sync_s": [r["sync_s"] for r in honest],
                "honest_nightly_walls_s": [r["wall_s"] for r in honest], "load_average": _load(),
                "server_peak_rss_mb": round(_status_kb(server.pid, "VmHWM") / 1024, 1),
                "floor_rows": fl["rows"], "floor_copy_s": round(fl["copy_s"], 2)}
    finally:
        server.close()
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.server_load")
    p.add_argument("--honest", type=int, default=4)
    p.add_argument("--nights", type=int, default=3)
    p.add_argument("--catching", type=int, default=3)
    p.add_argument("--catch-up", type=int, default=20000)
    p.add_argument("--only", default="attack,catch_ups")
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    from tests.postgres_server import Postgres

    out = {}
    pg = Postgres()
    try:
        if "attack" in args.only:
            log(f"nightly sync of {args.honest} honest stations under attack, {args.nights} nights …")
            out["nightly_under_attack"] = nightly_under_attack(pg, Path(tempfile.mkdtemp()), args.honest,
                                                               args.nights, log)
            log(json.dumps(out["nightly_under_attack"]))
        if "catch_ups" in args.only:
            log(f"{args.catching} catch-ups of ~{args.catch_up} changes at once, 2 nightly stations meanwhile …")
            out["catch_ups_at_once"] = catch_ups_at_once(pg, Path(tempfile.mkdtemp()), args.catching,
                                                         args.catch_up, log)
            log(json.dumps(out["catch_ups_at_once"]))
    finally:
        pg.stop()
    print(json.dumps(out, indent=2))
    if args.out:
        args.out.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
