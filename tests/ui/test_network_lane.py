"""Network work has its own lane: while a slow centre (a real local HTTP server that takes its
time) is asked for the all-stations figures, a database call made after it still answers at
once; the same fetch on the database lane would have held that answer up for the whole wait."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desk.services import dashboard_data, figures, figures_wire, queries
from desk.services.dto import OrderFilter
from desk.services.figures import Period, Scope
from desk.sync import figures_remote
from desk.sync.client import configure
from desk.ui.worker import ThreadRunner
from tests.core.core_helpers import order_in

SLOW = 2.5  # seconds the centre takes to answer


@pytest.fixture
def slow_centre(store, supervisor, ref):
    order_in(store, supervisor, ref, "dispatched")
    today = store.now().astimezone(store.calendar().tz).date()
    body = json.dumps(figures_wire.to_json(figures.compute(store, supervisor, Period.day(today), Scope()))).encode()
    asked = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            asked.set()
            time.sleep(SLOW)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    configure(store, f"http://127.0.0.1:{server.server_address[1]}", "SX.token-123")
    dashboard_data.set_all_stations_source(figures_remote.prepare_fetch, figures_remote.configured)
    try:
        yield Period.day(today), asked
    finally:
        dashboard_data.set_all_stations_source(None)
        server.shutdown()
        server.server_close()


def _database_answer_while_the_centre_waits(qtbot, store, supervisor, period, asked, *, on_network_lane: bool):
    """Seconds a database call made while the centre sleeps takes to answer, and the figures."""
    runner = ThreadRunner()
    fetched, answered = [], []
    try:
        def ask_centre(fetch):
            (runner.run_network if on_network_lane else runner.run)(fetch, on_done=fetched.append)

        runner.run(dashboard_data.prepare_all_stations, store, supervisor, period, Scope(), on_done=ask_centre)
        qtbot.waitUntil(asked.is_set, timeout=10_000)  # the centre has the request and takes its time
        started = time.perf_counter()
        runner.run(queries.list_orders, store, supervisor, OrderFilter(), on_done=answered.append)
        qtbot.waitUntil(lambda: bool(answered), timeout=15_000)
        took = time.perf_counter() - started
        waiting_still = not fetched
        qtbot.waitUntil(lambda: bool(fetched), timeout=15_000)
    finally:
        runner.shutdown()
    return took, waiting_still, fetched[0], answered[0]


def test_a_slow_centre_never_delays_a_database_answer(qapp, qtbot, store, supervisor, slow_centre):
    period, asked = slow_centre
    took, waiting_still, fig, rows = _database_answer_while_the_centre_waits(
        qtbot, store, supervisor, period, asked, on_network_lane=True)
    print(f"network lane: a database answer took {took * 1000:.0f} ms while the centre slept {SLOW} s")
    assert waiting_still and took < 1.0, took  # answered while the centre was still sleeping
    assert len(rows) == 1 and fig.intake == 1 and fig.period == period


def test_the_same_fetch_on_the_database_lane_would_hold_the_answer_up(qapp, qtbot, store, supervisor, slow_centre):
    """The control: what the lane prevents (so the test above can fail)."""
    period, asked = slow_centre
    took, waiting_still, _fig, _rows = _database_answer_while_the_centre_waits(
        qtbot, store, supervisor, period, asked, on_network_lane=False)
    print(f"database lane: the same answer took {took * 1000:.0f} ms behind the centre's {SLOW} s")
    assert took > SLOW - 1.0 and not waiting_still
