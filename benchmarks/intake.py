"""Saving a visit with one order through intake.register_visit, beside raw sqlite3 inserts of
the same rows (visitor, visit, ticket counter, order, two events, search row) in one
transaction on a second connection to the same file.

Not yet in the floor: the sync outbox rows and field clocks that desk.sync.capture writes in
the same transaction (issue 6 landed after this floor was written)."""

from __future__ import annotations

import sqlite3
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

    def __init__(self, path, store, clerk, category, department_id: str):
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=30000"):
            self.conn.execute(f"PRAGMA {pragma}")
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
            for kind, frm, to in (("register", "", "registered"), ("dispatch", "registered", "dispatched")):
                c.execute("INSERT INTO event (id, order_id, at, actor_id, actor_name, kind, from_status, to_status, "
                          "reason, data, origin_station) VALUES (?,?,?,?,?,?,?,?,'','{}',?)",
                          (uuid.uuid4().hex, order_id, now, self.clerk.id, self.clerk.display_name, kind, frm, to, st))
            c.execute("INSERT INTO order_search (rowid, body) VALUES (?, ?)",
                      (rowid, f"{ticket.lower()} | {summary} | {name} | {phone} {phone[-4:]}"))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


def measure(store, path, clerk, reps: int) -> Figure:
    from desk.services import intake, reference
    from desk.services.dto import MatterInput, VisitInput

    category = next(c for c in reference.list_categories(store) if c.code == "HOUSE-LEAK")
    department_id = intake.default_department(store, category.id)

    def save(i: int) -> None:
        n = i + 1000 if i >= 0 else -i
        intake.register_visit(store, clerk, VisitInput(
            name=_NAMES[n % len(_NAMES)], phone=f"136{(40_000_000 + n) % 10**8:08d}", lane="陕西南路550弄",
            number="17", matters=(MatterInput(summary=_SUMMARIES[n % len(_SUMMARIES)], kind="complaint",
                                              category_id=category.id, dispatch=True),)))

    raw = RawSave(path, store, clerk, category, department_id)
    try:
        desk_ms, floor_ms = interleaved(save, raw, reps, warmup=3)
    finally:
        raw.close()
    p95, floor95 = percentile(desk_ms, 95), percentile(floor_ms, 95)
    fig = Figure("save_visit", "save a visit with one order, p95", "ms", p95, floor95,
                 "p95 ≤ 5 ms; ≤ 3× floor", p95 <= 5 and p95 <= 3 * floor95,
                 detail={"reps": reps, "p50": percentile(desk_ms, 50), "floor_p50": percentile(floor_ms, 50)})
    fig.note = (f"p50 {fig.detail['p50']:.2f} ms (floor {fig.detail['floor_p50']:.2f} ms), {reps} saves; "
                f"ratio {'within' if p95 <= 3 * floor95 else 'over'} 3×, p95 {'within' if p95 <= 5 else 'over'} 5 ms")
    return fig
