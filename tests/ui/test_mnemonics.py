"""Alt+letter does one thing. Two mnemonics on the same page (or one beside the menu bar's) make
Qt's shortcut ambiguous: the first press only moves the keyboard between them, so Alt+O on the
problem register focused "Show its orders" instead of opening the problem (found under X). Every
screen a supervisor opens, every page of its inner tabs, in both languages."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

from tests.pulse.demo_data import copy_db, make_demo
from tests.ui.conftest import login, settle
from tests.ui.test_problems_screen import PASSWORD


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(window, page_owner) -> dict[str, list[str]]:
    """Mnemonics of the menu bar and of what is visible in page_owner, with more than one holder."""
    holders: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if key := mnemonic(action.text()):
            holders[key].append(f"menu {action.text()}")
    for tabs in [window.tabs, *page_owner.findChildren(QTabWidget)]:  # a tab's & is a shortcut too
        for i in range(tabs.count()):
            if tabs.isTabVisible(i) and tabs.isVisibleTo(window) and (key := mnemonic(tabs.tabText(i))):
                holders[key].append(f"tab {tabs.tabText(i)}")
    widgets = page_owner.findChildren(QAbstractButton) + page_owner.findChildren(QLabel) + \
        page_owner.findChildren(QGroupBox)
    for w in widgets:
        if isinstance(w, QLabel) and w.buddy() is None:  # a label's & only means something with a buddy
            continue
        text = w.title() if isinstance(w, QGroupBox) else w.text()
        if (key := mnemonic(text)) and w.isVisibleTo(window):
            holders[key].append(text)
    return {k: v for k, v in holders.items() if len(v) > 1}


def test_no_two_mnemonics_on_a_page_share_a_letter(qapp, prefs, tmp_path_factory, tmp_path):
    from desk.services.store import Store
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    demo = make_demo(tmp_path_factory.mktemp("mnemonics") / "demo.sqlite3", days=10, per_day=10, seed=3)
    store = Store.open(copy_db(demo, tmp_path / "copy.sqlite3"))
    errors.set_modal(False)
    ctx, window = build_window(store, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.show()
    found: list[str] = []
    pages_seen = 0
    try:
        login(window, "chenjing", PASSWORD)
        for language in ("zh_CN", "en"):
            window.set_language(language)
            settle()
            for i in range(window.tabs.count()):
                if not window.tabs.isTabVisible(i):
                    continue
                window.tabs.setCurrentIndex(i)
                settle()
                screen = window.tabs.widget(i)
                inner = [(None, 0)] + [(tabs, j) for tabs in screen.findChildren(QTabWidget)
                                       for j in range(tabs.count())]
                for tabs, j in inner:
                    if tabs is not None:
                        tabs.setCurrentIndex(j)
                        settle()
                    pages_seen += 1
                    where = f"{language} {window.tabs.tabText(i)}" + (f" / {tabs.tabText(j)}" if tabs else "")
                    found += [f"{where}: {key} {names}" for key, names in clashes(window, screen).items()]
        assert pages_seen > 20  # every screen and its pages were looked at
        assert found == [], "\n".join(found)
    finally:
        window.close()
        ctx.detach()
        store.close()
