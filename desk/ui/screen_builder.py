"""When the work screens (intake, queue, callbacks) are built, so that a key is never kept waiting.

Built just after the window showed, they held the GUI thread for about a second at a million
orders while the clerk's first keys (the user name) waited behind them (issue 20,
benchmarks/firstkey.py). Now:
- their modules are not imported on a thread at start: a window that never showed (one e2e
  start in four CI runs, not reproduced in 60 starts since) came with that, and PySide's import
  hook and type set-up on two threads at once is the suspect; the intake's import (~150 ms)
  runs when it is built, beside the password check;
- the intake is built the moment the log-in is submitted, while the password is checked on the
  database worker (Argon2id, a C call that lets go of the GIL), and its first matter form in the
  next turn (it used to be built when the categories arrived, after the log-in, in the turn the
  clerk's first key waited for); keys typed meanwhile are kept by the log-in page and typed into
  the intake's phone field once it shows (login.py);
- the queue and the callbacks are built when first shown (lazy_tab.py), or once the clerk has
  been idle a moment after log-in, one screen per pause; first the day's backup, which started
  with the log-in and held the first keys: a key pressed while one is built waits for it, it is
  never lost; the intake's spare matter form in the first 0.3 s pause once logged in;
- the suggestions' first training (every order read, a process for the pinyin keys) a second
  after the log-in, or in the first pause if sooner (it started with the intake, beside the
  log-in check and the first keys).
Before log-in nothing is built on idle: their first rows would queue on the database worker
ahead of the password check.

What the desk keeps for the whole session (its modules, the window and its screens, SQLAlchemy's
mappers) is moved out of the garbage collector's sight (`gc.freeze`) once logged in and again as
each screen is finished: a full collection walks every object the collector tracks, 50-60 ms at
the quarter of a million a logged-in window holds at a million orders, and one that fell in the
clerk's typing (on whichever thread allocated last, the database worker's most often) was the
stall benchmark's typing gap. Objects made after are collected as before."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class WorkScreenBuilder(QObject):
    IDLE_MS = 1500  # a pause in the clerk's typing long enough to spend on building a screen
    TRAIN_AFTER_LOG_IN_MS = 1000  # the suggestions are wanted soon, but not beside the first keys
    # The intake's spare matter form (the one the first save puts back) in the first short pause
    # once logged in: waiting for a 1.5 s pause, a clerk who typed and saved the first visit
    # without one paid for building it in the save's turn (70-80 ms at a million orders, the
    # stall benchmark's typing phase). After the log-in has succeeded, not when it is sent: then
    # it held the first key.
    SPARE_AFTER_LOG_IN_MS = 300

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.idle = QTimer(self, singleShot=True, interval=self.IDLE_MS)
        self.idle.timeout.connect(self._build_one_when_idle)
        self.jobs: list = []  # one-off work for the pauses after log-in (the day's backup, main.py)
        self.spare = QTimer(self, singleShot=True, interval=self.SPARE_AFTER_LOG_IN_MS)
        self.spare.timeout.connect(self._prepare_spare)

    def start(self) -> None:
        """The window has shown: build the screens as the clerk's input allows."""
        self.window.ctx.train_when_idle = True  # the suggestion engine too (suggestions.py)
        self.window.login.submitted.connect(self._log_in_submitted)
        self.window.ctx.actor_changed.connect(self.idle.start)
        self.window.ctx.actor_changed.connect(self._logged_in)
        self.window._activity.activity.connect(self._activity)

    def pending(self) -> list:
        return [t for t in self.window.work_tabs if not t.built]

    def _log_in_submitted(self) -> None:
        # The next turn: the password check is on the worker by then, and the intake is built
        # beside it instead of after it.
        QTimer.singleShot(0, self, lambda: self.window.intake_tab.screen())
        QTimer.singleShot(0, self, lambda: self.window.intake.first_matter_ahead())  # a turn of its own

    def _logged_in(self) -> None:
        if self.window.ctx.actor is not None:
            QTimer.singleShot(self.TRAIN_AFTER_LOG_IN_MS, self, self._start_suggestions)
            self.spare.start()
            keep_out_of_collections()

    def _prepare_spare(self) -> None:
        intake = self.window.intake_tab
        if self.window.ctx.actor is not None and intake.built:
            intake.widget().prepare_spare()

    def _start_suggestions(self) -> None:
        engine = getattr(self.window.ctx, "_suggestion_engine", None)
        if engine is not None and self.window.ctx.actor is not None:
            engine.start()  # once only

    def _activity(self) -> None:
        for timer in (self.idle, self.spare):
            if timer.isActive():
                timer.start()  # counted again from the last key

    def _build_one_when_idle(self) -> None:
        if self.window.ctx.actor is None:
            return
        engine = getattr(self.window.ctx, "_suggestion_engine", None)
        if engine is not None and not engine.started:  # suggestions first, then the next matter form
            engine.start()
            self.idle.start()
            return
        if self.jobs:
            self.jobs.pop(0)()
            self.idle.start()
            return
        intake = self.window.intake_tab
        if intake.built and intake.widget().prepare_spare():
            self.idle.start()
            return
        pending = self.pending()
        if not pending:
            return
        pending[0].build_in_turns()  # a part per turn: a key pressed meanwhile is answered between two
        if len(pending) > 1:
            self.idle.start()


def keep_out_of_collections() -> None:
    """What exists now lives as long as the window: full collections skip it from now on
    (see the module's note). Young garbage is collected first, so little of it is kept."""
    gc.collect(1)
    gc.freeze()
