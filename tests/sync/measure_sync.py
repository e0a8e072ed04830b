"""Run `desk --db PATH sync ...` and print one JSON line: wall seconds and peak RSS of this
process (the desk side only; the central server runs elsewhere).

Peak RSS is VmHWM from /proc: getrusage's ru_maxrss survives exec on Linux and would report the
parent's (pytest's) size."""

import json
import sys
import time


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return -1.0


from desk.cli import main

started = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"exit": code, "seconds": round(time.perf_counter() - started, 2),
                  "peak_rss_mb": peak_rss_mb()}))
sys.exit(code)
