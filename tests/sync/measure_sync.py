"""Run `desk --db PATH sync ...` and print one JSON line: wall seconds and peak RSS of this
process (the desk side only; the central server runs elsewhere)."""

import json
import resource
import sys
import time

from desk.cli import main

started = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"exit": code, "seconds": round(time.perf_counter() - started, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
sys.exit(code)
