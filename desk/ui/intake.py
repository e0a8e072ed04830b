"""Intake (接待登记): the visitor, their matters, save (Ctrl+S) or save and print the slip
(Ctrl+Enter). Typing a phone number finds a returning visitor and shows their history."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QScrollArea, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from desk.errors import ValidationError
from desk.i18n import by_language
from desk.services import intake, reference
from desk.services.common import address_text
from desk.services.dto import VisitInput, VisitorHistory, VisitResult
from desk.rules.enums import Channel
from desk.services.validation import LIMITS
from desk.ui.context import DeskContext
from desk.ui.matter_form import MatterForm
from desk.ui.widgets import Retranslating, core_label, fill_enum_combo, focus_if_shown
from desk.ui.worker import expected_failure


class IntakeScreen(Retranslating, QWidget):
    saved = Signal(object)  # VisitResult
    open_order = Signal(str)  # order id (from the visitor's history)

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.categories: list = []
        self.departments: list = []
        self.areas: list = []
        self.history: Optional[VisitorHistory] = None
        self.last_result: Optional[VisitResult] = None
        self._saving = False
        self._after_save = None

        # visitor
        self.channel = QComboBox(objectName="channel")
        self.phone = QLineEdit(objectName="phone")
        self.name = QLineEdit(objectName="name")
        self.area = QComboBox(objectName="area")
        self.lane = QLineEdit(objectName="lane")
        self.number = QLineEdit(objectName="number")
        self.room = QLineEdit(objectName="room")
        # The field stops at the length the core accepts, rather than refusing it at save.
        for widget, key in ((self.name, "name"), (self.lane, "lane"), (self.number, "number"), (self.room, "room")):
            widget.setMaxLength(LIMITS[key])
        self.visitor_box = QGroupBox()
        vform = QFormLayout(self.visitor_box)
        address = QHBoxLayout()
        address.addWidget(self.lane, 4)
        address.addWidget(self.number, 1)
        address.addWidget(self.room, 1)
        self.vlabels = [QLabel() for _ in range(5)]
        for lab, w in zip(self.vlabels, (self.channel, self.phone, self.name, self.area, address)):
            if isinstance(w, QWidget):
                lab.setBuddy(w)
            vform.addRow(lab, w)
        self.vlabels[4].setBuddy(self.lane)

        # matters
        self.matters = QTabWidget(objectName="matters")
        self.add_button = QPushButton(objectName="addMatter")
        self.remove_button = QPushButton(objectName="removeMatter")
        self.add_button.clicked.connect(self.add_matter)
        self.remove_button.clicked.connect(self.remove_matter)
        corner = QWidget()
        cl = QHBoxLayout(corner)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.add_button)
        cl.addWidget(self.remove_button)
        self.matters.setCornerWidget(corner)
        # Never squeezed below the form's height: the scroll area scrolls instead, so every
        # field of the matter stays reachable and in sight (1366×768, large text).
        self.matters.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)

        # actions
        self.save_button = QPushButton(objectName="save")
        self.print_button = QPushButton(objectName="savePrint")
        self.clear_button = QPushButton(objectName="clear")
        self.save_button.clicked.connect(lambda: self.save(print_slip=False))
        self.print_button.clicked.connect(lambda: self.save(print_slip=True))
        self.clear_button.clicked.connect(self.clear)
        self.result_label = QLabel(objectName="resultLabel")
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.title)
        ll.addWidget(self.visitor_box)
        ll.addWidget(self.matters, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        # The save buttons stay in sight when large text makes the form scroll.
        left_pane = QWidget()
        lp = QVBoxLayout(left_pane)
        lp.setContentsMargins(0, 0, 0, 0)
        lp.addWidget(scroll, 1)
        lp.addLayout(buttons)

        # the returning visitor's history
        self.history_box = QGroupBox()
        self.history_summary = QLabel(objectName="historySummary")
        self.history_summary.setWordWrap(True)
        self.open_list = QListWidget(objectName="openOrders")
        self.recent_list = QListWidget(objectName="recentOrders")
        self.open_title, self.recent_title = QLabel(), QLabel()
        hl = QVBoxLayout(self.history_box)
        hl.addWidget(self.history_summary)
        hl.addWidget(self.open_title)
        hl.addWidget(self.open_list, 1)
        hl.addWidget(self.recent_title)
        hl.addWidget(self.recent_list, 2)
        for lst in (self.open_list, self.recent_list):
            lst.setWordWrap(True)
            lst.itemActivated.connect(lambda item: self.open_order.emit(item.data(Qt.ItemDataRole.UserRole)))

        self.splitter = QSplitter(objectName="intakeSplitter")
        self.splitter.addWidget(left_pane)
        self.splitter.addWidget(self.history_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.splitter)

        QWidget.setTabOrder(self.channel, self.phone)
        QWidget.setTabOrder(self.phone, self.name)
        QWidget.setTabOrder(self.name, self.area)
        QWidget.setTabOrder(self.area, self.lane)
        QWidget.setTabOrder(self.lane, self.number)
        QWidget.setTabOrder(self.number, self.room)

        self.phone.editingFinished.connect(self.lookup_phone)
        self.phone.textEdited.connect(self._phone_edited)
        self.lane.editingFinished.connect(self._address_changed)
        self.number.editingFinished.connect(self._address_changed)

        ctx_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+S", lambda: self.save(print_slip=False)),
                           ("Ctrl+Return", lambda: self.save(print_slip=True)),
                           ("Ctrl+Enter", lambda: self.save(print_slip=True)),
                           ("Ctrl+N", self.add_matter)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(ctx_)
            sc.activated.connect(slot)

        self.retranslate()
        self.reload_reference()
        ctx.changed.connect(self._on_changed)

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Intake"))
        self.visitor_box.setTitle(self.tr("Visitor (leave blank for anonymous)"))
        for lab, text in zip(self.vlabels, (self.tr("&Channel"), self.tr("P&hone"), self.tr("Visitor &name"),
                                            self.tr("Residential &area"), self.tr("Add&ress"))):
            lab.setText(text)
        self.lane.setPlaceholderText(self.tr("Road / lane"))
        self.number.setPlaceholderText(self.tr("No."))
        self.room.setPlaceholderText(self.tr("Room"))
        self.phone.setPlaceholderText(self.tr("Mobile or landline; finds returning visitors"))
        fill_enum_combo(self.channel, "channel", [c.value for c in Channel])
        self._fill_areas()
        self.add_button.setText(self.tr("+ Matter (Ctrl+N)"))
        self.remove_button.setText(self.tr("Remove matter"))
        self._retitle_matters()
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.print_button.setText(self.tr("Save and print slip (Ctrl+Enter)"))
        self.clear_button.setText(self.tr("Clear"))
        self.history_box.setTitle(self.tr("Returning visitor"))
        self.open_title.setText(self.tr("Open orders"))
        self.recent_title.setText(self.tr("History"))
        self._show_history()
        self._show_result()
        self.update_print_enabled()

    def _retitle_matters(self) -> None:
        for i in range(self.matters.count()):
            self.matters.setTabText(i, self.tr("Matter {n}").format(n=i + 1))
        self.remove_button.setEnabled(self.matters.count() > 1)

    def _fill_areas(self) -> None:
        current = self.area.currentData()
        self.area.clear()
        self.area.addItem("", None)
        for a in self.areas:
            self.area.addItem(by_language(a.name, a.name_en or a.name), a.id)
        self.area.setCurrentIndex(max(self.area.findData(current), 0))

    # -- reference data ------------------------------------------------------------------------
    def reload_reference(self) -> None:
        def load(store):
            return (reference.list_categories(store), reference.list_departments(store), reference.list_areas(store))
        self.ctx.runner.run(load, self.ctx.store, on_done=self._reference_loaded)

    def _reference_loaded(self, data) -> None:
        self.categories, self.departments, self.areas = data
        self._fill_areas()
        if self.area.count() == 2 and self.area.currentIndex() == 0:
            self.area.setCurrentIndex(1)  # a one-area station: preselect it
        if self.matters.count() == 0:
            self.add_matter()
        for form in self.forms():
            form.categories, form.departments = self.categories, self.departments
            form.retranslate()

    def _on_changed(self, kinds) -> None:
        if kinds & {"reference", "station"}:
            self.reload_reference()

    def update_print_enabled(self) -> None:
        self.print_button.setEnabled(self.ctx.print_slip is not None and not self._saving)

    # -- matters -------------------------------------------------------------------------------
    def forms(self) -> list[MatterForm]:
        return [self.matters.widget(i) for i in range(self.matters.count())]

    def add_matter(self) -> MatterForm:
        form = MatterForm(self.ctx, self.categories, self.departments)
        form.set_visitor_address(self.lane.text(), self.number.text())
        self.matters.addTab(form, "")
        self.matters.setCurrentWidget(form)
        self._retitle_matters()
        focus_if_shown(form.kind)
        return form

    def remove_matter(self) -> None:
        if self.matters.count() > 1:
            widget = self.matters.currentWidget()
            self.matters.removeTab(self.matters.currentIndex())
            widget.deleteLater()
            self._retitle_matters()

    def _address_changed(self) -> None:
        for form in self.forms():
            form.set_visitor_address(self.lane.text(), self.number.text())

    # -- returning visitor ---------------------------------------------------------------------
    def _phone_edited(self, text: str) -> None:
        digits = sum(ch.isdigit() for ch in text)
        if self.history is not None:
            self.history = None
            self._show_history()
        if digits >= 11:
            self.lookup_phone()

    def lookup_phone(self) -> None:
        phone = self.phone.text().strip()
        if sum(ch.isdigit() for ch in phone) < 7:
            return
        self.ctx.as_actor(intake.find_visitor_by_phone, phone,
                          on_done=lambda history: self._history_found(history, phone), on_error=self._lookup_failed)

    def _lookup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            # A number that is not valid yet is not an error while typing; saving says so.
            expected_failure("a phone number still being typed")(exc)
        else:
            self.ctx.runner.fail(exc)

    def _history_found(self, history: Optional[VisitorHistory], phone: str | None = None) -> None:
        # A late answer (a slow disk) for a number no longer in the field, or for a visit already
        # sent to be saved, must not fill the next visitor's address with this one's.
        if phone is not None and (self._saving or self.phone.text().strip() != phone):
            return
        self.history = history
        if history and not self.lane.text():
            v = history.visitor
            self.lane.setText(v.lane)
            self.number.setText(v.number)
            if v.area_id:
                self.area.setCurrentIndex(max(self.area.findData(v.area_id), 0))
            self._address_changed()
        self._show_history()

    def _show_history(self) -> None:
        self.open_list.clear()
        self.recent_list.clear()
        h = self.history
        if h is None:
            self.history_summary.setText(self.tr("Type a phone number to see a returning visitor's orders."))
            return
        v = h.visitor
        self.history_summary.setText(self.tr("{name} {phone}, {address}: {n} orders so far")
                                     .format(name=v.name or self.tr("(no name)"), phone=v.phone,
                                             address=f"{v.area_name} {address_text(v.lane, v.number)}".strip(), n=h.total_orders))
        for lst, rows in ((self.open_list, h.open_orders), (self.recent_list, h.recent_orders)):
            for r in rows:
                item = QListWidgetItem(f"{r.ticket_no}  {core_label('status', r.status)}  {r.summary}")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                lst.addItem(item)

    # -- saving --------------------------------------------------------------------------------
    def value(self) -> VisitInput:
        matters = tuple(f.value() for f in self.forms() if not f.is_blank())
        return VisitInput(
            matters=matters, channel=self.channel.currentData(),
            visitor_id=self.history.visitor.id if self.history else None,
            name=self.name.text().strip(), phone=self.phone.text().strip(), area_id=self.area.currentData(),
            lane=self.lane.text().strip(), number=self.number.text().strip(), room=self.room.text().strip(),
        )

    @property
    def saving(self) -> bool:
        return self._saving

    def save_then(self, then) -> None:
        """Save the visit, then call `then()` once it is saved (closing, logging out)."""
        self._after_save = then
        self.save(print_slip=False)

    def save(self, *, print_slip: bool = False) -> None:
        """One save at a time, however it is asked for (Ctrl+S, Ctrl+Enter, either button): a
        second press while the database is busy does nothing, so one visit is saved once."""
        if self._saving or (print_slip and self.ctx.print_slip is None):
            return
        sent = self.value()
        saved_forms = [f for f in self.forms() if not f.is_blank()]
        sent_matters = [f.value() for f in saved_forms]
        self._set_saving(True)

        def done(result: VisitResult) -> None:
            self._set_saving(False)
            self.last_result = result
            self.saved.emit(result)
            self._clear_saved(sent, saved_forms, sent_matters)
            self._show_result()
            if print_slip and self.ctx.print_slip is not None:
                self.ctx.print_slip(result)
            then, self._after_save = self._after_save, None
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._set_saving(False)
            self._after_save = None
            self._show_result()
            from desk.ui.errors import show_error

            show_error(self, exc)

        self.ctx.as_actor(intake.register_visit, sent, on_done=done, on_error=failed)

    def _set_saving(self, on: bool) -> None:
        self._saving = on
        self.save_button.setEnabled(not on)
        self.print_button.setEnabled(not on and self.ctx.print_slip is not None)
        if on:  # the last visit's "Saved" line would invite pressing again
            self.result_label.setText(self.tr("Saving…"))

    def _clear_saved(self, sent: VisitInput, saved_forms: list, sent_matters: list) -> None:
        """Clear what was saved; keep anything typed while the save was under way (the next
        visitor's phone number, say)."""
        from PySide6.QtWidgets import QApplication

        typing_in = QApplication.focusWidget()  # where the clerk is typing the next visit
        fields = ((self.phone, sent.phone), (self.name, sent.name), (self.lane, sent.lane),
                  (self.number, sent.number), (self.room, sent.room))
        kept = False
        for widget, value in fields:
            if widget.text().strip() == value:
                widget.clear()
            else:
                kept = True
        for form, value in zip(saved_forms, sent_matters):
            if form.value() == value:
                self._drop_form(form)
            else:
                kept = True
        for form in self.forms():
            if form.is_blank():
                self._drop_form(form)
            else:
                kept = True
        if not self.phone.text():
            self.history = None
            self._show_history()
        self._reset_area()
        if self.matters.count() == 0:
            self.add_matter()
        self._retitle_matters()
        import shiboken6

        if kept and typing_in is not None and shiboken6.isValid(typing_in) and typing_in.isVisible():
            typing_in.setFocus()  # the new blank matter must not pull the keyboard away
        else:
            focus_if_shown(self.phone)

    def _show_result(self) -> None:
        r = self.last_result
        if self._saving:
            self.result_label.setText(self.tr("Saving…"))
            return
        if r is None:
            self.result_label.setText("")
            return
        parts = [f"{o.ticket_no} {core_label('status', o.status)}" for o in r.orders]
        self.result_label.setText(self.tr("Saved: {orders}").format(orders="; ".join(parts)))

    def _drop_form(self, form) -> None:
        index = self.matters.indexOf(form)
        if index >= 0:
            self.matters.removeTab(index)
            form.deleteLater()

    def _reset_area(self) -> None:
        """Back to the station's default area (its only one, else none): an anonymous visit
        must not inherit the last visitor's area and skew the figures by area."""
        self.area.setCurrentIndex(1 if self.area.count() == 2 else 0)

    def clear(self) -> None:
        for w in (self.phone, self.name, self.lane, self.number, self.room):
            w.clear()
        self.history = None
        self._show_history()
        self._reset_area()
        while self.matters.count():
            self._drop_form(self.matters.widget(0))
        self.add_matter()
        focus_if_shown(self.phone)

    def has_unsaved_input(self) -> bool:
        return bool(self.phone.text() or self.name.text() or any(not f.is_blank() for f in self.forms()))
