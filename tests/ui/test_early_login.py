"""The log-in page shows before the database side is imported and the file opened, takes the
keys typed at once, and the desk's window does with them what it would have (issue 20: the cold
start to the first typed key, benchmarks/firstkey.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication

from tests.conftest import PASSWORD
from tests.ui.conftest import RUN_DESK_AND_REPORT

# Run as `desk --db FILE` in a fresh process (sys.modules as at a real start). At the first Show
# of a main window: is SQLAlchemy imported yet? Then, in the next turn, a person's keys into
# whatever field that window has the keyboard in: name, Tab, password, Enter, a digit.
_DRIVER = r"""
import json, os, sys
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
import desk.ui.main as main

report = {}

def type_into(window):
    report["typed_before_sqlalchemy"] = "sqlalchemy" not in sys.modules
    field = lambda: window.focusWidget() or window
    QTest.keyClicks(field(), os.environ["T_USER"])
    QTest.keyClick(field(), Qt.Key.Key_Tab)
    QTest.keyClicks(field(), os.environ["T_PASSWORD"])
    QTest.keyClick(field(), Qt.Key.Key_Return)
    QTest.keyClicks(field(), "1")

class FirstShow(QtCore.QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QtWidgets.QMainWindow) and "shown" not in report:
            report["shown"] = type(obj).__name__
            report["shown_before_sqlalchemy"] = "sqlalchemy" not in sys.modules
            QtCore.QTimer.singleShot(0, lambda: type_into(obj))
        return False

make_app = main.make_app
def make_app_watched(argv):
    app = make_app(argv)
    app._first_show = FirstShow(app)
    app.installEventFilter(app._first_show)
    return app
main.make_app = make_app_watched

exec_ = QtWidgets.QApplication.exec
def poll():
    for w in QtWidgets.QApplication.topLevelWidgets():
        ctx = getattr(w, "ctx", None)
        if ctx is not None and ctx.actor is not None and w.intake_tab.built and w.intake.phone.text():
            report.update(user=ctx.actor.username, phone=w.intake.phone.text(),
                          password_field=w.login.password.text())
            w.intake.phone.clear()
            QtWidgets.QApplication.quit()
            return
    QtCore.QTimer.singleShot(5, poll)
def exec_and_poll(*args):
    QtCore.QTimer.singleShot(0, poll)
    QtCore.QTimer.singleShot(30_000, QtWidgets.QApplication.quit)
    return exec_()
""" + RUN_DESK_AND_REPORT


def test_the_log_in_page_takes_keys_before_the_database_side_is_imported(store, clerk, db_path):
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", T_DB=str(db_path), T_USER="wangli", T_PASSWORD=PASSWORD,
               PYTHONFAULTHANDLER="1")
    done = subprocess.run([sys.executable, "-c", _DRIVER], env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, done.stderr[-3000:]
    report = json.loads(lines[-1][len("REPORT "):])
    assert report.get("shown_before_sqlalchemy") is True, report  # a log-in page before the database side
    assert report.get("typed_before_sqlalchemy") is True, report
    # Every key did what it would have done in the desk's window: logged in, the digit in the phone.
    assert report.get("user") == "wangli" and report.get("phone") == "1", report
    assert done.returncode == 0, done.stderr[-3000:]


def test_a_damaged_file_is_refused_with_its_sentence_after_the_early_page(qapp, prefs, tmp_path):
    from desk.ui import errors
    from desk.ui.main import _run

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database at all, " * 100)
    errors.set_modal(False)
    shown = []

    def watch(*_):
        shown.extend(w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible())

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, watch)  # in the first turn the imports let in: the early page is up
    try:
        assert _run(qapp, str(damaged), prefs, "") == 1
        assert "earlyLogin" in shown
        boxes = errors.open_boxes()
        assert boxes and str(damaged) in boxes[-1].text()  # the sentence, naming the file
        qapp.sendPostedEvents(None, 0)
        assert not any(w.objectName() == "earlyLogin" and w.isVisible() for w in QApplication.topLevelWidgets())
    finally:
        for box in errors.open_boxes():
            box.close()
        errors.set_modal(True)


def test_a_second_desk_on_the_same_file_is_refused_before_anything_shows(qapp, prefs, store, db_path):
    from desk.services.instance_lock import InstanceLock
    from desk.ui import errors
    from desk.ui.main import _run

    errors.set_modal(False)
    try:
        with InstanceLock(db_path):
            assert _run(qapp, str(db_path), prefs, "") == 1
        assert not any(w.objectName() == "earlyLogin" for w in QApplication.topLevelWidgets() if w.isVisible())
        assert any("process" in box.text() or "进程" in box.text() for box in errors.open_boxes())
    finally:
        for box in errors.open_boxes():
            box.close()
        errors.set_modal(True)
