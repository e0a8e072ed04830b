"""The work queue's current list on paper (an A4 landscape PDF) and as a file (XLSX or CSV
through `desk export`'s own code, so the masking, the permission and the audit are the same).
What the window shows is what is printed: the same filter and sort, masked as on screen."""

from __future__ import annotations

import json
from pathlib import Path

from desk.i18n import _, by_language, M_, zh_en
from desk.services import audit, queries
from desk.services.dto import Actor, OrderFilter
from desk.services.store import Store

_MESSAGES = (
    M_("empty_list", "The list has no orders to export."),
)

LIST_LIMIT = 5000  # a list longer than this is a report or an export, not a page to print


def _rows(store: Store, actor: Actor, f: OrderFilter, sort: str, descending: bool):
    return queries.list_orders(store, actor, f, sort=sort, descending=descending, limit=LIST_LIMIT)


def list_pdf(store: Store, actor: Actor, f: OrderFilter, out: Path | str, *, title: str,
             sort: str = "created_at", descending: bool = True) -> int:
    """The list as a PDF with the embedded font; returns the number of orders on it."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

    from desk.printing.fonts import cjk_font
    from desk.rules.enums import Status

    font = cjk_font().name
    rows = _rows(store, actor, f, sort, descending)
    tz = store.calendar().tz
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, textColor=colors.black)
    head = ParagraphStyle("head", parent=cell, fontSize=8.5)
    big = ParagraphStyle("title", fontName=font, fontSize=14, leading=18, textColor=colors.black)
    when = lambda m: m.astimezone(tz).strftime("%Y-%m-%d %H:%M") if m else ""  # noqa: E731
    header = [by_language(*h) for h in (zh_en("Ticket"), zh_en("Registered"), zh_en("Status"),
                                 zh_en("Category"), zh_en("Summary"), zh_en("Department"),
                                 zh_en("Address"), zh_en("Visitor"), zh_en("Resolve by"))]
    data = [[Paragraph(h, head) for h in header]]
    for r in rows:
        values = (r.ticket_no, when(r.created_at), Status(r.status).label, r.category_name, r.summary,
                  r.department_name, f"{r.area_name} {r.address}".strip(), f"{r.visitor_name} {r.visitor_phone}".strip(),
                  when(r.resolve_due_at))
        data.append([Paragraph(_esc(v), cell) for v in values])
    widths = [34, 27, 18, 24, 52, 26, 38, 30, 27]  # millimetres: 276 of the 277 inside the margins
    table = LongTable(data, colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP")])
    total = queries.count_orders(store, actor, f)
    note = _("{total} orders").format(total=total) + (
        _("; the first {count} are listed").format(count=len(rows)) if total > len(rows) else "")

    def page_number(canvas, doc) -> None:
        canvas.setFont(font, 8)
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 8 * mm, _("Page {page}").format(page=doc.page))

    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=10 * mm, bottomMargin=14 * mm, title=title)
    doc.build([Paragraph(_esc(title), big), Paragraph(_esc(note), cell), Spacer(1, 4 * mm), table],
              onFirstPage=page_number, onLaterPages=page_number)
    with store.write() as s:
        audit.record(s, store, actor, "print.list", title, json.dumps({"rows": len(rows)}, ensure_ascii=False))
    return len(rows)


def export_list(store: Store, actor: Actor, f: OrderFilter, fmt: str, out: Path | str, *, full: bool = False,
                sort: str = "created_at", descending: bool = True):
    """The list's orders through desk.printing.exports.export (masked unless `full`; audited)."""
    from desk.printing import exports
    from desk.errors import ValidationError

    rows = _rows(store, actor, f, sort, descending)
    if not rows:
        raise ValidationError("empty_list")
    tz = store.calendar().tz
    days = sorted(r.created_at.astimezone(tz).date().isoformat() for r in rows)
    return exports.export(store, actor, days[0], days[-1], fmt, out, full=full, tickets={r.ticket_no for r in rows})


def _esc(text) -> str:
    from html import escape

    return escape(str(text or ""))
