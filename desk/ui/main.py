"""Starting the desk window: Qt application, CJK font, theme, language, the database worker,
first-run set-up, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

import desk.ui.messages  # noqa: F401 (registers the window's own refusal messages)
from desk.ui import language
from desk.ui.fonts import install_cjk_font
from desk.ui.prefs import Prefs
from desk.ui.theme import apply_theme


GIL_SWITCH_S = 0.001  # Python's default is 0.005


def make_app(argv: list[str]) -> QApplication:
    # Every Qt call lets go of Python's GIL and takes it back; while the database worker (or a
    # sync) runs Python, each take-back waited up to the switch interval, and a screen built in
    # hundreds of Qt calls froze ~3× as long as its own work (issue 20). A shorter interval
    # hands the GIL back to the window sooner, at a few per cent of the workers' speed.
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("desk")
    app.setOrganizationName("desk")
    from importlib import resources

    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources.files("desk.resources") / "icons" / "desk.svg")))
    return app


def setup_look(app: QApplication, prefs: Prefs) -> str:
    family = install_cjk_font(app)
    apply_theme(app, theme=prefs.get("theme"), large_text=prefs.get("large_text"), family=family)
    language.set_language(prefs.get("language"))
    return family


def build_window(store, runner, prefs: Prefs, family: str = ""):
    """The context and main window over an open store (used by run(), tests and screenshots)."""
    from desk.ui.context import DeskContext
    from desk.ui.main_window import MainWindow

    ctx = DeskContext(store, runner, prefs)
    app = QApplication.instance()

    def look(theme: str, large_text: bool) -> None:
        apply_theme(app, theme=theme, large_text=large_text, family=family)

    window = MainWindow(ctx, apply_look=look)
    from desk.ui.focus_follow import install as follow_focus

    window.focus_follower = follow_focus(app)
    # A failure no screen handles: its sentence across the top of the window, logged with its
    # traceback (the runner's default; desk/ui/failure_banner.py).
    from desk.ui.failure_banner import install_failure_banner

    runner.default_error_handler = None
    window.failure_banner = install_failure_banner(window)
    from desk.ui.slip_printing import install_slip_printing

    window.slip_printing = install_slip_printing(window)
    return ctx, window


def run(db: str | None, argv: list[str]) -> int:
    """The desk window over the database at `db` (default: the platform data folder)."""
    from desk.ui.errors import show_error

    app = make_app(argv)
    prefs = Prefs()
    family = setup_look(app, prefs)
    # Anything that escapes a slot ends here: logged with its traceback, shown without one.
    previous_hook = sys.excepthook
    sys.excepthook = lambda _type, exc, _tb: show_error(QApplication.activeWindow(), exc)
    try:
        return _run(app, db, prefs, family)
    finally:
        sys.excepthook = previous_hook


# The window's own modules, imported after the file is open, a turn each (desk/ui/early_login.py).
_WINDOW_MODULES = ("desk.ui.context", "desk.ui.main_window")


def _run(app: QApplication, db: str | None, prefs: Prefs, family: str) -> int:
    from desk.config import STORE_MODULES, default_db_path
    from desk.services.instance_lock import InstanceLock
    from desk.ui.early_login import EarlyLogin, importing, in_turns
    from desk.ui.errors import show_error

    path = Path(db) if db else default_db_path()
    # One window per database file: a second desk is refused before anything shows.
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except Exception as exc:
        show_error(None, exc)
        return 1
    early = None
    try:
        if _has_content(path):  # a first run shows its set-up instead: no log-in page first
            early = EarlyLogin(prefs)
            early.show()
            early.wait_until_shown()
        in_turns(importing(*STORE_MODULES))
        from desk.services.startup import open_store
        from desk.ui.worker import ThreadRunner

        # A missing, damaged, locked or newer file is refused with a sentence that says what
        # to do (desk.services.startup). The page-by-page check and the daily backup read the
        # whole file (seconds at a million orders): the backup (which checks its copy) runs on
        # the worker after the log-in; damage met later is still a clear message from the store.
        try:
            store = open_store(path, create_folder=db is None, thorough=False)
        except Exception as exc:
            show_error(None, exc)  # over the early page, which goes with it
            return 1
        in_turns(importing(*_WINDOW_MODULES))
        if early is not None and early.closed:  # the person closed the page before the file was open
            store.close()
            return 0
        window_early, early = early, None  # from here on the window's to hand over or close
        return _run_window(app, store, prefs, family, ThreadRunner(), window_early)
    finally:
        if early is not None:
            early.discard()
        lock.release()


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _run_window(app: QApplication, store, prefs: Prefs, family: str, runner, early=None) -> int:
    from desk.ui.errors import show_error

    if not store.is_initialised():
        if early is not None:  # a file made but never set up: the set-up asks first
            early.discard()
            early = None
        from desk.ui.context import DeskContext
        from desk.ui.first_run import FirstRunDialog

        setup_ctx = DeskContext(store, runner, prefs)
        runner.default_error_handler = lambda exc: show_error(None, exc)
        if FirstRunDialog(setup_ctx).exec() != QDialog.DialogCode.Accepted:
            runner.shutdown()
            setup_ctx.detach()
            store.close()
            return 0
        setup_ctx.detach()
    ctx, window = build_window(store, runner, prefs, family)
    from desk.ui.stall import install_from_env

    stall_watch = install_from_env(app)  # DESK_STALL_LOG: how long the GUI thread ever waited
    if early is not None:
        window.restoreGeometry(early.saveGeometry())  # where the early page is (moved, maximised)
    window.show()
    window.build_screens_when_ready()
    _daily_backup_after_log_in(ctx, window.screen_builder)
    if early is not None:
        early.hand_over(window)  # what was typed there, done again here (a log-in submitted too)
    try:
        return app.exec()
    finally:
        if stall_watch is not None:
            stall_watch.stop()
        runner.shutdown()
        ctx.detach()
        window.deleteLater()
        app.sendPostedEvents(None, 0)
        store.close()


def _daily_backup_after_log_in(ctx, builder=None) -> None:
    """The day's backup copies and checks the whole file: minutes at a million orders. On the
    database worker it came first in the queue, so the first log-in of the day (and every
    screen's first rows) waited behind it (found measuring the cold start to the first typed
    key, benchmarks/firstkey.py). It starts once someone has logged in (an encrypted file is
    readable only then), on the runner's lane that never holds up the database worker; in the
    window (`builder`, screen_builder.py) in the clerk's first pause after log-in: started with
    the log-in, its 4 GB copy competed with the first keys for the disk and the two CPUs."""
    from desk.services import backup

    def start() -> None:
        if ctx.actor is None:
            return
        ctx.actor_changed.disconnect(start)
        ctx.runner.run_network(backup.daily_backup, ctx.store)

    if builder is not None:
        builder.jobs.append(lambda: ctx.runner.run_network(backup.daily_backup, ctx.store))
    else:
        ctx.actor_changed.connect(start)
