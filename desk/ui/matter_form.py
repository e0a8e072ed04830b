"""One matter of a visit: kind, category, summary, details, address, urgency and what happens
to it now (leave registered, dispatch, or answer at the desk). The category proposes its
default department and shows the promised dates; possible duplicates appear before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QWidget)

from desk.i18n import by_language
from desk.services import intake
from desk.services.dto import MatterInput
from desk.rules.enums import Kind
from desk.services.validation import LIMITS
from desk.ui.context import DeskContext
from desk.ui.matter_suggestions import MatterSuggestions
from desk.ui.widgets import Retranslating, fill_enum_combo, local_time

DISPOSITIONS = ("dispatch", "register", "answer")


class MatterForm(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, categories, departments, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.categories = categories
        self.departments = departments
        self.kind = QComboBox(objectName="kind")
        self.category = QComboBox(objectName="category")
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.category.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.summary = QLineEdit(objectName="summary")
        self.details = QPlainTextEdit(objectName="details")
        self.details.setTabChangesFocus(True)
        self.details.setMaximumHeight(90)
        self.lane = QLineEdit(objectName="matterLane")
        self.number = QLineEdit(objectName="matterNumber")
        self.number.setMaximumWidth(90)
        self.urgent = QCheckBox(objectName="urgent")
        self.disposition = QComboBox(objectName="disposition")
        self.department = QComboBox(objectName="department")
        self.answer = QLineEdit(objectName="answer")
        self.promised = QLabel(objectName="promised")
        self.promised.setObjectName("hintLabel")
        self.duplicates = QLabel()
        self.duplicates.setObjectName("warningLabel")
        self.duplicates.setWordWrap(True)
        self.duplicate_rows: list = []
        self.suggestions = MatterSuggestions(self)  # hints under the summary, pinyin category search

        for widget, key in ((self.summary, "summary"), (self.lane, "lane"), (self.number, "number")):
            widget.setMaxLength(LIMITS[key])  # stops at the limit instead of refusing at save
        address = QHBoxLayout()
        address.addWidget(self.lane, 3)
        address.addWidget(self.number, 1)
        self.form = QFormLayout(self)
        self.row_labels = {}
        for key, widget in (("kind", self.kind), ("category", self.category), ("summary", self.summary),
                            ("details", self.details), ("address", address), ("urgent", self.urgent),
                            ("disposition", self.disposition), ("department", self.department),
                            ("answer", self.answer)):
            lab = QLabel()
            if isinstance(widget, QWidget):
                lab.setBuddy(widget)
            self.row_labels[key] = lab
            self.form.addRow(lab, widget)
        self.form.insertRow(3, self.suggestions.panel)
        self.form.addRow(self.promised)
        self.form.addRow(self.duplicates)
        # Tab order follows the paper form.
        order = [self.kind, self.category, self.summary, self.details, self.lane, self.number, self.urgent,
                 self.disposition, self.department, self.answer]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

        self.category.currentIndexChanged.connect(self._category_changed)
        self.urgent.toggled.connect(self._refresh_promised)
        self.disposition.currentIndexChanged.connect(self._disposition_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.lane.editingFinished.connect(self.check_duplicates)
        self.number.editingFinished.connect(self.check_duplicates)
        for w in (self.summary, self.lane, self.number, self.answer):
            w.textChanged.connect(self.changed)
        self.retranslate()
        self._kind_changed()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        fill_enum_combo(self.kind, "kind", [k.value for k in Kind])
        self._fill_categories()
        self._fill_departments()
        current = self.disposition.currentData()
        self.disposition.blockSignals(True)
        self.disposition.clear()
        for value, text in zip(DISPOSITIONS, (self.tr("Dispatch to department"), self.tr("Register only"),
                                              self.tr("Answered at desk"))):
            self.disposition.addItem(text, value)
        self.disposition.setCurrentIndex(max(self.disposition.findData(current), 0))
        self.disposition.blockSignals(False)
        texts = {"kind": self.tr("&Kind"), "category": self.tr("Ca&tegory"), "summary": self.tr("&Summary"),
                 "details": self.tr("Deta&ils"), "address": self.tr("Address (if not the visitor's)"),
                 "urgent": self.tr("Urgency"), "disposition": self.tr("Ne&xt step"),
                 "department": self.tr("De&partment"), "answer": self.tr("Ans&wer given")}
        for key, text in texts.items():
            self.row_labels[key].setText(text)
        self.urgent.setText(self.tr("Urgent"))
        self.lane.setPlaceholderText(self.tr("Road / lane"))
        self.number.setPlaceholderText(self.tr("No."))
        self.summary.setPlaceholderText(self.tr("What is it about, in one line"))
        self._refresh_promised()
        self._show_duplicates()

    def _fill_categories(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("", None)
        parents = {c.id: c for c in self.categories}
        for c in self.categories:
            name = by_language(c.name, c.name_en or c.name)
            if c.parent_id and c.parent_id in parents:
                p = parents[c.parent_id]
                name = f"{by_language(p.name, p.name_en or p.name)} › {name}"
            self.category.addItem(name, c.id)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)
        self.suggestions.categories_filled()

    def _fill_departments(self) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem("", None)
        for d in self.departments:
            self.department.addItem(by_language(d.name, d.name_en or d.name), d.id)
        self.department.setCurrentIndex(max(self.department.findData(current), 0))
        self.department.blockSignals(False)

    # -- behaviour -----------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        # Consultations are mostly answered on the spot; everything else goes to a department.
        self.disposition.setCurrentIndex(self.disposition.findData("answer" if self.kind.currentData() == "consult"
                                                                   else "dispatch"))

    def _disposition_changed(self) -> None:
        value = self.disposition.currentData()
        self.department.setEnabled(value == "dispatch")
        self.answer.setEnabled(value == "answer")
        self.changed.emit()

    def _category_changed(self) -> None:
        category_id = self.category.currentData()
        if category_id:
            self.ctx.call(intake.default_department, category_id, on_done=self._propose_department)
        self._refresh_promised()
        self.check_duplicates()
        self.changed.emit()

    def _propose_department(self, department_id) -> None:
        if department_id and self._alive():
            self.department.setCurrentIndex(max(self.department.findData(department_id), 0))

    def _refresh_promised(self) -> None:
        category_id = self.category.currentData()
        if not category_id:
            self.promised.setText("")
            return
        urgency = "urgent" if self.urgent.isChecked() else "normal"
        self.ctx.call(intake.promised_dates, category_id, urgency, on_done=self._show_promised)

    def _show_promised(self, dues) -> None:
        if not self._alive():
            return
        accept, resolve = dues
        tz = self.ctx.tz
        self.promised.setText(self.tr("If dispatched now: accepted by {accept}, resolved by {resolve}")
                              .format(accept=local_time(accept, tz), resolve=local_time(resolve, tz)))

    def check_duplicates(self, visitor_lane: str = "", visitor_number: str = "") -> None:
        lane = self.lane.text().strip() or visitor_lane or getattr(self, "_visitor_lane", "")
        number = self.number.text().strip() if self.lane.text().strip() else (visitor_number or getattr(self, "_visitor_number", ""))
        self.ctx.call(intake.possible_duplicates, category_id=self.category.currentData(), lane=lane, number=number,
                      on_done=self._set_duplicates)

    def set_visitor_address(self, lane: str, number: str) -> None:
        self._visitor_lane, self._visitor_number = lane.strip(), number.strip()
        self.check_duplicates()

    def _alive(self) -> bool:
        """False once the form was removed (saved, cleared) while an answer was on its way."""
        import shiboken6

        return shiboken6.isValid(self) and shiboken6.isValid(self.duplicates)

    def _set_duplicates(self, rows) -> None:
        if not self._alive():
            return
        self.duplicate_rows = list(rows)
        self._show_duplicates()

    def _show_duplicates(self) -> None:
        if not self.duplicate_rows:
            self.duplicates.setText("")
            return
        from desk.ui.widgets import core_label

        lines = [f"{r.ticket_no}  {r.summary}  ({core_label('status', r.status)})" for r in self.duplicate_rows[:5]]
        self.duplicates.setText(self.tr("Possible duplicates at this address:") + "\n" + "\n".join(lines))

    # -- value ---------------------------------------------------------------------------------
    def is_blank(self) -> bool:
        return not self.summary.text().strip() and not self.details.toPlainText().strip()

    def value(self) -> MatterInput:
        disposition = self.disposition.currentData()
        return MatterInput(
            summary=self.summary.text().strip(), kind=self.kind.currentData(),
            category_id=self.category.currentData(), details=self.details.toPlainText(),
            urgency="urgent" if self.urgent.isChecked() else "normal",
            lane=self.lane.text().strip(), number=self.number.text().strip(),
            department_id=self.department.currentData() if disposition == "dispatch" else None,
            dispatch=disposition == "dispatch",
            answer=self.answer.text() if disposition == "answer" else None,
            kb_entry_id=self.suggestions.kb_entry_id(),
            problem_number=self.suggestions.problem.problem_number(),
        )
