"""Issue 17 at intake: while a matter is typed, a registered problem it fits shows in the
suggestion panel ("这可能是已登记问题 #7：嘉善老市夜间噪音") and one key (Ctrl+Alt+1) links it;
the link is saved with the visit (`MatterInput.problem_number`). Pressing the key again undoes
the choice. Asked on the database worker, a moment after typing pauses (not every keystroke)."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desk.ui.suggestion_panel import Hint
from desk.ui.worker import expected_failure

ASK_AFTER_MS = 400  # typing pauses this long: ask (the worker is shared with saving and lists)


def _suggest(store, *args):
    # The register is imported here, on the worker, never on the GUI thread (its matching is plain
    # Python: no numpy in the window process, tests/ui/test_window_without_numpy.py).
    from desk.services.pulse import register

    return register.suggest_problem(store, *args)


class ProblemHint(QObject):
    def __init__(self, form, panel):
        super().__init__(form)
        self.form = form
        self.panel = panel
        self.linked = None  # register.Suggestion chosen by the clerk
        self.found: list = []
        panel.add_group("problem", "Ctrl+Alt+", size=1)
        self._timer = QTimer(self, singleShot=True, interval=ASK_AFTER_MS)
        self._timer.timeout.connect(self._ask)
        form.summary.textChanged.connect(lambda _t: self._timer.start())
        form.lane.textChanged.connect(lambda _t: self._timer.start())
        form.number.textChanged.connect(lambda _t: self._timer.start())
        form.category.currentIndexChanged.connect(lambda _i: self._timer.start())

    def _address(self) -> tuple[str, str]:
        lane = self.form.lane.text().strip() or getattr(self.form, "_visitor_lane", "")
        number = self.form.number.text().strip() if self.form.lane.text().strip() else getattr(self.form, "_visitor_number", "")
        return lane, number

    def _ask(self) -> None:
        summary = self.form.summary.text().strip()
        lane, number = self._address()
        if not summary or not lane:
            self._show([])
            return
        self.form.ctx.call(_suggest, summary, lane, number, self.form.category.currentData() or "",
                           on_done=self._show,
                           on_error=expected_failure("a hint is a suggestion: a failed lookup is logged, typing goes on"))

    def _show(self, found) -> None:
        if not self.form._alive():
            return
        self.found = list(found)[:1]
        if self.linked and self.linked.number not in {s.number for s in found}:
            self.linked = None  # the matter no longer fits it (address or words changed)
        self._render()

    def _render(self) -> None:
        if self.linked:
            title = QCoreApplication.translate(
                "MatterForm", "Linked to a registered problem when saved (press again to undo):")
            hints = [Hint(self.linked.text(), self.linked)]
        else:
            title = QCoreApplication.translate("MatterForm", "A registered problem:")
            hints = [Hint(s.text(), s) for s in self.found]
        self.panel.set_hints("problem", title, hints)

    def chosen(self, s) -> None:
        self.linked = None if self.linked and self.linked.number == s.number else s
        self._render()

    def problem_number(self) -> Optional[int]:
        return self.linked.number if self.linked else None
