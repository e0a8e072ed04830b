"""Every thread's CPU clocks, for the stall watch (desk/ui/stall.py): when the GUI thread is
late, was another thread of the desk running (holding the GIL: the desk's own doing), or sat
runnable waiting for a CPU (the machine's load, even when that thread holds the GIL the GUI
thread waits for)?

Linux keeps, per thread, /proc/self/task/<tid>/schedstat: ns run on a CPU, ns waited in the
run queue. Reading them all takes ~0.1 ms, so the watch does it on each tick and keeps the
difference across a long gap. Elsewhere (no /proc) nothing is read and nothing is claimed.
"""

from __future__ import annotations

import os
import threading

_TASKS = "/proc/self/task"


def available() -> bool:
    return os.path.exists(f"{_TASKS}/{threading.get_native_id()}/schedstat")


class ThreadClocks:
    """snapshot(): {tid: (ran_ns, queued_ns)} for every thread of this process."""

    def __init__(self):
        self._fds: dict[int, int] = {}
        self._names: dict[int, str] = {}

    def snapshot(self) -> dict[int, tuple[int, int]]:
        out: dict[int, tuple[int, int]] = {}
        try:
            tids = [int(t) for t in os.listdir(_TASKS)]
        except OSError:
            return out
        for tid in tids:
            fd = self._fds.get(tid)
            try:
                if fd is None:
                    fd = self._fds[tid] = os.open(f"{_TASKS}/{tid}/schedstat", os.O_RDONLY)
                ran, queued = os.pread(fd, 64, 0).split()[:2]
                out[tid] = (int(ran), int(queued))
            except (OSError, ValueError):
                self._forget(tid)
        for gone in set(self._fds) - set(out):  # threads that ended: their files are dead
            self._forget(gone)
        return out

    def _forget(self, tid: int) -> None:
        fd = self._fds.pop(tid, None)
        if fd is not None:
            os.close(fd)

    def name(self, tid: int) -> str:
        """The Python thread's name where there is one, else the kernel's (Qt's threads)."""
        if tid not in self._names:
            py = {t.native_id: t.name for t in threading.enumerate()}
            if tid in py:
                self._names[tid] = py[tid]
            else:
                try:
                    with open(f"{_TASKS}/{tid}/comm", encoding="utf-8") as fh:
                        self._names[tid] = fh.read().strip()
                except OSError:
                    return str(tid)
        return self._names[tid]

    def close(self) -> None:
        for tid in list(self._fds):
            self._forget(tid)


def others_during(clocks: ThreadClocks, before: dict, after: dict, me: int) -> list[tuple[str, float, float]]:
    """(name, ran ms, queued ms) of every other thread that ran or waited in the interval,
    busiest first."""
    rows = []
    for tid, (ran, queued) in after.items():
        if tid == me or tid not in before:
            continue
        d_ran, d_q = (ran - before[tid][0]) / 1e6, (queued - before[tid][1]) / 1e6
        if d_ran > 0.05 or d_q > 0.05:
            rows.append((clocks.name(tid), round(d_ran, 1), round(d_q, 1)))
    rows.sort(key=lambda r: -(r[1] + r[2]))
    return rows
