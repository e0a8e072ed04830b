"""ReportLab charts for the printed summaries: a picture where it reads faster than a table."""

from __future__ import annotations

from typing import Sequence

from desk.i18n import _
from desk.services.figures import Bucket, TrendPoint

INK = "#1f4e79"
HIGHLIGHT = "#c0392b"
GRID = "#d9d9d9"


def _colors():
    from reportlab.lib import colors

    return colors


def hour_chart(buckets: Sequence[Bucket], font: str, width: float, height: float, *, highlight_from: int = 22):
    """Intake by hour of day; the hours from 22:00 (the noise rule) in red."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String

    colors = _colors()
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 22, width - 40, height - 36
    chart.data = [[b.count for b in buckets]]
    chart.categoryAxis.categoryNames = [b.label for b in buckets]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.gridStrokeColor = colors.HexColor(GRID)
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = colors.HexColor(INK)
    chart.bars[0].strokeColor = None
    for i, b in enumerate(buckets):
        if int(b.key) >= highlight_from:
            chart.bars[(0, i)].fillColor = colors.HexColor(HIGHLIGHT)
    _integer_steps(chart, max((b.count for b in buckets), default=0))
    d.add(chart)
    d.add(String(width - 4, height - 10, _("■ after 22:00"), fontName=font, fontSize=7, textAnchor="end",
                 fillColor=colors.HexColor(HIGHLIGHT)))
    return d


def with_other(buckets: Sequence[Bucket], limit: int) -> list[tuple[str, int]]:
    """(label, count) of at most `limit` bars, biggest first: when there are more buckets, the
    first limit-1 and one "其余 N 类 / N other categories" bar that adds up the rest, so every order is on the chart."""
    items = [(b.label, b.count) for b in buckets]
    if len(items) <= limit:
        return items
    rest = items[limit - 1:]
    # "其余 N 类", not "其他": stations have a category called 其他 of their own.
    return items[:limit - 1] + [(_("{count} other categories").format(count=len(rest)), sum(n for _label, n in rest))]


def bar_chart(buckets: Sequence[Bucket], font: str, width: float, height: float, *, limit: int = 10):
    """Horizontal bars, biggest first (categories, areas, departments); beyond `limit`, the rest
    as one "other" bar (with_other)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    colors = _colors()
    shown = with_other(buckets, limit)[::-1]  # the chart draws bottom-up
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 110, 14, width - 125, height - 20
    chart.data = [[n for _, n in shown] or [0]]
    chart.categoryAxis.categoryNames = [_clip(label, 24) for label, _ in shown] or [""]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor(GRID)
    chart.bars[0].fillColor = colors.HexColor(INK)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    _integer_steps(chart, max((n for _, n in shown), default=0))
    d.add(chart)
    return d


def trend_chart(points: Sequence[TrendPoint], font: str, width: float, height: float):
    """Intake per day, 30 days: one line, a label every fifth day."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing

    colors = _colors()
    d = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 28, 22, width - 40, height - 30
    chart.data = [[p.count for p in points]]
    chart.categoryAxis.categoryNames = [p.day[5:] if i % 5 == 0 or i == len(points) - 1 else ""
                                        for i, p in enumerate(points)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor(GRID)
    chart.lines[0].strokeColor = colors.HexColor(INK)
    chart.lines[0].strokeWidth = 1.5
    _integer_steps(chart, max((p.count for p in points), default=0))
    d.add(chart)
    return d


def _clip(text: str, width: int) -> str:
    """At most `width` columns, a Chinese character counting two (what fits left of the bars)."""
    import unicodedata

    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            return out + "…"
        out, used = out + ch, used + w
    return out


def _integer_steps(chart, top: int) -> None:
    """Whole numbers on the value axis (orders are counted, not measured)."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if top / candidate <= 6:
            break
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, ((top // step) + 1) * step)
    chart.valueAxis.labelTextFormat = "%d"
