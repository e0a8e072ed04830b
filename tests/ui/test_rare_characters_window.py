"""A visitor named with Extension A/B and level-2 characters shows in the window's queue with the
bundled fallback fonts (issue 14); the picture is kept for a person to look at."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle


def test_rare_names_in_the_queue(ui, store, clerk):
    from PySide6.QtGui import QFontMetrics

    from desk.services import intake
    from desk.services.dto import MatterInput, VisitInput

    intake.register_visit(store, clerk, VisitInput(name="𠮷田䶮", phone="13812345678", matters=(
        MatterInput(summary="𬌗𫟦𬭩 姓名里的生僻字", kind="consult"),)))
    ctx, window = ui
    login(window, "wangli", PASSWORD)
    window.tabs.setCurrentWidget(window.queue_tab.screen())
    settle()
    table = window.queue_tab.screen().findChild(__import__("PySide6.QtWidgets", fromlist=["QTableView"]).QTableView)
    assert table.model().rowCount() == 1
    fm = QFontMetrics(table.font())
    assert "Desk Han A" in table.font().families()
    assert fm.horizontalAdvance("𬌗") > 0
    out = Path(__file__).resolve().parents[2] / "out" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "queue-rare-names-zh_CN.png"))
