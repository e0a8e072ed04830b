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

from desk.i18n import pick, register_messages
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
TITLES = {"daily": ("日报", "Daily report"), "weekly": ("周报", "Weekly summary"),
          "monthly": ("月报", "Monthly summary")}

register_messages({
    "bad_report_kind": ("报表类型“{value}”无效：请选 daily、weekly 或 monthly。",
                        "“{value}” is not a report: choose daily, weekly or monthly."),
})


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
    pages = render_report(fig, kind, out, station_name=pick(station.name, station.name_en or station.name),
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


ALL_STATIONS = ("全部站点", "All stations")


def default_report_name(store: Store, fig: Figures, *, remote: bool = False) -> str:
    title = pick(*TITLES[report_kind(fig.period)])
    if remote:
        title = f"{pick(*ALL_STATIONS)}-{title}"
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
    name = pick(station.name, station.name_en or station.name)
    if remote:  # the centre's figures: short, the page header must still fit the period and time
        name = pick(f"{ALL_STATIONS[0]}（街道中心统计）", f"{ALL_STATIONS[1]} (central figures)")
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
    title = f"{station_name} {pick(*TITLES[kind])}"
    header = f"{title}  {pick('统计期间：', 'Period: ')}{fig.period.text()}"
    stamp = pick(f"打印时间：{printed_at:%Y-%m-%d %H:%M}", f"Printed {printed_at:%Y-%m-%d %H:%M}")
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
                                       pick(f"第 {self._pageNumber} 页 共 {total} 页", f"Page {self._pageNumber} of {total}"))
                super().showPage()
            super().save()

    return NumberedCanvas


def _rate_text(rate: Optional[Rate]) -> str:
    if rate is None or not rate.denominator:  # None: figures from an older central server
        return "—"
    return pick(f"{rate.percent()}（{rate.numerator}/{rate.denominator}）",
                f"{rate.percent()} ({rate.numerator}/{rate.denominator})")


def _hours(value) -> str:
    return "—" if value is None else pick(f"{value:.1f} 小时", f"{value:.1f} h")


def _story(fig: Figures, kind: str, font: str, width: float, title: str, printed_by: str, tz) -> list:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

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
               Paragraph(esc(pick(f"统计期间：{fig.period.text()}（按受理日期）", f"Period: {fig.period.text()} (by date of intake)")),
                         style("sub", 9.5, alignment=TA_CENTER)), Spacer(1, 3 * mm)]

    # 1. Headline figures.
    s += section(pick("一、主要指标", "1. Headline figures"))
    # The names are the glossary's (the last page says what each one means).
    pairs = [
        (pick("受理总量", "Intake"), str(fig.intake)),
        (G.name("answered_at_desk"), _rate_text(fig.answered_at_desk)),
        (pick("响应率（按时签收）", "Response rate"), _rate_text(fig.response)),
        *((G.name(key), _rate_text(getattr(fig, key))) for key in HEADLINE_RATES),
        (G.name("avg_accept_hours"), _hours(fig.avg_accept_hours)),
        (G.name("avg_resolve_hours"), _hours(fig.avg_resolve_hours)),
        (pick("在办工单（当前）", "Open now"), str(fig.open_now)),
        (pick("超期工单（当前）", "Overdue now"), str(fig.overdue_count)
         + (pick(f"（含超期后挂起 {fig.overdue_pended}）", f" (incl. {fig.overdue_pended} pended late)")
            if fig.overdue_pended else "")),
        (pick("待审批延期", "Extensions waiting"), str(fig.extension_requests)),
    ]
    rows = [[pairs[i][0], pairs[i][1], pairs[i + 1][0], pairs[i + 1][1]] for i in range(0, len(pairs), 2)]
    s.append(table(rows, [width * 0.2, width * 0.3, width * 0.2, width * 0.3], header=False))

    # 2. Intake: charts first, then the breakdown tables.
    s += section(pick("二、受理情况", "2. Intake"))
    s.append(Paragraph(esc(pick("按时段（红色为 22:00 后，外摆与噪音管控时段）",
                                "By hour of day (red: after 22:00, the noise rule)")), body))
    s.append(charts.hour_chart(fig.by_hour, font, width, 52 * mm))
    if kind != "daily":
        n = len(fig.trend)
        s.append(Paragraph(esc(pick(f"近 {n} 天每日受理量", f"Intake per day, last {n} days")), body))
        s.append(charts.trend_chart(fig.trend, font, width, 45 * mm))
    if fig.by_category:
        # The largest categories and one "other" bar (every order on the chart), then all of them.
        bars = len(charts.with_other(fig.by_category, CATEGORY_BARS))
        s.append(KeepTogether([Paragraph(esc(pick("按分类", "By category")), body),
                               charts.bar_chart(fig.by_category, font, width, max(30 * mm, 7 * mm * bars + 10),
                                                limit=CATEGORY_BARS)]))
        rows = [[pick("分类", "Category"), pick("受理量", "Orders"), pick("占比", "Share")]]
        rows += [[b.label, str(b.count), f"{b.count / fig.intake * 100:.1f}%" if fig.intake else "—"]
                 for b in fig.by_category]
        rows.append([pick("合计", "Total"), str(sum(b.count for b in fig.by_category)), "100%" if fig.intake else "—"])
        s += [Spacer(1, 1 * mm), table(rows, [width * 0.5, width * 0.25, width * 0.25]), Spacer(1, 2 * mm)]
    breakdown = []
    for name, buckets in ((pick("渠道", "Channel"), fig.by_channel), (pick("类型", "Kind"), fig.by_kind),
                          (pick("居民区", "Area"), fig.by_area), (pick("周几", "Weekday"), fig.by_weekday)):
        items = [b for b in buckets if b.count]
        colon, comma = pick("：", ": "), pick("，", ", ")
        breakdown.append(f"{name}{colon}" + comma.join(f"{b.label} {b.count}" for b in items) if items else f"{name}{colon}—")
    for line in breakdown:
        s.append(Paragraph(esc(line), body))
    if fig.by_department:
        rows = [[pick("承办单位", "Department"), pick("受理量", "Orders"), pick("占比", "Share")]]
        for b in fig.by_department:
            rows.append([b.label, str(b.count), f"{b.count / fig.intake * 100:.1f}%" if fig.intake else "—"])
        s += [Spacer(1, 2 * mm), table(rows, [width * 0.5, width * 0.25, width * 0.25])]

    # 3. Departments.
    s += section(pick("三、承办单位排行", "3. Department league table"))
    if fig.league:
        rows = [[pick("承办单位", "Department"), pick("工单量", "Volume"), pick("按时办结率", "On time"),
                 pick("退单", "Returns"), pick("满意率", "Satisfaction")]]
        for r in fig.league:
            rows.append([r.department_name, str(r.volume), _rate_text(r.on_time), str(r.returns),
                         _rate_text(r.satisfaction)])
        s.append(table(rows, [width * 0.3, width * 0.12, width * 0.22, width * 0.12, width * 0.24]))
    else:
        s.append(Paragraph(esc(pick("本期没有派单。", "Nothing was dispatched in this period.")), body))

    # 4. Backlog and overdue.
    s += section(pick("四、积压与超期（截至打印时）", "4. Backlog and overdue (as printed)"))
    rows = [[pick("已受理天数", "Age")] + [b.label for b in fig.backlog], [pick("在办数", "Open")] +
            [str(b.count) for b in fig.backlog]]
    s.append(table(rows, [width * 0.16] + [width * 0.14] * len(fig.backlog)))
    s.append(Spacer(1, 2 * mm))
    if fig.overdue:
        now = fig.computed_at
        rows = [[pick("工单号", "Ticket"), pick("分类 / 事项", "Category / matter"), pick("承办单位", "Department"),
                 pick("已超时限", "Missed limit"), pick("超期", "Late by")]]
        for r in fig.overdue:
            # The limit that was missed: resolution, or acceptance for an order nobody accepted.
            if r.resolve_due_at and r.resolve_due_at < now:
                due, which = r.resolve_due_at, pick("办结", "resolve")
            else:
                due, which = r.accept_due_at, pick("签收", "accept")
            late_days = (now - due).total_seconds() / 86400
            # All-stations figures carry no resident's words: the category alone then.
            rows.append([r.ticket_no, "：".join(x for x in (r.category_name, r.summary) if x),
                         r.department_name, f"{which} {due.astimezone(tz):%m-%d %H:%M}",
                         pick(f"{late_days:.1f} 天", f"{late_days:.1f} d")])
        s.append(table(rows, [width * 0.21, width * 0.34, width * 0.16, width * 0.17, width * 0.12]))
        if fig.overdue_count > len(fig.overdue):
            s.append(Paragraph(esc(pick(f"另有 {fig.overdue_count - len(fig.overdue)} 件超期工单未列出。",
                                        f"{fig.overdue_count - len(fig.overdue)} more overdue orders not listed.")), note))
    else:
        s.append(Paragraph(esc(pick("当前没有超期工单。", "No order is overdue.")), body))

    # 5. Hot topics.
    s += section(pick("五、热点问题（同一地点同类诉求反复出现）", "5. Hot topics (the same matter, the same place)"))
    if fig.hot_topics:
        rows = [[pick("分类", "Category"), pick("地点", "Place"), pick("件数", "Orders"), pick("首次", "First"),
                 pick("最近", "Latest")]]
        for t in fig.hot_topics:
            rows.append([t.category_name, t.place + ("" if t.level == "address" else pick("（整条弄）", " (lane)")),
                         str(t.count), t.first_date, t.last_date])
        s.append(table(rows, [width * 0.26, width * 0.34, width * 0.1, width * 0.15, width * 0.15]))
        window = fig.hot_window
        s.append(Paragraph(esc(pick(f"统计窗口：{window.text()}（{window.days} 天）。",
                                    f"Window: {window.text()} ({window.days} days).")), note))
    else:
        s.append(Paragraph(esc(pick("本期没有反复出现的问题。", "Nothing kept coming back.")), body))

    # Signatures, then the glossary on a page of its own.
    s += [Spacer(1, 3 * mm), Paragraph(esc(pick(
        "各项指标的口径见末页“指标口径说明”；积压与超期为统计时的状态。",
        "Every figure's definition is on the last page (Glossary); backlog and overdue are as computed.")), note)]
    sign = [[pick("制表人：", "Prepared by:"), printed_by, pick("审核（站长）：", "Approved (station head):"), "",
             pick("日期：", "Date:"), ""]]
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
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    rows = [[pick("指标", "Figure"), pick("口径", "Definition")]]
    rows += [[e.name, e.text] for e in G.entries(fig)]
    return [PageBreak(), Paragraph(esc(pick("指标口径说明", "Glossary")), style("glossary", 14, alignment=TA_CENTER,
                                                                                spaceAfter=3 * mm)),
            Paragraph(esc(pick(f"统计期间 {fig.period.text()}，按受理日期统计，不含作废工单；满意的标准为"
                               f"{G.satisfied_rule(fig.satisfied_at_least)}，先行联系时限为派单后 {fig.first_contact_hours} 小时。",
                               f"Period {fig.period.text()}, by date of intake, voided orders left out; satisfied means "
                               f"{G.satisfied_rule(fig.satisfied_at_least)}; first contact is due within "
                               f"{fig.first_contact_hours} hours of dispatch.")), style("gnote", 8.5)),
            Spacer(1, 2 * mm), table(rows, [width * 0.24, width * 0.76])]
