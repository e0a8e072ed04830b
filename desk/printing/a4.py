"""The A4 page every printed document shares (summaries, the problem register, the service
guide): its margins, and a running header with the title on the left and a date on the right
above a rule."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

MARGIN = 18 * mm


def a4_document(out: Path | str, *, title: str, author: str, font: str, subject: str = "") -> SimpleDocTemplate:
    return SimpleDocTemplate(str(out), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=20 * mm,
                             bottomMargin=18 * mm, title=title, author=author, subject=subject, creator="Desk",
                             initialFontName=font)


def paragraph_styles(font: str):
    """(style, h1, h2, body, cell, note): the paragraph styles the A4 summaries and the problem
    register share (Chinese wraps anywhere), and `style(name, size, **kw)` for more of them."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    from desk.printing import charts

    def style(name, size, **kw):
        kw.setdefault("leading", size * 1.4)
        return ParagraphStyle(name, fontName=font, fontSize=size, wordWrap="CJK", **kw)

    return (style, style("h1", 16, alignment=TA_CENTER, spaceAfter=2 * mm),
            style("h2", 11.5, spaceBefore=4 * mm, spaceAfter=2 * mm, textColor=colors.HexColor(charts.INK)),
            style("body", 9), style("cell", 8.5), style("note", 7.5, textColor=colors.HexColor("#555555")))


def running_header(font: str, left: str, right: str, pages: list[int]) -> Callable:
    """onPage callback drawing the header; each page drawn is appended to `pages` (its count is
    what the caller reports)."""
    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        width, height = A4
        canvas.drawString(MARGIN, height - 12 * mm, left)
        canvas.drawRightString(width - MARGIN, height - 12 * mm, right)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
        canvas.restoreState()
        pages.append(doc.page)

    return decorate
