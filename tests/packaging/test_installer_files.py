"""The installer files that are not built here: the central server's unit and environment file
and the Windows Inno Setup script. Read and checked, fast."""

from __future__ import annotations

import configparser
import importlib.util
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "installer" / "server"


def _env_file() -> dict[str, str]:
    values = {}
    for line in (SERVER / "desk-server.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_server_unit_is_valid_for_systemd_and_reads_the_environment_file():
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read(SERVER / "desk-server.service", encoding="utf-8")
    service = unit["Service"]
    assert service["EnvironmentFile"] == "/etc/desk-server/desk-server.env"
    assert service["ExecStart"] == "/usr/bin/desk-server serve $DESK_SERVER_OPTIONS"
    assert service["User"] == "desk-server" and service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    if shutil.which("systemd-analyze"):
        check = subprocess.run(["systemd-analyze", "verify", "--man=no", str(SERVER / "desk-server.service")],
                               capture_output=True, text=True)
        problems = [line for line in check.stderr.splitlines() if "is not executable" not in line]
        assert not problems, check.stderr


def test_server_environment_example_names_database_tls_and_bind_address():
    env = _env_file()
    assert env["DESK_SERVER_DB"].startswith("postgresql")
    options = shlex.split(env["DESK_SERVER_OPTIONS"])
    for flag in ("--host", "--port", "--certfile", "--keyfile"):
        assert flag in options


@pytest.mark.skipif(importlib.util.find_spec("desk.server") is None, reason="the central server is not in this tree")
def test_server_accepts_the_documented_options():
    from desk.server.cli import build_parser

    args = build_parser().parse_args(["--db", _env_file()["DESK_SERVER_DB"], "serve",
                                      *shlex.split(_env_file()["DESK_SERVER_OPTIONS"])])
    assert args.certfile == "/etc/desk-server/cert.pem" and args.host == "0.0.0.0"
    build_parser().parse_args(["--db", "sqlite:///x", "migrate"])  # ExecStartPre= in the unit


def test_windows_installer_is_per_user_keeps_data_and_schedules_the_sync():
    iss = (ROOT / "installer" / "windows" / "desk.iss").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = ""
    for line in iss.splitlines():
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = line.strip()[1:-1]
        elif line.strip() and not line.lstrip().startswith((";", "#")):
            sections.setdefault(current, []).append(line)
    setup = "\n".join(sections["Setup"])
    assert "PrivilegesRequired=lowest" in setup and "SetupIconFile=..\\..\\resources\\icons\\desk.ico" in setup
    assert (ROOT / "resources" / "icons" / "desk.ico").is_file()
    icons = "\n".join(sections["Icons"])
    assert "{autoprograms}" in icons and "{autodesktop}" in icons
    run = "\n".join(sections["Run"])
    assert "schtasks.exe" in run and "/Create" in run and "sync" in run
    assert "/Delete" in "\n".join(sections["UninstallRun"])
    # The data folder (%LOCALAPPDATA%\desk) must survive uninstalling: nothing deletes it.
    code = "\n".join(line for lines in sections.values() for line in lines).lower()
    assert "UninstallDelete" not in sections and "localappdata" not in code and "deltree" not in code
    assert "..\\..\\build\\dist\\desk" in iss  # what desk.spec makes
