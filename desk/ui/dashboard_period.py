"""The dashboard's period chooser (today, yesterday, this week, this month, a custom range) and
its optional scope (one department, category or residential area)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desk.i18n import by_language
from desk.services.figures import Period, Scope
from desk.ui.widgets import Retranslating

PRESETS = ("today", "yesterday", "this_week", "this_month", "custom")


def preset_period(preset: str, today: date, date_from: date | None = None, date_to: date | None = None) -> Period:
    if preset == "yesterday":
        return Period.day(today - timedelta(days=1))
    if preset == "this_week":
        return Period.week(today)
    if preset == "this_month":
        return Period.month(today)
    if preset == "custom" and date_from and date_to:
        lo, hi = min(date_from, date_to), max(date_from, date_to)
        return Period.day(lo) if lo == hi else Period(lo, hi, "custom")
    return Period.day(today)


class PeriodChooser(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()
        self.preset = QComboBox(objectName="periodPreset")
        self.date_from = QDateEdit(objectName="periodFrom", calendarPopup=True)
        self.date_to = QDateEdit(objectName="periodTo", calendarPopup=True)
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("yyyy-MM-dd")
        self.dash = QLabel("–")
        self.department = QComboBox(objectName="scopeDepartment")
        self.category = QComboBox(objectName="scopeCategory")
        self.area = QComboBox(objectName="scopeArea")
        for combo in (self.department, self.category, self.area):
            # Long names must not widen the window (large text on a 1366-pixel screen).
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.period_label, self.scope_label = QLabel(), QLabel()
        self.period_label.setBuddy(self.preset)
        self.scope_label.setBuddy(self.department)
        self.departments, self.categories, self.areas = [], [], []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.period_label, self.preset, self.date_from, self.dash, self.date_to, self.scope_label,
                  self.department, self.category, self.area):
            layout.addWidget(w)
        self.retranslate()
        self._show_custom()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self.changed.emit())
        for combo in (self.department, self.category, self.area):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def retranslate(self) -> None:
        self.period_label.setText(self.tr("&Period"))
        self.scope_label.setText(self.tr("S&cope"))
        names = {"today": self.tr("Today"), "yesterday": self.tr("Yesterday"), "this_week": self.tr("This week"),
                 "this_month": self.tr("This month"), "custom": self.tr("Custom range…")}
        current = self.preset.currentData() or "today"
        self.preset.blockSignals(True)
        self.preset.clear()
        for key in PRESETS:
            self.preset.addItem(names[key], key)
        self.preset.setCurrentIndex(PRESETS.index(current))
        self.preset.blockSignals(False)
        self._fill_scope()

    def set_today(self, today: date) -> None:
        """The station's local date (from the store's clock); custom dates start there."""
        first = self.today != today or self.date_to.date() == QDate(2000, 1, 1)
        self.today = today
        if first and self.preset.currentData() != "custom":
            for w in (self.date_from, self.date_to):
                w.blockSignals(True)
                w.setDate(QDate(today.year, today.month, today.day))
                w.blockSignals(False)

    def set_reference(self, departments, categories, areas) -> None:
        self.departments, self.categories, self.areas = list(departments), list(categories), list(areas)
        self._fill_scope()

    def _fill_scope(self) -> None:
        for combo, items, blank in ((self.department, self.departments, self.tr("All departments")),
                                    (self.category, self.categories, self.tr("All categories")),
                                    (self.area, self.areas, self.tr("All areas"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(blank, None)
            combo.setMinimumContentsLength(max(8, len(blank)))  # "All departments" whole, not clipped
            for item in items:
                if getattr(item, "active", True) is False:
                    continue
                indent = "    " * getattr(item, "depth", 0)
                combo.addItem(indent + by_language(item.name, item.name_en or item.name), item.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _preset_changed(self) -> None:
        self._show_custom()
        self.changed.emit()

    def _show_custom(self) -> None:
        custom = self.preset.currentData() == "custom"
        for w in (self.date_from, self.dash, self.date_to):
            w.setVisible(custom)

    def set_preset(self, preset: str) -> None:
        self.preset.setCurrentIndex(PRESETS.index(preset))

    def set_range(self, date_from: date, date_to: date) -> None:
        """Choose a custom range (one change signal)."""
        self.blockSignals(True)
        self.set_preset("custom")
        self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))
        self.blockSignals(False)
        self.changed.emit()

    def period(self) -> Period:
        return preset_period(self.preset.currentData() or "today", self.today,
                             self.date_from.date().toPython(), self.date_to.date().toPython())

    def scope(self) -> Scope:
        def one(combo) -> tuple[str, ...]:
            value = combo.currentData()
            return (value,) if value else ()

        return Scope(department_ids=one(self.department), category_ids=one(self.category), area_ids=one(self.area))

    def scope_text(self) -> str:
        """The chosen scope in words ('' for everything), for captions."""
        parts = [combo.currentText().strip() for combo in (self.department, self.category, self.area)
                 if combo.currentData()]
        return " · ".join(parts)
