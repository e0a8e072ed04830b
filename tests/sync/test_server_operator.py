"""The centre as its operator runs it: migrate says what it did, `station add` never silently
replaces a token, status / quarantine / reference / mirror commands, /v1/health checks the
database, tracebacks land in --log-file, and the operator page in a real headless chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desk.models import new_id
from tests.postgres_server import Postgres
from tests.sync.helpers import register
from tests.sync.test_hostile_station import ServerProcess, change, desk_row, headers, push

BIN = Path(sys.executable).parent
SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"


def cli(db: str, *args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(BIN / "desk-server"), "--db", db, *map(str, args)], capture_output=True, text=True,
                          timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def test_migrate_and_station_add_say_what_they_did(postgres):
    db = postgres.new_database()
    assert "schema created (revision s0003)" in cli(db, "migrate").stdout
    assert "schema up to date (revision s0003)" in cli(db, "migrate").stdout
    token = cli(db, "station", "add", "sx").stdout.strip()
    again = cli(db, "station", "add", "SX", check=False)
    assert again.returncode == 1 and "--rotate" in again.stderr and not again.stdout
    rotated = cli(db, "station", "add", "SX", "--rotate").stdout.strip()
    assert rotated.startswith("SX.") and rotated != token
    from desk.server import service
    from desk.server.db import make_engine

    engine = make_engine(db)
    assert service.authenticate(engine, token) is None and service.authenticate(engine, rotated)[0] == "SX"
    engine.dispose()


@pytest.fixture(scope="module")
def operated(postgres, tmp_path_factory):
    """A real server with two stations synced, one refused change held in the quarantine."""
    from tests.sync.conftest import make_station

    tmp = tmp_path_factory.mktemp("operated")
    server = ServerProcess(postgres.new_database(), tmp)
    made = {code: make_station(tmp, server, code) for code in ("JL", "SX")}
    for st in made.values():
        st.url = server.url
        register(st, 2)
        st.sync()
    # SX sends an order whose visit the centre does not have yet: held with missing_parent.
    visit = {**desk_row(made["SX"], "visit"), "origin_station": "SX"}
    visit_id = new_id()
    order = change("work_order", {**desk_row(made["SX"], "work_order"), "visit_id": visit_id,
                                  "ticket_no": "SX-20261205-0777"})
    answer = push(server, made["SX"], [order]).json()["results"][0]
    assert answer["reason"] == "missing_parent"
    yield server, made, tmp, (order, visit, visit_id)
    for st in made.values():
        st.store.close()
    server.close()


def test_status_quarantine_retry_and_mirror_rebuild(operated):
    server, made, tmp, (order, visit, visit_id) = operated
    status = json.loads(cli(server.db_url, "status", "--json").stdout)
    by = {s["station"]: s for s in status}
    assert set(by) == {"JL", "SX"} and by["SX"]["quarantined"] == 1 and by["JL"]["quarantined"] == 0
    assert by["JL"]["last_push_at"] and by["JL"]["last_pull_at"] and by["JL"]["lag_hours"] == 0.0
    assert by["JL"]["changes_waiting"] == 0 and by["JL"]["commits_behind"] >= 0
    table = cli(server.db_url, "status").stdout
    assert table.splitlines()[0].split()[:3] == ["station", "last", "push"] and "SX" in table

    listed = cli(server.db_url, "quarantine", "list", "--station", "sx").stdout
    assert order["change_id"] in listed and "missing_parent" in listed
    # Still refused while the visit is missing; applied once the station's visit has come.
    again = cli(server.db_url, "quarantine", "retry", order["change_id"]).stdout
    assert "quarantined (missing_parent" in again
    assert push(server, made["SX"], [change("visit", visit, row_id=visit_id)]).json()["results"][0]["status"] == "applied"
    assert f"{order['change_id']}: applied" in cli(server.db_url, "quarantine", "retry", order["change_id"]).stdout
    assert "nothing quarantined" in cli(server.db_url, "quarantine", "list").stdout
    assert cli(server.db_url, "quarantine", "discard", "nosuchid", check=False).returncode == 1

    out = cli(server.db_url, "mirror", "rebuild", "--data-dir", tmp / "rebuilt").stdout
    assert "figures mirror rebuilt:" in out and list((tmp / "rebuilt").glob("figures-mirror-*.sqlite3"))


def test_reference_pending_and_approve(operated):
    server, made, _, _ = operated
    dep = change("department", {"code": "ZZNEW", "name": "新部门", "origin_station": "SX",
                                "created_at": "2026-12-05T08:00:00+00:00", "updated_at": "2026-12-05T08:00:00+00:00"})
    assert push(server, made["SX"], [dep]).json()["results"][0]["status"] == "applied"
    assert "ZZNEW" in cli(server.db_url, "reference", "pending").stdout
    assert "approved department ZZNEW" in cli(server.db_url, "reference", "approve", "department", "ZZNEW").stdout
    assert "ZZNEW" not in cli(server.db_url, "reference", "pending").stdout


def test_health_checks_the_database_and_tracebacks_go_to_the_log_file(tmp_path):
    pg = Postgres()
    try:
        server = ServerProcess(pg.url(), tmp_path)
        try:
            token = server.token("SX")
            assert httpx.get(f"{server.url}/v1/health").json()["database"] == "ok"
            server.engine.dispose()
            pg.crash()
            resp = httpx.get(f"{server.url}/v1/health", timeout=30)
            assert resp.status_code == 503 and resp.json()["database"] == "unreachable"
            assert resp.json()["message_zh"] and resp.json()["message_en"]
            # The token check itself needs the database: a sentence, and the traceback in the log.
            resp = httpx.get(f"{server.url}/v1/pull", headers=headers(token), timeout=30)
            assert resp.status_code == 500 and resp.json()["error"] == "server_error"
            assert resp.json()["message_zh"] and resp.json()["message_en"]
            log = server.log.read_text()
            assert "Traceback (most recent call last)" in log and "OperationalError" in log
            pg.start()
            deadline = time.time() + 20
            while httpx.get(f"{server.url}/v1/health", timeout=30).status_code != 200:
                assert time.time() < deadline
                time.sleep(0.2)
        finally:
            server.close()
    finally:
        pg.stop()


@pytest.mark.skipif(not shutil.which("chromedriver"), reason="needs Debian's chromium-driver (scripts/test.sh)")
def test_operator_page_in_headless_chromium(operated):
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    server, made, tmp, _ = operated
    token = server.token("JIEDAO", "central")
    # Something to show: a refused change, and a real conflict (the centre resolves an order
    # while JL, not yet synced, starts work on it).
    from desk.server import service
    from tests.sync.helpers import act

    with made["SX"].store.read() as s:
        from sqlalchemy import select

        from desk.models import WorkOrder

        sx_order = s.execute(select(WorkOrder.id).limit(1)).scalar_one()
    push(server, made["SX"], [change("work_order", {"summary": "长" * 300}, row_id=sx_order)])
    jl_order = register(made["JL"], 1)[0]
    act(made["JL"], jl_order, "accept")
    made["JL"].sync()
    service.central_status(server.engine, jl_order, "resolved", reason="街道已处理")
    act(made["JL"], jl_order, "start")
    made["JL"].sync()
    # A station's token does not open the page.
    assert httpx.post(f"{server.url}/operator/login", data={"token": made["SX"].token}).status_code == 401
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1100", f"--user-data-dir={tmp / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"{server.url}/operator")
        assert "中心运行状况" in driver.title
        driver.find_element(By.NAME, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # The click only starts the form's POST; under load the next page arrives later, so wait
        # for it (finding #stations at once failed in CI while the old page was still shown).
        try:
            stations = WebDriverWait(driver, 30).until(
                expected_conditions.presence_of_element_located((By.ID, "stations")))
        except TimeoutException:
            pytest.fail(f"no station table after logging in; the page was:\n{driver.page_source[:2000]}")
        text = stations.text
        assert "站点" in text and "Station" in text and "JL" in text and "SX" in text and "正常" in text
        assert "有拒收" in text  # SX, with its refused change listed below
        assert "too_long" in driver.find_element(By.ID, "quarantine").text
        assert "已办结" in driver.find_element(By.ID, "conflicts").text  # the status, as people read it
        assert "受理" in driver.find_element(By.CLASS_NAME, "cards").text
        assert driver.find_element(By.ID, "quarantine") and driver.find_element(By.ID, "conflicts")
        assert "desk_operator" in {c["name"] for c in driver.get_cookies()}
        # The README's picture only when asked for (DESK_SCREENSHOTS=1): a test run must not
        # rewrite a tracked file; the page is still drawn and saved beside the test's files.
        shots = SCREENS if os.environ.get("DESK_SCREENSHOTS") else Path(tmp)
        shots.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(shots / "operator-page.png"))
    finally:
        driver.quit()


@pytest.mark.parametrize("command", [("status",), ("twins",), ("quarantine", "list")])
def test_an_unreachable_centre_database_is_a_sentence_not_a_traceback(command):
    from tests.sync.conftest import free_port

    done = cli(f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none", *command, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the central database cannot be reached" in done.stderr
