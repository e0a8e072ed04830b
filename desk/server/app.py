"""HTTP front of the central server (Starlette). Every request: a station token, protocol and
schema versions checked, and one log line."""

from __future__ import annotations

import logging
import threading
import time

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desk.server import operator_page, service
from desk.server.limits import BadBody, Limits, RateLimiter, read_json_object
from desk.rules.wire import PROTOCOL_VERSION

log = logging.getLogger("desk.server")
# Desk schema revisions this server understands (the desk's Alembic head).
ACCEPTED_SCHEMAS = {"0002", "0003"}  # 0003 also sends the problem register; 0002 desks go on


SERVER_ERROR = {"error": "server_error", "message_zh": "中心出错，已记录；本台数据不受影响，请稍后再试。",
                "message_en": "The centre failed; logged. Nothing on the desk is lost; try again later."}


def _error(status: int, code: str, zh: str, en: str, **extra) -> JSONResponse:
    return JSONResponse({"error": code, "message_zh": zh, "message_en": en, **extra}, status_code=status)


def _refusal(exc: BadBody) -> JSONResponse:
    return _error(exc.status, exc.code, exc.zh, exc.en)


def create_app(engine, mirror=None, *, refresh_after_push: bool = True, limits: Limits | None = None) -> Starlette:
    """`mirror`: the desk-format file the all-stations figures are computed on
    (desk.server.mirror.Mirror); by default a throwaway one, rebuilt from the records.
    `refresh_after_push`: bring the mirror up to date after each applied batch, once the answer
    has gone (so the morning's first figures request finds it ready); a figures request
    refreshes it anyway. `limits`: body size, changes per batch, requests per station
    (default: Limits.from_env())."""
    limits = limits or Limits.from_env()
    rate = RateLimiter(limits.requests_per_minute)
    mirrors: list = [mirror] if mirror is not None else []
    made = threading.Lock()

    def the_mirror():
        with made:
            if mirrors:
                return mirrors[0]
            import tempfile
            from pathlib import Path

            from desk.server.mirror import Mirror

            mirrors.append(Mirror(Path(tempfile.mkdtemp(prefix="desk-mirror-")) / "figures.sqlite3"))
            return mirrors[0]

    async def guard(request: Request, *, central: bool = False):
        proto = request.headers.get("x-desk-protocol", "")
        schema = request.headers.get("x-desk-schema", "")
        if proto != str(PROTOCOL_VERSION) or schema not in ACCEPTED_SCHEMAS:
            return None, _error(409, "version_mismatch",
                                f"版本不一致：本台协议 {proto or '?'}、数据库 {schema or '?'}，中心支持协议 {PROTOCOL_VERSION}、"
                                f"数据库 {', '.join(sorted(ACCEPTED_SCHEMAS))}。请升级后再同步，本台数据不受影响。",
                                f"Version mismatch: desk protocol {proto or '?'}, schema {schema or '?'}; the centre "
                                f"speaks protocol {PROTOCOL_VERSION}, schema {', '.join(sorted(ACCEPTED_SCHEMAS))}. "
                                "Upgrade, then sync again; nothing on the desk is lost.",
                                server_protocol=PROTOCOL_VERSION, server_schemas=sorted(ACCEPTED_SCHEMAS))
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        who = await run_in_threadpool(service.authenticate, engine, token) if token else None
        if who is None:
            return None, _error(401, "bad_token", "同步令牌无效或已吊销。", "The sync token is unknown or revoked.")
        request.state.station = who[0]
        if central and who[1] != "central":
            return None, _error(403, "central_only", "只有街道中心账号可以这样做。", "Only a central account may do this.")
        wait = rate.take(who[0])
        if wait:
            await run_in_threadpool(note_refusal, who[0], "too_many_requests")
            return None, JSONResponse(
                {"error": "too_many_requests", "retry_after": round(wait, 1),
                 "message_zh": f"请求太频繁（每分钟最多 {limits.requests_per_minute} 次），请 {wait:.0f} 秒后再试。",
                 "message_en": f"Too many requests (at most {limits.requests_per_minute} a minute); "
                               f"try again in {wait:.0f} s."},
                status_code=429, headers={"Retry-After": str(max(1, round(wait)))})
        return who, None

    def note_refusal(station: str, code: str) -> None:
        try:
            with engine.begin() as conn:
                service.note_activity(conn, station, last_refusal_at=service.utcnow(), last_refusal=code[:60])
        except Exception:  # noqa: BLE001 - bookkeeping must never turn a refusal into an error
            log.exception("could not note a refusal for %s", station)

    async def body_of(request: Request, station: str) -> dict:
        try:
            return await read_json_object(request, limits.max_body_bytes)
        except BadBody as exc:
            await run_in_threadpool(note_refusal, station, exc.code)
            raise

    async def push(request: Request):
        who, err = await guard(request)
        if err:
            return err
        try:
            body = await body_of(request, who[0])
        except BadBody as exc:
            return _refusal(exc)
        batch_id, changes = body.get("batch_id"), body.get("changes")
        if not isinstance(batch_id, str) or not batch_id or not isinstance(changes, list):
            await run_in_threadpool(note_refusal, who[0], "bad_batch")
            return _error(400, "bad_batch", "批次格式不对：应有 batch_id（文字）和 changes（列表）。",
                          "Malformed batch: it needs batch_id (text) and changes (a list).")
        if len(changes) > limits.max_changes:
            await run_in_threadpool(note_refusal, who[0], "too_many_changes")
            return _error(413, "too_many_changes",
                          f"一批最多 {limits.max_changes} 条更改（收到 {len(changes)} 条）。请分批同步。",
                          f"At most {limits.max_changes} changes per batch ({len(changes)} sent). "
                          "Sync in smaller batches.")
        result = await run_in_threadpool(service.apply_batch, engine, who[0], batch_id[:32], changes)
        if refresh_after_push and changes:
            refresher.poke()
        return JSONResponse(result)

    def refresh_mirror_quietly() -> None:
        # Off the push path: a failure here costs the station nothing (the next figures
        # request refreshes again); it is logged for the operator.
        try:
            the_mirror().refresh(engine)
        except Exception:  # noqa: BLE001
            log.exception("figures mirror refresh failed")

    refresher = QuietRefresher(refresh_mirror_quietly)

    async def pull(request: Request):
        who, err = await guard(request)
        if err:
            return err
        cursor = request.query_params.get("cursor", "")
        try:
            limit = int(request.query_params.get("limit", "500"))
            echo = request.query_params.get("echo_from")
            page = await run_in_threadpool(lambda: service.pull_page_json(
                engine, who[0], cursor, limit, echo_from=int(echo) if echo else None))
        except ValueError:
            return _error(400, "bad_cursor", "同步位置不对。", "Malformed cursor.")
        await run_in_threadpool(service.note_pull, engine, who[0], page)
        return Response(page, media_type="application/json")

    async def central_status(request: Request):
        who, err = await guard(request, central=True)
        if err:
            return err
        try:
            body = await body_of(request, who[0])
        except BadBody as exc:
            return _refusal(exc)
        if not isinstance(body.get("order_id"), str) or not isinstance(body.get("status"), str):
            return _error(400, "bad_request", "需要 order_id 和 status。", "order_id and status are required.")
        try:
            result = await run_in_threadpool(
                lambda: service.central_status(engine, body["order_id"], body["status"],
                                               reason=str(body.get("reason", ""))[:500],
                                               actor_name=str(body.get("actor_name", ""))[:60],
                                               reopen=bool(body.get("reopen"))))
        except service.Reject as exc:
            return _error(400, exc.reason, f"不能这样做：{exc.reason} {exc.detail}",
                          f"Refused: {exc.reason} {exc.detail}")
        return JSONResponse(result)

    async def central_reference(request: Request):
        who, err = await guard(request, central=True)
        if err:
            return err
        try:
            body = await body_of(request, who[0])
        except BadBody as exc:
            return _refusal(exc)
        try:
            fields = body.get("fields") or {}
            if not isinstance(fields, dict):
                raise service.Reject("bad_change", "fields must be an object")
            result = await run_in_threadpool(service.central_edit, engine, request.path_params["table"],
                                             body.get("row_id"), fields)
        except service.Reject as exc:
            return _error(400, exc.reason, f"不能这样做：{exc.reason} {exc.detail}",
                          f"Refused: {exc.reason} {exc.detail}")
        return JSONResponse(result)

    async def figures(request: Request):
        who, err = await guard(request)
        if err:
            return err
        if "date_from" not in request.query_params:  # the per-station status counts (older desks)
            return JSONResponse(await run_in_threadpool(service.figures, engine))
        from desk.server import figures as central_figures

        try:
            period, scope, lang = central_figures.parse(request.query_params)
        except central_figures.BadRequest as exc:
            return _error(400, "bad_period", exc.zh, exc.en)
        try:
            return JSONResponse(await run_in_threadpool(
                lambda: central_figures.all_stations(engine, the_mirror(), period, scope, lang)))
        except Exception:  # noqa: BLE001 - told as a sentence; the traceback goes to the log
            log.exception("all-stations figures failed")
            return _error(503, "figures_unavailable", "全部站点统计暂时无法计算，已记录，请稍后再试。",
                          "The all-stations figures cannot be computed just now; logged. Try again later.")

    async def problems(request: Request):
        """Every station's problem register, problems that span stations grouped (issue 17)."""
        who, err = await guard(request)
        if err:
            return err
        from desk.server import problems as central_problems

        lang = request.query_params.get("lang", "zh_CN")
        try:
            return JSONResponse(await run_in_threadpool(
                lambda: central_problems.all_stations(engine, the_mirror(), lang)))
        except Exception:  # noqa: BLE001 - told as a sentence; the traceback goes to the log
            log.exception("all-stations problems failed")
            return _error(503, "problems_unavailable", "全部站点问题清单暂时无法生成，已记录，请稍后再试。",
                          "The all-stations problem register cannot be made just now; logged. Try again later.")

    async def health(request: Request):
        try:
            await run_in_threadpool(service.database_ok, engine)
        except Exception as exc:  # noqa: BLE001
            log.error("health: database unreachable: %s", exc)
            return JSONResponse({"ok": False, "database": "unreachable", "protocol": PROTOCOL_VERSION,
                                 "message_zh": "中心数据库无法连接。", "message_en": "The central database is unreachable."},
                                status_code=503)
        return JSONResponse({"ok": True, "database": "ok", "protocol": PROTOCOL_VERSION,
                             "schemas": sorted(ACCEPTED_SCHEMAS)})

    async def failed(request: Request, exc: Exception):
        # Starlette's last resort: the traceback to the log (--log-file), a sentence to the caller.
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse(SERVER_ERROR, status_code=500)

    app = Starlette(exception_handlers={Exception: failed}, routes=[
        Route("/v1/health", health),
        Route("/v1/push", push, methods=["POST"]),
        Route("/v1/pull", pull),
        Route("/v1/figures", figures),
        Route("/v1/problems", problems),
        Route("/v1/central/status", central_status, methods=["POST"]),
        Route("/v1/central/reference/{table}", central_reference, methods=["POST"]),
        *operator_page.routes(engine, the_mirror),
    ])

    return RequestLog(app)


class QuietRefresher:
    """Runs `work` once pushes pause (`quiet` seconds without one), or at the latest `longest`
    seconds after the first unserved push. A catch-up's hundred batches then cost one mirror
    refresh at its end, not one per batch competing with the merge for the interpreter."""

    def __init__(self, work, quiet: float = 2.0, longest: float = 60.0):
        self.work, self.quiet, self.longest = work, quiet, longest
        self.cond = threading.Condition()
        self.first = self.last = None
        self.thread: threading.Thread | None = None

    def poke(self) -> None:
        with self.cond:
            now = time.monotonic()
            self.last = now
            self.first = self.first or now
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="mirror-refresh", daemon=True)
                self.thread.start()
            self.cond.notify()

    def _run(self) -> None:
        while True:
            with self.cond:
                if self.first is None:
                    self.thread = None
                    return
                now = time.monotonic()
                due = min(self.last + self.quiet, self.first + self.longest)
                if now < due:
                    self.cond.wait(due - now)
                    continue
                self.first = self.last = None
            self.work()


class RequestLog:
    """One log line per request: method, path, station, status, time."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 0}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:  # noqa: BLE001 - the traceback to the log, a sentence to the caller
            if not status["code"]:
                log.exception("%s %s failed", scope["method"], scope["path"])
                await JSONResponse(SERVER_ERROR, status_code=500)(scope, receive, send_wrapper)
            # else: answered and logged by the app's exception handler already
        finally:
            station = (scope.get("state") or {}).get("station", "-")
            log.info("%s %s station=%s status=%s %.0fms", scope["method"], scope["path"], station,
                     status["code"], (time.perf_counter() - started) * 1000)
