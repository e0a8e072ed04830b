"""Saving a visit with one order through intake.register_visit, beside raw sqlite3 inserts of
the same rows (visitor, visit, ticket counter, order, two events, search row, and the sync
capture's clock tick, five field-clock rows and five outbox rows) in one transaction on a
second connection to the same file, with the same `synchronous` setting as the desk's.

Both sides also report their COMMIT alone: with synchronous=FULL that is the fsync of the WAL,
a property of the disk, not of the desk. The file must be a private copy (see
benchmarks.database.write_copy): 300 saves on "today" would change the shared file's queue and
dashboard figures under whoever measures them."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from datetime import timedelta, timezone

from benchmarks.harness import Figure, interleaved, percentile

_NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞")
_SUMMARIES = ("楼上卫生间漏水，天花板渗水", "公用厨房水管漏水", "屋顶漏雨，墙面发霉", "楼道水管爆裂")


def _fmt(moment) -> str:
    """How desk's UTCDateTime columns store a moment: naive UTC text."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


class RawSave:
    """The floor: the rows register_visit writes, inserted with plain SQL."""

    def __init__(self, path, store, clerk, category, department_id: str, synchronous: str):
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"synchronous={synchronous}", "busy_timeout=30000"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.commit_ms: list[float] = []
        self.station = store.station().code
        self.clerk = clerk
        self.category = category
        self.department_id = department_id
        now = store.now()
        self.now = _fmt(now)
        self.local_date = now.astimezone(store.calendar().tz).date().isoformat()
        self.hour = now.astimezone(store.calendar().tz).hour
        self.accept_due = _fmt(now + timedelta(days=1))
        self.resolve_due = _fmt(now + timedelta(days=5))

    def __call__(self, i: int) -> None:
        from desk.services import search

        c, now, st = self.conn, self.now, self.station
        visitor_id, visit_id, order_id = (uuid.uuid4().hex for _ in range(3))
        phone = f"137{(50_000_000 + i) % 10**8:08d}"
        name = _NAMES[i % len(_NAMES)]
        summary = _SUMMARIES[i % len(_SUMMARIES)]
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("INSERT INTO visitor (id, origin_station, created_at, updated_at, name, phone, id_number, "
                      "area_id, lane, number, room, notes) VALUES (?,?,?,?,?,?,'',NULL,'陕西南路550弄','17','',''"
                      ")", (visitor_id, st, now, now, name, phone))
            c.execute("INSERT INTO visit (id, origin_station, created_at, updated_at, visitor_id, channel, clerk_id, "
                      "notes) VALUES (?,?,?,?,?,'walk_in',?,'')", (visit_id, st, now, now, visitor_id, self.clerk.id))
            seq = c.execute("INSERT INTO ticket_counter (station_code, local_date, last_seq) VALUES (?, ?, 1) "
                            "ON CONFLICT (station_code, local_date) DO UPDATE SET last_seq = last_seq + 1 "
                            "RETURNING last_seq", (st, self.local_date)).fetchone()[0]
            ticket = f"{st}-{self.local_date.replace('-', '')}-{seq:04d}"
            c.execute(
                "INSERT INTO work_order (id, origin_station, created_at, updated_at, ticket_no, visit_id, visitor_id, "
                "channel, kind, category_id, summary, details, urgency, area_id, lane, number, room, "
                "lead_department_id, assist_department_ids, status, status_epoch, status_before_pending, "
                "created_local_date, created_local_hour, registered_by, dispatched_at, accept_due_at, resolve_due_at, "
                "result, return_count, reopen_count, extension_count, extension_state, extension_days, supervised) "
                "VALUES (?,?,?,?,?,?,?,'walk_in','complaint',?,?,'','normal',NULL,'陕西南路550弄','17','',?,'[]',"
                "'dispatched',0,'',?,?,?,?,?,?,'',0,0,0,'',0,0)",
                (order_id, st, now, now, ticket, visit_id, visitor_id, self.category.id, summary,
                 self.department_id, self.local_date, self.hour, self.clerk.id, now, self.accept_due,
                 self.resolve_due))
            rowid = c.execute("SELECT last_insert_rowid()").fetchone()[0]
            events = []
            for kind, frm, to in (("register", "", "registered"), ("dispatch", "registered", "dispatched")):
                events.append(uuid.uuid4().hex)
                c.execute("INSERT INTO event (id, order_id, at, actor_id, actor_name, kind, from_status, to_status, "
                          "reason, data, origin_station) VALUES (?,?,?,?,?,?,?,?,'','{}',?)",
                          (events[-1], order_id, now, self.clerk.id, self.clerk.display_name, kind, frm, to, st))
            # The same text the desk indexes (CJK bigrams, address, phone and its last four).
            body = search.index_body(ticket, summary, "", "", "陕西南路550弄 17 ", name) + " | " + \
                search.phone_tokens(phone)
            c.execute("INSERT INTO order_search (rowid, body) VALUES (?, ?)", (rowid, body))
            # The sync capture: one clock tick, a field-clock row and an outbox row per new row.
            last = c.execute("SELECT value FROM sync_state WHERE key = 'hlc'").fetchone()
            stamp = f"{int(time.time() * 1000):013d}.00000"
            c.execute("UPDATE sync_state SET value = ? WHERE key = 'hlc'", (max(stamp, last[0] if last else ""),))
            rows = [("visitor", visitor_id), ("visit", visit_id), ("work_order", order_id)] + \
                   [("event", e) for e in events]
            fields = json.dumps({"id": order_id, "ticket_no": ticket, "summary": summary, "status": "dispatched",
                                 "created_at": now, "updated_at": now}, ensure_ascii=False)
            c.executemany("INSERT INTO sync_clock (table_name, row_id, clocks) VALUES (?, ?, ?)",
                          [(t, r, "{}" if t == "event" else json.dumps({"id": [stamp, st]})) for t, r in rows])
            c.executemany("INSERT INTO sync_outbox (change_id, table_name, row_id, hlc, status_gen, fields, "
                          "created_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                          [(uuid.uuid4().hex, t, r, stamp, fields, now) for t, r in rows])
            t = time.perf_counter()
            c.execute("COMMIT")
            self.commit_ms.append((time.perf_counter() - t) * 1000)
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


def _timed_commits(store) -> list[float]:
    """Time every COMMIT the desk's engine sends (SQLAlchemy's dialect.do_commit), in ms."""
    times: list[float] = []
    dialect = store.engine.dialect
    plain = type(dialect).do_commit

    def do_commit(dbapi_connection):
        t = time.perf_counter()
        plain(dialect, dbapi_connection)
        times.append((time.perf_counter() - t) * 1000)

    dialect.do_commit = do_commit  # this engine only, for this benchmark process
    return times


def _set_synchronous(store, value: str) -> None:
    """Run the desk's connections with another synchronous setting (the comparison row only)."""
    from sqlalchemy import event

    event.listen(store.engine, "connect", lambda conn, _rec: conn.execute(f"PRAGMA synchronous={value}"))
    store.engine.dispose()  # pooled connections were opened with the desk's own setting


def _synchronous(store) -> str:
    with store.engine.connect() as conn:
        level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[level]


def measure(store, path, clerk, reps: int, *, synchronous: str | None = None) -> Figure:
    """One figure: reps saves beside reps floor transactions. synchronous=None keeps the desk's
    own setting (the figure judged against the target); a value gives the comparison row."""
    from desk.services import intake, reference
    from desk.services.dto import MatterInput, VisitInput

    if synchronous is not None:
        _set_synchronous(store, synchronous)
    setting = _synchronous(store)
    category = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    department_id = intake.default_department(store, category.id)
    base = 1000 + (0 if synchronous is None else 10 * reps)  # new phone numbers for every row

    def save(i: int) -> None:
        n = i + base if i >= 0 else -i
        intake.register_visit(store, clerk, VisitInput(
            name=_NAMES[n % len(_NAMES)], phone=f"136{(40_000_000 + n) % 10**8:08d}", lane="陕西南路550弄",
            number="17", matters=(MatterInput(summary=_SUMMARIES[n % len(_SUMMARIES)], kind="complaint",
                                              category_id=category.id, dispatch=True),)))

    raw = RawSave(path, store, clerk, category, department_id, setting)
    commits = _timed_commits(store)
    cpu: dict[str, list[float]] = {"desk": [], "floor": []}

    def on_cpu(name, fn):
        # CPU time of this process (Python and SQLite) per save: what a loaded machine's
        # waiting for a core does not inflate.
        def run(i):
            t = time.process_time()
            fn(i)
            cpu[name].append((time.process_time() - t) * 1000)
        return run

    try:
        desk_ms, floor_ms = interleaved(on_cpu("desk", save), on_cpu("floor", raw), reps, warmup=3)
    finally:
        raw.close()
        del store.engine.dialect.do_commit
    desk_commit = commits[-reps:]  # one COMMIT per save (the warm-up's are before)
    floor_commit = raw.commit_ms[-reps:]
    own = [total - c for total, c in zip(desk_ms, desk_commit)]  # the desk's own work, commit excluded
    floor_own = [total - c for total, c in zip(floor_ms, floor_commit)]
    p95, floor95 = percentile(desk_ms, 95), percentile(floor_ms, 95)
    detail = {"reps": reps, "synchronous": setting, "p50": percentile(desk_ms, 50),
              "floor_p50": percentile(floor_ms, 50),
              "commit_p50": percentile(desk_commit, 50), "commit_p95": percentile(desk_commit, 95),
              "floor_commit_p50": percentile(floor_commit, 50), "floor_commit_p95": percentile(floor_commit, 95),
              "own_p50": percentile(own, 50), "own_p95": percentile(own, 95),
              "floor_own_p50": percentile(floor_own, 50), "floor_own_p95": percentile(floor_own, 95),
              "cpu_p50": percentile(cpu["desk"][-reps:], 50), "floor_cpu_p50": percentile(cpu["floor"][-reps:], 50)}
    cpu50, floor_cpu50 = detail["cpu_p50"], detail["floor_cpu_p50"]
    p50, floor50 = detail["p50"], detail["floor_p50"]
    if synchronous is None:
        # Issue 20: what the desk adds to a durable commit, judged beside the floor: CPU per save
        # and the median wall clock (the p95 is mostly the disk's fsync, the same on both sides).
        fig = Figure("save_visit", f"save a visit with one order (synchronous={setting}), p50", "ms", p50, floor50,
                     "CPU ≤ 2× floor; p50 ≤ 2× floor", cpu50 <= 2 * floor_cpu50 and p50 <= 2 * floor50,
                     detail=detail)
    else:
        fig = Figure(f"save_visit_{setting.lower()}",
                     f"save a visit with one order (synchronous={setting}, comparison only), p50", "ms", p50, floor50,
                     "—", None, detail=detail)
    d = detail
    fig.note = (f"CPU time p50 {d['cpu_p50']:.2f} ms (floor's {d['floor_cpu_p50']:.2f}, "
                f"{d['cpu_p50'] / max(d['floor_cpu_p50'], 1e-9):.2f}×); p95 {p95:.2f} ms (floor {floor95:.2f} ms), "
                f"{reps} saves, synchronous={setting}; "
                f"COMMIT alone p50/p95 {d['commit_p50']:.2f}/{d['commit_p95']:.2f} ms "
                f"(floor's {d['floor_commit_p50']:.2f}/{d['floor_commit_p95']:.2f}); "
                f"without the COMMIT p50/p95 {d['own_p50']:.2f}/{d['own_p95']:.2f} ms "
                f"(floor's {d['floor_own_p50']:.2f}/{d['floor_own_p95']:.2f})")
    return fig
