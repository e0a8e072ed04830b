"""The application's own limits: requests per station (429 with Retry-After and a zh/en
sentence, other stations unaffected), the token bucket, the environment settings, and the
mirror refresh that waits for pushes to pause."""

from __future__ import annotations

import threading
import time

from starlette.testclient import TestClient

from desk.server.app import QuietRefresher, create_app
from desk.server.limits import Limits, RateLimiter


def test_rate_limit_per_station(central):
    app = create_app(central.engine, central.mirror, refresh_after_push=False,
                     limits=Limits(requests_per_minute=3))
    a, b = central.token("SX"), central.token("JL")
    hdr = lambda t: {"Authorization": f"Bearer {t}", "X-Desk-Protocol": "1", "X-Desk-Schema": "0002"}  # noqa: E731
    with TestClient(app) as client:
        codes = [client.get("/v1/pull", headers=hdr(a)).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get("/v1/pull", headers=hdr(a))
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "每分钟最多 3 次" in refused.json()["message_zh"] and "3 a minute" in refused.json()["message_en"]
        assert client.get("/v1/pull", headers=hdr(b)).status_code == 200  # JL has its own bucket
    from desk.server import operator

    by = {s["station"]: s for s in operator.station_health(central.engine)}
    assert by["SX"]["last_refusal"] == "too_many_requests" and by["JL"]["last_refusal"] == ""


def test_token_bucket_refills():
    now = [0.0]
    bucket = RateLimiter(60, clock=lambda: now[0])
    assert all(bucket.take("SX") == 0 for _ in range(60))
    assert bucket.take("SX") > 0
    now[0] += 1.0  # one request a second comes back
    assert bucket.take("SX") == 0 and bucket.take("SX") > 0


def test_limits_from_the_environment():
    limits = Limits.from_env({"DESK_SERVER_MAX_BODY_BYTES": "1000", "DESK_SERVER_MAX_CHANGES": "x",
                              "DESK_SERVER_REQUESTS_PER_MINUTE": "5"})
    assert (limits.max_body_bytes, limits.max_changes, limits.requests_per_minute) == (1000, 2000, 5)


def test_mirror_refresh_waits_for_pushes_to_pause():
    runs = []
    done = threading.Event()
    refresher = QuietRefresher(lambda: (runs.append(time.monotonic()), done.set()), quiet=0.3, longest=5)
    started = time.monotonic()
    for _ in range(10):  # a burst of batches
        refresher.poke()
        time.sleep(0.05)
    assert done.wait(5)
    time.sleep(0.5)
    assert len(runs) == 1 and runs[0] - started >= 0.3 + 0.45


def test_language_per_request_not_per_process():
    """Two requests computing at once, one in English, one in Chinese: each speaks its own
    (labels, catalogue words, refusals), and the process's language is untouched (the server
    used to flip it per request)."""
    from desk import i18n

    before = i18n.language()
    barrier = threading.Barrier(2)
    seen = {}

    def speak(lang):
        with i18n.using(lang):
            barrier.wait(5)  # both inside their own language at the same moment
            seen[lang] = (i18n.label("status.resolved"), i18n._("Save (Ctrl+S)"),
                          i18n.message("order_not_found", ref="SX-1"))
            barrier.wait(5)

    threads = [threading.Thread(target=speak, args=(lang,)) for lang in ("en", "zh_CN")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"en": ("Resolved", "Save (Ctrl+S)", "No work order SX-1."),
                    "zh_CN": ("已办结", "保存（Ctrl+S）", "找不到工单 SX-1。")} and i18n.language() == before
