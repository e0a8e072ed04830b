"""Every visible string is translated, the .ts files match the code, and switching the
language retranslates the open window."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def _messages(ts: Path):
    for message in ET.parse(ts).getroot().iter("message"):
        yield message.findtext("source"), message.find("translation")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_unfinished_translations(lang):
    bad = [src for src, tr in _messages(I18N / f"desk_{lang}.ts")
           if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert bad == []


def test_ts_files_hold_every_string_in_the_code(tmp_path):
    """lupdate over desk/ui into a scratch file: nothing there that the shipped .ts lacks."""
    scratch = tmp_path / "scan.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desk" / "ui").glob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(scratch)], cwd=ROOT, check=True, capture_output=True)
    in_code = {src for src, _ in _messages(scratch)}
    shipped = {src for src, _ in _messages(I18N / "desk_zh_CN.ts")}
    assert in_code - shipped == set(), "run scripts/update_translations.py"
    assert (I18N / "desk_zh_CN.qm").stat().st_mtime >= (I18N / "desk_zh_CN.ts").stat().st_mtime - 1


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
