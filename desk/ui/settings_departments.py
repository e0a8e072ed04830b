"""Settings › Departments (承办单位)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit

from desk.services import reference
from desk.services.reference import DepartmentEdit
from desk.ui.settings_page import TablePage
from desk.ui.widgets import Retranslating


class DepartmentsPage(Retranslating, TablePage):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, 4, parent)
        self.code, self.name, self.name_en = QLineEdit(), QLineEdit(objectName="departmentName"), QLineEdit()
        self.contact, self.phone = QLineEdit(), QLineEdit()
        self.active = QCheckBox()
        self.active.setChecked(True)
        self.labels = [self.add_field(w) for w in (self.code, self.name, self.name_en, self.contact, self.phone, self.active)]
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Contact"), self.tr("Active")])
        for lab, text in zip(self.labels, (self.tr("&Code"), self.tr("&Name"), self.tr("Name in &English"),
                                           self.tr("C&ontact"), self.tr("&Phone"), "")):
            lab.setText(text)
        self.active.setText(self.tr("Active"))
        self.retranslate_buttons()

    def reload(self) -> None:
        self.ctx.call(reference.list_departments, include_inactive=True, on_done=self._loaded)

    def _loaded(self, rows) -> None:
        yes, no = self.tr("yes"), self.tr("no")
        self.set_rows(rows, lambda d: (d.code, d.name, f"{d.contact} {d.phone}".strip(), yes if d.active else no))

    def fill_form(self, d) -> None:
        self.editing_id = d.id if d else None
        self.code.setText(d.code if d else "")
        self.name.setText(d.name if d else "")
        self.name_en.setText(d.name_en if d else "")
        self.contact.setText(d.contact if d else "")
        self.phone.setText(d.phone if d else "")
        self.active.setChecked(d.active if d else True)

    def save(self) -> None:
        edit = DepartmentEdit(code=self.code.text(), name=self.name.text(), name_en=self.name_en.text(),
                              contact=self.contact.text(), phone=self.phone.text(), active=self.active.isChecked())
        self.ctx.as_actor(reference.save_department, edit, self.editing_id, on_done=self.saved, on_error=self.failed)
