"""The printed problem register (问题清单) for the subdistrict's monthly review (每月一题): each
problem with its lead department, status, measures and their effect in words, its weekly
chart with the measures marked, and its open orders; signature lines at the end.

The same service calls as the 问题清单 screen (desk.services.pulse.register), so paper and screen
agree. `desk problems print --out FILE` and the screen's Print button both come here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desk.i18n import _, by_language, pgettext
from desk.printing.report import _numbered_canvas
from desk.services.dto import Actor
from desk.services.pulse import register as R
from desk.services.store import Store

OPEN_ORDERS_SHOWN = 15


def make_problem_register(store: Store, actor: Actor, out: Path | str, all_stations=None) -> int:
    """Draw the register to `out` (supervisors); returns the number of pages. `all_stations`
    (desk.services.pulse.across.AllStations, fetched from the centre) adds its section."""
    from desk.printing.a4 import a4_document, running_header
    from desk.printing.fonts import cjk_font

    problems = R.problems(store, actor)
    details = {p.number: (R.weekly(store, actor, p.number, weeks=52), R.problem_orders(store, actor, p.number))
               for p in problems}
    station = store.station()
    station_name = by_language(station.name, station.name_en or station.name)
    printed_at = store.now().astimezone(store.calendar().tz)
    font = cjk_font().name
    title = _("{station_name} Problem register (monthly review)").format(station_name=station_name)
    stamp = _("Printed {printed_at:%Y-%m-%d %H:%M}").format(printed_at=printed_at)
    out = Path(out)
    counter: list[int] = []
    decorate = running_header(font, title, stamp, counter)
    doc = a4_document(out, title=title, author=station_name, font=font)
    story = _story(problems, details, font, doc.width, title, actor.display_name, printed_at.date())
    if all_stations is not None:
        from desk.printing import problems_all_stations

        story[-2:-2] = problems_all_stations.story(all_stations, font, doc.width)  # before the signatures
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas(font))
    return len(counter)


def _story(problems, details, font: str, width: float, title: str, printed_by: str, today: date) -> list:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

    from desk.printing.wrap import Paragraph

    from desk.printing.a4 import paragraph_styles

    style, h1, h2, body, cell, note = paragraph_styles(font)

    from desk.printing.font_chain import markup as esc  # escaped; rare characters in the fallback fonts

    def table(rows, widths):
        t = Table([[Paragraph(esc(c), cell) for c in r] for r in rows], colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                               ("FONT", (0, 0), (-1, -1), font),  # else an unembedded Helvetica is named
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return t

    s: list = [Paragraph(esc(title), h1),
               Paragraph(esc(_("As of {date}: {count} problems").format(
                                 date=today.isoformat(), count=len(problems))),
                         style("sub", 9.5, alignment=TA_CENTER)), Spacer(1, 3 * mm)]
    if not problems:
        s.append(Paragraph(esc(_("The register is empty: take recurring problems into it on the Problems "
                                 "screen.")), body))
    else:
        head = [pgettext("desk.printing.problems_report", "No."), _("Problem"), _("Status"), _("Lead"),
                _("Place"), pgettext("desk.printing.problems_report", "Orders"), _("Open"), _("Latest")]
        rows = [head] + [[f"#{p.number}", p.title, p.status_text, p.department or "—", p.place, str(p.orders),
                          str(p.open_orders), p.last_order or "—"] for p in problems]
        s.append(table(rows, [w * width for w in (0.06, 0.22, 0.1, 0.18, 0.15, 0.08, 0.08, 0.13)]))

    for p in problems:
        weeks, orders = details[p.number]
        s += [CondPageBreak(70 * mm), Paragraph(esc(f"#{p.number} {p.title}"), h2)]
        s.append(Paragraph(esc(_("Status: {status_text} · Lead: {lead} · Place: {place} · Categories: "
                                 "{categories} · Registered {opened_on} · {orders} orders linked, "
                                 "{open_orders} open").format(
                                   status_text=p.status_text,
                                   lead=p.department or pgettext("desk.printing.problems_report", "not set"),
                                   place=p.place, categories=p.categories, opened_on=p.opened_on,
                                   orders=p.orders, open_orders=p.open_orders)),
            body))
        if p.measures:
            rows = [[_("Date"), _("Measure"), _("Effect (13 weeks each side)")]]
            rows += [[m.taken_on, m.text, m.sentence] for m in p.measures]
            s += [Spacer(1, 2 * mm), table(rows, [0.13 * width, 0.37 * width, 0.5 * width])]
        else:
            s.append(Paragraph(esc(_("No measures yet.")), note))
        s.append(KeepTogether([Paragraph(esc(_("Orders per week, last 52 weeks (red: measures)")), note),
                               weekly_chart(weeks, [m.taken_on for m in p.measures], font, width, 45 * mm)]))
        still_open = [o for o in orders if o.status not in ("closed", "called_back", "answered")]
        if still_open:
            rows = [[_("Ticket"), pgettext("desk.printing.problems_report", "Date"), pgettext("desk.printing.problems_report", "Summary"), _("Status")]]
            from desk.i18n import label

            rows += [[o.ticket_no, o.local_date, o.summary, label("status." + o.status)]
                     for o in still_open[-OPEN_ORDERS_SHOWN:]]
            s += [Paragraph(esc(_("Open orders ({count})").format(count=len(still_open))), body),
                  table(rows, [0.22 * width, 0.14 * width, 0.48 * width, 0.16 * width])]
    s += [Spacer(1, 12 * mm), Paragraph(esc(_("Prepared by {printed_by}      Station chief (signature): "
                                              "____________      Date: ____________").format(
                                                printed_by=printed_by)), body)]
    return s


def weekly_chart(weeks, measure_days, font: str, width: float, height: float):
    """Orders per week as bars, each measure's week marked with a red line."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line

    from desk.printing import charts

    colors = charts._colors()
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 18, width - 40, height - 26
    counts = [c for _, c in weeks] or [0]
    chart.data = [counts]
    chart.categoryAxis.categoryNames = [f"{w:%m-%d}" if i % 8 == 0 else "" for i, (w, _) in enumerate(weeks)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor(charts.GRID)
    chart.bars[0].fillColor = colors.HexColor(charts.INK)
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0.5
    charts._integer_steps(chart, max(counts))
    d.add(chart)
    if weeks:
        first = weeks[0][0]
        slot = chart.width / len(weeks)
        for day in measure_days:
            k = (date.fromisoformat(day) - first).days / 7
            if 0 <= k <= len(weeks):
                x = chart.x + k * slot
                d.add(Line(x, chart.y, x, chart.y + chart.height, strokeColor=colors.HexColor(charts.HIGHLIGHT),
                           strokeWidth=1.2))
    return d
