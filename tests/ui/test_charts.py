"""The dashboard's bar charts: the hour chart's 24 labels stay readable in a narrow window."""

from __future__ import annotations

from desk.ui.charts import BarChart, BarSet
from tests.ui.conftest import settle


def test_hour_labels_turn_upright_where_24_do_not_fit_side_by_side(qtbot):
    # At 1366x768 not maximised every hour showed as "…" under its bar.
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(900, 300)
    chart.show()
    hours = [f"{h:02d}" for h in range(24)]
    chart.set_bars("各时段受理量", hours, [BarSet("日间", [h % 5 for h in range(24)])])
    settle()
    axis = chart.categories
    assert (axis.labelsAngle(), axis.truncateLabels()) == (0, True)
    chart.resize(420, 300)
    settle()
    assert (axis.labelsAngle(), axis.truncateLabels()) == (-90, False)
    chart.resize(900, 300)
    settle()
    assert (axis.labelsAngle(), axis.truncateLabels()) == (0, True)
    # Seven weekdays fit side by side at the narrow width: left as they are.
    chart.set_bars("星期分布", ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], [BarSet("", [1] * 7)])
    chart.resize(420, 300)
    settle()
    assert chart.categories.labelsAngle() == 0
