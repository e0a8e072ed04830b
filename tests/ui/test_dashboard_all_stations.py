"""The dashboard's all-stations view against a real central server (on a SQLite file here: the
PostgreSQL variant is tests/sync/test_all_stations_figures.py): a supervisor switches to all
stations and sees both stations' intake, the title and the figures' tooltips say so, nothing
drills into this desk's queue, "Print this" prints the all-stations summary; with the server
out of reach the message says so and the station's own figures stay."""

from __future__ import annotations

from datetime import timedelta, timezone
from types import SimpleNamespace

import pytest

from desk.services import auth, figures, intake, reference
from desk.services.dto import MatterInput, VisitInput
from desk.services.figures import Period
from desk.services.store import Store
from desk.sync.client import configure, sync
from tests import known_orders
from tests.conftest import PASSWORD, Clock
from tests.sync.conftest import Central, free_port
from tests.ui.conftest import login, settle
from tests.ui.test_dashboard import TODAY, _choose

END = known_orders.END


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """Once per module: a central server, station JL (three orders today) and station SX (the
    known dataset) synced with it; SX's file, with the server saved, is the template."""
    tmp_path = tmp_path_factory.mktemp("allstations")
    central = Central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    now = END.astimezone(timezone.utc)
    central.mirror.store.set_clock(lambda: now)
    jl = Store.open(tmp_path / "JL.sqlite3", clock=Clock(now - timedelta(hours=2)))
    jl_admin = auth.initialise(jl, station_code="JL", station_name="嘉善居民区党群服务站", admin_username="admin",
                               admin_password=PASSWORD)
    leak = next(c for c in reference.list_categories(jl) if c.code == "HOUSE-LEAK")
    for i in range(3):
        intake.register_visit(jl, jl_admin, VisitInput(
            matters=(MatterInput(summary="漏水", kind="help", category_id=leak.id, lane="嘉善路", number=str(i)),),
            channel="walk_in", phone=f"1370000{i:04d}"))
    sync(jl, central.url, central.token("JL"))
    jl.close()
    ds = known_orders.dataset(tmp_path)
    token = central.token("SX")
    sync(ds.store, central.url, token)
    configure(ds.store, central.url, token)
    ds.store.close()
    yield SimpleNamespace(central=central, template=ds.path, ds=ds)
    central.close()


@pytest.fixture
def desk(qapp, tmp_path, prefs, synced):
    """The window over a copy of the synced SX file, supervisor logged in, dashboard shown."""
    import sqlite3

    from desk.ui import errors
    from desk.ui.main import build_window, setup_look
    from desk.ui.worker import SyncRunner

    path = tmp_path / "SX.sqlite3"
    src, dst = sqlite3.connect(synced.template), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    store = Store.open(path, clock=Clock(END.astimezone(timezone.utc)))
    ds = SimpleNamespace(store=store, supervisor=synced.ds.supervisor)
    errors.set_modal(False)
    family = setup_look(qapp, prefs)
    ctx, window = build_window(store, SyncRunner(), prefs, family)
    window.show()
    login(window, "chenjing", PASSWORD)
    window.tabs.setCurrentWidget(window.dashboard)
    settle()
    yield SimpleNamespace(ds=ds, ctx=ctx, window=window, dash=window.dashboard, central=synced.central)
    window.close()
    ctx.detach()
    store.close()
    from desk.ui import language

    language.set_language("zh_CN")


def test_a_supervisor_switches_to_all_stations_and_sees_the_combined_intake(desk, tmp_path, monkeypatch):
    dash, ds = desk.dash, desk.ds
    own = figures.compute(ds.store, ds.supervisor, Period.day(TODAY)).intake
    assert dash.all_stations.isEnabled() and dash.tiles["intake"].shown_value == f"{own:,}"
    assert "全部站点" not in dash.title.text()
    dash.all_stations.setChecked(True)
    settle()
    assert dash.remote and dash.fig.intake == own + 3
    assert dash.tiles["intake"].shown_value == f"{own + 3:,}"
    assert "全部站点" in dash.title.text() and "全部站点" in dash.status.text()
    assert "不在本机" in dash.tiles["intake"].toolTip()
    # Other stations' orders are not in this desk: no drill-down, no 督办 from here.
    dash.tiles["intake"].clicked.emit()
    assert "全部站点" in dash.message.text() and desk.window.tabs.currentWidget() is dash
    assert not dash.overdue.buttons and dash.overdue.rows
    assert dash.overdue.isColumnHidden(dash.overdue.columnCount() - 1) and not dash.show_all_overdue.isEnabled()
    assert all(r.visitor_name == r.summary == "" for r in dash.overdue.rows)
    # The comparison came from the centre too.
    assert dash.previous is not None and dash.previous.period == Period.day(TODAY).previous()

    # "Print this" draws the all-stations summary from the fetched figures.
    from desk.ui.dashboard import DashboardScreen
    from tests.pdftools import text as pdf_text

    out = tmp_path / "all.pdf"
    monkeypatch.setattr(DashboardScreen, "ask_save_path", classmethod(lambda cls, parent, suggested: str(out)))
    monkeypatch.setattr(DashboardScreen, "open_file", classmethod(lambda cls, path: True))
    dash.print_summary()
    settle()
    text = pdf_text(out)
    assert "全部站点（街道中心统计）" in text and f"{own + 3}" in text

    # Back to this station.
    dash.all_stations.setChecked(False)
    settle()
    assert not dash.remote and dash.fig.intake == own and "全部站点" not in dash.title.text()
    assert dash.overdue.buttons and dash.show_all_overdue.isEnabled()  # 督办 is back for this station


def test_an_unreachable_server_says_so_and_the_station_figures_stay(desk):
    dash, ds = desk.dash, desk.ds
    own = dash.fig.intake
    configure(ds.store, f"http://127.0.0.1:{free_port()}")  # nobody listens there
    dash.all_stations.setChecked(True)
    settle()
    assert "无法连接街道中心" in dash.message.text() and "本站" in dash.message.text()
    assert not dash.all_stations.isChecked() and not dash.remote
    assert dash.fig.intake == own and dash.tiles["intake"].shown_value == f"{own:,}"
    # The centre is back: the switch works again and the old failure is gone.
    configure(ds.store, desk.central.url)
    dash.all_stations.setChecked(True)
    settle()
    assert dash.remote and dash.fig.intake > own and dash.message.text() == ""


def test_english_all_stations_view(desk):
    dash = desk.dash
    desk.window.set_language("en")
    settle()
    dash.all_stations.setChecked(True)
    settle()
    assert dash.remote and dash.title.text() == "Dashboard · all stations"
    assert dash.fig.by_weekday[0].label == "Mon"  # the centre labelled them in the desk's language
    _choose(dash, "this_month")
    assert dash.fig.period == Period.month(TODAY) and dash.remote
