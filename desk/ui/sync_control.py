"""Syncing from the window: "Sync now" (menu and sync screen), progress in the status bar, the
last successful sync and the changes waiting, and the nightly timer with a catch-up at start.

The sync runs on its own background thread (not the database worker), so typing at the intake
screen and saving visits go on while it sends and receives: SQLite's WAL and the writer's
BEGIN IMMEDIATE let both write, as they do when the operating system's `desk sync` runs beside
an open window. Only one sync runs at a time: the window disables "Sync now" while one runs and
the core's file lock refuses a second process with a message.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar

from desk.rules.permissions import Permission
from desk.sync import schedule
from desk.sync.status import SyncBrief, sync_brief
from desk.ui.errors import describe, show_error
from desk.ui.widgets import local_time
from desk.ui.worker import Runner, SyncRunner, ThreadRunner


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)  # SyncReport
    failed = Signal(str)  # the sentence shown
    brief_changed = Signal(object)  # SyncBrief
    progressed = Signal(str, int)  # phase ('push'/'pull'), count; on the GUI thread
    _progress = Signal(str, int)  # the same, emitted on the sync thread

    CHECK_EVERY_MS = 60_000  # the nightly timer looks once a minute (two reads and a count)
    CATCH_UP_AFTER_MS = 15_000  # after start: the window first, then the missed night's sync
    REFRESH_DELAY_MS = 1_500  # edits come in bursts: one count after them, not one per save

    def __init__(self, window, runner: Optional[Runner] = None):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        # The sync's own thread, started at the first sync (most windows never sync by hand);
        # tests and screenshots run it at once on the calling thread.
        self._runner: Optional[Runner] = runner
        self.running = False
        self.manual = False
        self.brief: Optional[SyncBrief] = None
        self.phase = ""
        self.count = 0
        self.total = 0
        self._progress.connect(self._on_progress)  # queued across threads by Qt

        self.bar = QProgressBar(objectName="syncProgress", maximumWidth=140, textVisible=False)
        self.bar.setMaximumHeight(14)
        self.bar.hide()
        self.label: QLabel = window.status_sync

        self.action = QAction(window, triggered=lambda: self.start(manual=True))
        self.action.setShortcut(QKeySequence("F9"))
        self.action.setObjectName("syncNowAction")

        self._refresh_timer = QTimer(self, singleShot=True, interval=self.REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.schedule_timer = QTimer(self, interval=self.CHECK_EVERY_MS)
        self.schedule_timer.timeout.connect(self.check_schedule)
        self.ctx.changed.connect(self._on_changed)
        self.ctx.actor_changed.connect(self._update_enabled)
        window.stack.currentChanged.connect(lambda _i: self._update_enabled())

    @property
    def runner(self) -> Runner:
        if self._runner is None:
            self._runner = SyncRunner() if isinstance(self.ctx.runner, SyncRunner) else ThreadRunner()
        return self._runner

    # -- running a sync ------------------------------------------------------------------------
    def start(self, manual: bool = True) -> bool:
        """Start a sync in the background; False when one is already running (or not allowed)."""
        if self.running:
            return False
        if manual and not self.ctx.may(Permission.SYNC):
            return False
        self.running, self.manual = True, manual
        self.phase, self.count = "", 0
        self.total = self.brief.pending if self.brief else 0
        self._update_enabled()
        self.bar.setRange(0, 0)
        self.bar.show()
        self._show_text()
        self.started.emit()
        from desk.sync import client  # httpx: imported at the first sync, not at start-up

        # As the person logged in (the service checks the permission); the nightly timer, like
        # the operating system's `desk sync`, as nobody. In a process of its own beside a real
        # window (desk/sync/apart.py: its Python would hold the window's GIL); at once in tests.
        actor = self.ctx.actor if manual else None
        if isinstance(self.runner, ThreadRunner):
            from desk.sync import apart

            self.runner.run(apart.sync, self.ctx.store, actor, progress=self._progress.emit, timeout=60.0,
                            on_done=self._done, on_error=self._error)
        elif manual:
            self.runner.run(client.sync_now, self.ctx.store, actor, progress=self._progress.emit,
                            timeout=60.0, on_done=self._done, on_error=self._error)
        else:
            self.runner.run(client.sync, self.ctx.store, progress=self._progress.emit, timeout=60.0,
                            on_done=self._done, on_error=self._error)
        return True

    def _on_progress(self, phase: str, count: int) -> None:
        self.phase, self.count = phase, count
        if phase == "push" and self.total > 0:
            self.bar.setRange(0, self.total)
            self.bar.setValue(min(count, self.total))
        else:
            self.bar.setRange(0, 0)
        self._show_text()
        self.progressed.emit(phase, count)

    def _done(self, report) -> None:
        self._finish()
        self.window.statusBar().showMessage(
            self.tr("Sync finished: {sent} sent, {received} received").format(sent=report.pushed, received=report.pulled)
            + (self.tr(", {n} refused by the centre").format(n=report.quarantined) if report.quarantined else ""), 15_000)
        self.finished.emit(report)

    def _error(self, exc: BaseException) -> None:
        self._finish()
        text = describe(exc)  # a DeskError's sentence; anything else is logged, never shown raw
        self.window.statusBar().showMessage(self.tr("Sync failed: {reason}").format(reason=text), 30_000)
        if self.manual:
            show_error(self.window, exc)
        self.failed.emit(text)

    def _finish(self) -> None:
        self.running = False
        self.bar.hide()
        self._update_enabled()
        self.refresh()

    def _update_enabled(self) -> None:
        # Not from the log-in or lock page: the menu stays there for the language.
        unlocked = self.window.stack.currentWidget() is self.window.tabs
        self.action.setEnabled(not self.running and unlocked and self.ctx.may(Permission.SYNC))

    # -- the status bar ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.call(sync_brief, on_done=self._show_brief)

    def _on_changed(self, kinds) -> None:
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _show_brief(self, brief: SyncBrief) -> None:
        self.brief = brief
        self.ctx.last_sync = self._when(brief.last_success_at)
        self._show_text()
        self.brief_changed.emit(brief)

    def _when(self, moment) -> str:
        return local_time(moment, self.ctx.tz, "%m-%d %H:%M") if moment else ""

    def _show_text(self) -> None:
        if self.running:
            if self.phase == "push" and self.total > 0:
                text = self.tr("Syncing: sending {n} of {total}…").format(n=self.count, total=max(self.total, self.count))
            elif self.phase == "push":
                text = self.tr("Syncing: sending {n}…").format(n=self.count)
            elif self.phase == "pull":
                text = self.tr("Syncing: receiving {n}…").format(n=self.count)
            else:
                text = self.tr("Syncing…")
            self.label.setText(text)
            return
        brief = self.brief
        when = self.ctx.last_sync or self.tr("never")
        text = self.tr("Last sync: {when}").format(when=when)
        if brief is not None:
            if brief.configured or brief.pending:
                text += " · " + self.tr("{n} to send").format(n=brief.pending)
            failed = brief.last_error and (brief.last_success_at is None or (
                brief.last_attempt_at is not None and brief.last_attempt_at > brief.last_success_at))
            if failed:
                text += " · " + self.tr("last attempt failed")
            if brief.held:  # pulled rows this desk could not apply (desk.sync.held)
                text += " · " + self.tr("{n} received rows set aside").format(n=brief.held)
            if brief.numbering_pending:
                text += " · " + self.tr("sync before registering (restored)")
            self.label.setToolTip(brief.last_error if failed else "")
        self.label.setText(text)

    def retranslate(self) -> None:
        self.action.setText(self.tr("S&ync now"))
        tab = getattr(self.window, "sync_tab", None)
        if tab is not None:
            self.window.tabs.setTabText(tab.index(), self.tr("S&ync"))
            self.go_action.setText(self.tr("S&ync"))
        self._show_text()

    # -- the sync screen (supervisors and administrators: it shows names and values) -------------
    def panel_allowed(self) -> None:
        self.window.sync_tab.gate(self.ctx.may(Permission.VIEW_AUDIT), self.go_action)

    def show_panel(self) -> None:
        if self.ctx.may(Permission.VIEW_AUDIT) and self.window.stack.currentWidget() is self.window.tabs:
            self.window.tabs.setCurrentIndex(self.window.sync_tab.index())

    # -- the nightly timer ---------------------------------------------------------------------
    def start_schedule(self) -> None:
        self.schedule_timer.start()
        QTimer.singleShot(self.CATCH_UP_AFTER_MS, self, self.check_schedule)

    def check_schedule(self) -> None:
        """Due (nightly, or last night missed) and a server configured: sync in the background."""
        if self.running:
            return
        self.ctx.call(schedule.scheduled_sync_due, self.ctx.store.now(),
                      on_done=lambda due: self.start(manual=False) if due else None)

    def shutdown(self, wait_ms: int = 60_000) -> None:
        """At quit: a sync under way may finish (it is safe to cut, but a finished one is nicer)."""
        self.schedule_timer.stop()
        if isinstance(self._runner, ThreadRunner):
            self._runner.shutdown(wait_ms)


def install_sync(window, runner: Optional[Runner] = None) -> SyncController:
    """Sync now in the Desk menu (F9), the sync screen in the Go menu (F7, supervisors and
    administrators; built when first opened, like the dashboard), progress and status in the
    status bar, the nightly timer."""
    from PySide6.QtWidgets import QApplication

    from desk.ui.lazy_tab import LazyTab

    control = SyncController(window, runner)
    window.sync_control = control
    window.statusBar().addPermanentWidget(control.bar)
    window.desk_menu.insertAction(window.desk_menu.actions()[0], control.action)
    window.desk_menu.insertSeparator(window.desk_menu.actions()[1])

    def build():
        from desk.ui.sync_panel import SyncPanel

        return SyncPanel(window.ctx, control)

    def built(panel) -> None:
        window.sync_panel = panel
        panel.retranslate()

    window.sync_tab = LazyTab(window.tabs, build, on_built=built)
    control.go_action = QAction(window, shortcut=QKeySequence("F7"), triggered=control.show_panel)
    window.go_menu.addAction(control.go_action)
    window.ctx.actor_changed.connect(control.panel_allowed)
    control.panel_allowed()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(control.shutdown)
    control.retranslate()
    control.refresh()
    control.start_schedule()
    return control
