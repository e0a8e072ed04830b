"""Settings › Calendar: days that differ from the Chinese public calendar (a local holiday,
an extra working day)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from desk.services import reference
from desk.ui.settings_page import TablePage
from desk.ui.widgets import Retranslating


class CalendarPage(Retranslating, TablePage):
    watches = {"calendar"}

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, 3, parent)
        self.day = QLineEdit(objectName="calendarDay")
        self.day.setPlaceholderText("YYYY-MM-DD")
        self.kind = QComboBox(objectName="calendarKind")
        self.note = QLineEdit()
        self.labels = [self.add_field(w) for w in (self.day, self.kind, self.note)]
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Working day"), self.tr("Note")])
        for lab, text in zip(self.labels, (self.tr("D&ay"), self.tr("&Is"), self.tr("&Note"))):
            lab.setText(text)
        current = self.kind.currentData()
        self.kind.clear()
        self.kind.addItem(self.tr("a working day"), True)
        self.kind.addItem(self.tr("a day off"), False)
        self.kind.addItem(self.tr("as the public calendar says (remove)"), None)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.retranslate_buttons()

    def reload(self) -> None:
        self.ctx.call(reference.list_calendar_overrides, on_done=self._loaded)

    def _loaded(self, rows) -> None:
        yes, no = self.tr("yes"), self.tr("no")
        self.set_rows(rows, lambda d: (d.day, yes if d.is_workday else no, d.note))

    def fill_form(self, d) -> None:
        self.day.setText(d.day if d else "")
        self.kind.setCurrentIndex(max(self.kind.findData(d.is_workday if d else True), 0))
        self.note.setText(d.note if d else "")

    def save(self) -> None:
        self.ctx.as_actor(reference.set_calendar_override, self.day.text(), self.kind.currentData(), self.note.text(),
                          on_done=lambda _r: self.saved(None), on_error=self.failed)
