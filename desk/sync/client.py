"""The desk side of a sync: push the outbox in saved batches, then pull pages by cursor.

Every step is safe to cut at any moment (tests kill it with SIGKILL at each named point):
- the batch id is saved with its rows BEFORE sending, so a rerun sends the same batch and the
  centre answers it again from its record;
- a row leaves the outbox only in the transaction that records the centre's answer;
- a pulled page and the new cursor are committed together.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Callable

import httpx
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from desk.models import new_id, utcnow
from desk.services.store import mark_changed
from desk.sync import schema, state
from desk.services import numbering
from desk.sync.held import apply_page_safely
from desk.sync.capture import APPLYING, next_hlc
from desk.sync.errors import SyncError
from desk.sync.lock import station_lock
from desk.rules.clocks import field_clocks
from desk.rules.tables import APPLY_ORDER, SYNCED_TABLES
from desk.rules.wire import PROTOCOL_VERSION
from desk.sync.wire import row_to_wire, table as table_of
from desk.rules.permissions import Permission, require
from desk.services import backup
from desk.sync import config

SCHEMA_VERSION = "0003"  # 0003: the problem register syncs (issue 17)
CRASH_POINTS = ("after_snapshot", "after_batch_saved", "after_push_answer", "after_ack",
                "mid_pull_page", "after_pull_page")


@dataclass
class SyncReport:
    pushed: int = 0
    batches: int = 0
    quarantined: int = 0
    superseded: int = 0
    pulled: int = 0
    held: int = 0  # pulled rows this desk could not apply, set aside (desk.sync.held)
    pages: int = 0
    # The commit number of this run's first acknowledged batch (see service.pull_page).
    first_batch_seq: int | None = None
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


_crash_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    """DESK_SYNC_CRASH_AT=<name> makes this process die here like a kill -9 (tests), at the
    DESK_SYNC_CRASH_COUNT-th time it passes (default: the first)."""
    if os.environ.get("DESK_SYNC_CRASH_AT") == name:
        _crash_hits[name] = _crash_hits.get(name, 0) + 1
        if _crash_hits[name] >= int(os.environ.get("DESK_SYNC_CRASH_COUNT", "1")):
            os.kill(os.getpid(), signal.SIGKILL)


class Client:
    """HTTP to the centre with versions and the token on every request."""

    def __init__(self, url: str, token: str, *, transport: httpx.BaseTransport | None = None,
                 timeout: float = 60.0, verify: bool | str = True):
        if not url.lower().startswith("https:"):
            verify = False  # plain HTTP (a local centre, or TLS ends at a proxy): no TLS context to build
        elif isinstance(verify, str):  # a CA bundle for a centre with its own certificate
            import ssl

            verify = ssl.create_default_context(cafile=verify)
        self.http = httpx.Client(base_url=url.rstrip("/"), transport=transport, timeout=timeout, verify=verify,
                                 headers={"Authorization": f"Bearer {token}",
                                          "X-Desk-Protocol": str(PROTOCOL_VERSION),
                                          "X-Desk-Schema": SCHEMA_VERSION})

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, **kw) -> dict:
        try:
            resp = self.http.request(method, path, **kw)
        except httpx.HTTPError as exc:
            raise SyncError("sync_network", detail=type(exc).__name__) from exc
        if resp.status_code == 409:
            body = _json(resp)
            raise SyncError("sync_version", **_details(body, ""))
        if resp.status_code >= 400:
            body = _json(resp)
            details = _details(body, f"HTTP {resp.status_code}")
            if resp.status_code >= 500:  # reached, but it failed: not "cannot reach"
                raise SyncError("sync_server_error", **details)
            raise SyncError("sync_refused", **details)
        return _json(resp)

    def push(self, batch_id: str, changes: list[dict]) -> dict:
        return self._call("POST", "/v1/push", content=push_body(batch_id, changes),
                          headers={"Content-Type": "application/json"})

    def pull(self, cursor: str, limit: int, echo_from: int | None = None) -> dict:
        params = {"cursor": cursor, "limit": limit}
        if echo_from is not None:
            params["echo_from"] = echo_from
        return self._call("GET", "/v1/pull", params=params)


def push_body(batch_id: str, changes: list[dict]) -> bytes:
    """The batch as JSON. Each change's fields are already JSON in the outbox: spliced in as
    they are instead of decoded and encoded again (a catch-up sends ~100,000 of them)."""
    parts = []
    for c in changes:
        head = json.dumps({"change_id": c["change_id"], "table": c["table"], "row_id": c["row_id"], "hlc": c["hlc"],
                           "status_gen": c["status_gen"]}, ensure_ascii=False)
        fields = c["fields_json"] if "fields_json" in c else json.dumps(c["fields"], ensure_ascii=False)
        parts.append(f'{head[:-1]}, "fields": {fields}}}')
    return f'{{"batch_id": {json.dumps(batch_id)}, "changes": [{", ".join(parts)}]}}'.encode()


def _json(resp) -> dict:
    try:
        return resp.json()
    except ValueError:
        return {}


def configure(store, url: str | None = None, token: str | None = None) -> None:
    """`desk sync --save`: the same homes as the window's settings (desk.sync.config)."""
    with store.write() as s:
        conn = s.connection()
        if url is not None:
            config.put_url(conn, url)
        if token is not None:
            config.put_token(conn, token)


def settings_of(store) -> tuple[str | None, str | None]:
    with store.read() as s:
        conn = s.connection()
        return config.url_of(conn) or None, config.token_of(conn) or None


def sync_now(store, actor, progress: Callable[[str, int], None] | None = None, **kw) -> SyncReport:
    """The window's "Sync now" and its nightly timer: the saved server, as the person logged in."""
    require(actor.role, Permission.SYNC)
    return sync(store, progress=progress, **kw)


def sync(store, url: str | None = None, token: str | None = None, *, transport=None,
         batch_size: int = 1000, page_size: int = 1000, progress: Callable[[str, int], None] | None = None,
         verify: bool | str = True, timeout: float = 120.0) -> SyncReport:
    """One full sync: push everything waiting, then pull everything new. Raises SyncError."""
    saved_url, saved_token = settings_of(store)
    url, token = url or saved_url, token or saved_token
    if not url or not token:
        raise SyncError("sync_not_configured")
    started = time.perf_counter()
    report = SyncReport()
    with station_lock(store.path):
        backup.before_sync(store)  # a copy of the file before the sync changes anything
        _note(store, "last_attempt_at", store.now().isoformat())
        client = Client(url, token, transport=transport, verify=verify, timeout=timeout)
        try:
            snapshot_missing(store)
            crash_point("after_snapshot")
            push_all(store, client, report, batch_size, progress)
            pull_all(store, client, report, page_size, progress)
        except SyncError as exc:
            _failed(store, exc.stored())
            raise
        except Exception as exc:  # recorded as the failure it is, then shown by the caller
            _failed(store, SyncError("sync_unexpected", detail=type(exc).__name__).stored())
            raise
        finally:
            client.close()
        report.seconds = time.perf_counter() - started
        with store.write() as s:
            conn = s.connection()
            state.put(conn, "last_success_at", store.now().isoformat())
            state.put(conn, "last_error", "")
            state.put(conn, "failures", "0")
            state.put(conn, "last_report", json.dumps(report.__dict__))
            mark_changed(s, "sync")
    return report


def _details(body: dict, fallback: str) -> dict[str, str]:
    """The centre's message in both its languages: the error is shown (and kept) in either."""
    zh, en = str(body.get("message_zh") or ""), str(body.get("message_en") or "")
    return {"detail": zh or en or fallback, "detail_en": en or zh or fallback}


def _failed(store, message: str) -> None:
    """The failure as last_error, and one more failure in a row (the window's retry backs off)."""
    with store.write() as s:
        conn = s.connection()
        state.put(conn, "last_error", message)
        state.put(conn, "failures", str(int(state.get(conn, "failures", "0") or 0) + 1))
        mark_changed(s, "sync")


def _note(store, key: str, value: str) -> None:
    with store.write() as s:
        state.put(s.connection(), key, value)
        mark_changed(s, "sync")  # the window's status bar and sync screen follow


def snapshot_missing(store, chunk: int = 500) -> int:
    """Rows that exist without clocks (made before sync was installed, written by the bulk demo
    generator with raw SQL, or before the station row existed) go into the outbox as they are.
    Done in chunks: memory stays flat however much history is waiting."""
    added = 0
    with store.write() as s:
        conn = s.connection()
        st = table_of("station")
        code = conn.execute(select(st.c.code).where(st.c.is_local.is_(True))).scalar()
        if not code:
            return 0
        stamp = next_hlc(conn, store.hlc_wall())
        now = utcnow()
        for tname in sorted(SYNCED_TABLES, key=APPLY_ORDER.get):  # parents first
            t = table_of(tname)
            known = select(schema.clock.c.row_id).where(schema.clock.c.table_name == tname)
            order = t.c.seq if tname == "event" else t.c.id
            missing = [r[0] for r in conn.execute(select(t.c.id).where(t.c.id.not_in(known)).order_by(order))]
            for i in range(0, len(missing), chunk):
                ids = missing[i:i + chunk]
                clocks, outbox = [], []
                rows = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(ids)))}
                for row_id in ids:
                    fields = row_to_wire(tname, dict(rows[row_id]._mapping))
                    cl = {} if tname == "event" else field_clocks(tname, fields, stamp, code)
                    clocks.append({"table_name": tname, "row_id": row_id, "clocks": json.dumps(cl)})
                    outbox.append({"change_id": new_id(), "table_name": tname, "row_id": row_id, "hlc": stamp,
                                   "status_gen": 0, "fields": json.dumps(fields, ensure_ascii=False),
                                   "batch_id": None, "created_at": now})
                conn.execute(insert(schema.clock), clocks)
                conn.execute(insert(schema.outbox), outbox)
                added += len(ids)
    return added


def _take_batch(store, batch_size: int) -> tuple[str | None, list[dict]]:
    """The batch in flight (after a cut) or a new one, saved with its id before sending."""
    o = schema.outbox.c
    with store.write() as s:
        s.info[APPLYING] = True
        conn = s.connection()
        batch_id = conn.execute(select(o.batch_id).where(o.batch_id.is_not(None)).order_by(o.seq).limit(1)).scalar()
        if batch_id is None:
            seqs = [r[0] for r in conn.execute(select(o.seq).where(o.batch_id.is_(None)).order_by(o.seq).limit(batch_size))]
            if not seqs:
                return None, []
            batch_id = new_id()
            conn.execute(update(schema.outbox).where(o.seq.in_(seqs)).values(batch_id=batch_id))
            state.put(conn, "batch_in_flight", batch_id)
        rows = conn.execute(select(schema.outbox).where(o.batch_id == batch_id).order_by(o.seq)).all()
    changes = [{"change_id": r.change_id, "table": r.table_name, "row_id": r.row_id, "hlc": r.hlc,
                "status_gen": r.status_gen, "fields_json": r.fields} for r in rows]
    return batch_id, changes


def push_all(store, client: Client, report: SyncReport, batch_size: int, progress=None) -> None:
    while True:
        batch_id, changes = _take_batch(store, batch_size)
        if not changes:
            return
        crash_point("after_batch_saved")
        answer = client.push(batch_id, changes)
        crash_point("after_push_answer")
        _record_answer(store, batch_id, changes, answer, report)
        if isinstance(answer.get("seq"), int):
            seq = answer["seq"]
            report.first_batch_seq = seq if report.first_batch_seq is None else min(report.first_batch_seq, seq)
        crash_point("after_ack")
        report.batches += 1
        if progress:
            progress("push", report.pushed)


def _record_answer(store, batch_id: str, changes: list[dict], answer: dict, report: SyncReport) -> None:
    by_id = {c["change_id"]: c for c in changes}
    results = {r.get("change_id"): r for r in answer.get("results", [])}
    o = schema.outbox.c
    with store.write() as s:
        s.info[APPLYING] = True
        conn = s.connection()
        answered: list[str] = []
        for change_id, change in by_id.items():
            res = results.get(change_id)
            if res is None:  # not answered: leave it for the next batch
                continue
            if res.get("status") == "quarantined":
                if not conn.execute(select(schema.quarantine.c.change_id).where(
                        schema.quarantine.c.change_id == change_id)).first():
                    conn.execute(insert(schema.quarantine).values(
                        change_id=change_id, table_name=change["table"], row_id=change["row_id"],
                        fields=change.get("fields_json") or json.dumps(change["fields"], ensure_ascii=False),
                        reason=res.get("reason", ""),
                        detail=res.get("detail", ""), at=store.now()))
                report.quarantined += 1
            elif res.get("status") == "superseded":
                report.superseded += 1
            report.pushed += 1
            answered.append(change_id)
        for i in range(0, len(answered), 500):
            # By batch first: change_id has no index here (migration 0012).
            conn.execute(delete(schema.outbox).where(o.batch_id == batch_id, o.change_id.in_(answered[i:i + 500])))
        # Anything left unanswered goes back to the queue for a new batch.
        conn.execute(update(schema.outbox).where(o.batch_id == batch_id).values(batch_id=None))
        state.put(conn, "batch_in_flight", "")
        mark_changed(s, "sync")


def pull_all(store, client: Client, report: SyncReport, page_size: int, progress=None) -> None:
    while True:
        with store.read() as s:
            cursor = state.get(s.connection(), "cursor", "") or ""
        # Rows this run's batches inserted are not sent back: this desk made them.
        page = client.pull(cursor, page_size, report.first_batch_seq)
        crash_point("mid_pull_page")
        try:
            outcome = _apply_pulled(store, page, cursor, report, row_by_row=False)
        except (SQLAlchemyError, ValueError, KeyError, TypeError) as exc:
            # One row the desk cannot take must not stop every later sync: the page again, row by
            # row, setting aside what fails (desk.sync.held).
            logging.getLogger("desk.sync").warning("pulled page failed whole (%s); row by row", exc)
            outcome = _apply_pulled(store, page, cursor, report, row_by_row=True)
        if outcome is None:
            continue  # another writer moved on (cannot happen under the lock; be safe)
        crash_point("after_pull_page")
        report.pages += 1
        if progress:
            progress("pull", report.pulled)
        if not page.get("more"):
            return


def _apply_pulled(store, page: dict, cursor: str, report: SyncReport, *, row_by_row: bool) -> bool | None:
    """One pulled page and the new cursor, committed together."""
    with store.write() as s:
        s.info[APPLYING] = True
        conn = s.connection()
        if (state.get(conn, "cursor", "") or "") != cursor:
            return None
        applied, set_aside = apply_page_safely(s, page, row_by_row=row_by_row)
        state.put(conn, "cursor", page["cursor"])
        if not page.get("more"):
            numbering.mark_checked(conn)  # every ticket of this station is here now
        if applied or set_aside:  # open screens reload what came down
            mark_changed(s, "orders", "reference", "sync")
    report.pulled += applied
    report.held += set_aside
    return True


def pending_count(store) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(schema.outbox)).scalar_one()


def fetch_figures(store, *, transport=None, timeout: float = 20.0) -> dict:
    """All-stations figures for the supervisor dashboard (read-only, from the centre):
    {"stations": {code: {status: n}}, "totals": {status: n}, "orders": n, "quarantined": {...}}.
    Raises SyncError (not configured, offline, refused) with a message for the window."""
    url, token = settings_of(store)
    if not url or not token:
        raise SyncError("sync_not_configured")
    client = Client(url, token, transport=transport, timeout=timeout)
    try:
        return client._call("GET", "/v1/figures")
    finally:
        client.close()
