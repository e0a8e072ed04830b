"""The centre's merge alone, per change, beside the COPY floor, in one run: a never-synced demo
station's outbox (made by the same chunked snapshot `desk sync` runs) applied with
`desk.server.push.apply_batch` in batches of 1,000, in this process (no HTTP, no desk), on a
throwaway PostgreSQL cluster; then the rows it wrote written again with COPY (benchmarks.sync.floor).
Wall and CPU of this process are both reported (the machine is shared: CPU is the steadier).

    python -m benchmarks.merge_cost [--changes 20000] [--profile FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def outbox_changes(changes: int) -> tuple[str, list[dict]]:
    from sqlalchemy import select

    from benchmarks.sync import _catch_up_station
    from desk.services.store import Store
    from desk.sync import schema

    db = Path(tempfile.mkdtemp()) / "station.sqlite3"
    _catch_up_station(db, changes, lambda *a: print(*a, file=sys.stderr))
    store = Store.open(db)
    try:
        code = store.station().code
        with store.read() as s:
            rows = s.execute(select(schema.outbox).order_by(schema.outbox.c.seq)).all()
    finally:
        store.close()
    # What arrives at the server: the push body, parsed (the fields JSON decoded once).
    return code, [{"change_id": r.change_id, "table": r.table_name, "row_id": r.row_id, "hlc": r.hlc,
                   "status_gen": r.status_gen, "fields": json.loads(r.fields)} for r in rows]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.merge_cost")
    p.add_argument("--changes", type=int, default=20000)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--profile", type=Path)
    args = p.parse_args(argv)
    from benchmarks.sync import floor
    from desk.models import new_id
    from desk.server import service
    from desk.server.db import open_central
    from desk.server.push import apply_batch
    from tests.postgres_server import Postgres

    code, changes = outbox_changes(args.changes)
    # The server holds one batch at a time; this process holds all of them. Out of the cyclic
    # collector's sight, as a request's batch would be, or each collection walks them all again.
    import gc

    gc.collect()
    gc.freeze()
    pg = Postgres()
    try:
        url = pg.new_database()
        engine = open_central(url)
        service.add_account(engine, code)
        with engine.connect() as conn:
            start_seq = conn.exec_driver_sql("SELECT value FROM commit_counter").scalar()
        prof = None
        if args.profile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        wall, cpu = time.perf_counter(), time.process_time()
        refused = 0
        for i in range(0, len(changes), args.batch):
            answer = apply_batch(engine, code, new_id(), changes[i:i + args.batch])
            refused += sum(r["status"] == "quarantined" for r in answer["results"])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if prof:
            prof.disable()
            prof.dump_stats(str(args.profile))
        fl = floor(pg.conninfo(url.rsplit("/", 1)[1]), start_seq, reps=3)
        engine.dispose()
    finally:
        pg.stop()
    out = {"changes": len(changes), "refused": refused, "merge_wall_s": round(wall, 2), "merge_cpu_s": round(cpu, 2),
           "merge_cpu_ms_per_change": round(cpu / len(changes) * 1000, 3), "floor_rows": fl["rows"],
           "floor_copy_s": round(fl["copy_s"], 2), "ratio_wall_to_copy": round(wall / fl["copy_s"], 2)}
    print(json.dumps(out, indent=2))
    return 0 if refused == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
