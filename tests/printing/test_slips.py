"""Slips (受理回执) read back from the PDF: content, masking, embedded font, pages, reprints."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from desk.i18n import set_language
from desk.printing import fonts, slip
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from desk.errors import ValidationError
from desk.services.queries import get_order
from tests import pdftools

PHONE = "13812345678"


@pytest.fixture
def visit(store, clerk, ref):
    """A three-matter visit: a leak dispatched, a canteen question answered, a noise complaint."""
    return intake.register_visit(store, clerk, VisitInput(
        name="张三明", phone=PHONE, area_id=ref.area["SX"].id, lane="陕西南路550弄", number="17", room="302",
        matters=(
            MatterInput(summary="卫生间天花板漏水", kind="help", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
            MatterInput(summary="询问老人助餐价格", kind="consult", category_id=ref.cat["STATION-CANTEEN"].id,
                        answer="助餐12元一餐"),
            MatterInput(summary="晚上十点后酒吧外摆噪音", kind="complaint", category_id=ref.cat["NOISE-SEAT"].id,
                        dispatch=True),
        )))


@pytest.mark.parametrize("layout", slip.LAYOUTS)
def test_slip_carries_everything_and_masks_the_visitor(store, clerk, visit, tmp_path, layout):
    tickets = [o.ticket_no for o in visit.orders]
    result = slip.make_slip(store, clerk, tickets[1], tmp_path / f"{layout}.pdf", layout=layout)
    assert result.pages == pdftools.pages(result.path) == 1
    assert result.tickets == tuple(tickets) and not result.reprint
    text = pdftools.text(result.path)
    flat = text.replace("\n", "").replace(" ", "")
    for expected in ("陕西居民区党群服务站", "受理回执", "021-64331234", *tickets, "2026-11-3009:00",
                     "物业服务企业", "城管执法中队", "本站当场答复", "已当场答复", "张*明", "138****5678", "王丽",
                     "卫生间天花板漏水", "下一步", "扫码"):
        assert expected in flat, expected
    # The promised dates are the orders' deadlines (5 and 3 working days).
    assert "2026-12-0709:00前办结" in flat and "2026-12-0309:00前办结" in flat
    # The full phone number and the full name never appear, in any extraction.
    pypdf_text = "".join(p.extract_text() for p in PdfReader(result.path).pages)
    for leaked in (PHONE, "张三明", "302"):
        assert leaked not in flat and leaked not in pypdf_text.replace(" ", "")
    assert PHONE.encode() not in result.path.read_bytes()
    rows = pdftools.assert_fonts_embedded(result.path)
    assert any("WenQuanYi" in r["name"] for r in rows)
    assert pdftools.to_png(result.path, tmp_path / layout)


def test_receipt_is_80mm_wide_and_grows_with_the_visit(store, clerk, ref, visit, tmp_path):
    small = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "small.pdf")
    big_visit = intake.register_visit(store, clerk, VisitInput(phone="13900001234", matters=tuple(
        MatterInput(summary=f"第{i}件事：楼道灯坏了", kind="help", category_id=ref.cat["HOUSE-STAIR"].id, dispatch=True)
        for i in range(12))))
    big = slip.make_slip(store, clerk, big_visit.orders[0].ticket_no, tmp_path / "big.pdf")
    w_small, h_small = pdftools.page_size_mm(small.path)
    w_big, h_big = pdftools.page_size_mm(big.path)
    assert round(w_small) == round(w_big) == 80
    assert big.pages == pdftools.pages(big.path) == 1  # continuous paper: one long page
    assert h_big > h_small + 100
    assert "第11件事" in pdftools.text(big.path).replace(" ", "")


def test_a5_page_size(store, clerk, visit, tmp_path):
    result = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "a5.pdf", layout="a5")
    w, h = pdftools.page_size_mm(result.path)
    assert (round(w), round(h)) == (148, 210)


def test_every_print_is_an_event_and_the_second_is_a_reprint(store, clerk, clock, visit, tmp_path):
    ticket = visit.orders[2].ticket_no
    first = slip.make_slip(store, clerk, ticket, tmp_path / "1.pdf")
    assert "补打" not in pdftools.text(first.path)
    clock.advance(minutes=25)
    second = slip.make_slip(store, clerk, ticket, tmp_path / "2.pdf", layout="a5", printer="PDF")
    assert second.reprint
    assert "补打2026-11-3009:25" in pdftools.text(second.path).replace(" ", "")
    for order in visit.orders:
        prints = [e for e in get_order(store, clerk, order.id).events if e.kind == "print"]
        assert [(e.data["reprint"], e.data["layout"], e.data["printer"]) for e in prints] == [
            (False, "receipt", ""), (True, "a5", "PDF")]
        assert prints[0].actor_name == "王丽"


def test_anonymous_answered_visit_in_english(store, clerk, tmp_path):
    visit = intake.register_visit(store, clerk, VisitInput(matters=(
        MatterInput(summary="Opening hours <of> the canteen & station", answer="9:00-17:00"),)))
    set_language("en")
    result = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "en.pdf")
    text = pdftools.text(result.path)
    assert "Acknowledgement slip" in text and "Anonymous" in text and "answered at the desk" in text
    assert "<of> the canteen & station" in text  # typed characters print as typed


def test_an_english_a5_slip_prints_the_department_as_whole_words(store, clerk, visit, tmp_path):
    """'Property management' in the department's column: not "Property m / anagement" (the column
    was narrower than the word, and CJK wrapping split English anywhere)."""
    set_language("en")
    result = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "en-a5.pdf", layout="a5")
    words = pdftools.text(result.path).split()
    assert "management" in words and not any(w in words for w in ("m", "anagement", "managem", "ent"))


def test_bad_layout_is_refused(store, clerk, visit, tmp_path):
    with pytest.raises(ValidationError):
        slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "x.pdf", layout="a4")
    assert not (tmp_path / "x.pdf").exists()


def test_font_is_registered_once_per_process():
    first = fonts.cjk_font()
    assert fonts.cjk_font() is first
    assert first.path.endswith((".ttc", ".ttf"))


def test_display_phone():
    assert slip.display_phone("02164331234") == "021-64331234"
    assert slip.display_phone("057112345678") == "0571-12345678"
    assert slip.display_phone("13812345678") == "13812345678"


def test_qr_code_has_the_modules_reportlabs_widget_draws():
    """The slip draws the QR code as one path from a cached matrix: the same dark runs, at the
    same places, as ReportLab's QrCodeWidget (level M, 4-module quiet zone) would draw."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    for value in ("SX-20261130-0042", "SX-20261130-0007"):
        widget = QrCodeWidget(value, barLevel="M")
        shapes = widget.draw().contents
        count, runs = slip.qr_runs(value)
        box = widget.barWidth / (count + 2 * slip.QR_BORDER)
        drawn = {(round((widget.barHeight - r.y) / box) - slip.QR_BORDER - 1, round(r.x / box) - slip.QR_BORDER,
                  round(r.width / box)) for r in shapes[1:]}  # [0] is the unfilled frame
        assert drawn == set(runs)
        assert len(runs) > 50 and count == 21  # version 1: a ticket number fits the smallest code
