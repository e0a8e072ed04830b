"""The problem screen's "All stations" page against a real central server (on a SQLite file
here; the PostgreSQL run is tests/sync/test_problem_register_sync.py): stations SX and JL each
registered the 550弄 shared-kitchen leak; SX's supervisor opens 问题清单 → 全部站点 and sees
the two as one problem with why, each station's measure and its effect; the problems only one
station has are listed apart; with the centre out of reach the page says so."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from desk.services import auth
from desk.services.pulse import register as R
from desk.services.store import Store
from desk.sync.client import configure, sync
from tests.conftest import PASSWORD
from tests.sync.conftest import Central, free_port, make_station
from tests.sync.test_problem_register_sync import _cluster, _problem_at
from tests.ui.conftest import login, settle

SHOTS = Path(__file__).parent / "screens"


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("problems-all")
    central = Central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    sx, jl = make_station(tmp_path, central, "SX", "陕西居民区党群服务站"), make_station(tmp_path, central, "JL",
                                                                                   "嘉善居民区党群服务站")
    _problem_at(sx, "550弄公用厨房漏水", "物业更换公用厨房水管")
    _problem_at(jl, "陕西南路550弄厨房漏水", "房管办上门检修")
    from tests.sync.helpers import register

    ids = register(jl, 2)  # JL's own second problem, elsewhere: listed apart
    cluster = _cluster(ids, jl.ref.cat["ENV-RUBBISH"].id)
    from dataclasses import replace

    R.promote(jl.store, jl.admin, replace(cluster, place_key="嘉善路140弄", term_weights={"垃圾": 0.9}),
              "嘉善路140弄垃圾堆放", None)
    for st in (sx, jl, sx):
        st.sync()
    auth.add_user(sx.store, sx.admin, "chenjing", "陈静", "supervisor", PASSWORD)
    configure(sx.store, central.url, sx.token)
    jl.store.close()
    yield SimpleNamespace(central=central, sx=sx)
    sx.store.close()
    central.close()


@pytest.fixture
def desk(qapp, prefs, synced):
    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    errors.set_modal(False)
    ctx, window = build_window(synced.sx.store, SyncRunner(), prefs, setup_look(qapp, prefs))
    window.resize(1366, 768)
    window.show()
    login(window, "chenjing", PASSWORD)
    window.problems_control.action.trigger()
    settle()
    yield SimpleNamespace(ctx=ctx, window=window, screen=window.problems_control.screen, synced=synced)
    window.close()
    ctx.detach()
    from desk.ui import language

    language.set_language("zh_CN")


def _texts(item) -> list[str]:
    out = [item.text(0)]
    for i in range(item.childCount()):
        out += _texts(item.child(i))
    return out


def test_the_all_stations_page_groups_the_leak_of_two_stations(desk):
    screen = desk.screen
    assert screen.pages.tabText(2) == "全部站点"
    screen.pages.setCurrentIndex(2)
    settle()
    page = screen.all_stations
    tree = page.tree
    assert tree.topLevelItemCount() == 2
    group = tree.topLevelItem(0)
    assert group.text(0) == "陕西南路550弄：2 个站点的同一问题" and group.text(1) == "JL、SX"
    lines = _texts(group)
    assert lines[1].startswith("归为一组的原因：JL #1 与 SX #1：同一地点（陕西南路550弄），同为「漏水渗水」")
    assert lines[2] == "JL #1  陕西南路550弄厨房漏水  · 陕西南路550弄"
    assert lines[3].startswith(f"{(date.today() - timedelta(days=3)).isoformat()}  房管办上门检修 — 措施")
    assert any(line.startswith("SX #1  550弄公用厨房漏水") for line in lines)
    rest = tree.topLevelItem(1)
    assert rest.text(0) == "只在一个站点登记的问题（1）" and rest.child(0).text(0).startswith("JL #2  嘉善路140弄垃圾堆放")
    assert page.message.text() == "跨站点的同一问题：1 个；只在一个站点登记的问题：1 个。"
    tree.setCurrentItem(group)
    assert page.why.text().startswith("JL #1 与 SX #1：")
    if os.environ.get("DESK_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        desk.window.grab().save(str(SHOTS / "problems-all-stations-zh_CN.png"))


def test_a_centre_out_of_reach_is_a_sentence(desk):
    configure(desk.ctx.store, f"http://127.0.0.1:{free_port()}", desk.synced.sx.token)
    try:
        desk.screen.pages.setCurrentIndex(2)
        settle()
        text = desk.screen.all_stations.message.text()
        assert "无法连接街道中心" in text and "本站自己的问题清单" in text
        assert desk.screen.all_stations.tree.topLevelItemCount() == 0
    finally:
        configure(desk.ctx.store, desk.synced.central.url, desk.synced.sx.token)


def test_the_printed_register_carries_the_all_stations_section(synced, tmp_path):
    """`desk problems print --all-stations` and the screen's Print (once the page has fetched)
    draw the groups after the station's own register, before the signatures."""
    from desk.printing.problems_report import make_problem_register
    from desk.sync.problems_remote import fetch_all_station_problems
    from tests.pdftools import text as pdf_text

    sx = synced.sx
    view = fetch_all_station_problems(sx.store, sx.admin)
    out = tmp_path / "register.pdf"
    pages = make_problem_register(sx.store, sx.admin, out, view)
    if os.environ.get("DESK_SCREENSHOTS"):
        import shutil

        shutil.copy(out, "/tmp/problem-register-all-stations.pdf")
    words = pdf_text(out).replace(" ", "").replace("\n", "")
    assert pages == 2  # the station's own register, then the all-stations page
    own, _, rest = words.partition("全部站点：跨站点的同一问题")
    assert "#1550弄公用厨房漏水" in own and "JL#1" not in own and rest
    assert "1个问题跨站点，1个只在一个站点登记" in rest
    assert "陕西南路550弄（2个站点）" in rest and "归为一组的原因：JL#1与SX#1：同一地点（陕西南路550弄）" in rest
    assert "嘉善居民区党群服务站" in rest and "JL#1陕西南路550弄厨房漏水" in rest and "房管办上门检修" in rest and "物业更换公用厨房水管" in rest
    assert rest.index("物业更换公用厨房水管") < rest.index("站长（签字）")


def test_a_measure_is_corrected_from_the_register_and_the_centre_shows_it(desk, monkeypatch):
    """Enter on a measure opens it filled in; the corrected words sync and the all-stations page,
    fetched again, shows them."""
    from PySide6.QtCore import QDate

    from desk.ui import problems_dialogs

    screen = desk.screen
    screen.pages.setCurrentIndex(1)
    settle()
    screen.register_table.selectRow(0)
    settle()
    screen.measures_table.selectRow(0)
    seen = {}

    def answer(dialog):
        seen["title"], seen["text"] = dialog.windowTitle(), dialog.text.toPlainText()
        dialog.day.setDate(QDate.currentDate().addDays(-1))
        dialog.text.setPlainText("物业更换公用厨房水管和地漏")
        return True

    monkeypatch.setattr(problems_dialogs.MeasureDialog, "exec", answer)
    screen.measures_table.activated.emit(screen.measures_table.model().index(0, 1))
    settle()
    assert seen == {"title": "修改措施", "text": "物业更换公用厨房水管"}
    assert screen.measures_table.item(0, 1).text() == "物业更换公用厨房水管和地漏"
    try:
        desk.synced.sx.sync()
        screen.pages.setCurrentIndex(2)
        screen.all_stations.reload()
        settle()
        lines = _texts(screen.all_stations.tree.topLevelItem(0))
        assert any("物业更换公用厨房水管和地漏 — " in line for line in lines)
    finally:  # the module's other tests read the first words
        from datetime import date, timedelta

        m = R.problems(desk.synced.sx.store, desk.synced.sx.admin)[0].measures[0]
        R.edit_measure(desk.synced.sx.store, desk.synced.sx.admin, m.id, date.today() - timedelta(days=3),
                       "物业更换公用厨房水管")
        desk.synced.sx.sync()
