"""Settings › Categories: the tree, deadlines (e.g. 1d, 5d, 4h) and default departments."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from desk.i18n import by_language
from desk.services import reference
from desk.services.reference import CategoryEdit
from desk.ui.settings_page import TablePage
from desk.ui.widgets import Retranslating


class CategoriesPage(Retranslating, TablePage):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, 5, parent)
        self.departments: list = []
        self.code, self.name, self.name_en = QLineEdit(), QLineEdit(objectName="categoryName"), QLineEdit()
        self.parent_combo, self.department = QComboBox(), QComboBox()
        self.accept_limit, self.resolve_limit = QLineEdit("1d"), QLineEdit("5d")
        self.active = QCheckBox()
        self.active.setChecked(True)
        self.labels = [self.add_field(w) for w in (self.code, self.name, self.name_en, self.parent_combo,
                                                    self.department, self.accept_limit, self.resolve_limit, self.active)]
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Department"),
                                              self.tr("Accept"), self.tr("Resolve")])
        for lab, text in zip(self.labels, (self.tr("&Code"), self.tr("&Name"), self.tr("Name in &English"),
                                           self.tr("&Parent"), self.tr("Default dep&artment"),
                                           self.tr("Accept &within"), self.tr("&Resolve within"), "")):
            lab.setText(text)
        self.accept_limit.setToolTip(self.tr("Working days (5d) or hours (4h)"))
        self.resolve_limit.setToolTip(self.tr("Working days (5d) or hours (4h)"))
        self.active.setText(self.tr("Active"))
        self.retranslate_buttons()

    def reload(self) -> None:
        def load(store):
            return reference.list_categories(store, include_inactive=True), reference.list_departments(store)

        self.ctx.runner.run(load, self.ctx.store, on_done=self._loaded)

    def _loaded(self, data) -> None:
        rows, self.departments = data
        deps = {d.id: by_language(d.name, d.name_en or d.name) for d in self.departments}
        self.set_rows(rows, lambda c: (c.code, "    " * c.depth + by_language(c.name, c.name_en or c.name),
                                       deps.get(c.default_department_id, ""), c.accept_limit, c.resolve_limit))
        for combo, items in ((self.parent_combo, [r for r in rows if r.depth == 0]), (self.department, self.departments)):
            current = combo.currentData()
            combo.clear()
            combo.addItem("", None)
            for item in items:
                combo.addItem(by_language(item.name, item.name_en or item.name), item.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def fill_form(self, c) -> None:
        self.editing_id = c.id if c else None
        self.code.setText(c.code if c else "")
        self.name.setText(c.name if c else "")
        self.name_en.setText(c.name_en if c else "")
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(c.parent_id if c else None), 0))
        self.department.setCurrentIndex(max(self.department.findData(c.default_department_id if c else None), 0))
        self.accept_limit.setText(c.accept_limit if c else "1d")
        self.resolve_limit.setText(c.resolve_limit if c else "5d")
        self.active.setChecked(c.active if c else True)

    def save(self) -> None:
        edit = CategoryEdit(code=self.code.text(), name=self.name.text(), name_en=self.name_en.text(),
                            parent_id=self.parent_combo.currentData(), default_department_id=self.department.currentData(),
                            accept_limit=self.accept_limit.text(), resolve_limit=self.resolve_limit.text(),
                            active=self.active.isChecked())
        self.ctx.as_actor(reference.save_category, edit, self.editing_id, on_done=self.saved, on_error=self.failed)
