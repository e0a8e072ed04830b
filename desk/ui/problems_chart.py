"""The effect chart of a registered problem: orders per week, each measure a vertical line, so
"did it fall after the 22:00 rule?" is seen before it is read."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from desk.ui.charts import ACCENT, GRID, TEXT, WARN, theme_name


class EffectChart(QChartView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("problemEffectChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(max(200, 12 * self.fontMetrics().height()))
        self.setStyleSheet("background: transparent;")
        self.weeks: list[tuple[date, int]] = []
        self.measure_days: list[str] = []

    def show_weeks(self, weeks: list[tuple[date, int]], measure_days: list[str], title: str, measure_name: str) -> None:
        self.weeks, self.measure_days = weeks, measure_days
        theme = theme_name()
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme == "dark" else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        font = QFont(self.font())
        chart.setTitleFont(font)
        chart.setTitleBrush(TEXT[theme])
        chart.setTitle(title)
        counts = QLineSeries(name=title)
        pen = QPen(ACCENT[theme])
        pen.setWidthF(2.0)
        counts.setPen(pen)
        for k, (_, n) in enumerate(weeks):
            counts.append(QPointF(k, n))
        chart.addSeries(counts)
        top = max([n for _, n in weeks] + [1])
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for k, (week, _) in enumerate(weeks):
            if k % 8 == 0:
                x.append(f"{week:%y-%m-%d}", k)
        x.setRange(0, max(1, len(weeks) - 1))
        y = QValueAxis()
        y.setRange(0, top + 1)
        y.applyNiceNumbers()
        y.setLabelFormat("%d")
        for axis in (x, y):
            axis.setLabelsFont(font)
            axis.setLabelsColor(TEXT[theme])
            axis.setGridLineColor(GRID[theme])
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        counts.attachAxis(x)
        counts.attachAxis(y)
        if weeks:
            first = weeks[0][0]
            for day in measure_days:
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
