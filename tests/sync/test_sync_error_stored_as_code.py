"""A failed sync keeps its code and values in the sync state, not a sentence: the window and
the CLI read the last failure in their own language, the centre's own words included."""

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desk.i18n import using
from desk.sync.client import configure, sync
from desk.sync.errors import SyncError
from desk.sync.status import sync_brief


class _Refusing(BaseHTTPRequestHandler):
    def _refuse(self):  # noqa: N802
        body = json.dumps({"message_zh": "令牌已吊销", "message_en": "the token was revoked"}).encode()
        self.send_response(403)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _refuse

    def log_message(self, *_args):
        pass


def test_the_last_failure_is_stored_as_a_code_and_read_in_either_language(store, admin):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        configure(store, f"http://127.0.0.1:{server.server_address[1]}", "SX.token-123")
        with pytest.raises(SyncError):
            sync(store, timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    con = sqlite3.connect(store.path)
    stored = con.execute("SELECT value FROM sync_state WHERE key = 'last_error'").fetchone()[0]
    con.close()
    assert json.loads(stored) == {"code": "sync_refused",
                                  "params": {"detail": "令牌已吊销", "detail_en": "the token was revoked"}}
    with using("zh_CN"):
        assert sync_brief(store).last_error == "街道中心拒绝了同步：令牌已吊销"
    with using("en"):
        assert sync_brief(store).last_error == "The central server refused the sync: the token was revoked"


def test_a_sentence_an_older_desk_stored_is_shown_as_it_is(store, admin):
    from desk.sync import state

    with store.write() as s:
        state.put(s.connection(), "last_error", "无法连接街道中心")
    assert sync_brief(store).last_error == "无法连接街道中心"
