"""A private CUPS server with a cups-pdf queue, for tests that print for real.

It runs from its own directory and socket (CUPS_SERVER points libcups, and so Qt, at it), so it
neither needs nor disturbs a system CUPS. cups-pdf writes into the job owner's ~/PDF (see
/etc/cups/cups-pdf.conf)."""

from __future__ import annotations

import getpass
import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

CUPSD = shutil.which("cupsd") or "/usr/sbin/cupsd"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
QUEUE = "DeskPDF"


def available() -> str:
    """'' when a real CUPS can be started here, else why not."""
    if not Path(CUPSD).exists():
        return "cupsd is not installed (scripts/test.sh installs cups and printer-driver-cups-pdf)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "cupsd runs its backends as root"
    return ""


class CupsServer:
    def __init__(self, root: Path, *, keep_jobs: bool = False):
        self.root = root
        self.keep_jobs = keep_jobs  # keep each job's document as the application sent it
        self.socket = root / "cups.sock"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "CupsServer":
        r = self.root
        for d in ("spool", "cache", "state", "log", "ppd"):
            (r / d).mkdir(parents=True, exist_ok=True)
        (r / "tmp").mkdir(exist_ok=True)
        os.chmod(r / "tmp", 0o1777)  # filters run as lp and write their temporary files here
        (r / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
            + ("PreserveJobFiles Yes\n" if self.keep_jobs else "") +
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
        (r / "cups-files.conf").write_text(
            f"ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\nTempDir {r}/tmp\n"
            f"ErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\nPageLog {r}/log/page_log\n"
            "User lp\nGroup lp\nSystemGroup root\n")
        self.proc = subprocess.Popen([CUPSD, "-f", "-c", str(r / "cupsd.conf"), "-s", str(r / "cups-files.conf")])
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"cupsd did not start: {self.log()}")
            time.sleep(0.05)
        env = self.env()
        subprocess.run(["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", PPD, "-o", "printer-is-shared=no"],
                       check=True, env=env, capture_output=True)
        subprocess.run(["lpadmin", "-d", QUEUE], check=True, env=env, capture_output=True)
        return self

    def env(self) -> dict:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def sent_documents(self) -> list[Path]:
        """With keep_jobs: the documents as the application handed them to CUPS (before any
        filter), oldest first."""
        return sorted((self.root / "spool").glob("d*-001"), key=lambda p: p.stat().st_mtime)

    def log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def output_dir() -> Path:
    """Where cups-pdf puts the files of jobs sent by this user."""
    home = pwd.getpwnam(getpass.getuser()).pw_dir
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            m = re.match(r"^\s*Out\s+(.+?)\s*$", line)
            if m:
                out = m.group(1)
    return Path(out.replace("${HOME}", home))


def wait_for_output(token: str, since: float, timeout: float = 120, server: "CupsServer | None" = None) -> Path:
    """The cups-pdf file whose name carries `token`, once its job is completed."""
    directory = output_dir()
    deadline = time.monotonic() + timeout
    while server is not None and time.monotonic() < deadline:
        pending = subprocess.run(["lpstat", "-o", QUEUE], env=server.env(), capture_output=True, text=True).stdout
        if not pending.strip():
            break
        time.sleep(0.25)
    while time.monotonic() < deadline:
        if directory.exists():
            for p in directory.glob("*.pdf"):
                if token in p.name and p.stat().st_mtime >= since - 1:
                    size = p.stat().st_size
                    time.sleep(0.5)
                    if size > 0 and p.stat().st_size == size:
                        return p
        time.sleep(0.25)
    raise TimeoutError(f"no cups-pdf output with {token!r} in {directory}")


def point_libcups_at(socket: "Path | None") -> None:
    """libcups remembers its server per thread after first use (e.g. an earlier test that listed
    printers), so the environment variable alone is not enough: tell it directly."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("cups")
    if name:
        lib = ctypes.CDLL(name)
        lib.cupsSetServer.argtypes = [ctypes.c_char_p]
        lib.cupsSetServer(str(socket).encode() if socket else None)
