"""Small clickable charts for the dashboard (QtCharts): bars and a day-by-day line.

Each chart only draws numbers it is given and reports which segment was clicked by its index;
the screen maps the index back to the figure's drill-down. Colours follow the window's theme
(light/dark) and the labels use the application font, so Chinese and large text work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCharts import (QAbstractBarSeries, QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart,
                              QChartView, QHorizontalBarSeries, QLineSeries, QScatterSeries, QStackedBarSeries,
                              QValueAxis)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip

ACCENT = {"light": QColor("#00897b"), "dark": QColor("#4db6ac")}
WARN = {"light": QColor("#e65100"), "dark": QColor("#ffb74d")}
TEXT = {"light": QColor("#212121"), "dark": QColor("#eceff1")}
GRID = {"light": QColor("#d0d0d0"), "dark": QColor("#455a64")}


def theme_name() -> str:
    app = QApplication.instance()
    return "dark" if app is not None and app.property("desk_theme") == "dark" else "light"


@dataclass(frozen=True)
class BarSet:
    """One series of bars: a name for the legend, one value per category, warn colour or not."""

    name: str
    values: Sequence[int]
    warn: bool = False


class _ChartView(QChartView):
    segment_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(max(230, 15 * self.fontMetrics().height()))
        self.setStyleSheet("background: transparent;")
        self.labels: list[str] = []
        self.values: list[int] = []
        self.hint = ""  # "click to see these orders", set by the screen in its language

    def _new_chart(self, title: str) -> QChart:
        theme = theme_name()
        self.setMinimumHeight(max(230, 15 * self.fontMetrics().height()))  # the font may have grown
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme == "dark" else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        font = QFont(self.font())
        title_font = QFont(font)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitleBrush(TEXT[theme])
        chart.setTitle(title)
        chart.legend().setFont(font)
        chart.legend().setLabelColor(TEXT[theme])
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def _style_axis(self, axis) -> None:
        theme = theme_name()
        axis.setLabelsFont(QFont(self.font()))
        axis.setLabelsColor(TEXT[theme])
        axis.setGridLineColor(GRID[theme])
        axis.setLinePenColor(GRID[theme])

    def _tip(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            QToolTip.showText(QCursor.pos(), f"{self.labels[index]}: {self.values[index]:,}\n{self.hint}", self)

    def _clicked(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.segment_clicked.emit(index)


class BarChart(_ChartView):
    """Vertical (stacked) bars, or horizontal bars for long names (categories, areas)."""

    def __init__(self, horizontal: bool = False, parent=None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.bar_sets: list[QBarSet] = []
        self.categories: QBarCategoryAxis | None = None  # the category axis of the bars shown

    def set_bars(self, title: str, labels: Sequence[str], sets: Sequence[BarSet], *, show_values: bool = True) -> None:
        theme = theme_name()
        chart = self._new_chart(title)
        self.labels = list(labels)
        self.values = [sum(s.values[i] for s in sets) for i in range(len(labels))]
        # Horizontal bars draw the first category at the bottom: reverse, so the biggest is on top.
        order = list(range(len(labels)))[::-1] if self.horizontal else list(range(len(labels)))
        if self.horizontal:
            series = QHorizontalBarSeries()
        else:  # several sets share one bar per category (the hour chart's quiet hours)
            series = QStackedBarSeries() if len(sets) > 1 else QBarSeries()
        self.bar_sets = []
        for spec in sets:
            bar_set = QBarSet(spec.name)
            bar_set.append([float(spec.values[i]) for i in order])
            colour = WARN[theme] if spec.warn else ACCENT[theme]
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            bar_set.setLabelColor(TEXT[theme])
            bar_set.setLabelFont(QFont(self.font()))
            bar_set.clicked.connect(lambda i, o=order: self._clicked(o[i]))
            bar_set.hovered.connect(lambda on, i, o=order: self._tip(o[i]) if on else QToolTip.hideText())
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.setBarWidth(0.7)
        if show_values:
            series.setLabelsVisible(True)
            series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([self.labels[i] for i in order] or [""])
        values = QValueAxis()
        top = max(self.values, default=0)
        values.setRange(0, max(1, top * (1.25 if show_values else 1.05)))
        values.setLabelFormat("%d")
        values.setTickCount(5 if top >= 4 else max(2, top + 1))
        for axis in (categories, values):
            self._style_axis(axis)
        self.categories = categories
        self._fit_category_labels()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if self.horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if self.horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setVisible(len(sets) > 1)
        if self.horizontal:
            self.setMinimumHeight(max(230, 15 * self.fontMetrics().height(),
                                      70 + len(labels) * (self.fontMetrics().height() + 12)))
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _fit_category_labels(self) -> None:
        """The hours' labels where 24 of them do not fit side by side (a narrow window, large
        text): turned upright, and in a smaller font if even that is crowded, instead of "…"
        under every bar (seen at 1366 not maximised). Checked again on every resize."""
        axis = self.categories
        if axis is None or self.horizontal:
            return
        room = self.width() - 60
        metrics = self.fontMetrics()
        upright = len(self.labels) * (metrics.horizontalAdvance("00") + 8) > room
        font = QFont(self.font())
        if upright and len(self.labels) * (metrics.height() + 4) > room:
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.72))
        if axis.labelsAngle() != (-90 if upright else 0):
            axis.setLabelsAngle(-90 if upright else 0)
            axis.setTruncateLabels(not upright)  # QtCharts elides an upright label to its bar's width
        if axis.labelsFont() != font:
            axis.setLabelsFont(font)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_category_labels()


class TrendChart(_ChartView):
    """Orders per day as a line with clickable points; every fifth day is labelled."""

    def set_points(self, title: str, labels: Sequence[str], values: Sequence[int], legend: str) -> None:
        theme = theme_name()
        chart = self._new_chart(title)
        self.labels, self.values = list(labels), list(values)
        line = QLineSeries()
        line.setName(legend)
        line.setPen(QPen(ACCENT[theme], 2))
        points = QScatterSeries()
        points.setMarkerSize(9)
        points.setColor(ACCENT[theme])
        points.setBorderColor(ACCENT[theme])
        for i, v in enumerate(values):
            line.append(QPointF(i, v))
            points.append(QPointF(i, v))
        for series in (line, points):
            series.clicked.connect(self._clicked_at)
            series.hovered.connect(lambda p, on: self._tip(round(p.x())) if on else QToolTip.hideText())
            chart.addSeries(series)
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, text in enumerate(labels):
            if i % 5 == 0 or i == len(labels) - 1:
                x.append(text, i)
        x.setRange(-0.5, max(0.5, len(labels) - 0.5))
        y = QValueAxis()
        top = max(values, default=0)
        y.setRange(0, max(1, top * 1.1))
        y.setLabelFormat("%d")
        y.setTickCount(5 if top >= 4 else max(2, top + 1))
        for axis in (x, y):
            self._style_axis(axis)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (line, points):
            series.attachAxis(x)
            series.attachAxis(y)
        chart.legend().setVisible(False)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _clicked_at(self, point: QPointF) -> None:
        self._clicked(round(point.x()))
