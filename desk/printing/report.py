"""The printed summaries: daily report (日报), weekly and monthly (周报/月报), A4.

Every number comes from desk.services.figures, the same code the dashboard shows, so screen and
paper never disagree. Each page carries the station, the period and the printing time at the top
and "第 x 页 共 y 页" at the bottom; the last page has the signature lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from desk.i18n import _, by_language, M_, pgettext, zh_en
from desk.services import figure_glossary as G
from desk.services import figures as F
from desk.services.dto import Actor
from desk.errors import ValidationError
from desk.services.figures import Figures, Period, Rate, Scope
from desk.rules.permissions import Permission, require
from desk.services.store import Store

KINDS = ("daily", "weekly", "monthly")
HEADLINE_RATES = ("first_contact", "on_time", "solved", "solved_by_department", "satisfaction", "unsatisfied",
                  "returned", "reopened", "extended", "called_back")
CATEGORY_BARS = 10  # bars on the by-category chart, the last one "other" when there are more
TITLES = {"daily": zh_en("Daily report"), "weekly": zh_en("Weekly summary"),
          "monthly": zh_en("Monthly summary")}

_MESSAGES = (
    M_("bad_report_kind", "“{value}” is not a report: choose daily, weekly or monthly."),
)


@dataclass(frozen=True)
class ReportResult:
    path: Path
    kind: str
    period: Period
    pages: int
    figures: Figures


def report_period(kind: str, day: date | str) -> Period:
    if kind not in KINDS:
        raise ValidationError("bad_report_kind", value=kind)
    return Period.of(kind, day)


def make_report(store: Store, actor: Actor, kind: str, day: date | str, out: Path | str,
                scope: Scope = Scope()) -> ReportResult:
    """Compute the period's figures (supervisor) and draw the summary to `out`."""
    from desk.rules.permissions import Permission, require

    require(actor.role, Permission.PRINT_REPORTS)  # the refusal names this right, not the dashboard's
    period = report_period(kind, day)
    fig = F.compute(store, actor, period, scope)
    out = Path(out)
    printed_at = store.now().astimezone(store.calendar().tz)
    station = store.station()
    pages = render_report(fig, kind, out, station_name=by_language(station.name, station.name_en or station.name),
                          printed_at=printed_at, printed_by=actor.display_name)
    return ReportResult(out, kind, period, pages, fig)


# -- the summary of the figures on the dashboard -----------------------------------------------

def report_kind(period: Period) -> str:
    """Which printed summary matches the period: 日报 for one day, 周报/月报 for a week/month;
    a custom range prints as a weekly (up to 7 days) or monthly summary of exactly that range,
    unless the report module knows a 'custom' title."""
    if period.date_from == period.date_to:
        return "daily"
    if period.kind in ("week", "month"):
        return {"week": "weekly", "month": "monthly"}[period.kind]
    if "custom" in TITLES:
        return "custom"
    return "weekly" if period.days <= 7 else "monthly"


ALL_STATIONS = zh_en("All stations")


def default_report_name(store: Store, fig: Figures, *, remote: bool = False) -> str:
    title = by_language(*TITLES[report_kind(fig.period)])
    if remote:
        title = f"{by_language(*ALL_STATIONS)}-{title}"
    span = fig.period.date_from.isoformat() if fig.period.days == 1 else \
        f"{fig.period.date_from.isoformat()}_{fig.period.date_to.isoformat()}"
    return f"{title}-{span}.pdf"


@dataclass(frozen=True)
class Printed:
    path: Path
    kind: str
    pages: int


def print_figures(store: Store, actor: Actor, fig: Figures, path: str | Path, *, remote: bool = False,
                  render=None) -> Printed:
    """Draw the summary PDF of exactly the figures on screen (the report module's layout);
    `remote`: the all-stations figures of the central server, titled so. `render`: what draws
    it (render_report here; report_apart draws it in a child process)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    kind = report_kind(fig.period)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    station = store.station()
    name = by_language(station.name, station.name_en or station.name)
    if remote:  # the centre's figures: short, the page header must still fit the period and time
        name = _("{all_stations} (central figures)").format(all_stations=by_language(*ALL_STATIONS))
    pages = (render or render_report)(fig, kind, out, station_name=name,
                                 printed_at=store.now().astimezone(store.calendar().tz),
                                 printed_by=actor.display_name)
    return Printed(out, kind, pages)


# -- drawing -----------------------------------------------------------------------------------

def render_report(fig: Figures, kind: str, out: Path, *, station_name: str, printed_at: datetime,
                  printed_by: str) -> int:
    from desk.printing.a4 import a4_document, running_header
    from desk.printing.fonts import cjk_font

    font = cjk_font().name
    title = f"{station_name} {by_language(*TITLES[kind])}"
    header = f"{title}  {_('Period: ')}{fig.period.text()}"
    stamp = _("Printed {printed_at:%Y-%m-%d %H:%M}").format(printed_at=printed_at)
    counter: list[int] = []
    decorate = running_header(font, header, stamp, counter)
    doc = a4_document(out, title=title, author=station_name, font=font, subject=fig.period.text())
    story = _story(fig, kind, font, doc.width, title, printed_by, printed_at.tzinfo)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas(font))
    return len(counter)


def _numbered_canvas(font: str):
    """A canvas that knows the page count when it writes "第 x 页 共 y 页" (pages are kept until save)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", font)
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawCentredString(A4[0] / 2, 10 * 2.8346,
                                       _("Page {pagenumber} of {total}").format(
                                           pagenumber=self._pageNumber, total=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _rate_text(rate: Optional[Rate]) -> str:
    if rate is None or not rate.denominator:  # None: figures from an older central server
        return "—"
    return _("{percent} ({numerator}/{denominator})").format(
               percent=rate.percent(), numerator=rate.numerator, denominator=rate.denominator)


def _hours(value) -> str:
    return "—" if value is None else _("{value:.1f} h").format(value=value)


def _story(fig: Figures, kind: str, font: str, width: float, title: str, printed_by: str, tz) -> list:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

    from desk.printing.wrap import Paragraph

    from desk.printing import charts
    from desk.printing.a4 import paragraph_styles

    style, h1, h2, body, cell, note = paragraph_styles(font)

    def esc(t) -> str:  # escaped, rare characters in the fallback fonts (desk.printing.font_chain)
        from desk.printing.font_chain import markup

        return markup(str(t))

    def table(rows, widths, *, header=True, align_right_from=None):
        data = [[Paragraph(esc(c), cell) if isinstance(c, str) else c for c in r] for r in rows]
        t = Table(data, colWidths=widths, repeatRows=1 if header else 0)
        cmds = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")), ("FONT", (0, 0), (-1, -1), font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")))
        t.setStyle(TableStyle(cmds))
        return t

    def section(name):
        return [CondPageBreak(40 * mm), Paragraph(esc(name), h2)]

    s: list = [Paragraph(esc(title), h1),
               Paragraph(esc(_("Period: {text} (by date of intake)").format(text=fig.period.text())),
                         style("sub", 9.5, alignment=TA_CENTER)), Spacer(1, 3 * mm)]

    # 1. Headline figures.
    s += section(_("1. Headline figures"))
    # The names are the glossary's (the last page says what each one means).
    pairs = [
        (pgettext("desk.printing.report", "Intake"), str(fig.intake)),
        (G.name("answered_at_desk"), _rate_text(fig.answered_at_desk)),
        (pgettext("desk.printing.report", "Response rate"), _rate_text(fig.response)),
        *((G.name(key), _rate_text(getattr(fig, key))) for key in HEADLINE_RATES),
        (G.name("avg_accept_hours"), _hours(fig.avg_accept_hours)),
        (G.name("avg_resolve_hours"), _hours(fig.avg_resolve_hours)),
        (pgettext("desk.printing.report", "Open now"), str(fig.open_now)),
        (pgettext("desk.printing.report", "Overdue now"), str(fig.overdue_count)
         + (_(" (incl. {overdue_pended} pended late)").format(overdue_pended=fig.overdue_pended)
            if fig.overdue_pended else "")),
        (_("Extensions waiting"), str(fig.extension_requests)),
    ]
    rows = [[pairs[i][0], pairs[i][1], pairs[i + 1][0], pairs[i + 1][1]] for i in range(0, len(pairs), 2)]
    s.append(table(rows, [width * 0.2, width * 0.3, width * 0.2, width * 0.3], header=False))

    # 2. Intake: charts first, then the breakdown tables.
    s += section(_("2. Intake"))
    s.append(Paragraph(esc(_("By hour of day (red: after 22:00, the noise rule)")), body))
    s.append(charts.hour_chart(fig.by_hour, font, width, 52 * mm))
    if kind != "daily":
        n = len(fig.trend)
        s.append(Paragraph(esc(_("Intake per day, last {n} days").format(n=n)), body))
        s.append(charts.trend_chart(fig.trend, font, width, 45 * mm))
    if fig.by_category:
        # The largest categories and one "other" bar (every order on the chart), then all of them.
        bars = len(charts.with_other(fig.by_category, CATEGORY_BARS))
        s.append(KeepTogether([Paragraph(esc(_("By category")), body),
                               charts.bar_chart(fig.by_category, font, width, max(30 * mm, 7 * mm * bars + 10),
                                                limit=CATEGORY_BARS)]))
        rows = [[_("Category"), pgettext("desk.printing.report", "Orders"), _("Share")]]
        rows += [[b.label, str(b.count), f"{b.count / fig.intake * 100:.1f}%" if fig.intake else "—"]
                 for b in fig.by_category]
        rows.append([_("Total"), str(sum(b.count for b in fig.by_category)), "100%" if fig.intake else "—"])
        s += [Spacer(1, 1 * mm), table(rows, [width * 0.5, width * 0.25, width * 0.25]), Spacer(1, 2 * mm)]
    breakdown = []
    for name, buckets in ((_("Channel"), fig.by_channel), (_("Kind"), fig.by_kind),
                          (_("Area"), fig.by_area), (_("Weekday"), fig.by_weekday)):
        items = [b for b in buckets if b.count]
        colon, comma = _(": "), _(", ")
        breakdown.append(f"{name}{colon}" + comma.join(f"{b.label} {b.count}" for b in items) if items else f"{name}{colon}—")
    for line in breakdown:
        s.append(Paragraph(esc(line), body))
    if fig.by_department:
        rows = [[pgettext("desk.printing.report", "Department"), pgettext("desk.printing.report", "Orders"), _("Share")]]
        for b in fig.by_department:
            rows.append([b.label, str(b.count), f"{b.count / fig.intake * 100:.1f}%" if fig.intake else "—"])
        s += [Spacer(1, 2 * mm), table(rows, [width * 0.5, width * 0.25, width * 0.25])]

    # 3. Departments.
    s += section(_("3. Department league table"))
    if fig.league:
        rows = [[pgettext("desk.printing.report", "Department"), pgettext("desk.printing.report", "Volume"), _("On time"),
                 pgettext("desk.printing.report", "Returns"), pgettext("desk.printing.report", "Satisfaction")]]
        for r in fig.league:
            rows.append([r.department_name, str(r.volume), _rate_text(r.on_time), str(r.returns),
                         _rate_text(r.satisfaction)])
        s.append(table(rows, [width * 0.3, width * 0.12, width * 0.22, width * 0.12, width * 0.24]))
    else:
        s.append(Paragraph(esc(_("Nothing was dispatched in this period.")), body))

    # 4. Backlog and overdue.
    s += section(_("4. Backlog and overdue (as printed)"))
    rows = [[_("Age")] + [b.label for b in fig.backlog], [pgettext("desk.printing.report", "Open")] +
            [str(b.count) for b in fig.backlog]]
    s.append(table(rows, [width * 0.16] + [width * 0.14] * len(fig.backlog)))
    s.append(Spacer(1, 2 * mm))
    if fig.overdue:
        now = fig.computed_at
        rows = [[_("Ticket"), _("Category / matter"), pgettext("desk.printing.report", "Department"),
                 _("Missed limit"), _("Late by")]]
        for r in fig.overdue:
            # The limit that was missed: resolution, or acceptance for an order nobody accepted.
            if r.resolve_due_at and r.resolve_due_at < now:
                due, which = r.resolve_due_at, _("resolve")
            else:
                due, which = r.accept_due_at, _("accept")
            late_days = (now - due).total_seconds() / 86400
            # All-stations figures carry no resident's words: the category alone then.
            rows.append([r.ticket_no, "：".join(x for x in (r.category_name, r.summary) if x),
                         r.department_name, f"{which} {due.astimezone(tz):%m-%d %H:%M}",
                         _("{late_days:.1f} d").format(late_days=late_days)])
        s.append(table(rows, [width * 0.21, width * 0.34, width * 0.16, width * 0.17, width * 0.12]))
        if fig.overdue_count > len(fig.overdue):
            s.append(Paragraph(esc(_("{value} more overdue orders not listed.").format(
                                       value=fig.overdue_count - len(fig.overdue))), note))
    else:
        s.append(Paragraph(esc(_("No order is overdue.")), body))

    # 5. Hot topics.
    s += section(_("5. Hot topics (the same matter, the same place)"))
    if fig.hot_topics:
        rows = [[_("Category"), _("Place"), pgettext("desk.printing.report: hot topics", "Orders"), _("First"),
                 pgettext("desk.printing.report", "Latest")]]
        for t in fig.hot_topics:
            rows.append([t.category_name, t.place + ("" if t.level == "address" else _(" (lane)")),
                         str(t.count), t.first_date, t.last_date])
        s.append(table(rows, [width * 0.26, width * 0.34, width * 0.1, width * 0.15, width * 0.15]))
        window = fig.hot_window
        s.append(Paragraph(esc(_("Window: {text} ({days} days).").format(text=window.text(), days=window.days)), note))
    else:
        s.append(Paragraph(esc(_("Nothing kept coming back.")), body))

    # Signatures, then the glossary on a page of its own.
    s += [Spacer(1, 3 * mm), Paragraph(esc(_("Every figure's definition is on the last page (Glossary); "
                                             "backlog and overdue are as computed.")), note)]
    sign = [[_("Prepared by:"), printed_by, _("Approved (station head):"), "",
             _("Date:"), ""]]
    t = Table([[Paragraph(esc(c), cell) for c in sign[0]]],
              colWidths=[width * 0.11, width * 0.17, width * 0.2, width * 0.2, width * 0.08, width * 0.24])
    t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                           ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                           ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black), ("FONT", (0, 0), (-1, -1), font),
                           ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 10)]))
    s += [Spacer(1, 8 * mm), KeepTogether([t])]
    s += _glossary(fig, esc, style, table, width)
    return s


def _glossary(fig: Figures, esc, style, table, width) -> list:
    """The last page: every figure's name and its definition in a sentence, the same words as
    the dashboard's tooltips (desk.services.figure_glossary), with the rules in force."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer

    from desk.printing.wrap import Paragraph

    rows = [[_("Figure"), _("Definition")]]
    rows += [[e.name, e.text] for e in G.entries(fig)]
    return [PageBreak(), Paragraph(esc(_("Glossary")), style("glossary", 14, alignment=TA_CENTER,
                                                                                spaceAfter=3 * mm)),
            Paragraph(esc(_("Period {text}, by date of intake, voided orders left out; satisfied means "
                            "{satisfied_rule}; first contact is due within {first_contact_hours} hours of "
                            "dispatch.").format(
                              text=fig.period.text(), satisfied_rule=G.satisfied_rule(fig.satisfied_at_least),
                              first_contact_hours=fig.first_contact_hours)), style("gnote", 8.5)),
            Spacer(1, 2 * mm), table(rows, [width * 0.24, width * 0.76])]
