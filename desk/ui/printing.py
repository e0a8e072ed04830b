"""Sending slips and summaries to a real printer through Qt's print system.

No database here: callers pass the slip's data (desk.printing.slip.SlipData) or a finished PDF.
The printer and paper chosen last time are remembered per document type ("slip", "report").
With no printer at all, the caller gets a clear message and the PDF stays saved.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QImage, QPageLayout, QPageSize, QPainter,
                           QPalette, QTextDocument)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desk.i18n import _

DOC_TYPES = ("slip", "report")
PAPERS = ("receipt80", "a5", "a4")
DEFAULT_PAPER = {"slip": "receipt80", "report": "a4"}
RESOLUTION = 300  # dots per inch: sharp on paper without gigabytes of raster


@dataclass(frozen=True)
class PrintChoice:
    printer: str  # '' = the system's default printer
    paper: str


@dataclass(frozen=True)
class PrintOutcome:
    printed: bool
    printer: str
    message: str
    pages: int = 0


# -- printers and remembered choices -------------------------------------------------------------

def printer_names() -> list[str]:
    """Printers Qt can see (through CUPS on Linux, the spooler on Windows)."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    return QPrinterInfo.defaultPrinterName()


def _settings() -> QSettings:
    return QSettings("Desk", "Desk")


def remembered(doc_type: str) -> PrintChoice:
    s = _settings()
    return PrintChoice(str(s.value(f"printing/{doc_type}/printer", "") or ""),
                       str(s.value(f"printing/{doc_type}/paper", DEFAULT_PAPER.get(doc_type, "a4"))))


def remember(doc_type: str, choice: PrintChoice) -> None:
    s = _settings()
    s.setValue(f"printing/{doc_type}/printer", choice.printer)
    s.setValue(f"printing/{doc_type}/paper", choice.paper)
    s.sync()


def auto_print_slips() -> bool:
    """Print the slip by itself right after a visit is saved (a per-desk choice)."""
    return str(_settings().value("printing/slip/auto", "false")).lower() in ("true", "1")


def set_auto_print_slips(on: bool) -> None:
    s = _settings()
    s.setValue("printing/slip/auto", bool(on))
    s.sync()


def no_printer_message(pdf_path: str | os.PathLike) -> str:
    return _("No printer is available. The file was saved as a PDF: {pdf_path}; open it to print later.").format(
               pdf_path=pdf_path)


def _resolve(doc_type: str, printer: str | None, paper: str | None, pdf_path) -> tuple[str, str, PrintOutcome | None]:
    """The printer to use: the one named, else the one remembered, else the system default."""
    names = printer_names()
    if not names:
        return "", "", PrintOutcome(False, "", no_printer_message(pdf_path))
    choice = remembered(doc_type)
    name = printer or (choice.printer if choice.printer in names else (default_printer() or names[0]))
    if name not in names:
        return "", "", PrintOutcome(False, name, _("There is no printer “{name}”. The file was saved as a "
                                                   "PDF: {pdf_path}").format(name=name, pdf_path=pdf_path))
    return name, paper or choice.paper, None


def _printer(name: str, doc_name: str) -> QPrinter:
    p = QPrinter(QPrinter.PrinterMode.HighResolution)
    p.setPrinterName(name)
    p.setResolution(RESOLUTION)
    p.setDocName(doc_name)
    p.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    return p


def _finish(printer: QPrinter, painter: QPainter, name: str, pages: int) -> PrintOutcome:
    ok = painter.end()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        name = printer.outputFileName()
        if ok:
            return PrintOutcome(True, name, _("Saved as PDF: {name}").format(name=name), pages)
    if not ok or printer.printerState() == QPrinter.PrinterState.Error:
        return PrintOutcome(False, name, _("Printer “{name}” reported an error.").format(name=name))
    return PrintOutcome(True, name, _("Sent to printer “{name}”.").format(name=name), pages)


# -- slips: Qt's text engine, so text stays text ------------------------------------------------

def _cjk_family() -> str:
    from PySide6.QtWidgets import QApplication

    from desk.ui.fonts import install_cjk_font

    app = QApplication.instance()
    return install_cjk_font(app) if app is not None else ""


def print_slip(data, *, printer: str | None = None, paper: str | None = None, pdf_path: str = "",
               remember_choice: bool = True, to_pdf: str | os.PathLike | None = None,
               job_name: str = "") -> PrintOutcome:
    """Print a slip (SlipData) on an 80 mm receipt roll (the page as long as the slip) or A5.

    `to_pdf`: Qt's own "print to PDF" instead of a printer (what the printer would have got).
    `job_name`: the print queue's name for the job (default "slip TICKET")."""
    if to_pdf is not None:
        name, paper = "", paper or remembered("slip").paper
        remember_choice = False
    else:
        name, paper, refused = _resolve("slip", printer, paper, pdf_path)
        if refused:
            return refused
    qp = _printer(name, job_name or f"slip {data.ticket_no}")
    if to_pdf is not None:
        qp.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qp.setOutputFileName(str(to_pdf))
    painter = paint_slip(qp, data, paper)
    if painter is None:
        return PrintOutcome(False, name, _("Cannot use printer “{name}”.").format(name=name))
    outcome = _finish(qp, painter, name, 1)
    if outcome.printed and remember_choice:
        remember("slip", PrintChoice(name, paper))
    return outcome


def paper_palette() -> QPalette:
    """Paper's own colours: opaque black on white. The screen's theme (qt-material's
    translucent accent colour) must never reach a printer: on a thermal printer it prints faint
    or not at all, and a translucent colour turns the text into a picture (no text layer)."""
    palette = QPalette(QColor("white"))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText,
                     QPalette.ColorRole.HighlightedText, QPalette.ColorRole.BrightText):
            palette.setColor(group, role, QColor(0, 0, 0, 255))
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.Button):
            palette.setColor(group, role, QColor(255, 255, 255, 255))
        palette.setColor(group, QPalette.ColorRole.Link, QColor(0, 0, 0, 255))
    return palette


def draw_on_paper(painter: QPainter, doc: QTextDocument) -> None:
    """`doc.drawContents(painter)` with paper's palette instead of the application's."""
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = paper_palette()
    painter.setPen(QColor(0, 0, 0, 255))
    doc.documentLayout().draw(painter, context)


def paint_slip(qp: QPrinter, data, paper: str) -> QPainter | None:
    """Lay the slip out on `qp` (page size included) and paint it; returns the still-open
    painter (end() sends the job), or None if the printer cannot be painted on."""
    from desk.printing.slip_html import qr_matrix, slip_html

    receipt = paper == "receipt80"
    px_per_mm = 96 / 25.4  # the text document lays out at 96 dpi; the painter scales to the printer
    width_mm, margin_mm, qr_mm = (80.0, 4.0, 26.0) if receipt else (148.0, 12.0, 30.0)
    doc = QTextDocument()
    family = _cjk_family()
    doc.setDefaultFont(QFont(family, 9) if family else QFont())
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet("body { color: #000000; }")
    doc.setHtml(slip_html(data, receipt=receipt))
    doc.setTextWidth((width_mm - 2 * margin_mm) * px_per_mm)
    text_h_mm = doc.size().height() / px_per_mm
    if receipt:
        qp.setPageSize(QPageSize(QSizeF(width_mm, text_h_mm + qr_mm + 2 * margin_mm + 6), QPageSize.Unit.Millimeter,
                                 "Receipt 80mm", QPageSize.SizeMatchPolicy.ExactMatch))
    else:
        qp.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    qp.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(qp):
        return None
    scale = qp.resolution() / 96
    painter.scale(scale, scale)
    draw_on_paper(painter, doc)
    # The QR code under the text, centred, drawn module by module (sharp at any resolution).
    matrix = qr_matrix(data.ticket_no)
    side = qr_mm * px_per_mm
    module = side / len(matrix)
    x0 = ((width_mm - 2 * margin_mm) * px_per_mm - side) / 2
    y0 = doc.size().height() + 2 * px_per_mm
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(x0 + c * module, y0 + r * module, module, module))
    return painter


def preview_slip(parent, data, paper: str | None = None):
    """Qt's print preview of the slip; printing from it uses the printer picked there."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    choice = remembered("slip")
    qp = _printer(choice.printer or default_printer(), f"slip {data.ticket_no}")
    dialog = QPrintPreviewDialog(qp, parent)
    dialog.setWindowTitle(_("Print preview: slip {ticket_no}").format(ticket_no=data.ticket_no))

    def paint(printer: QPrinter) -> None:
        painter = paint_slip(printer, data, paper or choice.paper)
        if painter is not None:
            painter.end()

    dialog.paintRequested.connect(paint)
    dialog._printer = qp  # keep the printer alive as long as the dialog
    return dialog


# -- any finished PDF (reports) -----------------------------------------------------------------

def _pdf_pages(pdf_path: str) -> list[QImage] | None:
    """The PDF's pages as images at RESOLUTION: QtPdf when this Qt has it, else poppler."""
    try:
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        QPdfDocument = None  # noqa: N806 - the pip "Essentials + Addons" wheels leave QtPdf out
    if QPdfDocument is not None:
        doc = QPdfDocument(None)
        doc.load(str(pdf_path))
        images = []
        for i in range(doc.pageCount()):
            size = doc.pagePointSize(i)
            images.append(doc.render(i, QSize(int(size.width() / 72 * RESOLUTION), int(size.height() / 72 * RESOLUTION))))
        return images
    if shutil.which("pdftoppm"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf_path), f"{tmp}/p"], check=True)
            return [QImage(str(p)) for p in sorted(Path(tmp).glob("p-*.png"))]
    return None


def print_pdf(pdf_path: str | os.PathLike, *, doc_type: str = "report", printer: str | None = None,
              paper: str | None = None, remember_choice: bool = True, job_name: str = "") -> PrintOutcome:
    """Print every page of a PDF, each on paper of its own size (A4 reports, A5 slips)."""
    name, paper, refused = _resolve(doc_type, printer, paper, pdf_path)
    if refused:
        return refused
    pages = _pdf_pages(str(pdf_path))
    if pages is None:
        return PrintOutcome(False, name, _("This machine cannot render PDFs for printing. The file is saved: "
                                           "{pdf_path}").format(pdf_path=pdf_path))
    qp = _printer(name, job_name or Path(pdf_path).stem)
    qp.setFullPage(True)
    first = pages[0]
    qp.setPageSize(QPageSize(QSizeF(first.width() * 72 / RESOLUTION, first.height() * 72 / RESOLUTION),
                             QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
    painter = QPainter()
    if not painter.begin(qp):
        return PrintOutcome(False, name, _("Cannot use printer “{name}”.").format(name=name))
    for i, image in enumerate(pages):
        if i:
            qp.newPage()
        painter.drawImage(qp.paperRect(QPrinter.Unit.DevicePixel), image)
    outcome = _finish(qp, painter, name, len(pages))
    if outcome.printed and remember_choice:
        remember(doc_type, PrintChoice(name, paper))
    return outcome


def print_headless(kind: str, **kwargs) -> PrintOutcome:
    """For the command line: a window-less Qt application is enough to print."""
    import sys

    from PySide6.QtWidgets import QApplication

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _keep_alive.append(app)
    return print_slip(**kwargs) if kind == "slip" else print_pdf(**kwargs)


_keep_alive: list = []
