"""The service guide (服务指南) for the desk's counter: the knowledge base's public, published
entries valid today, grouped by service (top-level category), A4, with the bundled font.
Sample entries nobody has checked yet are printed with a visible mark, never passed off as fact."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.i18n import _, by_language, M_
from desk.services import knowledge, reference, validation
from desk.services.dto import Actor
from desk.errors import ValidationError
from desk.rules.enums import Action
from desk.rules.permissions import require
from desk.services.store import Store


_MESSAGES = (
    M_("guide_folder", "Cannot write “{path}”: the folder does not exist or is not writable. Choose another place."),
)


@dataclass(frozen=True)
class GuideResult:
    path: Path
    entries: int
    samples: int
    pages: int


def make_guide(store: Store, actor: Actor, out: Path | str) -> GuideResult:
    require(actor.role, Action.PRINT)
    out = Path(out)
    if not out.parent.is_dir() or (out.exists() and out.is_dir()):
        raise ValidationError("guide_folder", path=str(out))
    today = store.now().astimezone(store.calendar().tz).date().isoformat()
    valid = {d.entry_id for d in knowledge.suggestable(store)}
    entries = [e for e in knowledge.list_entries(store) if e.id in valid and e.audience == "public"]
    categories = {c.id: c for c in reference.list_categories(store)}
    departments = {d.id: d for d in reference.list_departments(store, include_inactive=True)}
    station = store.station()

    def service_of(entry):
        cat = categories.get(entry.category_id)
        while cat is not None and cat.parent_id in categories:
            cat = categories[cat.parent_id]
        return cat

    position = {cid: i for i, cid in enumerate(categories)}
    groups: dict = {}
    for e in entries:
        groups.setdefault(service_of(e), []).append(e)
    order = sorted(groups, key=lambda c: (c is None, position[c.id] if c else 0))
    sections = []
    for cat in order:
        title = by_language(cat.name, cat.name_en or cat.name) if cat else _("Other")
        rows = sorted(groups[cat], key=lambda e: (position.get(e.category_id, 0), e.question))
        sections.append((title, [(e.question, e.answer, departments.get(e.department_id), e.is_sample) for e in rows]))
    try:
        pages = _render(out, sections, station_name=by_language(station.name, station.name_en or station.name),
                        address=station.address, phone=validation.format_phone(station.phone), today=today)
    except PermissionError:
        raise ValidationError("guide_folder", path=str(out)) from None
    return GuideResult(out, len(entries), sum(e.is_sample for e in entries), pages)


def _render(out: Path, sections, *, station_name: str, address: str, phone: str, today: str) -> int:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from desk.printing.wrap import Paragraph

    from desk.printing.a4 import a4_document, running_header
    from desk.printing.font_chain import markup as escape  # rare characters in the fallback fonts
    from desk.printing.fonts import cjk_font
    from desk.printing.report import _numbered_canvas

    font = cjk_font().name
    title = f"{station_name} {_('Service guide')}"
    h1 = ParagraphStyle("h1", fontName=font, wordWrap="CJK", fontSize=18, leading=24, spaceAfter=4)
    sub = ParagraphStyle("sub", fontName=font, wordWrap="CJK", fontSize=9, leading=13, textColor=colors.HexColor("#555555"))
    h2 = ParagraphStyle("h2", fontName=font, wordWrap="CJK", fontSize=13, leading=18, spaceBefore=10, spaceAfter=4,
                        textColor=colors.HexColor("#9b1c1c"))
    q = ParagraphStyle("q", fontName=font, wordWrap="CJK", fontSize=10.5, leading=15, spaceBefore=4)
    a = ParagraphStyle("a", fontName=font, wordWrap="CJK", fontSize=10, leading=15, leftIndent=12)
    note = ParagraphStyle("note", fontName=font, wordWrap="CJK", fontSize=8, leading=11, leftIndent=12, textColor=colors.HexColor("#b45309"))
    by = ParagraphStyle("by", parent=sub, leftIndent=12)
    pages: list[int] = []
    decorate = running_header(font, title, _("As of {today}").format(today=today), pages)
    doc = a4_document(out, title=title, author=station_name, font=font)
    contact = " · ".join(x for x in (address, phone) if x)
    story = [Paragraph(escape(title), h1),
             Paragraph(escape(_("Enter one door, ask about everything. The desk answers these on the spot; "
                                "bring anything else to the desk.")), sub)]
    if contact:
        story.append(Paragraph(escape(contact), sub))
    story.append(Spacer(1, 4 * mm))
    if not sections:
        story.append(Paragraph(escape(_("The knowledge base has no public entries yet.")), q))
    for heading, rows in sections:
        story.append(Paragraph(escape(heading), h2))
        for question, answer, dep, sample in rows:
            block = [Paragraph("<b>" + escape(_("Q: ") + question) + "</b>", q),
                     Paragraph(escape(answer).replace("\n", "<br/>"), a)]
            if dep is not None:
                block.append(Paragraph(escape(_("Handled by: ") + by_language(dep.name, dep.name_en or dep.name)), by))
            if sample:
                block.append(Paragraph(escape(_("Sample content, not yet checked by a supervisor")), note))
            story.append(KeepTogether(block))
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas(font))
    return len(pages)
