"""How long the all-stations problem register takes (desk.services.pulse.across.all_stations,
what GET /v1/problems computes on the centre's mirror) for a subdistrict-sized register:

    python -m benchmarks.across_speed --stations 20 --per-station 30 --out across.json

Each station registers problems at random lanes and buildings of 40 shared lanes, with a
category and words from a small pool (so some problems of different stations are the same), two
measures each and five linked orders. Reported: rows, groups, the median and max of 5 runs. No
floor: there is no smaller way to the same answer than reading the register once, which the
figure includes."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

WORDS = [("漏水", "HOUSE-LEAK"), ("噪音", "NOISE-BAR"), ("垃圾", "ENV-RUBBISH"), ("堆物", "HOUSE-STAIR"),
         ("外摆", "NOISE-SEAT"), ("装修", "NOISE-RENO")]
ROADS = ["陕西南路", "嘉善路", "永嘉路", "建国西路", "南昌路"]


def build(path: Path, stations: int, per_station: int, seed: int):
    from desk.models import Problem, ProblemMeasure, Station
    from desk.services import auth, reference
    from desk.services.store import Store

    rnd = random.Random(seed)
    store = Store.open(path)
    admin = auth.initialise(store, station_code="S00", station_name="站点00", admin_username="admin",
                            admin_password="correct-horse-1")
    cat = {c.code: c.id for c in reference.list_categories(store)}
    now = datetime.now(timezone.utc)
    with store.write() as s:
        for k in range(1, stations):
            s.add(Station(code=f"S{k:02d}", name=f"站点{k:02d}", is_local=False, origin_station=f"S{k:02d}"))
        for k in range(stations):
            code = f"S{k:02d}"
            for n in range(1, per_station + 1):
                word, category = rnd.choice(WORDS)
                lane = f"{rnd.choice(ROADS)}{rnd.randrange(1, 9) * 10}弄"
                place = lane + (f"{rnd.randrange(1, 20)}号" if rnd.random() < 0.5 else "")
                p = Problem(number=n, title=f"{place}{word}", status="open", level="building" if "号" in place else "lane",
                            place_key=place, category_ids=json.dumps([cat[category]]),
                            terms=json.dumps({word: 0.8}, ensure_ascii=False), opened_on="2026-06-01",
                            status_changed_at=now, origin_station=code)
                s.add(p)
                s.flush()
                for d in ("2026-07-01", "2026-09-01"):
                    s.add(ProblemMeasure(problem_id=p.id, taken_on=d, text=f"措施{d}", origin_station=code))
    return store, admin


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations", type=int, default=20)
    ap.add_argument("--per-station", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    from desk.services.pulse import across

    with tempfile.TemporaryDirectory() as tmp:
        store, admin = build(Path(tmp) / "mirror.sqlite3", args.stations, args.per_station, args.seed)
        times, view = [], None
        for _ in range(5):
            started = time.perf_counter()
            view = across.all_stations(store, admin)
            times.append(time.perf_counter() - started)
        store.close()
    result = {"stations": args.stations, "problems": args.stations * args.per_station, "groups": len(view.groups),
              "alone": len(view.alone), "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}
    print(json.dumps(result, ensure_ascii=False))
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
