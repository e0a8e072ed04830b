"""The machine a run was made on (the README states it beside the table)."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys


def describe() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    ram_gb = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = next(int(line.split()[1]) for line in fh if line.startswith("MemTotal"))
        ram_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "ram_gb": ram_gb,
        "load_average": load,
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
