"""The slip as simple HTML plus a QR matrix, for printing through Qt's own text engine.

A receipt printer prints text far crisper than a rasterised PDF, and text stays text in the
printer's PDF/PostScript stream. The content is the same SlipData the ReportLab slip draws.
"""

from __future__ import annotations

from html import escape

from desk.i18n import _, ngettext
from desk.printing.slip import SlipData, _fmt


def slip_html(data: SlipData, *, receipt: bool = True) -> str:
    size = 1.0 if receipt else 1.2
    pt = lambda n: f"{n * size:.1f}pt"  # noqa: E731
    e = escape
    parts = ["<html><body>"]
    if data.reprint_at:
        parts.append(f"<p align='center' style='background:#000;color:#fff;font-size:{pt(11)}'>"
                     f"{e(_('REPRINT'))} {e(_fmt(data.reprint_at))}</p>")
    parts.append(f"<p align='center' style='font-size:{pt(13)}'>{e(data.station_name)}<br/>"
                 f"<span style='font-size:{pt(8.5)}'>{e(_('Acknowledgement slip'))}"
                 f"{'<br/>' + e(data.station_address) if data.station_address else ''}</span></p><hr/>")
    who = " ".join(x for x in (data.visitor_name, data.visitor_phone) if x) or _("Anonymous")
    parts.append(f"<p align='center' style='font-size:{pt(8.5)}'>{e(_('Ticket'))}<br/>"
                 f"<span style='font-size:{pt(17)}'>{e(data.ticket_no)}</span><br/>"
                 f"{e(_('Received: '))}{e(_fmt(data.visited_at))}<br/>"
                 f"{e(_('Visitor: '))}{e(who)}</p><hr/>")
    parts.append(f"<p style='font-size:{pt(9)}'>{e(ngettext('{n} matter received', '{n} matters received', len(data.matters)).format(n=len(data.matters)))}</p>")
    for i, m in enumerate(data.matters, 1):
        parts.append(f"<p style='font-size:{pt(9)}'>{i}. {e(m.ticket_no)} {e(m.category)}<br/>"
                     f"<span style='font-size:{pt(8)}'>{e(m.summary)}<br/>"
                     f"{e(_('Department: '))}{e(m.department)}<br/>"
                     f"{e(_('Promise: '))}{e(m.promise)}</span></p>")
    parts.append(f"<hr/><p style='font-size:{pt(9)}'>{e(_('What happens next'))}<br/>"
                 f"<span style='font-size:{pt(8)}'>{e(data.next_steps)}</span></p>")
    parts.append(f"<p style='font-size:{pt(8)}'>{e(_('Clerk: '))}{e(data.clerk_name)}<br/>"
                 f"{(e(_('Phone: ')) + e(data.station_phone) + '<br/>') if data.station_phone else ''}"
                 f"{e(_('Printed: '))}{e(_fmt(data.printed_at))}<br/>"
                 f"{e(_('Your personal details are partly hidden on this slip; please keep it.'))}"
                 f"</p></body></html>")
    return "".join(parts)


def qr_matrix(value: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), the same encoder the ReportLab slip uses."""
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]
