#!/usr/bin/env python3
"""Screenshot of 问题清单 → 全部站点 in a real X window (run under Xvfb + openbox, 1366×768):

    . /work/shared/tools/xdesk.sh && xd_start_x 1366 768 && \
      .venv/bin/python scripts/screens/all_stations_problems.py OUT.png; xd_stop

Two stations (SX, JL) register the 550弄 shared-kitchen leak and sync with a central server
(on a SQLite file, in this process); SX's supervisor opens the page. The window is maximised,
the screen is taken with ImageMagick's `import -window root`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("DESK_LANG", "zh_CN")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(out: str) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.services import auth
    from desk.services.pulse import register as R
    from desk.sync.client import configure
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.prefs import Prefs
    from desk.ui.worker import SyncRunner
    from tests.sync.conftest import Central, make_station
    from tests.sync.helpers import register
    from tests.sync.test_problem_register_sync import _cluster, _problem_at

    tmp = Path(tempfile.mkdtemp(prefix="desk-shot-"))
    central = Central(f"sqlite:///{tmp / 'central.sqlite3'}")
    sx = make_station(tmp, central, "SX", "陕西居民区党群服务站")
    jl = make_station(tmp, central, "JL", "嘉善居民区党群服务站")
    _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管")
    _problem_at(jl, "陕西南路550弄厨房漏水", "房管办上门检修")
    ids = register(jl, 2)
    R.promote(jl.store, jl.admin, replace(_cluster(ids, jl.ref.cat["ENV-RUBBISH"].id), place_key="嘉善路140弄",
                                          term_weights={"垃圾": 0.9}), "嘉善路140弄垃圾堆放", None)
    for st in (sx, jl, sx):
        st.sync()
    auth.add_user(sx.store, sx.admin, "chenjing", "陈静", "supervisor", "correct-horse-1")
    configure(sx.store, central.url, sx.token)

    app = QApplication.instance() or QApplication(sys.argv)
    prefs = Prefs(QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat))
    prefs.set("language", os.environ.get("DESK_LANG", "zh_CN"))  # DESK_LANG=en: the English window
    errors.set_modal(False)
    ctx, window = build_window(sx.store, SyncRunner(), prefs, setup_look(app, prefs))
    window.showMaximized()
    window.login.username.setText("chenjing")
    window.login.password.setText("correct-horse-1")
    window.login.submit()
    window.problems_control.action.trigger()
    screen = window.problems_control.screen
    screen.pages.setCurrentIndex(2)
    for _ in range(40):
        app.processEvents()
        time.sleep(0.05)
    subprocess.run(["import", "-window", "root", out], check=True)
    window.close()
    ctx.detach()
    central.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "all-stations-problems.png"))
