"""The demo month (`desk demo`'s default history; November 2026 seen from 5 December) printed as a
monthly summary: every order is on every chart (the bars add up to the intake), every category
is in the table, the glossary page names every figure, and the dashboard's figures, the PDF, the
export and the all-stations wire format say the same numbers."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest

from desk.printing import charts, exports, report
from desk.services import figure_glossary, figures, figures_wire
from desk.services.figures import Period
from tests import pdftools

SH = timezone(timedelta(hours=8))
MONTH = Period.month("2026-11-01")
RATES = ("answered_at_desk", "response", "first_contact", "on_time", "solved", "solved_by_department",
         "satisfaction", "unsatisfied", "returned", "reopened", "extended", "called_back")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desk.demo import generate
    from desk.services import auth
    from desk.services.store import Store
    from tests.conftest import Clock

    clock = Clock(datetime(2026, 12, 5, 10, 0, tzinfo=SH).astimezone(timezone.utc))
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    store = Store.open(path, clock=clock)
    generate(store, days=60, per_day=80, seed=1)  # what `desk demo` makes
    chief = auth.login(store, "chenjing", "demo-2026")
    out = tmp_path_factory.mktemp("pdf")
    made = report.make_report(store, chief, "monthly", "2026-11-15", out / "m.pdf")
    yield store, chief, made, out
    store.close()


def _drawings(flowables):
    """The charts of a story, including those kept together with their captions."""
    from reportlab.graphics.shapes import Drawing

    for f in flowables:
        if isinstance(f, Drawing):
            yield f
        yield from _drawings(getattr(f, "_content", []))


def _chart_total(drawing) -> int:
    chart = drawing.contents[0]
    return sum(sum(series) for series in chart.data)


def test_every_order_is_on_every_chart(demo):
    store, chief, made, _out = demo
    fig = made.figures
    assert fig.intake > 2000 and len(fig.by_category) > report.CATEGORY_BARS  # the "other" bar is needed
    story = report._story(fig, "monthly", "Helvetica", 500, "月报", chief.display_name, SH)
    drawings = list(_drawings(story))
    assert len(drawings) == 3  # by hour, per day, by category
    for d in drawings:
        assert _chart_total(d) == fig.intake, type(d.contents[0]).__name__
    bars = charts.with_other(fig.by_category, report.CATEGORY_BARS)
    assert len(bars) == report.CATEGORY_BARS and sum(n for _, n in bars) == fig.intake

    text = pdftools.text(made.path)
    flat = text.replace(" ", "").replace("\n", "")
    label, count = bars[-1]
    assert label.replace(" ", "") in flat and label.startswith("其余")
    for b in fig.by_category:  # every category in the table, with its count
        assert f"{b.label}{b.count}" in flat, b.label
    assert f"合计{fig.intake}100%" in flat


def test_the_glossary_page_names_every_figure(demo):
    _store, _chief, made, out = demo
    pages = pdftools.pages(made.path)
    import subprocess

    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(made.path), "-"],
                          capture_output=True, text=True, check=True).stdout  # the last page alone
    flat = last.replace(" ", "").replace("\n", "")
    assert "指标口径说明" in flat
    for entry in figure_glossary.entries(made.figures):
        assert entry.name.replace(" ", "") in flat, entry.name
    assert "基本满意及以上（3–5分）" in flat and "24小时" in flat  # the rules the month was counted with
    png = pdftools.to_png(made.path, out / "m", dpi=50)
    assert len(png) == pages


def test_dashboard_pdf_export_and_all_stations_agree(demo, tmp_path):
    store, chief, made, _out = demo
    fig = figures.compute(store, chief, MONTH)  # what the dashboard computes for the month
    assert fig == made.figures
    flat = pdftools.text(made.path).replace(" ", "").replace("\n", "")
    for key in RATES:
        rate = getattr(fig, key)
        assert rate.denominator > 0, key
        assert f"{rate.percent()}（{rate.numerator}/{rate.denominator}）" in flat, key

    # The central server sends the same figures (its JSON, read back by a desk).
    wired = figures_wire.from_json(figures_wire.to_json(figures_wire.public(fig)))
    for key in RATES:
        assert getattr(wired, key) == getattr(fig, key), key
    assert (wired.intake, wired.overdue_count, wired.satisfied_at_least) == (fig.intake, fig.overdue_count, 3)

    # The export carries what the headline is counted from: the same counts from its rows.
    done = exports.export(store, chief, "2026-11-01", "2026-11-30", "csv", tmp_path / "nov.csv", full=False)
    with open(done.path, encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if r["状态代码"] != "voided"]
    assert len(rows) == fig.intake
    rated = [int(r["满意度"]) for r in rows if r["满意度"]]
    assert (sum(1 for x in rated if x >= 3), len(rated)) == (fig.satisfaction.numerator, fig.satisfaction.denominator)
    said = [r["群众评价解决"] for r in rows if r["群众评价解决"]]
    assert (said.count("是"), len(said)) == (fig.solved.numerator, fig.solved.denominator)
    assert sum(1 for r in rows if int(r["退单次数"]) > 0) == fig.returned.numerator
    assert sum(1 for r in rows if int(r["重办次数"]) > 0) == fig.reopened.numerator
