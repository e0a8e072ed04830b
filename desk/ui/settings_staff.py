"""Settings › Staff (admin): accounts, roles, enabling and disabling, new passwords."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from desk.services import auth
from desk.rules.enums import Role
from desk.ui.settings_page import TablePage
from desk.ui.widgets import Retranslating, core_label, fill_enum_combo, local_time


class StaffPage(Retranslating, TablePage):
    watches = {"staff"}

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, 4, parent)
        self.username, self.display_name = QLineEdit(objectName="staffUsername"), QLineEdit()
        self.role = QComboBox(objectName="staffRole")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.active = QCheckBox()
        self.labels = [self.add_field(w) for w in (self.username, self.display_name, self.role, self.password, self.active)]
        self.retranslate()
        self.show_row(None)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Last log-in")])
        for lab, text in zip(self.labels, (self.tr("&User name"), self.tr("Display &name"), self.tr("&Role"),
                                           self.tr("New &password"), "")):
            lab.setText(text)
        self.password.setPlaceholderText(self.tr("Leave blank to keep the password"))
        self.active.setText(self.tr("Active"))
        fill_enum_combo(self.role, "role", [r.value for r in Role])
        self.retranslate_buttons()

    def reload(self) -> None:
        self.ctx.call(auth.list_users, on_done=self._loaded)

    def _loaded(self, rows) -> None:
        tz = self.ctx.tz
        self.set_rows(rows, lambda u: (u.username, u.display_name + ("" if u.active else " ✗"),
                                       core_label("role", u.role), local_time(u.last_login_at, tz)))

    def fill_form(self, u) -> None:
        self.editing_id = u.username if u else None
        self.username.setText(u.username if u else "")
        self.username.setReadOnly(u is not None)
        self.display_name.setText(u.display_name if u else "")
        self.display_name.setReadOnly(u is not None)
        self.role.setCurrentIndex(max(self.role.findData(u.role if u else "clerk"), 0))
        self.password.clear()
        self.active.setChecked(u.active if u else True)

    def save(self) -> None:
        if self.editing_id is None:
            self.ctx.as_actor(auth.add_user, self.username.text(), self.display_name.text(), self.role.currentData(),
                              self.password.text(), on_done=self.saved, on_error=self.failed)
            return
        username, role, active, password = self.editing_id, self.role.currentData(), self.active.isChecked(), self.password.text()

        def update(store, actor):
            if password:
                auth.change_password(store, actor, username, password)
            auth.set_role(store, actor, username, role)
            return auth.set_active(store, actor, username, active)

        self.ctx.as_actor(update, on_done=self.saved, on_error=self.failed)
