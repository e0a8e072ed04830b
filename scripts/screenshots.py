#!/usr/bin/env python3
"""Render every screen of the desk window to PNG from demo data: Chinese and English, light
and dark, and large text. Off-screen, so it runs on a machine without a display.

    .venv/bin/python scripts/screenshots.py [--out out/screens] [--days 30] [--per-day 40]

The README's pictures come from here (docs/screens/ via --readme).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = [  # (language, theme, large text)
    ("zh_CN", "light", False), ("zh_CN", "dark", False), ("en", "light", False), ("en", "dark", False),
    ("zh_CN", "light", True), ("en", "light", True),
]
# Monday 2026-11-30 10:30 in Shanghai: the same pictures every run.
FIXED_NOW = datetime(2026, 11, 30, 2, 30, tzinfo=timezone.utc)


def settle(app) -> None:
    for _ in range(5):
        app.sendPostedEvents()
        app.processEvents()


def pick_orders(store, actor):
    """A returning visitor's phone, an order with a long history, an overdue one."""
    from desk.services import queries
    from desk.services.dto import OrderFilter

    rich = None
    for view in ("awaiting_callback", "open", "all"):
        rows = queries.list_orders(store, actor, OrderFilter(view=view), limit=40)
        for row in rows:
            d = queries.get_order(store, actor, row.id)
            if d.visitor and (rich is None or len(d.events) > len(rich.events)):
                rich = d
        if rich and len(rich.events) >= 5:
            break
    phone = queries.get_order(store, actor, rich.row.id, reveal=True).visitor.phone
    return rich.row.id, phone


def sync_with_a_local_centre(store, actor, workdir: Path):
    """A real desk-server on a SQLite file in the work folder: the demo syncs to it, the centre
    resolves an order the desk meanwhile starts (a conflict with both values), and one change
    carries a clock far in the future (refused and shown). Returns the server (to stop), or
    None when the server extra is not installed."""
    try:
        import uvicorn

        from desk.server import service
        from desk.server.app import create_app
        from desk.server.db import open_central
    except ImportError:
        return None
    import json
    import socket
    import threading
    import time

    from sqlalchemy import insert

    from desk.models import new_id, utcnow
    from desk.services import lifecycle, queries
    from desk.services.dto import OrderFilter
    from desk.sync import client, schema

    engine = open_central(f"sqlite:///{workdir / 'central.sqlite3'}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    client.configure(store, f"http://127.0.0.1:{port}", service.add_account(engine, store.station().code))
    client.sync(store)
    order = next(r for r in queries.list_orders(store, actor, OrderFilter(view="open"), limit=200)
                 if r.status == "dispatched")
    lifecycle.perform(store, actor, order.id, "accept")
    client.sync(store)
    service.central_status(engine, order.id, "resolved", reason="街道已处理", actor_name="街道办")
    lifecycle.perform(store, actor, order.id, "start")
    with store.write() as s:
        s.info["sync_applying"] = True
        s.connection().execute(insert(schema.outbox), [{
            "change_id": new_id(), "table_name": "visitor", "row_id": new_id(), "hlc": "9999999999999.00000",
            "status_gen": 0, "fields": json.dumps({"name": "赵一鸣", "phone": "13912345678", "origin_station":
                                                   store.station().code}, ensure_ascii=False),
            "batch_id": None, "created_at": utcnow()}])
    client.sync(store)
    client.sync(store)
    return server


def shoot_variant(app, store, family, out: Path, lang: str, theme: str, large: bool, order_id: str, phone: str,
                  password: str, size: tuple[int, int] = (1366, 768)) -> list[Path]:
    from PySide6.QtCore import QSettings

    from desk.ui import errors, language
    from desk.ui.main import build_window
    from desk.ui.prefs import Prefs
    from desk.ui.theme import apply_theme
    from desk.ui.worker import SyncRunner

    errors.set_modal(False)
    prefs = Prefs(QSettings(str(out / f".prefs-{lang}-{theme}-{large}.ini"), QSettings.Format.IniFormat))
    for key, value in (("language", lang), ("theme", theme), ("large_text", large), ("last_view", "open")):
        prefs.set(key, value)
    apply_theme(app, theme=theme, large_text=large, family=family)
    language.set_language(lang)
    ctx, window = build_window(store, SyncRunner(), prefs, family)
    from PySide6.QtCore import Qt

    window.setWindowState(Qt.WindowState.WindowNoState)
    # The office screens stations have: the window as large as the screen minus a taskbar.
    window.resize(size[0], size[1] - 40)
    window.show()
    settle(app)
    suffix = f"{lang}-{theme}" + ("-large" if large else "") + ("" if size == (1366, 768) else f"-{size[0]}x{size[1]}")
    saved = []

    def grab(widget, name: str) -> None:
        settle(app)
        path = out / f"{name}-{suffix}.png"
        widget.grab().save(str(path))
        saved.append(path)

    window.login.username.setText("chenjing")
    grab(window, "01-login")
    window.login.password.setText(password)
    window.login.submit()
    settle(app)

    intake = window.intake
    intake.phone.setText(phone)
    intake.lookup_phone()
    form = intake.forms()[0]
    form.kind.setCurrentIndex(form.kind.findData("complaint"))
    cat = next(i for i in range(form.category.count()) if form.category.itemData(i) and
               "HOUSE-LEAK" == next((c.code for c in intake.categories if c.id == form.category.itemData(i)), ""))
    form.category.setCurrentIndex(cat)
    form.summary.setText("楼上卫生间漏水，天花板渗水" if lang == "zh_CN" else "Water leaking through the ceiling")
    form.details.setPlainText("三天前开始，雨天更严重。" if lang == "zh_CN" else "Started three days ago; worse when it rains.")
    second = intake.add_matter()
    second.summary.setText("社区食堂早餐几点开门？" if lang == "zh_CN" else "When does the canteen open for breakfast?")
    second.answer.setText("早上七点。" if lang == "zh_CN" else "At seven.")
    intake.matters.setCurrentIndex(0)
    grab(window, "02-intake")

    window.show_screen(1)
    window.queue.set_view("open")
    settle(app)
    grab(window, "03-queue")
    window.queue.set_view("overdue")
    settle(app)
    grab(window, "04-queue-overdue")
    window.queue.set_view("open")

    dialog = window.open_order(order_id)
    dialog.resize(min(1000, size[0] - 40), min(760, size[1] - 80))
    settle(app)
    grab(dialog, "05-order-detail")
    dialog.close()

    window.show_screen(2)
    settle(app)
    grab(window, "06-callbacks")

    window.show_screen(3)
    window.settings.tabs.setCurrentWidget(window.settings.categories)
    settle(app)
    grab(window, "07-settings-categories")
    window.settings.tabs.setCurrentWidget(window.settings.appearance)
    grab(window, "08-settings-appearance")

    # The sync screen as the administrator sees it (with the server settings).
    window.logout()
    window.login.username.setText("admin")
    window.login.password.setText(password)
    window.login.submit()
    settle(app)
    window.sync_control.show_panel()
    settle(app)
    grab(window, "09-sync")
    # The status bar while a sync sends (its progress drawn as it is mid-push).
    control = window.sync_control
    control.running, control.total = True, 300
    control.bar.show()
    control._on_progress("push", 120)
    grab(window.statusBar(), "10-statusbar-syncing")
    control.running = False
    control.bar.hide()
    control._show_text()
    window.intake.clear()
    window.close()
    ctx.detach()
    window.deleteLater()
    settle(app)
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "out" / "screens"))
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--readme", action="store_true", help="also copy the main pictures to docs/screens/")
    parser.add_argument("--sizes", default="1366x768,1920x1080",
                        help="screen sizes, comma-separated (1366x768 pictures carry no size in their name)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from desk import demo_templates
    from desk.demo import generate
    from desk.services import auth
    from desk.services.store import Store
    from desk.ui.main import make_app
    from desk.ui.fonts import install_cjk_font

    workdir = Path(tempfile.mkdtemp(prefix="desk-screens-"))
    store = Store.open(workdir / "demo.sqlite3", clock=lambda: FIXED_NOW)
    generate(store, days=args.days, per_day=args.per_day, seed=1)
    supervisor = auth.login(store, "chenjing", demo_templates.DEMO_PASSWORD)
    order_id, phone = pick_orders(store, supervisor)
    central = sync_with_a_local_centre(store, supervisor, workdir)
    app = make_app(sys.argv[:1])
    family = install_cjk_font(app)
    saved = []
    sizes = [tuple(int(n) for n in part.split("x")) for part in args.sizes.split(",") if part]
    for size in sizes:
        for lang, theme, large in VARIANTS:
            saved += shoot_variant(app, store, family, out, lang, theme, large, order_id, phone,
                                   demo_templates.DEMO_PASSWORD, size)
    for ini in out.glob(".prefs-*.ini"):
        ini.unlink()
    if args.readme:
        docs = ROOT / "docs" / "screens"
        docs.mkdir(parents=True, exist_ok=True)
        for name in ("02-intake-zh_CN-light", "03-queue-zh_CN-light", "05-order-detail-zh_CN-light",
                     "03-queue-en-dark", "06-callbacks-zh_CN-light-large", "09-sync-zh_CN-light"):
            shutil.copy(out / f"{name}.png", docs / f"{name}.png")
    store.close()
    if central is not None:
        central.should_exit = True
    shutil.rmtree(workdir, ignore_errors=True)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
