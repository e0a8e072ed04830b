"""python -m benchmarks.desk_process <desk CLI arguments>: run the desk command line in this
process, then print one JSON line to stderr: in-process wall seconds, CPU seconds and this
process's peak RSS (VmHWM from /proc; getrusage's ru_maxrss survives exec on Linux and could
report a parent's size)."""

import json
import sys
import time


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return -1.0


if __name__ == "__main__":
    started, cpu = time.perf_counter(), time.process_time()
    from desk.cli import main

    code = main(sys.argv[1:])
    sys.stdout.flush()
    print(json.dumps({"exit": code, "seconds": round(time.perf_counter() - started, 3),
                      "cpu_s": round(time.process_time() - cpu, 3), "peak_rss_mb": peak_rss_mb()}),
          file=sys.stderr)
    sys.exit(code)
