"""Asks what an order action needs (a reason, a department, a result and whether it was
solved, a rating, days, a merge target) before the core is called."""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox, QVBoxLayout)

from desk.i18n import by_language, label
from desk.rules.enums import Action
from desk.services.lifecycle import CONTACT_BY, MAX_EXTENSION_DAYS, RULES
from desk.ui.widgets import Retranslating


def needs(action: str) -> tuple[str, ...]:
    rule = RULES.get(Action(action))
    return rule.needs if rule else ()


# Actions that need nothing typed still change the order for everyone: one press is confirmed.
CONFIRM = {"accept", "start", "close", "supervise", "approve_extension", "resume"}
# Each action button's Alt letter (the same in both languages; Chinese shows it as "签收(A)").
MNEMONICS = {"answer_at_desk": "W", "dispatch": "H", "redispatch": "G", "accept": "A", "start": "S", "pend": "P",
             "resume": "U", "resolve": "R", "callback": "C", "close": "L", "close_unreached": "N", "return": "T",
             "reopen": "O", "contact": "I", "request_extension": "E", "approve_extension": "V", "refuse_extension": "F",
             "supervise": "J", "merge": "M", "void": "X", "note": "K", "print": "Y"}
# Typed fields that may not be left empty.
_TEXT_NEEDS = ("reason", "result", "text", "target")


def with_mnemonic(text: str, letter: str | None) -> str:
    """'Accept' -> '&Accept'; '签收' -> '签收(&A)'."""
    if not letter:
        return text
    i = text.lower().find(letter.lower())
    if i >= 0 and text.isascii():
        return text[:i] + "&" + text[i:]
    return f"{text}(&{letter})"


class ActionDialog(Retranslating, QDialog):
    def __init__(self, action: str, departments=(), parent=None, current_department_id=None):
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
                    w.addItem(by_language(d.name, d.name_en or d.name), d.id)
                if current_department_id:  # 改派 starts from where the order is now
                    w.setCurrentIndex(max(w.findData(current_department_id), 0))
            elif need == "solved":
                w = QCheckBox()
                w.setChecked(True)
            elif need == "rating":
                w = QComboBox()
                for value in (5, 4, 3, 2, 1):
                    w.addItem("", value)
            elif need == "by":  # 先行联系: who reached the resident
                w = QComboBox()
                for who in CONTACT_BY:
                    w.addItem("", who)
            elif need == "days":
                w = QSpinBox()
                w.setRange(1, MAX_EXTENSION_DAYS)
                w.setValue(5)
            else:  # target: the ticket of the order to merge into
                w = QLineEdit()
            self._add_field(form, need, w)
        if action == Action.CONTACT.value:  # when (a department often reports it afterwards)
            when = QDateTimeEdit(QDateTime.currentDateTime())
            when.setDisplayFormat("yyyy-MM-dd HH:mm")
            when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
            self._shown_now = when.dateTime().toString("yyyy-MM-dd HH:mm")
            self._add_field(form, "contacted_at", when)
        self.error = QLabel(objectName="warningLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def _add_field(self, form: QFormLayout, need: str, w) -> None:
        w.setObjectName(f"field_{need}")
        self.fields[need] = w
        self.labels[need] = QLabel()
        self.labels[need].setBuddy(w)
        form.addRow(self.labels[need], w)

    def retranslate(self) -> None:
        self.setWindowTitle(label(f"action.{self.action}"))
        texts = {"reason": self.tr("Reason"), "result": self.tr("Result"), "text": self.tr("Note"),
                 "department_id": self.tr("Department"), "solved": self.tr("Solved"),
                 "rating": self.tr("Satisfaction"), "days": self.tr("Working days"),
                 "target": self.tr("Merge into ticket"), "by": self.tr("Contacted by"),
                 "contacted_at": self.tr("Contacted at")}
        for need, lab in self.labels.items():
            lab.setText(texts.get(need, need))
        if "solved" in self.fields:
            self.fields["solved"].setText(self.tr("The problem is solved"))
        if "by" in self.fields:
            combo = self.fields["by"]
            names = {"department": self.tr("The department"), "station": self.tr("This station")}
            for i in range(combo.count()):
                combo.setItemText(i, names[combo.itemData(i)])
        if "rating" in self.fields:
            combo = self.fields["rating"]
            for i in range(combo.count()):
                combo.setItemText(i, label(f"rating.{combo.itemData(i)}"))

    def accept(self) -> None:
        """Missing fields are said here, with the dialog still open and what was typed kept."""
        values = self.values()
        for need in _TEXT_NEEDS:
            if need in values and not str(values[need]).strip():
                self.error.setText(self.tr("Please fill in “{field}”.").format(field=self.labels[need].text()))
                self.error.show()
                self.fields[need].setFocus()
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for need, w in self.fields.items():
            if isinstance(w, QPlainTextEdit):
                out[need] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                out[need] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[need] = w.currentData()
            elif isinstance(w, QDateTimeEdit):
                # Untouched: "now" by the desk's clock (this machine's zone may not be the station's).
                text = w.dateTime().toString("yyyy-MM-dd HH:mm")
                out[need] = "" if text == self._shown_now else text
            elif isinstance(w, QSpinBox):
                out[need] = w.value()
            else:
                out[need] = w.text().strip()
        return out

    @classmethod
    def ask(cls, parent, action: str, departments=()) -> Optional[dict[str, Any]]:
        """The parameters for `action`, or None if cancelled. Tests patch this one method."""
        if not needs(action):
            return {} if action not in CONFIRM or confirm(parent, action) else None
        detail = getattr(parent, "detail", None)
        current = detail.row.lead_department_id if detail is not None else None
        dialog = cls(action, departments, parent, current_department_id=current)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


def confirm(parent, action: str) -> bool:
    """One press of 签收, 开始处理, 归档, 督办 or 批准延期 asks once more (Enter confirms)."""
    from PySide6.QtCore import QCoreApplication

    from desk.ui import errors

    if not errors._modal:  # offscreen tests and the screenshot script: no person to ask
        return True
    detail = getattr(parent, "detail", None)
    ticket = detail.row.ticket_no if detail is not None else ""
    box = QMessageBox(QMessageBox.Icon.Question, label(f"action.{action}"),
                      QCoreApplication.translate("ActionDialog", "{action}: {ticket}?").format(
                          action=label(f"action.{action}"), ticket=ticket), parent=parent)
    box.setObjectName("confirmAction")
    yes = box.addButton(with_mnemonic(label(f"action.{action}"), MNEMONICS.get(action)), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes
