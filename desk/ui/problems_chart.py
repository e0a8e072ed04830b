"""The effect chart of a registered problem: orders per week, each measure a vertical line, so
"did it fall after the 22:00 rule?" is seen before it is read. Built on the dashboard's chart
view (desk/ui/charts.py) for the theme, fonts and axes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QCategoryAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen

from desk.ui.charts import ACCENT, WARN, _ChartView, theme_name


class EffectChart(_ChartView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("problemEffectChart")
        self.weeks: list[tuple[date, int]] = []
        self.measure_days: list[str] = []

    def show_weeks(self, weeks: list[tuple[date, int]], measure_days: list[str], title: str, measure_name: str) -> None:
        self.weeks, self.measure_days = weeks, measure_days
        theme = theme_name()
        chart = self._new_chart(title)
        counts = QLineSeries(name=title)
        pen = QPen(ACCENT[theme])
        pen.setWidthF(2.0)
        counts.setPen(pen)
        for k, (_, n) in enumerate(weeks):
            counts.append(QPointF(k, n))
        chart.addSeries(counts)
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for k, (week, _) in enumerate(weeks):
            if k % 8 == 0:
                x.append(f"{week:%y-%m-%d}", k)
        x.setRange(0, max(1, len(weeks) - 1))
        y = QValueAxis()
        y.setRange(0, max([n for _, n in weeks] + [1]) + 1)
        y.applyNiceNumbers()
        y.setLabelFormat("%d")
        for axis in (x, y):
            self._style_axis(axis)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        counts.attachAxis(x)
        counts.attachAxis(y)
        first = weeks[0][0] if weeks else None
        for day in measure_days if first else ():
            k = (date.fromisoformat(day) - first).days / 7
            if 0 <= k <= len(weeks):
                line = QLineSeries(name=measure_name)
                mpen = QPen(WARN[theme])
                mpen.setWidthF(2.0)
                mpen.setStyle(Qt.PenStyle.DashLine)
                line.setPen(mpen)
                line.append(QPointF(k, 0))
                line.append(QPointF(k, y.max()))
                chart.addSeries(line)
                line.attachAxis(x)
                line.attachAxis(y)
        chart.legend().setVisible(False)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
