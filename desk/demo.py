"""`desk demo`: a realistic, deterministic station history for trying and measuring the desk.

Rows are written in bulk (executemany in large transactions) rather than through the
services, so ten years of a busy station take minutes, not hours; each order's history is
simulated with the same rules the services enforce (the state-machine tests check the
services; tests/demo/test_demo.py checks that demo rows obey the same invariants).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from faker import Faker

from desk import demo_templates as T
from desk.demo_life import _Ids, _Simulator, _ts
from desk.services import auth, reference, search
from desk.errors import DeskError
from desk.services.store import Store

_FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite
_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                    "156", "157", "158", "159", "176", "177", "180", "181", "186", "187", "188", "189", "199")


@dataclass
class DemoReport:
    station_code: str
    station_name: str
    created_station: bool
    accounts: list[tuple[str, str, str]]  # username, password, role
    days: int
    visits: int = 0
    orders: int = 0
    events: int = 0
    seconds: float = 0.0
    status_counts: dict[str, int] = field(default_factory=dict)


def ensure_demo_station(store: Store) -> tuple[bool, list[tuple[str, str, str]]]:
    """Set up the demo station and accounts on an empty database; refuse a real station's file.

    Set-up is several transactions (the station with its administrator, then each account and
    area): a run killed half-way leaves a demo station without some of them, so every run
    finishes what is missing before it reports the accounts."""
    accounts = [(u, T.DEMO_PASSWORD, r) for u, _, r in T.DEMO_STAFF]
    if store.is_initialised():
        if not store.station().is_demo:
            raise DeskError("demo_on_real_station")
        _finish_setup(store)
        return False, accounts
    admin = auth.initialise(
        store, station_code="SX", station_name="陕西居民区党群服务站（演示）",
        station_name_en="Shaanxi Residential Area Party-Mass Service Station (demo)",
        admin_username="admin", admin_password=T.DEMO_PASSWORD, admin_display_name="系统管理员",
        address="陕西南路550弄17号", is_demo=True,
    )
    _demo_crash_point("after_station")
    _finish_setup(store, admin)
    return True, accounts


def _finish_setup(store: Store, admin=None) -> None:
    """Add the demo accounts and areas that are not there yet (all of them on a first run)."""
    from sqlalchemy import select as _select

    from desk.models import Staff

    with store.read() as s:
        have = set(s.scalars(_select(Staff.username)))
    missing = [row for row in T.DEMO_STAFF[1:] if row[0] not in have]
    areas = {a.code for a in reference.list_areas(store, include_inactive=True)}
    if not missing and all(code in areas for code, _n, _e in T.DEMO_AREAS):
        return
    if admin is None:
        admin = auth.login(store, "admin", T.DEMO_PASSWORD, audit=False)
    for username, name, role in missing:
        auth.add_user(store, admin, username, name, role, T.DEMO_PASSWORD)
        _demo_crash_point("after_account")
    for code, name, name_en in T.DEMO_AREAS:
        if code not in areas:
            reference.save_area(store, admin, code, name, name_en, grid_code="JL")


def _demo_crash_point(name: str) -> None:
    """DESK_DEMO_CRASH_AT=<name>: die here like a kill -9 (tests of an interrupted set-up)."""
    import os
    import signal

    if os.environ.get("DESK_DEMO_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


_ORDER_COLUMNS = (
    "rowid", "id", "origin_station", "created_at", "updated_at", "ticket_no", "visit_id", "visitor_id", "channel",
    "kind", "category_id", "summary", "details", "urgency", "area_id", "lane", "number", "room",
    "lead_department_id", "assist_department_ids", "status", "status_epoch", "status_before_pending",
    "created_local_date", "created_local_hour", "registered_by", "dispatched_at", "accepted_at", "resolved_at",
    "called_back_at", "closed_at", "pending_since", "accept_due_at", "resolve_due_at", "result", "solved", "rating",
    "return_count", "reopen_count", "extension_count", "extension_state", "extension_days", "supervised",
    "merged_into_id",
)
_INSERT_ORDER = (f"INSERT INTO work_order ({', '.join(_ORDER_COLUMNS)}) "
                 f"VALUES ({', '.join('?' for _ in _ORDER_COLUMNS)})")
_INSERT_EVENT = ("INSERT INTO event (id, order_id, at, actor_id, actor_name, kind, from_status, to_status, reason, "
                 "data, origin_station) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
_INSERT_VISIT = ("INSERT INTO visit (id, origin_station, created_at, updated_at, visitor_id, channel, clerk_id, notes) "
                 "VALUES (?,?,?,?,?,?,?,'')")
_INSERT_VISITOR = ("INSERT INTO visitor (id, origin_station, created_at, updated_at, name, phone, id_number, area_id, "
                   "lane, number, room, notes) VALUES (?,?,?,?,?,?,'',?,?,?,?,'')")


_BULK_CACHE_KIB = -1_000_000  # negative: KiB; ~1 GB holds the random-key indexes of ten years
_DEFAULT_CACHE_KIB = -2000  # SQLite's default, restored before the connection goes back to the pool
_BULK_TABLES = ("work_order", "event")


def _drop_indexes(cur) -> list[str]:
    """Drop the secondary indexes of the big tables; returns the SQL that makes them again.
    Read from the schema, so indexes added by later migrations are rebuilt as well."""
    marks = ",".join("?" for _ in _BULK_TABLES)
    rows = cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                       f"AND tbl_name IN ({marks}) ORDER BY name", _BULK_TABLES).fetchall()
    for name, _ in rows:
        cur.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


class _SearchBodies:
    """desk.services.common.search_body for order dicts, remembering the tokens of the texts
    that repeat (summaries, results, addresses, names): tokenising is a third of the work."""

    def __init__(self):
        self._joined: dict[str, str] = {}

    def _tokens(self, part: str) -> str:
        joined = self._joined.get(part)
        if joined is None:
            joined = self._joined[part] = " ".join(search.tokens(part))
        return joined

    def __call__(self, o: dict, visitor_name: str, visitor_phone: str) -> str:
        parts = [" ".join(search.tokens(o["ticket_no"]))]
        for part in (o["summary"], o["details"], o["result"], f"{o['lane']} {o['number']} {o['room']}", visitor_name):
            if part:
                parts.append(self._tokens(part))
        body = " | ".join(parts)
        if visitor_phone:
            body += " | " + search.phone_tokens(visitor_phone)
        return body


def generate(store: Store, *, days: int = 30, per_day: int = 60, seed: int = 1,
             progress: Callable[[int, int], None] | None = None, stories: bool = False) -> DemoReport:
    """Fill the database with `days` days of history ending now, about `per_day` orders a day;
    `stories` also plants the article's recurring problems (desk/demo_stories.py)."""
    started = time.perf_counter()
    created, accounts = ensure_demo_station(store)
    station = store.station()
    rng = random.Random(seed)
    new_id = _Ids(random.Random(seed * 7919 + 1))
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    now = store.now()
    tz = store.calendar().tz
    sim = _Simulator(store, rng, new_id, now, station.code)
    areas = reference.list_areas(store)
    report = DemoReport(station.code, station.name, created, accounts, days)

    # The people who come: a pool, so returning visitors have histories.
    pool_size = max(200, min(60000, days * per_day // 5))
    # With the stories, lane 550's residents and their bar-noise history are the story's own
    # (desk/demo_stories.py): random matters there would blur the 22:00 rule's effect.
    lanes = [f"{road}{rng.randint(1, 120) * 5}弄" for road in T.ROADS for _ in range(6)] + ([] if stories else ["陕西南路550弄"] * 4)
    visitors = []
    for _ in range(pool_size):
        area = rng.choice(areas)
        visitors.append((new_id(), fake.name(), rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                         area.id, rng.choice(lanes), str(rng.randint(1, 60)), f"{rng.randint(1, 6)}0{rng.randint(1, 4)}"))
    first_day = (now.astimezone(tz) - timedelta(days=days - 1)).date()
    visitor_created = _ts(datetime.combine(first_day, datetime.min.time(), tz).astimezone(timezone.utc))
    codes = list(T.TEMPLATES)
    weights = [T.TEMPLATES[c][0] for c in codes]
    search_body = _SearchBodies()
    conn = store.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
        cur.execute("BEGIN IMMEDIATE")
        existing = cur.execute("SELECT count(*) FROM work_order").fetchone()[0]
        # Building an index once from sorted rows beats a million random inserts into it,
        # unless the file already holds more orders than this run adds.
        rebuild = _drop_indexes(cur) if existing < days * per_day else []
        cur.executemany(_INSERT_VISITOR, [(v[0], station.code, visitor_created, visitor_created, v[1], v[2], v[3],
                                           v[4], v[5], v[6]) for v in visitors])
        next_rowid = (cur.execute("SELECT coalesce(max(rowid), 0) FROM work_order").fetchone()[0]) + 1
        counters = {r[0]: r[1] for r in cur.execute(
            "SELECT local_date, last_seq FROM ticket_counter WHERE station_code = ?", (station.code,))}
        orders: list[tuple] = []
        bodies: list[tuple] = []
        visits: list[tuple] = []
        for day_index in range(days):
            day = first_day + timedelta(days=day_index)
            day_key = day.isoformat()
            weekend = day.weekday() >= 5
            target = max(1, int(per_day * (0.6 if weekend else 1.0) * rng.uniform(0.8, 1.2)))
            slots = []
            made = 0
            while made < target:
                n = 1 if rng.random() < 0.8 else (2 if rng.random() < 0.75 else 3)
                slots.append(n)
                made += n
            for n in slots:
                matters = [codes[i] for i in _weighted_indexes(rng, weights, n)]
                night = rng.random() < T.TEMPLATES[matters[0]][5]
                if night:
                    hour, channel = rng.choice((22, 22, 22, 23, 23, 23, 0)), "phone"
                else:
                    hour = rng.choice((8, 9, 9, 10, 10, 10, 11, 11, 13, 14, 14, 15, 15, 16, 16, 17, 18, 19, 20))
                    channel = "walk_in" if hour <= 17 and rng.random() < 0.75 else rng.choice(("phone", "phone", "visit", "survey"))
                local = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=hour, minutes=rng.uniform(0, 59))
                created_at = local.astimezone(timezone.utc)
                if created_at > now:
                    continue
                anonymous = all(T.TEMPLATES[m][1][0] == "consult" for m in matters) and rng.random() < 0.3
                visitor = None if anonymous else rng.choice(visitors)
                clerk = rng.choice(sim.clerks)
                visit_id = new_id()
                visits.append((visit_id, station.code, _ts(created_at), _ts(created_at), visitor[0] if visitor else None,
                               channel, clerk.id))
                for k, code in enumerate(matters):
                    _, kinds, summaries, answer_share, answers, _night = T.TEMPLATES[code]
                    seq = counters.get(day_key, 0) + 1
                    counters[day_key] = seq
                    t0 = created_at + timedelta(seconds=40 * k)
                    o = {
                        "rowid": next_rowid, "id": new_id(), "origin_station": station.code, "created_at": _ts(t0),
                        "updated_at": _ts(t0), "ticket_no": f"{station.code}-{day_key.replace('-', '')}-{seq:04d}",
                        "visit_id": visit_id, "visitor_id": visitor[0] if visitor else None, "channel": channel,
                        "kind": rng.choice(kinds), "category_id": sim.categories[code].id,
                        "summary": rng.choice(summaries), "details": "", "urgency": "urgent" if rng.random() < 0.03 else "normal",
                        "area_id": visitor[3] if visitor else rng.choice(areas).id,
                        "lane": visitor[4] if visitor else "", "number": visitor[5] if visitor else "",
                        "room": visitor[6] if visitor else "", "lead_department_id": None, "assist_department_ids": "[]",
                        "status": "registered", "status_epoch": 0, "status_before_pending": "",
                        "created_local_date": day_key, "created_local_hour": local.hour, "registered_by": clerk.id,
                        "dispatched_at": None, "accepted_at": None, "resolved_at": None, "called_back_at": None,
                        "closed_at": None, "pending_since": None, "accept_due_at": None, "resolve_due_at": None,
                        "result": "", "solved": None, "rating": None, "return_count": 0, "reopen_count": 0,
                        "extension_count": 0, "extension_state": "", "extension_days": 0, "supervised": 0,
                        "merged_into_id": None, "_created": t0,
                    }
                    next_rowid += 1
                    sim.life(o, code, answer_share, answers, clerk)
                    o["updated_at"] = sim.events[-1][2]
                    report.status_counts[o["status"]] = report.status_counts.get(o["status"], 0) + 1
                    orders.append(tuple(o[c] for c in _ORDER_COLUMNS))
                    bodies.append((o["rowid"], search_body(o, visitor[1] if visitor else "",
                                                           visitor[2] if visitor else "")))
            if len(orders) >= 20000 or day_index == days - 1:
                cur.executemany(_INSERT_VISIT, visits)
                cur.executemany(_INSERT_ORDER, orders)
                cur.executemany(_INSERT_EVENT, sim.events)
                cur.executemany("INSERT INTO order_search (rowid, body) VALUES (?, ?)", bodies)
                report.visits += len(visits)
                report.orders += len(orders)
                report.events += len(sim.events)
                visits, orders, bodies, sim.events = [], [], [], []
                if progress:
                    progress(day_index + 1, days)
        if stories:
            from desk import demo_stories

            next_rowid, planted, planted_events = demo_stories.plant(
                cur, rng=random.Random(seed * 31 + 7), sim=sim, new_id=new_id, station=station.code,
                counters=counters, areas=areas, fake=fake, tz=tz, now=now, next_rowid=next_rowid,
                search_body=search_body, order_columns=_ORDER_COLUMNS,
                insert_sql={"visitor": _INSERT_VISITOR, "visit": _INSERT_VISIT, "order": _INSERT_ORDER,
                            "event": _INSERT_EVENT},
                make_phone=lambda: rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}")
            report.orders += planted
            report.visits += planted
            report.events += planted_events
        cur.executemany(
            "INSERT INTO ticket_counter (station_code, local_date, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT (station_code, local_date) DO UPDATE SET last_seq = excluded.last_seq",
            [(station.code, d, n) for d, n in counters.items()])
        for sql in rebuild:
            cur.execute(sql)
        cur.execute("COMMIT")
        cur.execute("PRAGMA optimize")
    except BaseException:
        conn.rollback()
        raise
    finally:
        try:
            conn.execute(f"PRAGMA cache_size = {_DEFAULT_CACHE_KIB}")
        finally:
            conn.close()
    store.invalidate({"reference", "staff"})
    report.seconds = time.perf_counter() - started
    return report


def _weighted_indexes(rng: random.Random, weights: list[float], n: int) -> list[int]:
    picked: list[int] = []
    while len(picked) < n:
        i = rng.choices(range(len(weights)), weights)[0]
        if i not in picked:
            picked.append(i)
    return picked
