"""Asks what an order action needs (a reason, a department, a result and whether it was
solved, a rating, days, a merge target) before the core is called."""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QVBoxLayout)

from desk.i18n import label, pick
from desk.rules.enums import Action
from desk.services.lifecycle import MAX_EXTENSION_DAYS, RULES
from desk.ui.widgets import Retranslating


def needs(action: str) -> tuple[str, ...]:
    rule = RULES.get(Action(action))
    return rule.needs if rule else ()


class ActionDialog(Retranslating, QDialog):
    def __init__(self, action: str, departments=(), parent=None):
        super().__init__(parent)
        self.action = action
        self.departments = list(departments)
        self.fields: dict[str, Any] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for need in needs(action):
            if need in ("reason", "result", "text"):
                w = QPlainTextEdit()
                w.setTabChangesFocus(True)
                w.setMaximumHeight(110)
            elif need == "department_id":
                w = QComboBox()
                for d in self.departments:
                    w.addItem(pick(d.name, d.name_en or d.name), d.id)
            elif need == "solved":
                w = QCheckBox()
                w.setChecked(True)
            elif need == "rating":
                w = QComboBox()
                for value in (5, 4, 3, 2, 1):
                    w.addItem("", value)
            elif need == "days":
                w = QSpinBox()
                w.setRange(1, MAX_EXTENSION_DAYS)
                w.setValue(5)
            else:  # target: the ticket of the order to merge into
                w = QLineEdit()
            w.setObjectName(f"field_{need}")
            self.fields[need] = w
            self.labels[need] = QLabel()
            self.labels[need].setBuddy(w)
            form.addRow(self.labels[need], w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(label(f"action.{self.action}"))
        texts = {"reason": self.tr("Reason"), "result": self.tr("Result"), "text": self.tr("Note"),
                 "department_id": self.tr("Department"), "solved": self.tr("Solved"),
                 "rating": self.tr("Satisfaction"), "days": self.tr("Working days"),
                 "target": self.tr("Merge into ticket")}
        for need, lab in self.labels.items():
            lab.setText(texts.get(need, need))
        if "solved" in self.fields:
            self.fields["solved"].setText(self.tr("The problem is solved"))
        if "rating" in self.fields:
            combo = self.fields["rating"]
            for i in range(combo.count()):
                combo.setItemText(i, label(f"rating.{combo.itemData(i)}"))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for need, w in self.fields.items():
            if isinstance(w, QPlainTextEdit):
                out[need] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                out[need] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[need] = w.currentData()
            elif isinstance(w, QSpinBox):
                out[need] = w.value()
            else:
                out[need] = w.text().strip()
        return out

    @classmethod
    def ask(cls, parent, action: str, departments=()) -> Optional[dict[str, Any]]:
        """The parameters for `action`, or None if cancelled. Tests patch this one method."""
        if not needs(action):
            return {}
        dialog = cls(action, departments, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
