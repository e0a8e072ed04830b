#!/usr/bin/env python3
"""Pictures of the knowledge base (issue 18): the knowledge-base screen and the intake with its
suggestions, Chinese and English, from a fresh demo database. Off-screen.

    .venv/bin/python scripts/kb_screenshots.py [--out out/screens]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import FIXED_NOW, settle  # noqa: E402

THEME = os.environ.get("KB_SHOTS_THEME", "light")
LARGE = os.environ.get("KB_SHOTS_LARGE", "") == "1"


def wait(app, condition, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        settle(app)
        time.sleep(0.02)
    settle(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "out" / "screens"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    from desk import demo_templates
    from desk.demo import generate
    from desk.services.store import Store
    from desk.ui import errors, language
    from desk.ui.fonts import install_cjk_font
    from desk.ui.main import build_window, make_app
    from desk.ui.prefs import Prefs
    from desk.ui.theme import apply_theme
    from desk.ui.worker import SyncRunner

    workdir = Path(tempfile.mkdtemp(prefix="desk-kb-screens-"))
    store = Store.open(workdir / "demo.sqlite3", clock=lambda: FIXED_NOW)
    generate(store, days=30, per_day=40, seed=1)
    app = make_app(sys.argv[:1])
    family = install_cjk_font(app)
    errors.set_modal(False)
    for lang, summary, question in (("zh_CN", "楼上邻居装修，一大早就电钻，吵得老人没法休息", "孩子放学了能在这里写作业吗"),
                                    ("en", "楼上邻居装修，一大早就电钻，吵得老人没法休息", "孩子放学了能在这里写作业吗")):
        prefs = Prefs(QSettings(str(workdir / f"prefs-{lang}.ini"), QSettings.Format.IniFormat))
        for key, value in (("language", lang), ("theme", THEME), ("large_text", LARGE)):
            prefs.set(key, value)
        apply_theme(app, theme=THEME, large_text=LARGE, family=family)
        language.set_language(lang)
        ctx, window = build_window(store, SyncRunner(), prefs, family)
        window.resize(1440, 900)
        window.show()
        window.login.username.setText("chenjing")
        window.login.password.setText(demo_templates.DEMO_PASSWORD)
        window.login.submit()
        settle(app)
        screen = window.intake
        form = screen.forms()[0]
        wait(app, lambda: form.suggestions.engine.models.categories is not None)
        form.summary.setText(summary)
        wait(app, lambda: bool(form.suggestions.panel.hints("category")))
        window.grab().save(str(out / f"18-intake-category-hints-{lang}.png"))
        second = screen.add_matter()
        second.summary.setText(question)
        wait(app, lambda: bool(second.suggestions.panel.hints("answer")))
        second.suggestions.panel.use("answer", 0)
        window.grab().save(str(out / f"18-intake-answer-hints-{lang}.png"))
        form.suggestions.panel.use("category", 0)
        screen.save()
        settle(app)
        window.show_dashboard()
        settle(app)
        dash = window.dashboard_tab.screen()
        dash.reload()
        settle(app)
        dash.kb_usage.grab().save(str(out / f"18-dashboard-knowledge-{lang}.png"))
        window.knowledge_tab.show()
        settle(app)
        settle(app)
        kb = window.knowledge
        kb.search.setText("晚托" if lang == "zh_CN" else "")
        kb.table.selectRow(0)
        window.grab().save(str(out / f"18-knowledge-{lang}.png"))
        kb.search.clear()
        kb.filter.setCurrentIndex(kb.filter.findData("review"))
        kb.table.selectRow(0)
        window.grab().save(str(out / f"18-knowledge-review-{lang}.png"))
        window.close()
        ctx.detach()
    print("\n".join(str(p) for p in sorted(out.glob("18-*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
