"""The slip (受理回执) a visitor takes home: one per visit, every matter on it.

Two layouts: an 80 mm receipt whose length follows its content, and A5. Personal data is masked
(张*明, 138****5678): the slip leaves the building in a visitor's pocket. Every slip made is an
event on each of the visit's orders, and a second slip says 补打 with its time.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional

from desk.i18n import _, by_language, M_, ngettext, pgettext
from desk.services import intake, lifecycle
from desk.services.dto import Actor, OrderRow
from desk.rules.enums import Action, Status
from desk.errors import ValidationError
from desk.services.queries import get_order, visit_orders
from desk.services.store import Store

LAYOUTS = ("receipt", "a5")

_MESSAGES = (
    M_("bad_layout", "“{value}” is not a slip layout: choose receipt (80 mm) or a5."),
)


@dataclass(frozen=True)
class SlipMatter:
    ticket_no: str
    summary: str
    kind: str
    category: str
    department: str
    promise: str  # what we promise for this matter, as printed


@dataclass(frozen=True)
class SlipData:
    station_name: str
    station_phone: str
    station_address: str
    ticket_no: str  # the ticket printed large
    visited_at: datetime  # local
    visitor_name: str  # masked
    visitor_phone: str  # masked
    matters: tuple[SlipMatter, ...]
    next_steps: str
    clerk_name: str
    reprint_at: Optional[datetime]  # local; None on the first print
    printed_at: datetime  # local


@dataclass(frozen=True)
class SlipResult:
    path: Path
    layout: str
    reprint: bool
    tickets: tuple[str, ...]
    pages: int
    data: SlipData


def _local(store: Store, moment: datetime) -> datetime:
    return moment.astimezone(store.calendar().tz)


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _promise(store: Store, row: OrderRow) -> str:
    status = Status(row.status)
    if status == Status.ANSWERED or (status == Status.CLOSED and not row.lead_department_id):
        return _("Answered at the desk")
    if status == Status.VOIDED:
        return _("Voided")
    if row.resolve_due_at:
        return _("Resolved by {time}").format(time=_fmt(_local(store, row.resolve_due_at)))
    _accept_by, resolve_by = intake.promised_dates(store, row.category_id, row.urgency)
    return _("Expected by {time}").format(time=_fmt(_local(store, resolve_by)))


def _department(row: OrderRow) -> str:
    if row.department_name:
        return row.department_name
    if row.status in (Status.ANSWERED, Status.CLOSED):
        return pgettext("desk.printing.slip", "This station")
    return _("to be assigned")


def display_phone(phone: str) -> str:
    """02164331234 -> 021-64331234, 057112345678 -> 0571-12345678; mobiles stay as they are."""
    if phone.startswith("0") and phone.isdigit() and len(phone) >= 10:
        cut = 3 if phone[1] in "12" else 4
        return f"{phone[:cut]}-{phone[cut:]}"
    return phone


def slip_data(store: Store, actor: Actor, ticket: str, *, reprint: bool = False) -> SlipData:
    """What the slip of the visit `ticket` belongs to carries (masked)."""
    detail = get_order(store, actor, ticket)
    rows = visit_orders(store, detail.visit_id)
    station = store.station()
    now = _local(store, store.now())
    matters = tuple(SlipMatter(r.ticket_no, r.summary, r.kind, r.category_name, _department(r), _promise(store, r))
                    for r in rows)
    phone = display_phone(station.phone or "")
    ask = _("call {phone} or come by").format(phone=phone) if phone else _("come by")
    if any(r.lead_department_id or r.status == Status.REGISTERED for r in rows):
        steps = _("The department will contact you once it accepts the matter; we will call you back when it "
                  "is done. To ask about progress, {ask} and give the ticket number.").format(ask=ask)
    else:
        steps = _("Your matter was answered at the desk. For anything new, {ask}.").format(ask=ask)
    return SlipData(
        station_name=by_language(station.name, station.name_en or station.name), station_phone=phone,
        station_address=station.address, ticket_no=detail.row.ticket_no,
        visited_at=_local(store, min(r.created_at for r in rows)), visitor_name=detail.row.visitor_name,
        visitor_phone=detail.row.visitor_phone, matters=matters, next_steps=steps,
        clerk_name=detail.registered_by_name, reprint_at=now if reprint else None, printed_at=now)


def already_printed(store: Store, actor: Actor, ticket: str) -> bool:
    detail = get_order(store, actor, ticket)
    return any(e.kind == Action.PRINT.value for e in detail.events)


def make_slip(store: Store, actor: Actor, ticket: str, out: Path | str, *, layout: str = "receipt",
              reprint: Optional[bool] = None, printer: str = "", record: bool = True) -> SlipResult:
    """Write the visit's slip to `out` and record the print on each of its orders.

    `reprint=None` decides by the history: a slip printed before makes this one a 补打.
    `record=False` leaves the recording to the caller (who prints first, then calls
    record_print with the printer actually used)."""
    if layout not in LAYOUTS:
        raise ValidationError("bad_layout", value=layout)
    if reprint is None:
        reprint = already_printed(store, actor, ticket)
    data = slip_data(store, actor, ticket, reprint=reprint)
    out = Path(out)
    pages = render_slip(data, layout, out)
    tickets = tuple(m.ticket_no for m in data.matters)
    if record:
        record_print(store, actor, tickets, reprint=reprint, layout=layout, printer=printer)
    return SlipResult(out, layout, reprint, tickets, pages, data)


def record_print(store: Store, actor: Actor, tickets: tuple[str, ...], *, reprint: bool, layout: str,
                 printer: str = "") -> None:
    """A print event on every order the slip carries (printer '' = saved as PDF only)."""
    for ticket in tickets:
        lifecycle.perform(store, actor, ticket, Action.PRINT.value, reprint=reprint, layout=layout, printer=printer)


# -- drawing -----------------------------------------------------------------------------------

def render_slip(data: SlipData, layout: str, out: Path) -> int:
    """Draw the slip; returns the number of pages (a receipt is always one long page)."""
    from reportlab.lib.units import mm
    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import SimpleDocTemplate

    from desk.printing.fonts import cjk_font

    font = cjk_font().name
    if layout == "receipt":
        width, margin = 80 * mm, 4 * mm
        story = _story(data, font, width - 2 * margin, receipt=True)
        height = sum(_height(f, width - 2 * margin) for f in story) + 2 * margin + 8 * mm
        pagesize = (width, height)
    else:
        pagesize, margin = A5, 12 * mm
        story = _story(data, font, A5[0] - 2 * margin, receipt=False)
    pages = []
    doc = SimpleDocTemplate(str(out), pagesize=pagesize, initialFontName=font, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=f"{_('Slip')} {data.ticket_no}",
                            author=data.station_name, subject=data.ticket_no, creator="Desk")
    doc.build(story, onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1))
    return len(pages)


def _height(flowable, width) -> float:
    _, h = flowable.wrap(width, 100000)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _story(data: SlipData, font: str, width: float, *, receipt: bool) -> list:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Spacer, Table, TableStyle

    from desk.printing.wrap import Paragraph

    scale = 1.0 if receipt else 1.1

    def style(name, size, **kw):
        kw.setdefault("leading", size * scale * 1.35)
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, wordWrap="CJK", **kw)

    title = style("title", 13, alignment=TA_CENTER)
    center = style("center", 8.5, alignment=TA_CENTER)
    big = style("big", 17 if receipt else 20, alignment=TA_CENTER, leading=(17 if receipt else 20) * scale * 1.5)
    body = style("body", 9)
    small = style("small", 8, textColor=colors.HexColor("#333333"))
    mark = style("mark", 11, alignment=TA_CENTER, textColor=colors.white, backColor=colors.black, borderPadding=2)

    def rule(dash=True):
        return HRFlowable(width="100%", thickness=0.6, dash=(2, 2) if dash else None, color=colors.black,
                          spaceBefore=2 * mm, spaceAfter=2 * mm)

    esc = _escape
    s: list = []
    if data.reprint_at:
        s += [Paragraph(esc(_("REPRINT {time}").format(time=_fmt(data.reprint_at))), mark),
              Spacer(1, 2 * mm)]
    s += [Paragraph(esc(data.station_name), title), Paragraph(esc(_("Acknowledgement slip")), center)]
    if data.station_address:
        s.append(Paragraph(esc(data.station_address), center))
    s += [rule(False), Paragraph(esc(_("Ticket")), center), Paragraph(esc(data.ticket_no), big),
          Paragraph(esc(_("Received: {time}").format(time=_fmt(data.visited_at))), center)]
    who = " ".join(x for x in (data.visitor_name, data.visitor_phone) if x) or _("Anonymous")
    s += [Paragraph(esc(_("Visitor: {who}").format(who=who)), center), rule()]

    count = len(data.matters)
    s.append(Paragraph(esc(ngettext("{n} matter received", "{n} matters received", count).format(n=count)), body))
    if receipt:
        for i, m in enumerate(data.matters, 1):
            s += [Spacer(1, 1.5 * mm),
                  Paragraph(esc(f"{i}. {m.ticket_no}  {m.category or ''}"), body),
                  Paragraph(esc(m.summary), small),
                  Paragraph(esc(_("Department: {department}").format(department=m.department)), small),
                  Paragraph(esc(_("Promise: {promise}").format(promise=m.promise)), small)]
    else:
        head = [_("Ticket"), _("Matter"), pgettext("desk.printing.slip", "Department"), _("Promise")]
        cell = style("cell", 8.5)
        rows = [[Paragraph(esc(h), cell) for h in head]]
        for m in data.matters:
            rows.append([Paragraph(esc(m.ticket_no), cell),
                         Paragraph(esc(f"{m.category + '：' if m.category else ''}{m.summary}"), cell),
                         Paragraph(esc(m.department), cell),
                         Paragraph(esc(m.promise), cell)])
        # The department's column holds a whole word ("management", 物业服务企业) at this size; the
        # matter's wraps (at 0.18 the English slip printed "Property m / anagement").
        table = Table(rows, colWidths=[width * 0.27, width * 0.33, width * 0.22, width * 0.18], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), font)]))
        s += [Spacer(1, 2 * mm), table]
    footer = [Paragraph(esc(_("What happens next")), body), Paragraph(esc(data.next_steps), small),
              Spacer(1, 1.5 * mm),
              Paragraph(esc(_("Clerk: {clerk_name}").format(clerk_name=data.clerk_name)), small),
              *([Paragraph(esc(_("Phone: {station_phone}").format(station_phone=data.station_phone)), small)]
                if data.station_phone else []),
              Paragraph(esc(_("Printed: {time}").format(time=_fmt(data.printed_at))), small)]
    notice = Paragraph(esc(_("Your personal details are partly hidden on this slip; please keep it.")), small)
    qr_caption = Paragraph(esc(_("Scan for the ticket number")), center)
    if receipt:
        s += [rule(), *footer[:2], Spacer(1, 2 * mm), _qr(data.ticket_no, 26 * mm), qr_caption, rule(),
              *footer[3:], notice]
    else:
        # A5: the QR code beside the next steps keeps a three-matter visit on one page.
        side = Table([[footer, [_qr(data.ticket_no, 28 * mm), qr_caption]]], colWidths=[width - 36 * mm, 36 * mm])
        side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONT", (0, 0), (-1, -1), font)]))
        s += [rule(), side, rule(), notice]
    return s


def _qr(value: str, size: float):
    """The QR code of `value` as a flowable `size` square (4-module quiet zone included)."""
    from reportlab.platypus import Flowable

    class QrFlowable(Flowable):
        # One filled path of the dark runs, from a cached matrix: ReportLab's QrCodeWidget
        # encodes twice per slip (getBounds draws) and emits every run as its own shape with
        # a graphics-state push and pop, which was most of a warm slip's time.
        def __init__(self):
            super().__init__()
            self.width = self.height = size
            self.hAlign = "CENTER"

        def wrap(self, avail_width, avail_height):
            return size, size

        def draw(self):
            count, runs = qr_runs(value)
            box = size / (count + 2 * QR_BORDER)
            path = self.canv.beginPath()
            for row, col, length in runs:
                path.rect((col + QR_BORDER) * box, size - (row + QR_BORDER + 1) * box, length * box, box)
            self.canv.setFillColorRGB(0, 0, 0)
            self.canv.drawPath(path, stroke=0, fill=1)

    return QrFlowable()


QR_BORDER = 4  # modules of quiet zone on every side, as ReportLab's widget draws


@functools.lru_cache(maxsize=64)
def qr_runs(value: str, level: str = "M") -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side, dark runs as (row, column, length)) of the QR code of `value` at
    error-correction `level`: the same encoder and the same runs as QrCodeWidget draws."""
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    qr.addData(value)
    qr.make()
    runs = []
    for r, row in enumerate(qr.modules):
        col = 0
        for dark, group in itertools.groupby(bool(m) for m in row):
            length = sum(1 for _ in group)
            if dark:
                runs.append((r, col, length))
            col += length
    return qr.getModuleCount(), tuple(runs)


def _escape(text: str) -> str:
    """Paragraph text is mini-HTML: a resident's '<' or '&' must print as typed, and a
    character the main font lacks (䶮, 𠮷) in the fallback font that has it, or as 〓."""
    from desk.printing.font_chain import markup

    return markup(text)
