"""The queue's current list on paper and as a file: the same filter as the window, masked as
`desk export` masks, and audited the same way."""

import sqlite3
import subprocess

import pytest
from openpyxl import load_workbook

from desk.printing import order_list
from desk.services import intake
from desk.services.dto import MatterInput, OrderFilter, VisitInput
from desk.errors import DeskError


@pytest.fixture
def orders(store, clerk, ref):
    intake.register_visit(store, clerk, VisitInput(name="张三明", phone="13812345678", matters=(
        MatterInput(summary="楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),)))
    intake.register_visit(store, clerk, VisitInput(matters=(
        MatterInput(summary="食堂几点开门", kind="consult", answer="七点"),)))


def audit(store):
    con = sqlite3.connect(store.path)
    try:
        return con.execute("select action, detail from audit_log").fetchall()
    finally:
        con.close()


def test_the_filtered_list_exports_masked_through_desk_export(store, clerk, orders, tmp_path):
    only_open = OrderFilter(view="open")
    result = order_list.export_list(store, clerk, only_open, "xlsx", tmp_path / "l.xlsx")
    assert result.rows == 1 and not result.full
    sheet = load_workbook(tmp_path / "l.xlsx").active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "楼道灯坏了" in text and "食堂几点开门" not in text
    assert "13812345678" not in text and "138****5678" in text
    assert any(a == "export.masked" for a, _ in audit(store))
    with pytest.raises(DeskError):  # clerks may not export in full
        order_list.export_list(store, clerk, only_open, "csv", tmp_path / "l.csv", full=True)
    with pytest.raises(DeskError):
        order_list.export_list(store, clerk, OrderFilter(text="没有这样的事"), "csv", tmp_path / "e.csv")


def test_the_list_prints_as_a_pdf_with_the_rows_of_the_window(store, clerk, orders, tmp_path):
    n = order_list.list_pdf(store, clerk, OrderFilter(view="all"), tmp_path / "l.pdf", title="工单列表：全部")
    assert n == 2
    text = subprocess.run(["pdftotext", str(tmp_path / "l.pdf"), "-"], capture_output=True, text=True).stdout
    text = text.replace(" ", "").replace("\n", "")
    assert "楼道灯坏了" in text and "食堂几点开门" in text and "共2件" in text
    assert "13812345678" not in text
    assert ("print.list", '{"rows": 2}') in audit(store)


def test_the_english_list_prints_whole_words(store, clerk, orders, tmp_path):
    """The kind's column (14 mm, made for 求助 and 咨询) printed "Reques / t for / help" and
    "Consult / ation" in English; columns now grow to their longest word, the summary gives way."""
    from desk.i18n import set_language
    from tests import pdftools

    set_language("en")
    try:
        order_list.list_pdf(store, clerk, OrderFilter(view="all"), tmp_path / "en.pdf", title="Work orders")
    finally:
        set_language("zh_CN")
    words = pdftools.text(tmp_path / "en.pdf").split()
    assert "Consultation" in words and "Request" in words
    assert not {"Consult", "ation", "Reques", "Compla", "int"} & set(words)
    # every font in it is embedded (ReportLab's default Helvetica was named, unembedded)
    assert all(f["emb"] == "yes" for f in pdftools.fonts(tmp_path / "en.pdf"))
