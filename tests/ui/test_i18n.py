"""The window speaks through the desk's one catalogue (tests/core/test_catalogue.py checks the
catalogue itself), and switching the language retranslates the open window."""

from __future__ import annotations


import pytest

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle



def test_window_reads_the_catalogue(qapp):
    """The window's tr() answers from the gettext catalogue (desk/ui/language.py); a string the
    catalogue lacks shows as written."""
    from PySide6.QtWidgets import QWidget

    from desk.ui import language

    class MainWindow(QWidget):
        pass

    language.set_language("zh_CN")
    w = MainWindow()
    assert (w.tr("Desk"), w.tr("&Save"), w.tr("not in the catalogue")) == ("全岗接待台", "保存(&S)", "not in the catalogue")
    language.set_language("en")
    assert w.tr("&Save") == "&Save"
    language.set_language("zh_CN")


def test_switching_language_retranslates_the_open_window(ui, clerk, qtbot):
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    assert window.tabs.tabText(0) == "接待登记"
    assert window.intake.save_button.text() == "保存（Ctrl+S）"
    assert window.queue.model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "工单号"
    form = window.intake.forms()[0]
    kind_zh = form.kind.currentText()
    window.set_language("en")
    settle()
    assert window.tabs.tabText(0) == "Intake"
    assert window.intake.save_button.text() == "Save (Ctrl+S)"
    assert window.queue.model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "Ticket"
    assert form.kind.currentText() == "Consultation" != kind_zh  # core labels follow too
    assert window.status_user.text().startswith("User: 王丽 (Clerk)")
    window.set_language("zh_CN")
    settle()
    assert window.intake.save_button.text() == "保存（Ctrl+S）"
