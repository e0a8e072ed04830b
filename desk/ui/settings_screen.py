"""Settings (supervisor/admin): one tab per page; this machine's look for everyone."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QTabWidget, QVBoxLayout, QWidget

from desk.rules.permissions import Permission
from desk.ui.context import DeskContext
from desk.ui.settings_calendar import CalendarPage
from desk.ui.settings_categories import CategoriesPage
from desk.ui.settings_departments import DepartmentsPage
from desk.ui.settings_staff import StaffPage
from desk.ui.settings_station import StationPage
from desk.ui.widgets import Retranslating


class AppearancePage(Retranslating, QWidget):
    def __init__(self, ctx: DeskContext, on_look_changed, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_look_changed = on_look_changed
        self.language = QComboBox(objectName="languageCombo")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.theme = QComboBox(objectName="themeCombo")
        self.large = QCheckBox(objectName="largeText")
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.labels = []
        for w in (self.language, self.theme, self.large):
            from PySide6.QtWidgets import QLabel

            lab = QLabel()
            lab.setBuddy(w)
            self.labels.append(lab)
            self.form.addRow(lab, w)
        self.retranslate()
        self.language.setCurrentIndex(max(self.language.findData(ctx.prefs.get("language")), 0))
        self.large.setChecked(ctx.prefs.get("large_text"))
        self.language.currentIndexChanged.connect(lambda _: self.on_look_changed(lang=self.language.currentData()))
        self.theme.currentIndexChanged.connect(lambda _: self.on_look_changed(theme=self.theme.currentData()))
        self.large.toggled.connect(lambda on: self.on_look_changed(large_text=on))

    def retranslate(self) -> None:
        for lab, text in zip(self.labels, (self.tr("&Language"), self.tr("&Theme"), self.tr("Text &size"))):
            lab.setText(text)
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(self.theme.findData(self.ctx.prefs.get("theme")), 0))
        self.theme.blockSignals(False)
        self.large.setText(self.tr("Large text for easier reading"))


class SettingsScreen(Retranslating, QWidget):
    def __init__(self, ctx: DeskContext, on_look_changed=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.station = StationPage(ctx)
        self.departments = DepartmentsPage(ctx)
        self.categories = CategoriesPage(ctx)
        self.staff = StaffPage(ctx)
        self.calendar = CalendarPage(ctx)
        self.appearance = AppearancePage(ctx, on_look_changed or (lambda **kw: None))
        self.pages = [self.station, self.departments, self.categories, self.staff, self.calendar, self.appearance]
        for page in self.pages:
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Station"), self.tr("Departments"), self.tr("Categories"),
                                  self.tr("Staff"), self.tr("Calendar"), self.tr("Appearance"))):
            self.tabs.setTabText(i, text)

    def set_actor(self, actor) -> None:
        """Pages the role may not change are hidden; the services refuse anyway."""
        self.tabs.setTabVisible(0, self.ctx.may(Permission.MANAGE_STATION))
        self.tabs.setTabVisible(3, self.ctx.may(Permission.MANAGE_STAFF))
        for page in self.pages[:5]:
            page.reload()
