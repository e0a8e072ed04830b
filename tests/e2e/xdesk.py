"""Drive the real desk window as a person would: an X server (Xvfb), a window manager
(openbox), X-level key events (xdotool), the clipboard for Chinese (xclip + Ctrl+V) and
screenshots (ImageMagick's import). The Python twin of the team's xdesk.sh, kept in the repository
so CI needs nothing from outside it.

Nothing here touches Qt objects: tests assert through the database, the printed output and
the focus log the desk writes when DESK_FOCUS_LOG is set (desk/ui/focus_follow.py)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool", "xclip", "import", "xdpyinfo")
DELAY = float(os.environ.get("XD_DELAY", "0.12"))


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


class XServer:
    """Xvfb on a free display with openbox on it (without a window manager, focus and
    activation behave unlike any desktop)."""

    def __init__(self, root: Path, width: int = 1366, height: int = 768):
        self.root, self.width, self.height = root, width, height
        self.display = ""
        self.procs: list[subprocess.Popen] = []

    def start(self) -> "XServer":
        for n in range(110, 400):
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
                break
        self.display = f":{n}"
        log = open(self.root / f"xvfb{n}.log", "w")
        self.procs.append(subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{self.width}x{self.height}x24",
                                            "-nolisten", "tcp"], stdout=log, stderr=log))
        deadline = time.monotonic() + 15
        while subprocess.run(["xdpyinfo"], env=self.env(), capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.1)
        wm_log = open(self.root / f"openbox{n}.log", "w")
        self.procs.append(subprocess.Popen(["openbox", "--sm-disable"], env=self.env(), stdout=wm_log, stderr=wm_log))
        time.sleep(0.6)
        return self

    def env(self) -> dict:
        return {**os.environ, "DISPLAY": self.display}

    def stop(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
        self.procs.clear()


class Desk:
    """One `desk` process on an X server, with its own home (settings, slips, logs)."""

    def __init__(self, x: XServer, db: Path, home: Path, extra_env: dict | None = None):
        self.x, self.db, self.home = x, db, home
        self.extra_env = dict(extra_env or {})
        self.proc: subprocess.Popen | None = None
        self.wid = ""
        self.keys = 0  # keystrokes (a chord is one); pastes count separately
        self.pastes = 0
        self.focus_log = home / "focus.jsonl"
        self.clipboard: Clipboard | None = None

    def env(self) -> dict:
        h = self.home
        env = {**self.x.env(), "HOME": str(h), "XDG_DATA_HOME": str(h / "data"), "XDG_STATE_HOME": str(h / "state"),
               "XDG_CONFIG_HOME": str(h / "config"), "XDG_CACHE_HOME": str(h / "cache"),
               "QT_QPA_PLATFORM": "xcb", "DESK_FOCUS_LOG": str(self.focus_log), "DESK_LANG": "zh_CN",
               "DESK_SQLITE_SYNCHRONOUS": "NORMAL",
               # SIGABRT (a start that hangs, see start()) then prints every thread's Python stack.
               "PYTHONFAULTHANDLER": "1"}
        env.pop("DESK_DB", None)
        env.update(self.extra_env)
        return env

    def start(self, *args: str, timeout: float = 60) -> "Desk":
        self.home.mkdir(parents=True, exist_ok=True)
        log = open(self.home / "desk.log", "a")
        self.proc = subprocess.Popen([sys.executable, "-m", "desk", "--db", str(self.db), *args], env=self.env(),
                                     stdout=log, stderr=log)
        try:
            out = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.proc.pid)],
                                 env=self.x.env(), capture_output=True, text=True, timeout=timeout).stdout.split()
        except subprocess.TimeoutExpired:
            out = []
        if not out:
            raise RuntimeError(f"the desk window did not show within {timeout:.0f} s; its log and stacks:\n"
                               f"{self.stacks()}")
        self.wid = out[0]
        return self

    def stacks(self) -> str:
        """A desk that hangs: SIGABRT makes faulthandler (PYTHONFAULTHANDLER) write every thread's
        Python stack into its log; the log's end, with them. (One CI start that never showed its
        window left an empty log.)"""
        if self.alive() and hasattr(signal, "SIGABRT"):
            _end(self.proc, signal.SIGABRT)
        p = self.home / "desk.log"
        return p.read_text(errors="replace")[-12000:] if p.exists() else "(no log)"

    def log(self) -> str:
        p = self.home / "desk.log"
        return p.read_text(errors="replace")[-3000:] if p.exists() else ""

    def xdo(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.x.env(), capture_output=True, text=True).stdout.strip()

    def key(self, *keys: str, delay: float = DELAY) -> None:
        """One keystroke per argument, in xdotool's names (ctrl+s, alt+h, Return, Down)."""
        for k in keys:
            self.xdo("key", "--clearmodifiers", k)
            self.keys += 1
            time.sleep(delay)

    def type(self, text: str) -> None:
        """ASCII text (user names, digits): its characters are the free text, not counted."""
        self.xdo("type", "--delay", "30", "--", text)
        time.sleep(DELAY)

    def paste(self, text: str) -> None:
        """Any text (Chinese too) through the clipboard and Ctrl+V, as an input method would
        commit it (xdotool type drops CJK characters in Qt fields). Waits until the desk has
        fetched the text: X pulls the clipboard when Ctrl+V is handled, so a desk lagging behind
        the keys would otherwise paste the next paste's text (an input method commits at once)."""
        clip = self.clipboard = Clipboard(text, self.x.env())
        self.xdo("key", "--clearmodifiers", "ctrl+v")
        self.pastes += 1
        clip.wait_served()
        time.sleep(DELAY)

    def focused_window_name(self) -> str:
        return self.xdo("getwindowfocus", "getwindowname")

    def wait_for_window(self, name_part: str, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if name_part in self.focused_window_name():
                return True
            time.sleep(0.1)
        return False

    def shot(self, path: Path) -> Path:
        time.sleep(0.4)
        subprocess.run(["import", "-window", "root", str(path)], env=self.x.env(), capture_output=True, check=True)
        return path

    def focus_events(self) -> list[dict]:
        if not self.focus_log.exists():
            return []
        return [json.loads(line) for line in self.focus_log.read_text(encoding="utf-8").splitlines() if line.strip()]

    def last_focus(self) -> dict | None:
        events = self.focus_events()
        return events[-1] if events else None

    def wait_focus(self, name: str, timeout: float = 10) -> dict | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.last_focus()
            if last and last["name"] == name:
                return last
            time.sleep(0.1)
        return None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_exit(self, timeout: float = 10) -> int | None:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        if self.clipboard is not None and self.clipboard.proc.poll() is None:
            self.clipboard.proc.terminate()
            self.clipboard.proc.wait(5)
        if self.proc is not None and self.proc.poll() is None:
            _end(self.proc, signal.SIGTERM)



def _end(proc: subprocess.Popen, sig: int) -> None:
    """`sig`, ten seconds to end, then SIGKILL."""
    proc.send_signal(sig)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


class Clipboard:
    """xclip serving one text in the foreground; its -verbose lines count the requests served
    ("Waiting for selection request N of M" after N-1 of them)."""

    def __init__(self, text: str, env: dict):
        self.served = 0
        self.last_request = 0.0
        self._owning = threading.Event()
        self.proc = subprocess.Popen(["xclip", "-selection", "clipboard", "-i", "-verbose", "-loops", "1000"],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        threading.Thread(target=self._count, daemon=True).start()
        self.proc.stdin.write(text.encode())
        self.proc.stdin.close()
        if not self._owning.wait(10):
            raise RuntimeError("xclip did not take the clipboard")

    def _count(self) -> None:
        for line in self.proc.stderr:
            words = line.decode(errors="replace").split()
            if words[:4] == ["Waiting", "for", "selection", "request"] and len(words) > 4:
                self.served = int(words[4]) - 1
                self.last_request = time.monotonic()
                self._owning.set()
        # xclip exits when the next paste takes the clipboard over.

    def wait_served(self, timeout: float = 10, quiet: float = 0.3) -> bool:
        """True once the text was asked for and no further request came for `quiet` seconds
        (a Qt paste asks for the targets, then the text)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.served and time.monotonic() - self.last_request >= quiet:
                return True
            time.sleep(0.05)
        return False


def log_in(desk: Desk, user: str = "wangli", password: str = "demo-2026") -> None:
    """Name, Enter, password, Enter, typed at once the moment the window shows."""
    desk.xdo("key", "--clearmodifiers", "ctrl+a")
    desk.type(user)
    desk.xdo("key", "Return")
    desk.type(password)
    desk.xdo("key", "Return")
