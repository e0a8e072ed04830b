"""The real installer: build the PyInstaller bundle and the .deb with installer/build-deb.sh,
then check what the package holds and run the bundled desk from the unpacked package: its
self-test offscreen, and an upgrade over a database left by an older release.

Slow (a minute or two of CPU): the build happens once per session. It is skipped only when
PyInstaller cannot be installed.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import desk

# build-deb.sh builds in the tree's build/ folder: one worker builds, once (session fixtures).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("installer")]

ROOT = Path(__file__).resolve().parents[2]

DATA = Path(__file__).resolve().parents[1] / "data"
RELEASE_DBS = sorted(DATA.glob("desk-*.sqlite3"))
PASSWORD = "release-2026"  # tests/data/make_release_db.py


def _ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyinstaller>=6.5,<7"],
                          capture_output=True, text=True)
    if done.returncode != 0 or importlib.util.find_spec("PyInstaller") is None:
        pytest.skip(f"PyInstaller cannot be installed here: {done.stderr.strip()[-300:]}")


@pytest.fixture(scope="session")
def deb(tmp_path_factory) -> Path:
    _ensure_pyinstaller()
    out = tmp_path_factory.mktemp("deb")
    env = dict(os.environ, DESK_DEB_COMPRESSION="none")  # compressing 250 MB is dpkg's work, not ours
    start = time.perf_counter()
    done = subprocess.run(["bash", str(ROOT / "installer" / "build-deb.sh"), "--python", sys.executable,
                           "--out", str(out)], capture_output=True, text=True, env=env, timeout=1200)
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, f"build-deb.sh failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    debs = list(out.glob("desk_*.deb"))
    assert len(debs) == 1, debs
    print(f"\nbuild-deb.sh: {elapsed:.0f} s, {debs[0].stat().st_size / 2**20:.0f} MB .deb")
    return debs[0]


@pytest.fixture(scope="session")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def run_bundled(unpacked: Path, *args: str, home: Path, env: dict | None = None, timeout: int = 180):
    """The desk as installed: /opt/desk/desk, with its own home folder and no screen."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DESK_", "XDG_", "PYTHON"))}
    base.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", DESK_LANG="en", **(env or {}))
    return subprocess.run([str(unpacked / "opt" / "desk" / "desk"), *args], capture_output=True, text=True,
                          env=base, timeout=timeout)


# -- what the package holds ------------------------------------------------------------------

def test_deb_holds_bundle_launcher_desktop_entry_icons_and_sync_timer(deb):
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    names = {line.split()[5] for line in listing.splitlines()}
    for needed in ("./opt/desk/desk", "./usr/share/applications/desk.desktop",
                   "./usr/lib/systemd/user/desk-sync.timer", "./usr/lib/systemd/user/desk-sync.service",
                   "./usr/share/icons/hicolor/256x256/apps/desk.png", "./usr/share/icons/hicolor/48x48/apps/desk.png",
                   "./usr/share/icons/hicolor/scalable/apps/desk.svg",
                   "./opt/desk/_internal/desk/migrations/env.py",
                   "./opt/desk/_internal/desk/migrations/script.py.mako",
                   "./opt/desk/_internal/desk/migrations/versions/0001_initial_schema.py",
                   "./opt/desk/_internal/desk/resources/fonts/wqy-microhei.ttc",
                   "./opt/desk/_internal/desk/resources/icons/desk.svg"):
        assert needed in names, f"{needed} is not in the package"
    for migration in (ROOT / "desk" / "migrations" / "versions").glob("[0-9]*.py"):
        assert f"./opt/desk/_internal/desk/migrations/versions/{migration.name}" in names
    assert any(n.startswith("./opt/desk/_internal/qt_material/themes/") and n.endswith(".xml") for n in names)
    assert any(n.startswith("./opt/desk/_internal/reportlab/fonts/") for n in names)
    launcher = next(line for line in listing.splitlines() if line.split()[5] == "./usr/bin/desk")
    assert launcher.startswith("l") and launcher.endswith("-> /opt/desk/desk")
    # Nothing of the virtual keyboard / Qt Quick stack that the spec leaves out.
    assert not any("VirtualKeyboard" in n or "libQt6Quick" in n for n in names)

    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
                             check=True, capture_output=True, text=True).stdout
    assert "Package: desk" in control and f"Version: {desk.__version__}" in control
    assert "libxcb-cursor0" in control  # Qt's xcb platform fails without it


def test_desktop_entry_and_timer_say_what_the_menu_and_systemd_need(unpacked):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(unpacked / "usr/share/applications/desk.desktop", encoding="utf-8")
    e = entry["Desktop Entry"]
    assert (e["Type"], e["Exec"], e["Icon"], e["Terminal"]) == ("Application", "desk", "desk", "false")
    assert e["Categories"] == "Office;" and e["Name[zh_CN]"] == "全岗接待台"

    timer = configparser.ConfigParser(interpolation=None, strict=False)
    timer.read(unpacked / "usr/lib/systemd/user/desk-sync.timer", encoding="utf-8")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 02:30:00" and timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    service = configparser.ConfigParser(interpolation=None, strict=False)
    service.read(unpacked / "usr/lib/systemd/user/desk-sync.service", encoding="utf-8")
    assert service["Service"]["ExecStart"] == "/usr/bin/desk sync" and service["Service"]["Type"] == "oneshot"

    if shutil.which("systemd-analyze"):
        # systemd's own parser: unknown keys, bad calendar expressions and bad sections fail here.
        units = unpacked / "usr/lib/systemd/user"
        cal = subprocess.run(["systemd-analyze", "calendar", timer["Timer"]["OnCalendar"]],
                             capture_output=True, text=True)
        assert cal.returncode == 0, cal.stderr
        for unit in ("desk-sync.timer", "desk-sync.service"):
            check = subprocess.run(["systemd-analyze", "verify", "--man=no", str(units / unit)],
                                   capture_output=True, text=True)
            # /usr/bin/desk is not installed on the test machine: the one complaint allowed.
            problems = [line for line in check.stderr.splitlines() if "is not executable" not in line]
            assert not problems, check.stderr


# -- the bundled desk -----------------------------------------------------------------------

def test_bundled_desk_shows_its_version(unpacked, tmp_path):
    done = run_bundled(unpacked, "--version", home=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"desk {desk.__version__}"


def test_bundled_self_test_passes_offscreen(unpacked, tmp_path):
    keep = tmp_path / "kept"
    start = time.perf_counter()
    done = run_bundled(unpacked, "self-test", "--json", "--keep", str(keep), home=tmp_path / "home")
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    report = json.loads(done.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert report["passed"] is True
    for name in ("files", "database", "visit", "window"):
        assert checks[name]["status"] == "ok", checks[name]
    # The slip must render in the bundle whenever the slip module is part of the source.
    if importlib.util.find_spec("desk.printing") is not None:
        assert checks["slip"]["status"] == "ok", checks["slip"]
        assert (keep / "slip.pdf").read_bytes().startswith(b"%PDF")
    else:
        assert checks["slip"]["status"] == "skip"
    shot = keep / "window.png"
    assert shot.stat().st_size > 2000, "the window screenshot is empty"
    print(f"\nbundled self-test: {elapsed:.1f} s; " + "; ".join(f"{c['name']} {c['status']} {c['ms']} ms"
                                                             for c in report["checks"]))


@pytest.mark.parametrize("release_db", RELEASE_DBS, ids=[p.stem for p in RELEASE_DBS])
def test_bundled_desk_opens_an_older_release_database_keeping_every_row(unpacked, tmp_path, release_db):
    from desk.db import head_revision, make_engine

    db = tmp_path / "station" / "desk.sqlite3"
    db.parent.mkdir()
    shutil.copy(release_db, db)
    before = _counts(db)
    old_revision = before.pop("revision")
    head = head_revision(make_engine(":memory:"))

    done = run_bundled(unpacked, "--db", str(db), "orders", "list", "--json", "--user", "admin",
                       home=tmp_path / "home", env={"DESK_PASSWORD": PASSWORD})
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    tickets = {row["ticket_no"]: row["status"] for row in json.loads(done.stdout)["orders"]}
    assert tickets == {"SX-20261130-0001": "accepted", "SX-20261130-0002": "answered"}

    after = _counts(db)
    assert after.pop("revision") == head
    for table, count in before.items():
        assert after[table] >= count, f"{table}: {count} rows before the upgrade, {after[table]} after"
    backups = sorted((db.parent / "backups").glob("*.sqlite3")) if (db.parent / "backups").exists() else []
    if old_revision == head:
        assert backups == [], "nothing to migrate, yet the file was copied aside"
    else:
        assert len(backups) == 1 and f"before-upgrade-{old_revision}" in backups[0].name
        copy = _counts(backups[0])
        assert copy.pop("revision") == old_revision and copy == before


def _counts(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'order_search%' AND name != 'alembic_version'")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts["revision"] = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        return counts
    finally:
        con.close()


@pytest.mark.skipif(not (ROOT / "desk" / "cli" / "sync.py").is_file(), reason="desk sync is not in this tree")
def test_bundled_desk_sync_runs_what_the_nightly_timer_runs(unpacked, tmp_path):
    db = tmp_path / "desk.sqlite3"
    shutil.copy(RELEASE_DBS[-1], db)
    done = run_bundled(unpacked, "--db", str(db), "sync", "--status", "--json", home=tmp_path / "home")
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "pending" in json.loads(done.stdout)


@pytest.mark.skipif(not (ROOT / "desk" / "server" / "cli.py").is_file(), reason="desk-server is not in this tree")
def test_bundled_desk_server_migrates_a_central_database(deb, unpacked, tmp_path):
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert "./usr/bin/desk-server -> /opt/desk/desk-server" in listing
    central = tmp_path / "central.sqlite3"
    server = unpacked / "opt" / "desk" / "desk-server"
    done = subprocess.run([str(server), "--db", f"sqlite:///{central}", "migrate"], capture_output=True, text=True,
                          env={**os.environ, "HOME": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    con = sqlite3.connect(central)
    try:
        assert con.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    finally:
        con.close()


@pytest.mark.skipif(shutil.which("systemctl") is None, reason="no systemctl on this machine")
def test_maintainer_scripts_enable_the_timer_for_every_user_and_disable_it_on_removal(deb, unpacked, tmp_path):
    control = tmp_path / "DEBIAN"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    wants = unpacked / "etc/systemd/user/timers.target.wants/desk-sync.timer"
    env = {**os.environ, "DPKG_ROOT": str(unpacked)}  # as `dpkg --root` runs them
    subprocess.run(["sh", str(control / "postinst"), "configure"], check=True, env=env)
    assert wants.is_symlink() and os.readlink(wants) == "/usr/lib/systemd/user/desk-sync.timer"
    subprocess.run(["sh", str(control / "prerm"), "remove"], check=True, env=env)
    assert not wants.is_symlink()


@pytest.mark.skipif(not (ROOT / "desk" / "server" / "cli.py").is_file(), reason="desk-server is not in this tree")
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_bundled_desk_server_serves_https_with_the_documented_options(unpacked, tmp_path):
    import socket
    import ssl
    import urllib.error
    import urllib.request

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(unpacked / "opt/desk/desk-server"), "--db", f"sqlite:///{tmp_path / 'c.sqlite3'}",
                               "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--certfile", str(cert), "--keyfile", str(key)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False
    try:
        deadline = time.monotonic() + 60
        while True:
            try:  # any HTTP answer over TLS shows the bundled server started (the route is the server's)
                status = urllib.request.urlopen(f"https://127.0.0.1:{port}/v1/health", context=context, timeout=5).status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "desk-server did not answer within 60 s"
                time.sleep(0.5)
                continue
            break
        assert 200 <= status < 500
    finally:
        server.terminate()
        server.wait(timeout=30)
