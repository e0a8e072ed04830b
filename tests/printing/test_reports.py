"""Printed summaries read back: the figures module's numbers, page numbers, fonts, signatures."""

from __future__ import annotations


import pytest

from desk.i18n import set_language
from desk.printing import report
from desk.services import figures
from desk.errors import PermissionDenied, ValidationError
from tests import pdftools
from tests.known_orders import known, store  # noqa: F401 - the shared dataset fixtures


def _flat(pdf) -> str:
    return pdftools.text(pdf).replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("kind,title,period", [("daily", "日报", "2026-12-16"), ("weekly", "周报", "2026-12-14–2026-12-20"),
                                               ("monthly", "月报", "2026-12-01–2026-12-31")])
def test_report_carries_the_figures(store, known, tmp_path, kind, title, period):
    result = report.make_report(store, known.supervisor, kind, "2026-12-16", tmp_path / f"{kind}.pdf")
    fig = figures.compute(store, known.supervisor, result.period)
    assert result.figures == fig  # the same figures the dashboard gets
    flat = _flat(result.path)
    assert f"陕西居民区党群服务站{title}" in flat and period in flat and "打印时间：2026-12-1815:00" in flat
    assert f"受理总量{fig.intake}" in flat
    for rate in (fig.answered_at_desk, fig.response, fig.on_time, fig.satisfaction):
        if rate.denominator:
            assert f"{rate.percent()}（{rate.numerator}/{rate.denominator}）" in flat
    assert f"超期工单（当前）{fig.overdue_count}" in flat
    for row in fig.overdue[:5]:
        assert row.ticket_no in flat
    # Every page says which of how many it is; the count matches the file.
    pages = pdftools.pages(result.path)
    assert result.pages == pages
    for n in range(1, pages + 1):
        assert f"第{n}页共{pages}页" in flat
    assert "制表人：陈静" in flat and "审核（站长）：" in flat
    pdftools.assert_fonts_embedded(result.path)


def test_monthly_report_shows_hot_topics_hours_and_trend(store, known, tmp_path):
    result = report.make_report(store, known.supervisor, "monthly", "2026-12-05", tmp_path / "m.pdf")
    flat = _flat(result.path)
    assert "建国西路88号" in flat and "永嘉路（整条弄）" in flat
    assert "按时段（红色为22:00后" in flat and "近30天每日受理量" in flat
    assert "三、承办单位排行" in flat and "物业服务企业" in flat
    assert 2 <= result.pages <= 6
    png = pdftools.to_png(result.path, tmp_path / "m", dpi=50)
    assert len(png) == result.pages


def test_english_report(store, known, tmp_path):
    set_language("en")
    result = report.make_report(store, known.supervisor, "weekly", "2026-12-16", tmp_path / "w.pdf")
    text = pdftools.text(result.path)
    assert "Weekly summary" in text and "Page 1 of" in text and "Department league table" in text


def test_clerks_cannot_print_summaries_and_kinds_are_checked(store, known, tmp_path):
    with pytest.raises(PermissionDenied):
        report.make_report(store, known.clerk, "daily", "2026-12-16", tmp_path / "d.pdf")
    with pytest.raises(ValidationError):
        report.make_report(store, known.supervisor, "yearly", "2026-12-16", tmp_path / "y.pdf")
    with pytest.raises(ValidationError):
        report.make_report(store, known.supervisor, "daily", "16/12/2026", tmp_path / "y.pdf")
