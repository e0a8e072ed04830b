"""Joins the intake screen and the order detail to the slip module: the PDF is made on the
database worker, printed through Qt on the GUI thread, then the print is recorded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
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
            self._tell(outcome.message)
        self.finished.emit(outcome)


    def _tell(self, message: str) -> None:
        """One box, reused (never a stack of them), that neither blocks the window nor takes
        the keyboard: the clerk carries on with the next visitor while it shows."""
        box = self.last_message
        if box is None:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Slip"), message,
                              QMessageBox.StandardButton.Ok, self.parent_widget)
            box.setObjectName("slipMessage")
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            self.last_message = box
        box.setText(message)
        box.show()


def install_slip_printing(window) -> SlipPrinting:
    helper = SlipPrinting(window.ctx, window)
    window.set_slip_printer(helper.print_visit, helper.reprint)
    return helper
