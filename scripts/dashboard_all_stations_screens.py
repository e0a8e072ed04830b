#!/usr/bin/env python3
"""Screenshots of the dashboard's all-stations view: two demo stations (SX and JL) sync with a
central server (on a SQLite file, in this process), then station SX's supervisor switches to
all stations. Chinese and English, light and dark, to out/screens/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/dashboard_all_stations_screens.py [--days 30] [--per-day 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def demo_station(path: Path, code: str, seed: int, days: int, per_day: int):
    from desk import demo_templates as T
    from desk.demo import generate
    from desk.services import auth, reference
    from desk.services.store import Store

    store = Store.open(path)
    if code != "SX":  # the demo sets up SX by itself; another station is set up the same way first
        admin = auth.initialise(store, station_code=code, station_name="嘉善居民区党群服务站（演示）",
                                station_name_en="Jiashan Residential Area Service Station (demo)",
                                admin_username="admin", admin_password=T.DEMO_PASSWORD, is_demo=True)
        for username, name, role in T.DEMO_STAFF[1:]:
            auth.add_user(store, admin, username, name, role, T.DEMO_PASSWORD)
        for area_code, name, name_en in T.DEMO_AREAS:
            reference.save_area(store, admin, area_code, name, name_en, grid_code="JL")
    generate(store, days=days, per_day=per_day, seed=seed)
    return store


def central_server(folder: Path):
    import socket

    import uvicorn

    from desk.server.app import create_app
    from desk.server.db import open_central
    from desk.server.mirror import Mirror

    engine = open_central(f"sqlite:///{folder / 'central.sqlite3'}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(engine, Mirror(folder / "mirror.sqlite3")),
                                           host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return engine, f"http://127.0.0.1:{port}", server


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--per-day", type=int, default=20)
    p.add_argument("--out", default=str(ROOT / "out" / "screens"))
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="desk-allstations-"))

    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from desk import demo_templates as T
    from desk.server import service
    from desk.sync.client import configure, sync
    from desk.ui import errors
    from desk.ui.main import build_window, make_app, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import SyncRunner

    engine, url, server = central_server(folder)
    stores = {}
    for code, seed in (("SX", 1), ("JL", 2)):
        started = time.perf_counter()
        stores[code] = demo_station(folder / f"{code}.sqlite3", code, seed, args.days, args.per_day)
        token = service.add_account(engine, code)
        report = sync(stores[code], url, token)
        configure(stores[code], url, token)
        print(f"{code}: demo and first sync {time.perf_counter() - started:.1f} s, {report.pushed} changes")
    stores["JL"].close()

    app = make_app(sys.argv[:1])
    errors.set_modal(False)
    prefs = Prefs(QSettings(str(folder / "prefs.ini"), QSettings.Format.IniFormat))
    family = setup_look(app, prefs)
    ctx, window = build_window(stores["SX"], SyncRunner(), prefs, family)
    window.resize(1440, 960)
    window.show()
    window.login.username.setText("chenjing")
    window.login.password.setText(T.DEMO_PASSWORD)
    window.login.submit()
    dash = window.dashboard
    window.tabs.setCurrentWidget(dash)
    for _ in range(5):
        app.processEvents()
    dash.chooser.set_preset("this_month")
    for lang in ("zh_CN", "en"):
        for theme in ("light", "dark"):
            window.set_language(lang)
            window._look_changed(theme=theme)
            for _ in range(5):
                app.processEvents()
            started = time.perf_counter()
            if not dash.all_stations.isChecked():
                dash.all_stations.setChecked(True)
            else:
                dash.reload()
            for _ in range(5):
                app.processEvents()
            # No event loop runs here: delete replaced table widgets as the running app would.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            print(f"{lang}/{theme}: all-stations figures on screen in {time.perf_counter() - started:.2f} s "
                  f"(remote={dash.remote}, intake {dash.fig.intake})")
            tag = f"{lang}-{theme}"
            window.grab().save(str(out / f"dashboard-all-stations-{tag}.png"))
            dash.scroll.widget().grab().save(str(out / f"dashboard-all-stations-{tag}-full.png"))
            print(out / f"dashboard-all-stations-{tag}.png")
            if theme == "light":  # "Print this" in all-stations mode: the summary of the fetched figures
                from desk.printing import report as summary

                pdf = out / f"dashboard-all-stations-{lang}.pdf"
                printed = summary.print_figures(ctx.store, ctx.actor, dash.fig, pdf, remote=True)
                print(f"{pdf} ({printed.pages} pages)")
    window.close()
    ctx.detach()
    stores["SX"].close()
    server.should_exit = True
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
