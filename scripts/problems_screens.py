#!/usr/bin/env python3
"""Render the 问题清单 screen (found clusters, the register with the 22:00 rule's effect, the
dashboard's strip) to PNG from a demo with the article's stories, Chinese and English, and the
printed register to PDF. Off-screen.

    .venv/bin/python scripts/problems_screens.py [--out out/screens]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "out" / "screens"))
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--per-day", type=int, default=60)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.demo import generate
    from desk.demo_stories import register_found
    from desk.printing.problems_report import make_problem_register
    from desk.services import auth
    from desk.services.store import Store
    from desk.ui.main import build_window, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import SyncRunner

    work = Path(tempfile.mkdtemp(prefix="desk-problems-"))
    store = Store.open(work / "demo.sqlite3")
    generate(store, days=args.days, per_day=args.per_day, seed=1, stories=True)
    register_found(store)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def settle():
        for _ in range(5):
            app.sendPostedEvents()
            app.processEvents()

    for lang in ("zh_CN", "en"):
        prefs = Prefs(QSettings(str(work / f"prefs-{lang}.ini"), QSettings.Format.IniFormat))
        prefs.set("language", lang)
        ctx, window = build_window(store, SyncRunner(), prefs, setup_look(app, prefs))
        window.resize(1366, 800)
        window.show()
        window.login.username.setText("chenjing")
        window.login.password.setText("demo-2026")
        window.login.submit()
        settle()
        window.problems_control.action.trigger()
        screen = window.problems_control.screen
        screen.period.setCurrentIndex(3)
        settle()
        row = next(r for r, v in enumerate(screen.found) if v.cluster.place_key == "永嘉路35弄8号")
        screen.found_table.selectRow(row)
        settle()
        window.grab().save(str(out / f"10-problems-found-{lang}.png"))
        screen.pages.setCurrentIndex(1)
        screen.register_table.selectRow(0)
        settle()
        window.grab().save(str(out / f"11-problems-register-{lang}.png"))
        window.show_dashboard()
        settle()
        window.grab().save(str(out / f"12-dashboard-strip-{lang}.png"))
        from desk.i18n import set_language

        set_language(lang)
        boss = auth.login(store, "chenjing", "demo-2026")
        make_problem_register(store, boss, out / f"problem-register-{lang}.pdf")
        window.close()
        ctx.detach()
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
