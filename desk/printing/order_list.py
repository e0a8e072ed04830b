"""The work queue's current list on paper (an A4 landscape PDF) and as a file (XLSX or CSV
through `desk export`'s own code, so the masking, the permission and the audit are the same).
What the window shows is what is printed: the same filter and sort, masked as on screen."""

from __future__ import annotations

import json
from pathlib import Path

from desk.i18n import _, M_
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
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer

    from desk.printing.fonts import cjk_font
    from desk.printing.wrap import Paragraph, fit_widths
    from desk.services.order_columns import COLUMN_KEYS, ORDER_COLUMNS, cells, headers

    font = cjk_font().name
    rows = _rows(store, actor, f, sort, descending)
    tz = store.calendar().tz
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, textColor=colors.black)
    head = ParagraphStyle("head", parent=cell, fontSize=8.5)
    big = ParagraphStyle("title", fontName=font, fontSize=14, leading=18, textColor=colors.black)
    # The window's columns (desk/services/order_columns.py), aligned as there.
    aligned = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
    styles = [ParagraphStyle(f"cell-{c.key}", parent=cell, alignment=aligned[c.align]) for c in ORDER_COLUMNS]
    texts = [cells(r, tz) for r in rows]
    data = [[Paragraph(_esc(h), head) for h in headers()]]
    data += [[Paragraph(_esc(v), style) for v, style in zip(row, styles)] for row in texts]
    # An English word is never split ("Compla / int" in the kind's 14 mm): its column grows, the
    # summary's gives way.
    widths = fit_widths([c.paper_mm * mm for c in ORDER_COLUMNS], [list(col) for col in zip(headers(), *texts)],
                        font, 8.5, padding=12, give_from=COLUMN_KEYS.index("summary"))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888")),
                    ("FONT", (0, 0), (-1, -1), font),  # else an unembedded Helvetica is named
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP")])
    total = queries.count_orders(store, actor, f)
    note = _("{total} orders").format(total=total) + (
        _("; the first {count} are listed").format(count=len(rows)) if total > len(rows) else "")

    def page_number(canvas, doc) -> None:
        canvas.setFont(font, 8)
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 8 * mm, _("Page {page}").format(page=doc.page))

    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), initialFontName=font, leftMargin=10 * mm, rightMargin=10 * mm,
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
