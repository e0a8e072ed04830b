"""Every character of GB 18030-2022 levels 1 and 2 (27,584 BMP ideographs + the 196 characters of
the 通用规范汉字表 outside the BMP) prints on the slip and shows in the window (issue 14): the
bundled font chain has an outlined glyph for each; the whole repertoire goes through the slip
and comes back from pdftotext; each character drawn by the slip's font runs leaves ink on the
page; a character no font has is printed as 〓 and logged, never dropped."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess

import pytest
from fontTools.ttLib import TTFont

from desk.printing import font_chain, slip
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests import pdftools

LEVEL2_SAMPLE = "䶮𬌗𠮷"  # Ext A, Ext E (level 2), Ext B (extra): blank on the slip before


def _chain_fonts():
    return [TTFont(font_chain.MAIN_FONT, fontNumber=0, lazy=True)] + [
        TTFont(path, lazy=True) for _n, path, _f in font_chain.fallback_paths()]


def test_the_repertoire_is_what_the_standard_says():
    assert len(font_chain.level1()) == 20_992 + 6_592
    level2 = font_chain.level2()
    assert len(level2) == len(set(level2)) == 196 and all(ord(c) > 0xFFFF for c in level2)
    assert "\U0002C317" in level2  # 𬌗, named in the issue


def test_every_character_has_an_outlined_glyph_in_the_bundled_chain():
    fonts = _chain_fonts()
    cmaps = [f.getBestCmap() for f in fonts]
    missing, empty = [], []
    for ch in font_chain.level1() + font_chain.level2() + font_chain.EXTRA_NAME_CHARACTERS:
        i = next((i for i, cm in enumerate(cmaps) if ord(ch) in cm), None)
        if i is None:
            missing.append(ch)
        elif fonts[i]["glyf"][cmaps[i][ord(ch)]].numberOfContours == 0:
            empty.append(ch)
    assert missing == [] and empty == []


def test_the_bundle_stays_small():
    sizes = {path: os.path.getsize(path) for _n, path, _f in font_chain.fallback_paths()}
    assert sum(sizes.values()) < 4_000_000, sizes  # 3.4 MB: subset to the characters the main font lacks


def _pgm(path):
    """(width, height, bytes) of a binary PGM written by pdftoppm -gray."""
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h:]


@pytest.mark.slow
def test_each_character_drawn_by_the_slip_font_runs_leaves_ink(tmp_path):
    """A grid of the whole repertoire drawn run by run as the slip does; every cell is inked."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    chars = list(font_chain.level1() + font_chain.level2() + font_chain.EXTRA_NAME_CHARACTERS)
    cell, size, margin = 14, 11, 20
    cols, rows = int((A4[0] - 2 * margin) // cell), int((A4[1] - 2 * margin) // cell)
    per_page = cols * rows
    pdf = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    placements = []  # (page, col, row)
    for start in range(0, len(chars), per_page):
        page = start // per_page
        for k, ch in enumerate(chars[start:start + per_page]):
            [(font, text)] = font_chain.runs(ch)
            assert text == ch, f"U+{ord(ch):04X} became {text}"
            col, row = k % cols, k // cols
            c.setFont(font, size)
            c.drawString(margin + col * cell + 1.5, A4[1] - margin - (row + 1) * cell + 3, ch)
            placements.append((page, col, row))
        c.showPage()
    c.save()
    subprocess.run(["pdftoppm", "-gray", "-r", "72", str(pdf), str(tmp_path / "g")], check=True)
    pages = sorted(tmp_path.glob("g-*.pgm"))
    blank = []
    images = [_pgm(p) for p in pages]
    for ch, (page, col, row) in zip(chars, placements):
        w, _h, px = images[page]
        x0, y0 = margin + col * cell, margin + row * cell
        ink = sum(1 for y in range(y0 + 1, y0 + cell - 1) for x in range(x0 + 1, x0 + cell - 1) if px[y * w + x] < 200)
        if ink < 4:
            blank.append(f"U+{ord(ch):04X}")
    assert blank == []


@pytest.fixture
def rare_visit(store, clerk, ref):
    level2 = "".join(font_chain.level2())
    return intake.register_visit(store, clerk, VisitInput(
        name=LEVEL2_SAMPLE, phone="13812345678",
        matters=(MatterInput(summary=level2[:196], kind="consult", answer="已答复 " + LEVEL2_SAMPLE),)))


def test_a_slip_prints_level_2_names_and_summaries(store, clerk, rare_visit, tmp_path):
    ticket = rare_visit.orders[0].ticket_no
    result = slip.make_slip(store, clerk, ticket, tmp_path / "s.pdf", layout="receipt")
    flat = pdftools.text(result.path).replace("\n", "").replace(" ", "")
    assert "䶮*𠮷" in flat  # the masked name keeps its first and last character, both rare
    assert "".join(font_chain.level2()) in flat
    names = {r["name"].split("+")[-1] for r in pdftools.assert_fonts_embedded(result.path)}
    assert {"DeskHanA"} <= names
    pngs = pdftools.to_png(result.path, tmp_path / "slip", dpi=80)
    assert pngs


@pytest.mark.slow
def test_the_whole_repertoire_goes_through_the_slip(store, clerk, rare_visit, tmp_path):
    """All 27,781 characters as the matters of one A5 slip: pdftotext gives every one back in order."""
    data = slip.slip_data(store, clerk, rare_visit.orders[0].ticket_no)
    chars = "".join(font_chain.level1() + font_chain.level2() + font_chain.EXTRA_NAME_CHARACTERS)
    chunk = 300  # one table row each: a row must fit on an A5 page
    matters = tuple(dataclasses.replace(data.matters[0], summary=chars[i:i + chunk])
                    for i in range(0, len(chars), chunk))
    out = tmp_path / "all.pdf"
    slip.render_slip(dataclasses.replace(data, matters=matters), "a5", out)
    flat = "".join(pdftools.text(out).split())
    assert "〓" not in flat
    position = 0
    for i in range(0, len(chars), chunk):  # each matter's summary, in order, whole
        found = flat.find(chars[i:i + chunk], position)
        assert found >= 0, f"chars {i}..{i + chunk} not found whole"
        position = found


def test_a_character_no_font_has_is_a_visible_placeholder_and_logged(caplog):
    caplog.set_level(logging.WARNING, logger="desk.fonts")
    text = "张\U0002A6D6三\U000E0100"  # Ext B outside the repertoire, then a variation selector (invisible)
    assert font_chain.runs(text) == [("DeskCJK", "张〓三")]
    assert "U+2A6D6" in caplog.text
    assert font_chain.markup("<&𠮷>") == '&lt;&amp;<font name="DeskHanA">𠮷</font>&gt;'


def test_the_window_font_chain_has_every_glyph(qapp):
    """QRawFont of each family in the application's chain (main, Desk Han A, Desk Han B): every
    character of the repertoire is supported by one of them, without the system's own fallback."""
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    from desk.ui.fonts import bundled_font_path, fallback_families, install_cjk_font

    install_cjk_font(qapp)
    families = qapp.font().families()
    fallbacks = fallback_families()
    assert fallbacks == ["Desk Han A", "Desk Han B"] and set(fallbacks) <= set(families)
    main_id = QFontDatabase.addApplicationFont(bundled_font_path())
    main = QFontDatabase.applicationFontFamilies(main_id)[0]
    raws = [QRawFont.fromFont(QFont(f)) for f in (main, *fallbacks)]
    assert [r.familyName() for r in raws] == [main, *fallbacks]
    missing = [f"U+{ord(ch):04X}" for ch in font_chain.level1() + font_chain.level2() + font_chain.EXTRA_NAME_CHARACTERS
               if not any(r.supportsCharacter(ord(ch)) for r in raws)]
    assert missing == []
