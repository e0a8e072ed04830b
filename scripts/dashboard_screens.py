#!/usr/bin/env python3
"""Screenshots of the supervisor dashboard from a demo database, in both languages and both
themes, to out/screens/ (the window as a supervisor sees it, and the whole scrolled page).

    desk --db /tmp/demo.sqlite3 demo --days 120 --per-day 40
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/dashboard_screens.py /tmp/demo.sqlite3
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def main(db: str, out: Path, user: str = "chenjing", password: str = "demo-2026", large: bool = False) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.services.store import Store
    from desk.ui import errors
    from desk.ui.main import build_window, make_app, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import SyncRunner

    app = make_app(sys.argv[:1])
    errors.set_modal(False)
    out.mkdir(parents=True, exist_ok=True)
    prefs = Prefs(QSettings(str(Path(tempfile.mkdtemp()) / "prefs.ini"), QSettings.Format.IniFormat))
    prefs.set("large_text", large)
    family = setup_look(app, prefs)
    store = Store.open(Path(db))
    ctx, window = build_window(store, SyncRunner(), prefs, family)
    window.resize(1440, 960)
    window.show()
    window.login.username.setText(user)
    window.login.password.setText(password)
    window.login.submit()
    dash = window.dashboard
    window.tabs.setCurrentWidget(dash)
    for lang in ("zh_CN", "en"):
        for theme in ("light", "dark"):
            window.set_language(lang)
            window._look_changed(theme=theme)
            for _ in range(5):
                app.processEvents()
            dash.chooser.set_preset("this_month")
            dash.reload()
            for _ in range(5):
                app.processEvents()
            tag = f"{lang}-{theme}" + ("-large" if large else "")
            window.grab().save(str(out / f"dashboard-{tag}.png"))
            body = dash.scroll.widget()
            body.grab().save(str(out / f"dashboard-{tag}-full.png"))
            print(out / f"dashboard-{tag}.png")
    window.close()
    ctx.detach()
    store.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], ROOT / "out" / "screens", large="--large" in sys.argv)
