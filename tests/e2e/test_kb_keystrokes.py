"""Issue 18's keystroke goals, in the real desk window under Xvfb + openbox with X key events
(xdotool), Chinese pasted through the clipboard (xclip) as an input method would commit it:

- a returning visitor's renovation-noise complaint, in its sub-category 装修噪音, dispatched and
  its slip printed on a real CUPS queue: at most 10 keystrokes beyond the free text (was 18);
- a consultation answered from the knowledge base: at most 4 keystrokes beyond the question.

Free text is the phone number and the Chinese itself; every other key event is counted (a
chord such as Ctrl+1 is one keystroke). The results are checked in the database and the
printer's output, not in Qt objects. Self-contained helpers (the shared tests/e2e helpers of
issue 13 were not on main yet)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests import cups_server

pytestmark = pytest.mark.slow

PASSWORD = "correct-horse-1"
PHONE = "13800001234"
TOOLS = ("Xvfb", "openbox", "xdotool", "xclip", "xdpyinfo")


class XDesk:
    """An X display with a window manager, the desk as a real X client, and counted keys."""

    def __init__(self, workdir: Path, env: dict):
        self.workdir, self.env, self.keys, self.procs = workdir, env, 0, []

    def start_x(self) -> None:
        for n in range(130, 199):
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
                break
        self.env["DISPLAY"] = f":{n}"
        self._spawn(["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"], "xvfb.log")
        for _ in range(100):
            if subprocess.run(["xdpyinfo"], env=self.env, capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        self._spawn(["openbox", "--sm-disable"], "openbox.log")
        time.sleep(0.5)

    def start_desk(self, db: Path) -> None:
        self.desk = self._spawn([sys.executable, "-m", "desk", "--db", str(db)], "desk.log",
                                extra={"QT_QPA_PLATFORM": "xcb"})
        out = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.desk.pid)],
                             env=self.env, capture_output=True, text=True, timeout=90)
        self.window = out.stdout.split()[0]
        subprocess.run(["xdotool", "windowactivate", "--sync", self.window], env=self.env, capture_output=True)
        time.sleep(1.0)

    def _spawn(self, argv, log, extra=None):
        p = subprocess.Popen(argv, env={**self.env, **(extra or {})}, stdout=open(self.workdir / log, "wb"),
                             stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def key(self, *names: str, counted: bool = True) -> None:
        for name in names:
            subprocess.run(["xdotool", "key", "--clearmodifiers", name], env=self.env, check=True)
            self.keys += counted
            time.sleep(0.2)

    def type_ascii(self, value: str) -> None:  # free text
        subprocess.run(["xdotool", "type", "--delay", "40", "--", value], env=self.env, check=True)
        time.sleep(0.2)

    def paste(self, value: str) -> None:  # free text: what an input method commits
        subprocess.run(["xclip", "-selection", "clipboard", "-i"], input=value.encode(), env=self.env, check=True)
        time.sleep(0.2)
        self.key("ctrl+v", counted=False)

    def shot(self, path: Path) -> None:
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, capture_output=True)

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()


@pytest.fixture(scope="module")
def cups():
    why_not = cups_server.available()
    if why_not:
        pytest.skip(why_not)
    root = Path(tempfile.mkdtemp(prefix="desk-cups-"))
    root.chmod(0o755)
    server = cups_server.CupsServer(root).start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def station(tmp_path):
    """A station with a clerk and a returning visitor (one earlier matter)."""
    from desk.services import auth, intake, reference
    from desk.services.dto import Actor, MatterInput, VisitInput
    from desk.services.store import Store

    db = tmp_path / "desk.sqlite3"
    store = Store.open(db)
    admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                            admin_password=PASSWORD, admin_display_name="管理员")
    u = auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
    clerk = Actor(u.id, u.username, u.display_name, u.role)
    cats = {c.code: c.id for c in reference.list_categories(store)}
    earlier = intake.register_visit(store, clerk, VisitInput(
        name="张三明", phone=PHONE, lane="永嘉路", number="12",
        matters=(MatterInput(summary="楼道灯坏了", kind="help", category_id=cats["HOUSE-STAIR"]),)))
    store.close()
    return db, cats, earlier.visitor_id


def test_keystroke_goals_with_real_x_key_events(station, cups, tmp_path):
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/test.sh installs them)")
    db, cats, visitor_id = station
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "CUPS_SERVER": str(cups.socket),
           "DESK_SQLITE_SYNCHRONOUS": "NORMAL", "LANG": "zh_CN.UTF-8"}
    env.pop("QT_QPA_PLATFORM", None)
    x = XDesk(tmp_path, env)
    try:
        x.start_x()
        x.start_desk(db)
        time.sleep(1.5)
        x.key("alt+u", "ctrl+a", counted=False)  # the log-in page's user name field (Alt+U)
        x.type_ascii("wangli")
        x.key("alt+p", counted=False)
        x.type_ascii(PASSWORD)
        x.key("Return", counted=False)
        time.sleep(2.5)  # the intake screen, and the suggestion models trained in the background

        # 1. A returning visitor's renovation noise: phone, summary, one key for the suggested
        #    sub-category (with its department and kind), one key to save and print.
        x.keys = 0
        x.key("alt+h")  # the phone field (after log-in the matter's first field has the focus)
        x.type_ascii(PHONE)
        time.sleep(0.8)
        x.key("alt+s")
        x.paste("楼上邻居装修，每天一大早就用电钻，老人休息不了")
        time.sleep(1.0)
        x.shot(tmp_path / "noise-before-save.png")
        x.key("ctrl+1")
        since = time.time()
        x.key("ctrl+Return")
        noise_keys = x.keys
        time.sleep(2.0)

        # 2. A consultation answered from the knowledge base: the question, one key to use the
        #    first answer, one key to save.
        x.keys = 0
        x.key("alt+s")
        x.paste("孩子放学以后能不能在你们这里写作业")
        time.sleep(1.0)
        x.shot(tmp_path / "consult-before-save.png")
        x.key("alt+1")
        x.key("ctrl+s")
        consult_keys = x.keys
        time.sleep(2.0)
        x.shot(tmp_path / "after.png")
    finally:
        x.stop()
        log = (tmp_path / "desk.log").read_text(errors="replace") if (tmp_path / "desk.log").exists() else ""

    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, ticket_no, kind, category_id, status, lead_department_id, visitor_id, result "
                        "FROM work_order ORDER BY created_at, ticket_no").fetchall()
    assert len(rows) == 3, (rows, log[-2000:])
    noise, consult = rows[1], rows[2]
    wy = conn.execute("SELECT id FROM department WHERE code = 'WY'").fetchone()[0]
    assert noise[2:7] == ("complaint", cats["NOISE-RENO"], "dispatched", wy, visitor_id)
    printed = conn.execute("SELECT data FROM event WHERE order_id = ? AND kind = 'print'", (noise[0],)).fetchone()
    assert printed and cups_server.QUEUE in printed[0]
    assert cups_server.wait_for_output(noise[1].split("-")[-1], since, timeout=60, server=cups)
    assert noise_keys <= 10, noise_keys

    entry = conn.execute("SELECT e.id, e.answer FROM kb_use u JOIN kb_entry e ON e.id = u.entry_id "
                         "WHERE u.order_id = ?", (consult[0],)).fetchone()
    assert consult[2] == "consult" and consult[4] == "answered" and entry and consult[7] == entry[1]
    assert "晚托" in entry[1]
    assert consult_keys <= 4, consult_keys
    print(f"keystrokes beyond the free text: renovation noise {noise_keys}, knowledge-base answer {consult_keys}")
