"""Joins the intake screen and the order detail to the slip module: the PDF is made on the
database worker, printed through Qt on the GUI thread, then the print is recorded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.config import data_dir
from desk.services.dto import OrderDetail, VisitResult

# desk.printing.slip (ReportLab) and desk.ui.printing (QtPrintSupport) are imported at the first
# slip, not at start-up, where they would delay the log-in page.


def slip_folder() -> Path:
    folder = data_dir() / "slips"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class SlipPrinting(QObject):
    """`print_visit` for Ctrl+Enter at intake, `reprint` for the detail's 补打 action."""

    finished = Signal(object)  # PrintOutcome, for the status bar and tests

    def __init__(self, ctx, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last_message: QMessageBox | None = None

    def print_visit(self, result: VisitResult) -> None:
        self._print(result.orders[0].ticket_no, reprint=None)

    def reprint(self, detail: OrderDetail) -> None:
        self._print(detail.row.ticket_no, reprint=True)

    def _print(self, ticket: str, *, reprint: bool | None) -> None:
        from desk.printing import slip as slips
        from desk.ui import printing

        layout = "a5" if printing.remembered("slip").paper.lower() == "a5" else "receipt"
        pdf = slip_folder() / f"{ticket}.pdf"
        self.ctx.as_actor(slips.make_slip, ticket, pdf, layout=layout, reprint=reprint, record=False,
                          on_done=lambda made: self._send(made, layout))

    def _send(self, made, layout: str) -> None:
        from desk.printing import slip as slips
        from desk.ui import printing

        outcome = printing.print_slip(made.data, pdf_path=str(made.path))
        # Recorded either way: printed on a printer, or kept as a PDF (printer '').
        self.ctx.as_actor(slips.record_print, made.tickets, reprint=made.reprint, layout=layout,
                          printer=outcome.printer if outcome.printed else "")
        if not outcome.printed:
            # Non-blocking: the clerk can carry on with the next visitor.
            self.last_message = QMessageBox(QMessageBox.Icon.Information, self.tr("Slip"), outcome.message,
                                            QMessageBox.StandardButton.Ok, self.parent_widget)
            self.last_message.open()
        self.finished.emit(outcome)


def install_slip_printing(window) -> SlipPrinting:
    helper = SlipPrinting(window.ctx, window)
    window.set_slip_printer(helper.print_visit, helper.reprint)
    return helper
