"""One call in a spawned child process of its own.

Work that holds Python's lock for long stretches (ReportLab's layout, pypinyin's tables, a large
backup's copy and check) freezes the window's GUI thread whenever it runs in the window's process
(issue 20). "spawn": the child starts clean, with no copy of the window's threads or Qt state.
Qt-free; used by the report, the backup and the suggestions' pinyin keys.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable


class ChildProcessFailed(Exception):
    """The child could not start, died, or ran past its time (not an exception of fn's own)."""


def run_in_child(fn: Callable[..., Any], *args: Any, timeout: float) -> Any:
    """fn(*args) in a spawned child (fn and args must pickle): its result, or the exception fn
    raised there, unchanged."""
    import multiprocessing

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(fn, *args).result(timeout=timeout)
    except (BrokenProcessPool, TimeoutError) as exc:
        raise ChildProcessFailed(str(exc) or type(exc).__name__) from exc
