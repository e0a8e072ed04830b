"""Tab never gets stuck in a table. QTableView walks its cells on Tab by default, so a keyboard
user who tabbed into the problem register, the knowledge base or a settings list could not
leave it (found under X: Shift+Tab moved the register's selection to another problem). Every
table on every screen a supervisor can open, dialogs' tables included, lets Tab through."""

from __future__ import annotations

from PySide6.QtWidgets import QCalendarWidget, QTableView

from tests.pulse.demo_data import copy_db, make_demo
from tests.ui.conftest import login, settle
from tests.ui.test_problems_screen import PASSWORD


def test_every_table_lets_tab_move_on(qapp, prefs, tmp_path_factory, tmp_path, monkeypatch):
    from desk.services.store import Store
    from desk.ui import errors, problems_dialogs
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    demo = make_demo(tmp_path_factory.mktemp("tables") / "demo.sqlite3", days=10, per_day=10, seed=3)
    store = Store.open(copy_db(demo, tmp_path / "copy.sqlite3"))
    errors.set_modal(False)
    ctx, window = build_window(store, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.show()
    try:
        login(window, "chenjing", PASSWORD)
        for i in range(window.tabs.count()):  # every screen, built as it is first shown
            if window.tabs.isTabVisible(i):
                window.tabs.setCurrentIndex(i)
                settle()
        screen = window.problems_control.screen
        shown = []
        monkeypatch.setattr(problems_dialogs.OrdersDialog, "show", lambda self: shown.append(self))
        screen.show_cluster_orders()  # a dialog with its own table
        settle()
        # The window's own (its dialogs are its children); a date field's calendar grid is Qt's.
        tables = [t for t in window.findChildren(QTableView) if not isinstance(t.parent(), QCalendarWidget)]
        names = {t.objectName() or type(t.parent()).__name__ for t in tables}
        assert {"foundTable", "registerTable", "kbTable", "queueTable", "problemOrdersTable"} <= names, names
        trapping = sorted(t.objectName() or type(t.parent()).__name__ for t in tables if t.tabKeyNavigation())
        assert trapping == []
    finally:
        window.close()
        ctx.detach()
        store.close()
