"""The commands as an operator uses them: desk-server on a SQLite file (one-machine trial) with
TLS, station tokens added, listed and revoked; `desk sync` from the operating system.

The desk file is encrypted (`desk init`), so it is set up as a station does: the administrator
saves the server by hand with a log-in (--user, $DESK_PASSWORD) and enables unattended sync, whose
machine key is kept in the test keyring (tests/file_keyring.py, selected by
PYTHON_KEYRING_BACKEND as keyring documents); the OS timer's runs have no user and no password."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.sync.conftest import PASSWORD, free_port

BIN = Path(sys.executable).parent


REPO = Path(__file__).resolve().parents[2]


def run(*args, env=None, check=True) -> subprocess.CompletedProcess:
    full = {**os.environ, **(env or {})}
    for name in ("DESK_USER", "DESK_PASSWORD"):  # only when the step gives them (the timer has none)
        if name not in (env or {}):
            full.pop(name, None)
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120, env=full)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def test_server_on_sqlite_with_tls_tokens_and_desk_sync_cli(tmp_path):
    central_db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server = [BIN / "desk-server", "--db", central_db]
    token = run(*server, "station", "add", "sx").stdout.strip()
    assert token.startswith("SX.") and len(token) > 30
    assert "SX" in run(*server, "station", "list").stdout and token not in (tmp_path / "central.sqlite3").read_bytes().decode("latin-1")

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert)
    port = free_port()
    log = tmp_path / "server.log"
    proc = subprocess.Popen([*map(str, server), "serve", "--port", str(port), "--certfile", str(cert),
                             "--keyfile", str(key), "--log-file", str(log), "--data-dir", str(tmp_path / "data")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"https://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{url}/v1/health", verify=ssl.create_default_context(cafile=str(cert)), timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        desk_db = tmp_path / "desk.sqlite3"
        desk = [sys.executable, "-m", "desk", "--db", desk_db]
        timer = {"PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring", "PYTHONPATH": str(REPO),
                 "DESK_TEST_KEYRING_FILE": str(tmp_path / "keyring.json")}
        env = {"DESK_PASSWORD": PASSWORD, **timer}
        run(*desk, "init", "--station-code", "SX", "--station-name", "陕西居民区党群服务站", "--admin", "admin",
            env=env)
        # The encrypted file opens with a log-in: without --user, a sentence saying so and exit 2.
        no_user = run(*desk, "sync", "--server", url, "--token", token, "--save", "--cafile", cert, env=env,
                      check=False)
        assert no_user.returncode == 2 and "--user" in no_user.stderr and "Traceback" not in no_user.stderr
        first = run(*desk, "sync", "--user", "admin", "--server", url, "--token", token, "--save", "--cafile", cert,
                    "--json", env=env)
        assert json.loads(first.stdout)["pushed"] >= 0
        run(*desk, "unattended", "enable", "--user", "admin", env=env)
        status = json.loads(run(*desk, "sync", "--status", "--json", env=timer).stdout)
        assert status["pending"] == 0 and status["last_success_at"] and status["server_url"] == url
        # The all-stations figures: computed on the mirror the server keeps in its data folder.
        figs = httpx.get(f"{url}/v1/figures", params={"date_from": "2026-11-01", "date_to": "2026-11-30"},
                         headers={"Authorization": f"Bearer {token}", "X-Desk-Protocol": "1", "X-Desk-Schema": "0002"},
                         verify=ssl.create_default_context(cafile=str(cert)), timeout=30)
        assert figs.status_code == 200 and figs.json()["format"] == 1 and figs.json()["figures"]["intake"] == 0
        assert list((tmp_path / "data").glob("figures-mirror-*.sqlite3"))
        # Without the CA the desk refuses the certificate, with a message, not a traceback.
        bad = run(*desk, "sync", env=timer, check=False)
        assert bad.returncode == 7 and "无法连接街道中心" in bad.stderr
        run(*server, "station", "revoke", "SX")
        revoked = run(*desk, "sync", "--cafile", cert, env=timer, check=False)
        assert revoked.returncode == 7 and "令牌" in revoked.stderr
        assert "POST /v1/push station=SX status=200" in log.read_text()
    finally:
        proc.terminate()
        proc.wait(10)
