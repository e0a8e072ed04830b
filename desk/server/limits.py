"""What one station may ask of the centre, enforced by the application itself (a reverse proxy
in front may be stricter, never needed). Defaults suit a desk's nightly sync and a catch-up
after weeks offline; each can be set in the environment of `desk-server serve`."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    # A desk sends at most 1,000 changes per batch, a few hundred KB; 16 MB leaves room for
    # long free text and refuses a flood before it is read.
    max_body_bytes: int = 16 * 1024 * 1024
    max_changes: int = 2000
    # A catch-up of ~100,000 changes is ~100 pushes and ~100 pulls in about a minute.
    requests_per_minute: int = 600

    @classmethod
    def from_env(cls, env=os.environ) -> "Limits":
        def num(name: str, default: int) -> int:
            try:
                return max(1, int(env.get(name, default)))
            except ValueError:
                return default

        d = cls()
        return cls(max_body_bytes=num("DESK_SERVER_MAX_BODY_BYTES", d.max_body_bytes),
                   max_changes=num("DESK_SERVER_MAX_CHANGES", d.max_changes),
                   requests_per_minute=num("DESK_SERVER_REQUESTS_PER_MINUTE", d.requests_per_minute))


class RateLimiter:
    """A token bucket per station: `per_minute` requests, refilled evenly."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.capacity, self.rate, self.clock = float(per_minute), per_minute / 60.0, clock
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def take(self, station: str) -> float:
        """0 if the request may go ahead, else the seconds until it may."""
        now = self.clock()
        with self.lock:
            tokens, at = self.buckets.get(station, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.rate)
            if tokens >= 1:
                self.buckets[station] = (tokens - 1, now)
                return 0.0
            self.buckets[station] = (tokens, now)
            return (1 - tokens) / self.rate


class BadBody(Exception):
    """A request body the centre will not read: status, code and a zh/en sentence."""

    def __init__(self, status: int, code: str, zh: str, en: str):
        super().__init__(en)
        self.status, self.code, self.zh, self.en = status, code, zh, en


async def read_json_object(request, limit: int) -> dict:
    """The body as a JSON object, read no further than `limit` bytes."""
    declared = request.headers.get("content-length")
    too_big = BadBody(413, "body_too_large", f"请求太大（上限 {limit // 1048576} MB）。请分批同步。",
                      f"Request too large (limit {limit // 1048576} MB). Sync in smaller batches.")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody(400, "bad_encoding", "请求不是 UTF-8 编码。", "The request is not UTF-8.") from None
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise BadBody(400, "bad_json", f"请求不是合法的 JSON（第 {getattr(exc, 'lineno', '?')} 行）。",
                      f"The request is not valid JSON (line {getattr(exc, 'lineno', '?')}).") from None
    if not isinstance(body, dict):
        raise BadBody(400, "bad_batch", "请求应为一个 JSON 对象。", "The request must be a JSON object.")
    return body
