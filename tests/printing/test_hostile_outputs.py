"""The hostile corpus on its way out (issue 14): whole JSON files through `desk orders create`
(BOM, other encodings, deep nesting, 10 MB); every stored text through the CSV and XLSX exports
(openpyxl reads the resident's text back as text, never a formula; no CSV cell starts one); the
formula and rare-character texts through the slip (pdftotext gives them back; each character is
drawn from a font that has it, or as 〓)."""

from __future__ import annotations

import csv
import json
import re
import time
import zipfile

import pytest
from openpyxl import load_workbook

from desk.printing import exports, font_chain, slip
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import DeskError
from tests import pdftools
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture
from tests.hostile_inputs import JSON_FILES, TEXTS

DAY = "2026-11-30"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from tests.fast_hashing import module_desk

    d = module_desk(tmp_path_factory.mktemp("hostile-out"), "correct-horse-1")
    yield d
    d.store.close()


@pytest.fixture(scope="module")
def stored(desk):
    """Every text of the corpus as a visitor's name, a summary and an answer, where the desk takes
    it (a refused one is refused with a sentence elsewhere): {ticket: text}."""
    made = {}
    for name, value in TEXTS:
        try:
            res = intake.register_visit(desk.store, desk.clerk, VisitInput(
                name=value, matters=(MatterInput(summary=value, kind="consult", answer=value),)))
        except DeskError:
            try:  # the one-line fields refuse TAB/CR: the multi-line answer still carries it
                res = intake.register_visit(desk.store, desk.clerk, VisitInput(
                    matters=(MatterInput(summary=f"hostile {name}", kind="consult", answer=value),)))
            except DeskError:
                continue
        made[res.orders[0].ticket_no] = value
    assert len(made) > 100
    return made


@pytest.mark.parametrize("name,raw,ok", JSON_FILES, ids=[n for n, _r, _o in JSON_FILES])
def test_json_files_through_the_cli(desk, name, raw, ok, tmp_path, monkeypatch, capsys):
    from desk.cli import main

    f = tmp_path / "visit.json"
    f.write_bytes(raw)
    monkeypatch.setenv("DESK_PASSWORD", "correct-horse-1")
    started = time.perf_counter()
    code = main(["--db", str(desk.store.path), "--lang", "en", "orders", "create", str(f), "--user", "wangli", "--json"])
    seconds = time.perf_counter() - started
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "unexpected error" not in out.err, out.err
    if ok:
        assert code == 0 and json.loads(out.out)["orders"][0]["ticket_no"], out.err
    else:
        assert code == 3 and out.err.startswith("desk: ") and 10 < len(out.err) < 600, out.err
    assert seconds < 5  # 10 MB is refused at the door, not parsed for a minute


@pytest.mark.parametrize("full", [False, True], ids=["masked", "full"])
def test_every_stored_text_through_the_exports(desk, stored, tmp_path, full):
    actor = desk.supervisor if full else desk.clerk
    exports.export(desk.store, actor, DAY, DAY, "xlsx", tmp_path / "o.xlsx", full=full)
    exports.export(desk.store, actor, DAY, DAY, "csv", tmp_path / "o.csv", full=full)
    assert "<f>" not in zipfile.ZipFile(tmp_path / "o.xlsx").read("xl/worksheets/sheet1.xml").decode()
    ws = load_workbook(tmp_path / "o.xlsx").active
    headers = [c.value for c in ws[1]]
    ticket, result = headers.index("工单号"), headers.index("办理结果")
    back = {}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in exports.FORMULA_LEADS:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
        back[row[ticket].value] = row[result].value
    for t, text in stored.items():  # the resident's text, exactly (XML has no bare CR)
        assert (back[t] or "") == text.replace("\r\n", "\n").replace("\r", "\n"), (t, text[:40])
    with open(tmp_path / "o.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            for value in row:  # a plain negative number (-1) is a number, not a formula (defusedcsv)
                assert value[:1] not in exports.FORMULA_LEADS or re.fullmatch(r"-?[0-9,.]+", value), value[:40]


SLIP_TEXTS = [(n, v) for n, v in TEXTS if n.startswith(("formula", "ext ", "level 2", "ivs", "plain", "mixed",
                                                          "punctuation", "latin"))]


@pytest.mark.parametrize("name,value", SLIP_TEXTS, ids=[n for n, _ in SLIP_TEXTS])
def test_formula_and_rare_texts_through_the_slip(desk, name, value, tmp_path):
    try:
        res = intake.register_visit(desk.store, desk.clerk, VisitInput(
            matters=(MatterInput(summary=value.replace("\t", "").replace("\r", ""), kind="consult", answer="好"),)))
    except DeskError:
        pytest.skip("refused with a sentence (tests/test_hostile_inputs.py)")
    made = slip.make_slip(desk.store, desk.clerk, res.orders[0].ticket_no, tmp_path / "s.pdf", layout="receipt")
    flat = "".join(pdftools.text(made.path).split())
    drawn = "".join(part for _font, part in font_chain.runs(value.replace("\t", "").replace("\r", "")))
    expected = "".join(drawn.split())
    assert expected in flat, (expected, flat[:300])
    repertoire = font_chain.repertoire()
    # Every character of the GB 18030 repertoire in it is drawn from a font that has it (never
    # 〓); only characters outside it may be the placeholder, and those are logged.
    for ch in value:
        if ord(ch) in repertoire:
            assert font_chain.runs(ch)[0][1] == ch
    if "〓" in drawn:
        assert any(ord(ch) not in repertoire for ch in value)
    assert pdftools.to_png(made.path, tmp_path / "s", dpi=60)
