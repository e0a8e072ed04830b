"""Settings › Station: the station's name, phone and address (printed on slips); for
administrators of an encrypted file, unattended sync (desk.ui.settings_unattended)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.services import reference
from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating


class StationPage(Retranslating, QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.code = QLabel()
        self.name = QLineEdit(objectName="stationName")
        self.name_en = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.save_button = QPushButton(objectName="saveStation")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        self.labels = []
        for w in (self.code, self.name, self.name_en, self.phone, self.address):
            lab = QLabel()
            lab.setBuddy(w)
            self.labels.append(lab)
            form.addRow(lab, w)
        form.addRow(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        from desk.ui.settings_unattended import UnattendedSyncBox

        self.unattended = UnattendedSyncBox(ctx)  # administrators of an encrypted file
        layout.addWidget(self.unattended)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        for lab, text in zip(self.labels, (self.tr("Code"), self.tr("&Name"), self.tr("Name in &English"),
                                           self.tr("&Phone"), self.tr("&Address"))):
            lab.setText(text)
        self.save_button.setText(self.tr("Save"))

    def reload(self) -> None:
        self.ctx.call(reference.station_info, on_done=self._show)
        from desk.rules.permissions import Permission

        if self.ctx.may(Permission.MANAGE_STAFF):
            self.unattended.reload()
        else:
            self.unattended.setVisible(False)

    def _show(self, st) -> None:
        self.code.setText(st.code)
        self.name.setText(st.name)
        self.name_en.setText(st.name_en)
        self.phone.setText(st.phone)
        self.address.setText(st.address)

    def save(self) -> None:
        self.ctx.as_actor(reference.update_station, name=self.name.text(), phone=self.phone.text(),
                          address=self.address.text(), name_en=self.name_en.text(),
                          on_done=self._show, on_error=lambda e: show_error(self, e))
