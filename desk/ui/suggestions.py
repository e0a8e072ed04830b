"""The window's suggestion engine: the category model and the knowledge index held in memory,
trained on a background thread and queried on another, so a keystroke in the summary never
waits for either (the database worker is not used: a training run would hold it for seconds).

One engine per window (`engine_for(ctx)`); matter forms ask with `ask(text, callback)`; only the
latest question is answered (typing fast skips the ones in between)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desk.services import knowledge, suggest, suggest_apart
from desk.services.child_process import ChildProcessFailed
from desk.services.suggest_seed import KINDS, seed_phrases
from desk.ui.context import DeskContext

# No numpy here or in the models (suggest.KnowledgeIndex is plain Python): its import holds
# Python's lock in one C call for 0.1-0.3 s, which on the training thread after log-in was a
# frozen window (a 280 ms gap at a million orders) and, imported with the intake instead, a
# longer log-in (issue 20, benchmarks/README.md "Branch `firstkey3`").
RETRAIN_AFTER_SAVES = 25  # new orders before the category model is trained again
RETRAIN_MIN_SECONDS = 60.0
MAX_CHARS = 200  # a summary's length; a pasted page is read no further


@dataclass(frozen=True)
class SuggestionSet:
    text: str
    categories: tuple = ()  # suggest.CategorySuggestion
    answers: tuple = ()  # suggest.KnowledgeSuggestion
    seconds: float = 0.0  # time spent computing (the benchmark reads it)


@dataclass
class _Models:
    categories: Optional[suggest.CategoryModel] = None
    knowledge: Optional[suggest.KnowledgeIndex] = None
    frequency: dict = field(default_factory=dict)
    search_keys: dict = field(default_factory=dict)  # category id -> name, code, pinyin, initials


class SuggestionEngine(QObject):
    answered = Signal(object, object)  # callback, SuggestionSet (delivered on the GUI thread)
    models_changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QObject | None = None, train_now: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.models = _Models()
        self._lock = threading.Condition()
        self._question: Optional[tuple[str, Callable]] = None
        self._stopping = False
        self._saves_since = 0
        self._trained_at = 0.0
        self._training = False
        self.answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._query_thread = threading.Thread(target=self._answer_loop, name="desk-suggest", daemon=True)
        self._query_thread.start()
        ctx.changed.connect(self._on_changed)
        self.started = False
        if train_now:
            self.start()

    def start(self) -> None:
        """The first training; the window starts it a second after the log-in (or in the
        clerk's first pause, if sooner): it reads every order and starts a process for the
        pinyin keys, which at start-up competed with the log-in, the intake and the first keys
        for the two CPUs and Python's lock."""
        if self.started:
            return
        self.started = True
        if getattr(self.ctx.store, "locked", False):
            # Built while the log-in is checked (screen_builder.py): an encrypted file cannot be
            # read before it, and a training then would fail and leave no suggestions all day.
            self.ctx.actor_changed.connect(self._train_after_log_in)
        else:
            self.retrain(categories=True, answers=True)

    def _train_after_log_in(self, *_args) -> None:
        if getattr(self.ctx.store, "locked", False):
            return
        self.ctx.actor_changed.disconnect(self._train_after_log_in)
        self.retrain(categories=True, answers=True)

    # -- asking --------------------------------------------------------------------------------
    def ask(self, value: str, callback: Callable[[SuggestionSet], None]) -> None:
        with self._lock:
            self._question = (value, callback)
            self._lock.notify()

    def answer_now(self, value: str) -> SuggestionSet:
        """The same computation on the calling thread (the benchmark and tests)."""
        started = time.perf_counter()
        m = self.models
        head = value[:MAX_CHARS]
        cats = tuple(m.categories.suggest(head)) if m.categories else ()
        answers = tuple(m.knowledge.suggest(head)) if m.knowledge else ()
        return SuggestionSet(value, cats, answers, seconds=time.perf_counter() - started)

    def _answer_loop(self) -> None:
        while True:
            with self._lock:
                while self._question is None and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                value, callback = self._question
                self._question = None
            try:
                result = self.answer_now(value)
            except Exception:  # a model being swapped mid-question: the next keystroke asks again
                continue
            try:
                self.answered.emit(callback, result)
            except RuntimeError:
                return  # the window (and this engine's Qt side) is gone

    @Slot(object, object)
    def _deliver(self, callback, result) -> None:
        try:
            callback(result)
        except RuntimeError:
            pass  # the form that asked was closed (its C++ side is gone) before the answer came

    # -- training ------------------------------------------------------------------------------
    def _on_changed(self, kinds) -> None:
        if "knowledge" in kinds or "reference" in kinds:
            self.retrain(categories="reference" in kinds, answers=True)
        if "orders" in kinds:
            self._saves_since += 1
            if (self._saves_since >= RETRAIN_AFTER_SAVES
                    and time.monotonic() - self._trained_at >= RETRAIN_MIN_SECONDS):
                self.retrain(categories=True, answers=False)

    def retrain(self, *, categories: bool, answers: bool) -> None:
        if categories:
            if self._training:
                return
            self._training = True
            self._saves_since = 0
        threading.Thread(target=self._train, args=(categories, answers), name="desk-suggest-train",
                         daemon=True).start()

    def _train(self, categories: bool, answers: bool) -> None:
        store = self.ctx.store
        try:
            if answers:
                self.models.knowledge = suggest.index_knowledge(knowledge.suggestable(store))
            if categories:
                self._train_categories(store)
                self._trained_at = time.monotonic()
        except Exception as exc:
            # Suggestions stay as they were (none at first); the screens report an unreadable
            # database themselves, and anything else (a missing library in a bundle) is logged.
            from desk.errors import DeskError
            from desk.ui.errors import log_unexpected

            if not isinstance(exc, DeskError):
                log_unexpected(exc)
        finally:
            if categories:
                self._training = False
        try:
            self.models_changed.emit()
        except RuntimeError:
            pass  # the window closed while training

    def _train_categories(self, store) -> None:
        # In a child process (desk/services/suggest_apart.py: seconds of Python beside a clerk
        # typing froze the window 50-60 ms at a time); on this thread only if no child starts.
        try:
            trained = suggest_apart.train_apart(store)
        except ChildProcessFailed as exc:
            import logging

            logging.getLogger(__name__).warning("category model trained in-process: %s", exc)
            self.models.categories = suggest.train_categories(store, seed_phrases(), seed_kinds=KINDS)
            self.models.frequency = suggest.category_frequency(store)
            self.models.search_keys = search_keys(suggest.category_names(store))
            return
        self.models.categories, self.models.frequency = trained.model, trained.frequency
        self.models.search_keys = trained.search_keys
        _KEYS_CACHE.clear()
        _KEYS_CACHE[trained.names] = trained.search_keys

    def wait_trained(self, timeout: float = 30.0) -> bool:
        """For tests and the benchmark: until both models exist."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.models.categories is not None and self.models.knowledge is not None and not self._training:
                return True
            time.sleep(0.02)
        return False

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()


_KEYS_CACHE: dict = {}  # category names -> their search keys (they change when a supervisor edits the tree)


def search_keys(names: tuple) -> dict:
    """The category box's search keys (pinyin and initials), computed in a child process: a
    thread of the window importing pypinyin froze it 0.2–0.4 s after log-in (the import holds
    Python's lock in one long C call). Computed again only when the categories change. Should
    the child fail to start (a locked-down machine), the keys are computed here: a pause once,
    but the category box still finds by pinyin."""
    if names in _KEYS_CACHE:
        return _KEYS_CACHE[names]
    from desk.services.child_process import run_in_child

    try:
        keys = run_in_child(suggest.search_keys_of, names, timeout=300)
    except Exception as exc:  # no child process here: the same work on this thread
        import logging

        logging.getLogger(__name__).warning("category search keys computed in-process: %s", exc)
        keys = suggest.search_keys_of(names)
    _KEYS_CACHE.clear()
    _KEYS_CACHE[names] = keys
    return keys


def engine_for(ctx: DeskContext) -> SuggestionEngine:
    """The window's one engine, made on first use."""
    engine = getattr(ctx, "_suggestion_engine", None)
    if engine is None:
        # The window trains it a second after the log-in (screen_builder.py).
        engine = SuggestionEngine(ctx, parent=ctx, train_now=not getattr(ctx, "train_when_idle", False))
        ctx._suggestion_engine = engine
        ctx.destroyed.connect(engine.stop)  # its question thread ends with the window
    return engine
