"""The database worker runs off the GUI thread and answers on it; change notifications reach
screens on the GUI thread; a new database asks for its station and administrator."""

from __future__ import annotations

from pathlib import Path

import threading

from desk.ui.worker import ThreadRunner


def test_thread_runner_runs_off_the_gui_thread_and_answers_on_it(qapp, qtbot):
    runner = ThreadRunner()
    gui = threading.get_ident()
    seen = {}

    def work(x):
        seen["worker"] = threading.get_ident()
        return x * 2

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    errors = []
    try:
        runner.run(work, 21, on_done=done)
        runner.run(lambda: 1 / 0, on_error=errors.append)
        qtbot.waitUntil(lambda: "result" in seen and bool(errors), timeout=5000)
    finally:
        runner.shutdown()
    assert seen["result"] == 42
    assert seen["worker"] != gui and seen["callback"] == gui
    assert isinstance(errors[0], ZeroDivisionError)


def test_store_changes_reach_screens_on_the_gui_thread(qapp, qtbot, store, clerk, ref, prefs):
    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput
    from desk.ui.context import DeskContext

    runner = ThreadRunner()
    ctx = DeskContext(store, runner, prefs)
    ctx.set_actor(clerk)
    heard = []
    ctx.changed.connect(lambda kinds: heard.append((kinds, threading.get_ident())))
    try:
        ctx.as_actor(intake.register_visit, VisitInput(matters=(MatterInput(summary="问路"),)))
        qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    finally:
        runner.shutdown()
        ctx.detach()
    assert "orders" in heard[0][0] and heard[0][1] == threading.get_ident()


def test_first_run_dialog_initialises_station_and_admin(qapp, store, prefs):
    from desk.services import auth
    from desk.ui import errors
    from desk.ui.context import DeskContext
    from desk.ui.first_run import FirstRunDialog
    from desk.ui.worker import SyncRunner

    errors.set_modal(False)
    ctx = DeskContext(store, SyncRunner(), prefs)
    dialog = FirstRunDialog(ctx)
    dialog.name.setText("陕西居民区党群服务站")
    dialog.password.setText("long-enough-1")
    dialog.password2.setText("different-22")
    dialog.submit()
    assert not store.is_initialised()
    assert "两次输入的密码不一致" in errors.open_boxes()[-1].text()
    dialog.password2.setText("long-enough-1")
    dialog.submit()
    # The new station is encrypted at once; its recovery key is shown once, with the kit.
    shown = dialog.recovery_dialog
    assert shown.isVisible() and store.encrypted and not store.locked
    from desk.services.keyfile import KeyFile, path_for

    assert KeyFile.load(path_for(store.path)).unwrap_recovery(shown.key.text()) == store.keys.key
    kit = Path(store.path).parent / "kit.pdf"
    shown.write_kit(str(kit))
    from tests.pdftools import assert_fonts_embedded, text as pdf_text

    assert shown.key.text() in pdf_text(kit).replace(" ", "") and "陕西居民区党群服务站" in pdf_text(kit)
    assert_fonts_embedded(kit)
    shown.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert store.station().name == "陕西居民区党群服务站"
    assert auth.login(store, "admin", "long-enough-1").role == "admin"
    for box in errors.open_boxes():
        box.close()
    ctx.detach()


_RUN_AND_LOOK = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desk.ui.main import run
app = QApplication(["desk"])  # the timer below needs it; run() takes this one
seen = {}
tries = [0]
def look_and_quit():
    # Until the desk's window shows (a loaded machine takes longer than a quiet one): a quit()
    # sent while the early log-in page still imports, before the desk's own exec(), was lost and
    # the desk ran until the test's timeout.
    windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
    tries[0] += 1
    if not windows and tries[0] < 300:
        QTimer.singleShot(200, look_and_quit)
        return
    seen["window"] = windows[0].windowTitle() if windows else None
    seen["login"] = windows[0].stack.currentWidget() is windows[0].login if windows else None
    for w in windows:
        w.close()
    quitter.start()  # again every 200 ms: one that falls before the desk's own exec() is lost
quitter = QTimer(interval=200)
quitter.timeout.connect(QApplication.instance().quit)
QTimer.singleShot(1500, look_and_quit)
code = run(os.environ["T_DB"], ["desk"])
print("SEEN", json.dumps(seen, ensure_ascii=False), flush=True)
raise SystemExit(code)
"""


def test_run_opens_the_window_on_an_initialised_database(store, admin, db_path):
    """desk.app's entry: the real threaded runner, the log-in page first, a clean exit. In a
    child process, as the desk runs: a whole application's exec() and quit() in the suite's
    process left later tests' worker answers undelivered (6 suggestion tests timed out)."""
    import json
    import os
    import subprocess
    import sys

    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", T_DB=str(db_path), PYTHONFAULTHANDLER="1")
    done = subprocess.run([sys.executable, "-c", _RUN_AND_LOOK], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("SEEN ")]
    assert json.loads(line[5:]) == {"window": "全岗接待台 — 陕西居民区党群服务站", "login": True}


def test_a_second_window_on_the_same_file_is_refused_with_a_sentence(qapp, store, admin, db_path):
    from desk.services.startup import InstanceLock
    from desk.ui import errors
    from desk.ui.main import run

    errors.set_modal(False)
    with InstanceLock(db_path):
        assert run(str(db_path), ["desk"]) == 1
    box = errors.open_boxes()[-1]
    assert "Traceback" not in box.text() and box.text().strip()
    for b in errors.open_boxes():
        b.close()


def test_a_result_for_a_closed_screen_is_dropped(qapp):
    """An order detail closed before its data arrived: the worker's answer finds no labels to
    fill and must not raise (seen at a million orders, where the load takes a moment)."""
    from PySide6.QtWidgets import QLabel

    from desk.ui.worker import SyncRunner

    class Screen(QLabel):
        def show_result(self, text):
            self.setText(text)

    screen = Screen()
    runner = SyncRunner()
    import shiboken6

    shiboken6.delete(screen)
    runner.run(lambda: "loaded", on_done=screen.show_result)  # would raise "already deleted"
