"""Database work off the GUI thread: one worker thread runs service calls in order and hands
results back on the GUI thread through a signal (as Anki's taskman and Picard's run_task do).

Network calls (the all-stations figures from the centre) run on a lane of their own,
`run_network`, as Anki's task manager keeps work that `uses_collection` apart: a slow or dead
centre never delays a database answer. A network call gets no store: what it needs from the
database is read first on the database worker.

Tests use `SyncRunner`, which runs the same calls at once on the calling thread, so a test can
click and then assert without waiting.

A failure nobody handles is never silent (as Anki's CollectionOp): with no `on_error` the
runner logs it with its traceback and shows its sentence, in the person's language, in the
window's message area (`show_message`). A call that expects to fail says why with
`expected_failure("why")`, which still logs.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from desk.errors import DeskError

_logger = logging.getLogger("desk.ui.worker")
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
        # A screen's own handler when it passes none (the first-run dialog's message box).
        self.default_error_handler: Failed | None = None
        # Where the default shows its sentence: the main window's status bar once it exists.
        self.show_message: Callable[[str], None] | None = None

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None, **kwargs: Any) -> None:
        raise NotImplementedError

    def later(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread in a later turn of the event loop, so one turn never
        holds the window for long (a screen drawing its charts one per turn). A 1 ms timer, not
        a 0 ms one: those are posted events, and a chain of them could run back to back before
        any timer that fell due meanwhile (the stall watch saw two dashboard parts in one gap)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(1, fn)

    def run_network(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
                    on_error: Failed | None = None, **kwargs: Any) -> None:
        """A call that waits on the network, not the database (answered like `run`)."""
        self.run(fn, *args, on_done=on_done, on_error=on_error, **kwargs)

    def _deliver(self, result: Any, error: BaseException | None, on_done: Done | None, on_error: Failed | None) -> None:
        if _gone(on_done) or _gone(on_error):
            return  # its screen was closed while the worker ran (an order detail closed at once)
        if error is None:
            if on_done is not None:
                on_done(result)
            return
        (on_error or self.fail)(error)

    def fail(self, error: BaseException) -> None:
        """The default for a failure: the screen's own default handler if set, else logged and
        its sentence shown in the window's message area (a handler may pass on what it does not
        expect)."""
        if self.default_error_handler is not None:
            self.default_error_handler(error)
        elif self.show_message is not None:
            self.show_message(report(error))
        else:
            raise error  # no window to show it in (a test without one): fail loudly

    def shutdown(self) -> None:
        pass


def report(exc: BaseException) -> str:
    """Log a failure with its traceback; the sentence the person sees for it."""
    from desk.ui.errors import describe  # describe logs an unexpected error to the error log

    if isinstance(exc, DeskError):  # a refusal: expected enough for a warning, still traceable
        _logger.warning("refused: %s", exc, exc_info=exc)
    return describe(exc)


def expected_failure(why: str) -> Failed:
    """The `on_error` of a call whose failure is expected and harmless (`why` says so): logged
    with its traceback, shown to nobody."""
    def log(exc: BaseException) -> None:
        _logger.info("expected failure (%s): %s", why, exc, exc_info=exc)
    return log


def _gone(callback) -> bool:
    """A screen's method whose Qt object has been deleted: nothing left to show the result on."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class SyncRunner(Runner):
    """Runs each call at once on the calling thread (tests, the screenshot script)."""

    def later(self, fn):
        fn()  # at once, like every call here: a test asserts right after

    # Calls running now: stands for "on the worker" to the tests' guard that no screen reads the
    # database on the GUI thread (tests/ui/gui_thread_guard.py); the answer's callback is outside.
    calls_running = 0

    def run(self, fn, *args, on_done=None, on_error=None, **kwargs):
        SyncRunner.calls_running += 1
        try:
            result, error = fn(*args, **kwargs), None
        except Exception as exc:  # handed to the error handler like the threaded runner does
            result, error = None, exc
        finally:
            SyncRunner.calls_running -= 1
        self._deliver(result, error, on_done, on_error)


def _serve(jobs: "queue.Queue", relay: _Relay, shows_busy: bool) -> None:
    while True:
        job = jobs.get()
        if job is None:
            return
        job_id, fn, args, kwargs = job
        if shows_busy:
            relay.busy_changed.emit(True)
        try:
            result, error = fn(*args, **kwargs), None
        except Exception as exc:
            result, error = None, exc
        relay.finished.emit(job_id, result, error)
        if shows_busy and jobs.empty():
            relay.busy_changed.emit(False)


class _WorkerThread(QThread):
    def __init__(self, jobs: "queue.Queue", relay: _Relay):
        super().__init__()
        self.jobs = jobs
        self.relay = relay

    def run(self) -> None:
        _serve(self.jobs, self.relay, shows_busy=True)


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
        # The network lane: its own queue and thread, started at its first call. A daemon
        # Python thread: a centre that does not answer must not hold the window's quit (its
        # calls time out on their own); the status bar's "Working…" stays the database's.
        self._network_jobs: queue.Queue = queue.Queue()
        self._network_thread = threading.Thread(target=_serve, args=(self._network_jobs, self._relay, False),
                                                name="desk-network", daemon=True)

    def run(self, fn, *args, on_done=None, on_error=None, **kwargs):
        self._jobs.put(self._job(fn, args, kwargs, on_done, on_error))

    def run_network(self, fn, *args, on_done=None, on_error=None, **kwargs):
        if not self._network_thread.is_alive():
            self._network_thread.start()
        self._network_jobs.put(self._job(fn, args, kwargs, on_done, on_error))

    def _job(self, fn, args, kwargs, on_done, on_error) -> tuple:
        with self._lock:
            job_id = next(self._ids)
            self._callbacks[job_id] = (on_done, on_error)
        return job_id, fn, args, kwargs

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            on_done, on_error = self._callbacks.pop(job_id, (None, None))
        self._deliver(result, error, on_done, on_error)

    def pending(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def shutdown(self, wait_ms: int = 5000) -> None:
        if self._network_thread.is_alive():
            self._network_jobs.put(None)  # not waited for: a daemon, its call times out by itself
        if self._thread.isRunning():
            self._jobs.put(None)
            self._thread.wait(wait_ms)
