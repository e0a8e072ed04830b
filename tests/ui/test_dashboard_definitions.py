"""Issue 16 on the dashboard: the unsatisfied tile opens exactly those orders, every tile's
tooltip is the glossary's sentence (the printed glossary page's words), and figures from an
older central server (without the new fields) show "—" instead of failing."""

from __future__ import annotations

import dataclasses

from desk.services import dashboard_data, figure_glossary, figures
from tests.ui.conftest import settle
from tests.ui.test_dashboard import desk  # noqa: F401 (the fixture)


def test_unsatisfied_tile_tooltips_and_older_servers(desk):  # noqa: F811
    dash, window = desk.dash, desk.window
    dash.chooser.set_preset("this_month")
    settle()
    fig = dash.fig
    unsatisfied = {t for (t,) in desk.sql.execute(
        "SELECT ticket_no FROM work_order WHERE status != 'voided' AND rating < 3 "
        "AND created_local_date BETWEEN ? AND ?", (fig.period.date_from.isoformat(), fig.period.date_to.isoformat()))}
    assert unsatisfied and dash.tiles["unsatisfied"].shown_value == f"{len(unsatisfied) / fig.unsatisfied.denominator * 100:.1f}%"
    dash.tiles["unsatisfied"].clicked.emit()  # one click from the dashboard
    settle()
    model = window.queue.model
    assert {model.row_at(i).ticket_no for i in range(model.rowCount())} == unsatisfied

    for entry in figure_glossary.entries(fig, tuple(dash.tiles)):
        assert dash.tiles[entry.key].toolTip().startswith(entry.text), entry.key

    older = dataclasses.replace(fig, first_contact=None, unsatisfied=None, solved_by_department=None)
    dashboard_data.set_all_stations_source(lambda store, actor, period, scope: (lambda fig=dataclasses.replace(
        figures.compute(store, actor, period, scope), first_contact=None, unsatisfied=None,
        solved_by_department=None): fig))
    try:
        from desk.sync.client import configure

        configure(desk.ds.store, "https://central.example/desk", "SX.token")
        dash.reload()
        settle()
        dash.all_stations.setChecked(True)
        settle()
        assert dash.remote and dash.fig.first_contact is None and older.intake == dash.fig.intake
        assert dash.tiles["first_contact"].shown_value == "—" and dash.tiles["unsatisfied"].shown_value == "—"
        assert dash.tiles["solved"].shown_value == fig.solved.percent()
    finally:
        dashboard_data.set_all_stations_source(None)
