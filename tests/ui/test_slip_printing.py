"""Ctrl+Enter at intake makes the visit's slip, sends it to the printer (here: none is
available) and records the print on every order; a reprint from the detail says 补打."""

import subprocess

from PySide6.QtCore import Qt

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle, type_chinese


def test_save_and_print_without_a_printer_keeps_the_pdf_and_records_it(ui, clerk, ref, qtbot, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", "/nonexistent/cups.sock")  # no print server: no printers
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    outcomes = []
    window.slip_printing.finished.connect(outcomes.append)
    form = window.intake.forms()[0]
    form.kind.setCurrentIndex(form.kind.findData("help"))
    form.category.setCurrentIndex(form.category.findData(ref.cat["ENV-RUBBISH"].id))
    qtbot.keyClicks(window.intake.phone, "13900001111")
    type_chinese(form.summary, "垃圾箱满了")
    qtbot.keyClick(window.intake.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert len(outcomes) == 1 and not outcomes[0].printed
    ticket = window.intake.last_result.orders[0].ticket_no
    from desk.ui.slip_printing import slip_folder

    pdf = slip_folder() / f"{ticket}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ticket in text and "13900001111" not in text and "139****1111" in text
    assert window.slip_printing.last_message is not None and str(pdf) in window.slip_printing.last_message.text()

    from desk.services import queries

    detail = queries.get_order(ctx.store, clerk, ticket)
    prints = [e for e in detail.events if e.kind == "print"]
    assert len(prints) == 1 and prints[0].data["reprint"] is False

    window.slip_printing.reprint(detail)
    settle()
    again = queries.get_order(ctx.store, clerk, ticket)
    assert [e.data["reprint"] for e in again.events if e.kind == "print"] == [False, True]
    assert "补打" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
