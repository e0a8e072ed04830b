"""Exports are safe to open in Excel (issue 14, OWASP CSV injection): a cell beginning with
= + - @ TAB or CR is never a formula, in the default (masked) and the full export, masking
included (=**1); XLSX cells are typed as text and read back by openpyxl as the resident's text."""

from __future__ import annotations

import csv
import zipfile

import pytest
from openpyxl import load_workbook

from desk.printing import exports
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput

FORMULAS = {
    "equals": "=1+1",
    "hyperlink": '=HYPERLINK("http://evil.example/x","点我")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "dde": "=cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


@pytest.fixture
def world(store, clerk, supervisor, ref):
    """One visit per formula: the visitor's name, the summary and the result all hostile."""
    made = {}
    for i, (key, text) in enumerate(FORMULAS.items()):
        # A one-line field cannot hold TAB or CR: those two lead the (multi-line) result only.
        single = text.replace("\t", "").replace("\r", "") + f" {key}" if key in ("tab", "cr") else text
        res = intake.register_visit(store, clerk, VisitInput(
            name=single, phone=f"1381234{i:04d}",
            matters=(MatterInput(summary=single, kind="consult", answer=text),)))
        made[key] = res.orders[0].ticket_no
    return made


def _csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("full", [False, True])
def test_csv_cells_never_start_a_formula(store, clerk, supervisor, world, tmp_path, full):
    actor = supervisor if full else clerk
    exports.export(store, actor, "2026-11-30", "2026-11-30", "csv", tmp_path / "o.csv", full=full)
    rows = _csv_rows(tmp_path / "o.csv")
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, value in row.items():
            assert value[:1] not in exports.FORMULA_LEADS, (column, value)
    by_summary = {r["事项"]: r for r in rows}
    assert "'=1+1" in by_summary and by_summary["'=1+1"]["办理结果"] == "'=1+1"
    assert by_summary["'" + FORMULAS["hyperlink"]]["事项"].startswith("'=HYPERLINK(")
    assert by_summary["'=1+1"]["来访人"] == ("'=1+1" if full else "'=**1")  # masked keeps '=': still neutral
    tab = next(r for r in rows if r["办理结果"].startswith("'\t"))
    assert tab["办理结果"] == "'\t=1+1"
    assert any(r["办理结果"] == "'\r=1+1" for r in rows)


@pytest.mark.parametrize("full", [False, True])
def test_xlsx_cells_are_text_and_read_back_as_typed(store, clerk, supervisor, world, tmp_path, full):
    actor = supervisor if full else clerk
    exports.export(store, actor, "2026-11-30", "2026-11-30", "xlsx", tmp_path / "o.xlsx", full=full)
    sheet = zipfile.ZipFile(tmp_path / "o.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere in the file
    ws = load_workbook(tmp_path / "o.xlsx").active
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    results = set()
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in exports.FORMULA_LEADS:
                assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
        results.add(row[col["办理结果"]].value)
        name, summary = row[col["来访人"]].value, row[col["事项"]].value
        assert name == summary if full else "*" in name
    # The resident's text exactly; a lone CR reads back as a line break (XML has no bare CR).
    assert {v.replace("\r", "\n") for v in FORMULAS.values()} == results
    masked = {r[col["来访人"]].value for r in ws.iter_rows(min_row=2)}
    assert ("=**1" in masked) != full  # =1+1 masked keeps its '=' and is still text


def test_csv_text_is_the_one_rule():
    assert exports.csv_text("\tx") == "'\tx" and exports.csv_text("\rx") == "'\rx"
    assert exports.csv_text("正常") == "正常" and exports.csv_text(5) == 5
