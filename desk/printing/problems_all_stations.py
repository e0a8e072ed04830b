"""The printed problem register's all-stations section (issue 17): the problems that span
stations as the central server grouped them (desk.services.pulse.across), each group with why
it was grouped and every station's problem, measures and their effect; then how many problems
only one station has. Drawn after the station's own register when the screen has fetched it."""

from __future__ import annotations

from desk.i18n import _, pgettext
from desk.services.pulse.across import AllStations


def story(view: AllStations, font: str, width: float) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer, Table, TableStyle

    from desk.printing.wrap import Paragraph

    from desk.printing.a4 import paragraph_styles
    from desk.printing.font_chain import markup as esc

    _style, h1, h2, body, cell, _note = paragraph_styles(font)
    s: list = [PageBreak(), Paragraph(esc(_("All stations: problems that span stations")), h1)]
    s.append(Paragraph(esc(_("The central server grouped every station's register: {count} problems span "
                             "stations, {count2} are registered at one station only.").format(
                               count=len(view.groups), count2=len(view.alone))), body))
    for g in view.groups:
        s += [CondPageBreak(40 * mm), Spacer(1, 3 * mm),
              Paragraph(esc(_("{place} ({count} stations)").format(place=g.place, count=len(g.stations))), h2),
              Paragraph(esc(_("Why grouped: {why}").format(why=g.why)), body), Spacer(1, 2 * mm)]
        rows = [[_("Station"), _("Problem"), _("Status"), pgettext("desk.printing.problems_all_stations", "Orders"),
                 _("Measures and their effect")]]
        for p in g.problems:
            measures = "\n".join(f"{m.taken_on} {m.text}：{m.effect}" for m in p.measures) or p.effect
            rows.append([p.station_name, f"{p.ref} {p.title}", p.status_label, str(p.orders), measures])
        t = Table([[Paragraph(esc(c).replace("\n", "<br/>"), cell) for c in r] for r in rows], repeatRows=1,
                  colWidths=[w * width for w in (0.21, 0.22, 0.11, 0.06, 0.4)])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                               ("FONT", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
        s.append(t)
    if not view.groups:
        s.append(Paragraph(esc(_("No problem spans stations.")), body))
    return s
