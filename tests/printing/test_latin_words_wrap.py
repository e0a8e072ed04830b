"""English on paper wraps at spaces, never inside a word. ReportLab's CJK wrapping, which Chinese
needs, printed the problem register's lead department as "Property managem / ent" in its narrow
column (seen in the English register's PDF through pdftoppm). Chinese still wraps anywhere."""

from __future__ import annotations

import re

from desk.printing import a4, fonts
from desk.printing.wrap import Paragraph
from tests.pdftools import text


def test_a_latin_cell_wraps_at_its_space_and_chinese_anywhere():
    font = fonts.cjk_font().name
    cell = a4.paragraph_styles(font)[4]
    width = 72  # points: a narrow column, where CJK wrapping printed "Property manage / ment"
    latin = Paragraph("Property management", cell)
    latin.wrap(width, 10_000)
    assert len(latin.blPara.lines) == 2
    assert [" ".join(line[1]) for line in latin.blPara.lines] == ["Property", "management"]
    chinese = Paragraph("嘉善路140弄弄口垃圾点反复堆积", cell)
    chinese.wrap(width, 10_000)
    lines = ["".join(line[1]) for line in chinese.blPara.lines]
    assert len(lines) > 1 and "".join(lines) == "嘉善路140弄弄口垃圾点反复堆积"  # broken between characters


def test_the_english_register_prints_whole_words(tmp_path):
    from desk.i18n import set_language
    from desk.services import auth
    from desk.printing.problems_report import make_problem_register
    from desk.services.store import Store
    from tests.pulse.demo_data import make_demo

    store = Store.open(make_demo(tmp_path / "demo.sqlite3", days=10, per_day=10, seed=3))
    try:
        boss = auth.login(store, "chenjing", "demo-2026")
        set_language("en")
        out = tmp_path / "register.pdf"
        make_problem_register(store, boss, out)
    finally:
        set_language("zh_CN")
        store.close()
    words = text(out)
    assert "Property\nmanagement" in words or "Property management" in words
    assert not re.search(r"managem\s*\nent", words)
