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


def _run(app: QApplication, db: str | None, prefs: Prefs, family: str) -> int:
    from desk.config import default_db_path
    from desk.services.startup import InstanceLock, open_store
    from desk.ui.errors import show_error
    from desk.ui.worker import ThreadRunner

    path = Path(db) if db else default_db_path()
    # One window per database file; then a missing, damaged, locked or newer file is refused
    # with a sentence that says what to do (desk.services.startup), before anything shows.
    lock = InstanceLock(path)
    try:
        lock.acquire()
        # The page-by-page check and the daily backup read the whole file (seconds at a
        # million orders): the backup (which checks its copy) runs on the worker once the
        # window shows; damage met later is still turned into a clear message by the store.
        store = open_store(path, create_folder=db is None, thorough=False)
    except Exception as exc:
        lock.release()
        show_error(None, exc)
        return 1
    try:
        return _run_window(app, store, prefs, family, ThreadRunner())
    finally:
        lock.release()


def _run_window(app: QApplication, store, prefs: Prefs, family: str, runner) -> int:
    from desk.ui.errors import show_error

    if not store.is_initialised():
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
    window.show()
    window.build_screens_when_ready()
    _daily_backup_after_log_in(ctx)
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


def _daily_backup_after_log_in(ctx) -> None:
    """The day's backup copies and checks the whole file: minutes at a million orders. On the
    database worker it came first in the queue, so the first log-in of the day (and every
    screen's first rows) waited behind it (found measuring the cold start to the first typed
    key, benchmarks/firstkey.py). It now starts once someone has logged in (an encrypted file
    is readable only then), on the runner's lane that never holds up the database worker."""
    from desk.services import backup

    def start() -> None:
        if ctx.actor is None:
            return
        ctx.actor_changed.disconnect(start)
        ctx.runner.run_network(backup.daily_backup, ctx.store)

    ctx.actor_changed.connect(start)
