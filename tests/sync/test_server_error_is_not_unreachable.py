"""A centre that answers with a server error (HTTP 500) was reached: the sentence says the
server had an error, not that it cannot be reached."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desk.i18n import set_language
from desk.sync.client import Client
from desk.sync.errors import SyncError


class _Failing(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"Internal Server Error")

    do_POST = do_GET

    def log_message(self, *_args):
        pass


def test_http_500_is_reported_as_a_server_error():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = Client(f"http://127.0.0.1:{server.server_address[1]}", "token", timeout=10)
        set_language("zh_CN")
        with pytest.raises(SyncError) as err:
            client._call("GET", "/v1/status")
        assert "服务器出错" in str(err.value) and "HTTP 500" in str(err.value) and "无法连接" not in str(err.value)
        set_language("en")
        assert "server had an error" in str(SyncError("sync_server_error", detail="HTTP 500"))
    finally:
        set_language("zh_CN")
        server.shutdown()
        client.close()
