"""What a matter form gains from the suggestion engine: the hint panel under the summary
(categories Ctrl+1..3 with the department and kind the station uses for them; knowledge-base
answers Alt+1..3) and the pinyin category search. Kept apart from matter_form.py, which only
calls `attach(form)`, `categories_filled()` and reads `kb_entry_id`."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QObject

from desk.i18n import by_language
from desk.ui.category_search import CategorySearch
from desk.ui.problem_hint import ProblemHint
from desk.ui.suggestion_panel import Hint, SuggestionPanel
from desk.ui.suggestions import SuggestionSet, engine_for
from desk.ui.widgets import core_label


class MatterSuggestions(QObject):
    def __init__(self, form):
        super().__init__(form)
        self.form = form
        self.engine = engine_for(form.ctx)
        self.kb_entry: Optional[tuple[str, str]] = None  # (entry id, its answer) once used
        self.last: Optional[SuggestionSet] = None
        self.panel = SuggestionPanel(form)
        self.panel.add_group("category", "Ctrl+")
        self.panel.add_group("answer", "Alt+")
        self.problem = ProblemHint(form, self.panel)  # "这可能是已登记问题 #7", Ctrl+Alt+1 links it
        self.panel.chosen.connect(self._chosen)
        self.search = CategorySearch(form.category)
        form.summary.textChanged.connect(self._ask)
        form.answer.textEdited.connect(self._answer_edited)
        form.kind.activated.connect(lambda _i: form.kind.setProperty("chosenByHand", True))
        self.engine.models_changed.connect(self._models_changed)

    # -- asking and showing --------------------------------------------------------------------
    def _ask(self, value: str) -> None:
        if value.strip():
            self.engine.ask(value, self._show)
        else:
            self._show(SuggestionSet(value))

    def _models_changed(self) -> None:
        self.categories_filled()
        if self.form.summary.text().strip():
            self._ask(self.form.summary.text())

    def _show(self, result: SuggestionSet) -> None:
        if result.text != self.form.summary.text():
            return  # an answer to an older keystroke
        self.last = result
        names = {c.id: c for c in self.form.categories}
        departments = {d.id: d for d in self.form.departments}
        hints = []
        for s in result.categories:
            cat = names.get(s.category_id)
            if cat is None:
                continue
            parts = [self._category_name(cat)]
            dep = departments.get(s.department_id)
            if dep is not None:
                parts.append(by_language(dep.name, dep.name_en or dep.name))
            if s.kind:
                parts.append(core_label("kind", s.kind))
            share = f"{s.share:.0%}" if s.share >= 0.005 else "<1%"
            hints.append(Hint(f"{' · '.join(parts)}  ({share})", s))
        self.panel.set_hints("category", QCoreApplication.translate("MatterForm", "Suggested category:"), hints)
        answers = [Hint(_shorten(f"{a.question} — {a.answer}", 70), a, a.answer) for a in result.answers]
        self.panel.set_hints("answer", QCoreApplication.translate("MatterForm", "Answers from the knowledge base:"), answers)

    def _category_name(self, cat) -> str:
        parents = {c.id: c for c in self.form.categories}
        name = by_language(cat.name, cat.name_en or cat.name)
        p = parents.get(cat.parent_id)
        return f"{by_language(p.name, p.name_en or p.name)} › {name}" if p else name

    def categories_filled(self) -> None:
        parents = {c.id: c for c in self.form.categories}
        rows = []
        for c in self.form.categories:
            p = parents.get(c.parent_id)
            # Until the engine has the pinyin keys (its first training), the name and code.
            keys = self.engine.models.search_keys.get(c.id) or f"{c.name} {c.code} {p.name if p else ''}".lower()
            rows.append((c.id, self._category_name(c), keys))
        self.search.refresh(rows, self.engine.models.frequency)

    # -- using a hint --------------------------------------------------------------------------
    def _chosen(self, group: str, s) -> None:
        form = self.form
        if group == "category":
            if s.kind and not form.kind.property("chosenByHand"):
                form.kind.setCurrentIndex(max(form.kind.findData(s.kind), 0))
            form.category.setCurrentIndex(max(form.category.findData(s.category_id), 0))
            if s.department_id:
                # After the category's own default, which the worker looks up first (FIFO).
                form.ctx.runner.run(lambda: s.department_id, on_done=form._propose_department)
        elif group == "problem":
            self.problem.chosen(s)
        elif group == "answer":
            form.kind.setCurrentIndex(max(form.kind.findData("consult"), 0))
            if s.category_id and form.category.currentData() is None:
                form.category.setCurrentIndex(max(form.category.findData(s.category_id), 0))
            form.disposition.setCurrentIndex(form.disposition.findData("answer"))
            form.answer.setText(s.answer)
            self.kb_entry = (s.entry_id, s.answer)

    def _answer_edited(self, value: str) -> None:
        # Cleared or replaced by hand: no longer that entry's answer (added words keep it).
        if self.kb_entry and self.kb_entry[1] not in value:
            self.kb_entry = None

    def kb_entry_id(self) -> Optional[str]:
        if self.kb_entry and self.form.disposition.currentData() == "answer":
            return self.kb_entry[0]
        return None


def _shorten(value: str, n: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"
