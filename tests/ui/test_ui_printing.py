"""Printing for real: a private CUPS server with a cups-pdf queue, Qt's print system, and the
printed file read back with pdftotext."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from desk.printing import report, slip
from desk.services import intake
from desk.services.dto import MatterInput, VisitInput
from tests import cups_server, known_orders, pdftools

PHONE = "13812345678"


@pytest.fixture(scope="module")
def cups(tmp_path_factory):
    why_not = cups_server.available()
    if why_not:
        pytest.skip(why_not)
    # Not under pytest's private temp dir: CUPS filters run as user lp and must reach the spool.
    root = Path(tempfile.mkdtemp(prefix="desk-cups-"))
    root.chmod(0o755)
    server = cups_server.CupsServer(root).start()
    before = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = str(server.socket)  # libcups (and so Qt) talks to our server
    cups_server.point_libcups_at(server.socket)
    yield server
    cups_server.point_libcups_at(None)
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
    if before is None:
        os.environ.pop("CUPS_SERVER", None)
    else:
        os.environ["CUPS_SERVER"] = before


@pytest.fixture
def visit(store, clerk, ref):
    return intake.register_visit(store, clerk, VisitInput(name="张三明", phone=PHONE, matters=(
        MatterInput(summary="卫生间天花板漏水", kind="help", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
        MatterInput(summary="询问老人助餐价格", kind="consult", answer="助餐12元一餐"))))


def test_slip_printed_on_a_real_cups_pdf_queue(qapp, cups, store, clerk, visit, tmp_path):
    from desk.ui import printing

    assert cups_server.QUEUE in printing.printer_names()
    ticket = visit.orders[0].ticket_no
    made = slip.make_slip(store, clerk, ticket, tmp_path / "slip.pdf", record=False)
    since = time.time()
    job = f"slip-{uuid.uuid4().hex[:12]}"  # another test run may print the same ticket meanwhile
    outcome = printing.print_slip(made.data, printer=cups_server.QUEUE, pdf_path=str(made.path), job_name=job)
    assert outcome.printed, outcome.message + cups.log()
    slip.record_print(store, clerk, made.tickets, reprint=made.reprint, layout="receipt", printer=outcome.printer)
    printed = cups_server.wait_for_output(job, since, server=cups)
    # What Qt sent, drawn the same way into a PDF file: its text can be read (the cups-pdf copy
    # went through PostScript and Ghostscript, which keep the look but drop the text mapping).
    local = printing.print_slip(made.data, to_pdf=tmp_path / "qt.pdf")
    assert local.printed
    try:
        text = pdftools.text(tmp_path / "qt.pdf").replace(" ", "")
        for expected in (ticket, visit.orders[1].ticket_no, "138****5678", "2026-11-3009:00", "陕西居民区党群服务站",
                         "受理回执", "物业服务企业", "王丽"):
            assert expected in text, expected
        assert PHONE not in text and "张三明" not in text
        assert pdftools.pages(printed) == 1
        width, height = pdftools.page_size_mm(printed)
        assert round(width) == 80 and height > 100  # the receipt roll, as long as the slip
        assert (round(width), round(height)) == tuple(round(x) for x in pdftools.page_size_mm(tmp_path / "qt.pdf"))
        # The printed page looks like the slip Qt drew: the same pixels, give or take antialiasing.
        assert _difference(printed, tmp_path / "qt.pdf", tmp_path) < 0.02
        assert _difference(printed, made.path, tmp_path) > 0.02  # and the comparison can tell slips apart
    finally:
        printed.unlink()
    # The printer is remembered for the next slip, and the print is in the order's history.
    assert printing.remembered("slip") == printing.PrintChoice(cups_server.QUEUE, "receipt80")
    from desk.services.queries import get_order

    prints = [e for e in get_order(store, clerk, ticket).events if e.kind == "print"]
    assert prints[-1].data["printer"] == cups_server.QUEUE


def test_report_pdf_printed_page_by_page(qapp, cups, tmp_path_factory, tmp_path):
    from desk.ui import printing

    ds = known_orders.dataset(tmp_path_factory.mktemp("known"))
    try:
        made = report.make_report(ds.store, ds.supervisor, "weekly", "2026-12-16", tmp_path / "weekly-report-probe.pdf")
    finally:
        ds.store.close()
    since = time.time()
    job = f"report-{uuid.uuid4().hex[:12]}"
    outcome = printing.print_pdf(made.path, printer=cups_server.QUEUE, job_name=job)
    assert outcome.printed and outcome.pages == made.pages, outcome.message
    printed = cups_server.wait_for_output(job, since, server=cups)
    try:
        assert pdftools.pages(printed) == made.pages
        width, height = pdftools.page_size_mm(printed)
        assert (round(width), round(height)) == (210, 297)
    finally:
        printed.unlink()
    assert printing.remembered("report").printer == cups_server.QUEUE


def test_unknown_printer_and_no_printer_say_where_the_pdf_is(qapp, cups, store, clerk, visit, tmp_path, monkeypatch):
    from desk.ui import printing

    made = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "slip.pdf", record=False)
    outcome = printing.print_slip(made.data, printer="NoSuchPrinter", pdf_path=str(made.path))
    assert not outcome.printed and "NoSuchPrinter" in outcome.message and str(made.path) in outcome.message
    # A machine with no printer at all (the list Qt gets from CUPS is empty).
    monkeypatch.setattr(printing, "printer_names", lambda: [])
    outcome = printing.print_slip(made.data, pdf_path=str(made.path))
    assert not outcome.printed and "没有可用的打印机" in outcome.message and str(made.path) in outcome.message


def _difference(a, b, tmp_path) -> float:
    """Share of pixels whose grey levels differ clearly between two one-page PDFs (at 50 dpi)."""
    from PySide6.QtGui import QImage

    images = []
    for name, pdf in (("a", a), ("b", b)):
        (png,) = pdftools.to_png(pdf, tmp_path / f"cmp-{name}", dpi=50)
        images.append(QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8))
    ia, ib = images
    w, h = min(ia.width(), ib.width()), min(ia.height(), ib.height())
    differing = 0
    for y in range(h):
        ra, rb = bytes(ia.constScanLine(y))[:w], bytes(ib.constScanLine(y))[:w]
        differing += sum(1 for pa, pb in zip(ra, rb) if abs(pa - pb) > 96)
    size_penalty = abs(ia.height() - ib.height()) * w
    return (differing + size_penalty) / (max(ia.height(), ib.height()) * w)


def test_choices_are_remembered_per_document_type(qapp):
    from desk.ui import printing

    printing.remember("slip", printing.PrintChoice("Receipt-1", "receipt80"))
    printing.remember("report", printing.PrintChoice("Office", "a4"))
    assert printing.remembered("slip") == printing.PrintChoice("Receipt-1", "receipt80")
    assert printing.remembered("report") == printing.PrintChoice("Office", "a4")
    assert not printing.auto_print_slips()
    printing.set_auto_print_slips(True)
    assert printing.auto_print_slips()


def test_font_preload_makes_the_first_slip_warm():
    from desk.printing import fonts

    assert fonts.preload() is fonts.cjk_font()


def test_print_preview_paints_the_slip(qapp, qtbot, store, clerk, visit, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from desk.ui import printing

    made = slip.make_slip(store, clerk, visit.orders[0].ticket_no, tmp_path / "slip.pdf", record=False)
    dialog = printing.preview_slip(None, made.data, "a5")
    qtbot.addWidget(dialog)
    assert visit.orders[0].ticket_no in dialog.windowTitle()
    # What the preview shows is painted on request; paint once into a PDF printer and read it.
    target = QPrinter(QPrinter.PrinterMode.HighResolution)
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(target)
    text = pdftools.text(tmp_path / "preview.pdf").replace(" ", "")
    assert visit.orders[0].ticket_no in text and "138****5678" in text
    width, height = pdftools.page_size_mm(tmp_path / "preview.pdf")
    assert (round(width), round(height)) == (148, 210)
