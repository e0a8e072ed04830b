"""Database work off the GUI thread: one worker thread runs service calls in order and hands
results back on the GUI thread through a signal (as Anki's taskman and Picard's run_task do).

Tests use `SyncRunner`, which runs the same calls at once on the calling thread, so a test can
click and then assert without waiting.
"""

from __future__ import annotations

import itertools
import queue
import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call across threads."""

    finished = Signal(int, object, object)  # job id, result, error
    busy_changed = Signal(bool)


class Runner(QObject):
    """What screens talk to: `run(fn, *args, on_done=…, on_error=…)`."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.default_error_handler: Failed | None = None

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None, **kwargs: Any) -> None:
        raise NotImplementedError

    def later(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread in a later turn of the event loop, so one turn never
        holds the window for long (a screen drawing its charts one per turn)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, fn)

    def _deliver(self, result: Any, error: BaseException | None, on_done: Done | None, on_error: Failed | None) -> None:
        if _gone(on_done) or _gone(on_error):
            return  # its screen was closed while the worker ran (an order detail closed at once)
        if error is None:
            if on_done is not None:
                on_done(result)
            return
        handler = on_error or self.default_error_handler
        if handler is None:
            raise error
        handler(error)

    def shutdown(self) -> None:
        pass


def _gone(callback) -> bool:
    """A screen's method whose Qt object has been deleted: nothing left to show the result on."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class SyncRunner(Runner):
    """Runs each call at once on the calling thread (tests, the screenshot script)."""

    def later(self, fn):
        fn()  # at once, like every call here: a test asserts right after

    def run(self, fn, *args, on_done=None, on_error=None, **kwargs):
        try:
            result, error = fn(*args, **kwargs), None
        except Exception as exc:  # handed to the error handler like the threaded runner does
            result, error = None, exc
        self._deliver(result, error, on_done, on_error)


class _WorkerThread(QThread):
    def __init__(self, jobs: "queue.Queue", relay: _Relay):
        super().__init__()
        self.jobs = jobs
        self.relay = relay

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            job_id, fn, args, kwargs = job
            self.relay.busy_changed.emit(True)
            try:
                result, error = fn(*args, **kwargs), None
            except Exception as exc:
                result, error = None, exc
            self.relay.finished.emit(job_id, result, error)
            if self.jobs.empty():
                self.relay.busy_changed.emit(False)


class ThreadRunner(Runner):
    """One database worker: calls run one after another, so writes never race each other and
    SQLite sees a single writer from this window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: queue.Queue = queue.Queue()
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)
        self._relay.busy_changed.connect(self.busy_changed)
        self._thread = _WorkerThread(self._jobs, self._relay)
        self._thread.start()

    def run(self, fn, *args, on_done=None, on_error=None, **kwargs):
        with self._lock:
            job_id = next(self._ids)
            self._callbacks[job_id] = (on_done, on_error)
        self._jobs.put((job_id, fn, args, kwargs))

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            on_done, on_error = self._callbacks.pop(job_id, (None, None))
        self._deliver(result, error, on_done, on_error)

    def pending(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def shutdown(self, wait_ms: int = 5000) -> None:
        if self._thread.isRunning():
            self._jobs.put(None)
            self._thread.wait(wait_ms)
