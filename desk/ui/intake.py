"""Intake (接待登记): the visitor, their matters, save (Ctrl+S) or save and print the slip
(Ctrl+Enter). Typing a phone number finds a returning visitor and shows their history."""

from __future__ import annotations

import time
from typing import Callable, Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from desk.errors import ValidationError
from desk.i18n import by_language
from desk.services import intake, reference
from desk.services.dto import VisitInput, VisitorHistory, VisitResult
from desk.rules.enums import Channel
from desk.services.validation import LIMITS
from desk.ui.context import DeskContext
from desk.ui.matter_form import MatterForm
from desk.ui.returning_visitor import ReturningVisitorPanel
from desk.ui.widgets import Retranslating, core_label, fill_enum_combo, focus_if_shown
from desk.ui.worker import expected_failure


SPARE_AFTER_MS = 300  # after the turn that used the last spare, while the clerk reads the result
# Save pressed again this soon after a visit was sent, nothing typed since, is the same press,
# even if the save has already answered (a save now takes a few ms: a hurried double Ctrl+S
# under X met the blank form's "at least one matter" refusal). Otherwise a blank form's Save
# (spaces typed, or later) is refused as before.
REPEAT_PRESS_S = 2.0


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
        self._saving = 0  # visits sent and not yet answered (the worker saves them in order)
        self._sent_at = float("-inf")  # time.monotonic() when the last visit was sent
        self._left: tuple = ()  # the emptied form it left (_typed), until something is typed
        self._returned: list[dict] = []  # visits whose save failed, waiting for the form
        # A blank matter form built ahead, in a quiet moment, for the one a save puts back:
        # building it then would add ~20 ms to the turn that shows "Saved" (issue 20).
        self._spare: Optional[MatterForm] = None
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
        self.add_button.clicked.connect(lambda: self.add_matter())  # not clicked(bool) as `focus`
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
        self.history_box = ReturningVisitorPanel()
        self.history_box.open_order.connect(self.open_order)

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
        self.history_box.retranslate()
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
        self.first_matter_ahead()  # arriving after log-in, the phone keeps the keyboard
        if self._spare is not None:  # built with the old lists
            self._spare.deleteLater()
            self._spare = None
            QTimer.singleShot(SPARE_AFTER_MS, self.prepare_spare)
        for form in self.forms():
            form.categories, form.departments = self.categories, self.departments
            form.retranslate()

    def _on_changed(self, kinds) -> None:
        if kinds & {"reference", "station"}:
            self.reload_reference()

    def update_print_enabled(self) -> None:
        self.print_button.setEnabled(self.ctx.print_slip is not None)

    # -- matters -------------------------------------------------------------------------------
    def forms(self) -> list[MatterForm]:
        return [self.matters.widget(i) for i in range(self.matters.count())]

    def first_matter_ahead(self) -> None:
        """The first matter form, built while the log-in is checked (screen_builder.py) rather
        than in the turn after the screen shows; its lists are filled when they arrive."""
        if self.matters.count() == 0:
            # Its spare waits for the clerk's first pause (screen_builder.py): 300 ms after the
            # log-in was sent, it was built as the first keys for the intake arrived.
            self.add_matter(focus=False, spare=False)

    def add_matter(self, focus: bool = True, spare: bool = True) -> MatterForm:
        form, self._spare = self._spare, None
        if form is None:
            form = MatterForm(self.ctx, self.categories, self.departments)
        if spare:
            QTimer.singleShot(SPARE_AFTER_MS, self.prepare_spare)
        form.set_visitor_address(self.lane.text(), self.number.text())
        self.matters.addTab(form, "")
        self.matters.setCurrentWidget(form)
        self._retitle_matters()
        if focus:
            focus_if_shown(form.kind)
        return form

    def prepare_spare(self) -> bool:
        """A matter form made ahead for the next matter or visit; True if one was made now."""
        import shiboken6

        if self._spare is None and shiboken6.isValid(self):
            # No parent: a hidden child would be found by findChild before the shown form's
            # fields. It is deleted with this screen.
            self._spare = MatterForm(self.ctx, self.categories, self.departments)
            self.destroyed.connect(self._spare.deleteLater)
            return True
        return False

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
        # A late answer (a slow disk) for a number no longer in the field (another number typed,
        # or the visit sent to be saved and the form emptied) must not fill the next visitor's
        # address with this one's. The next visitor's own answer is shown while a save is under way.
        if phone is not None and self.phone.text().strip() != phone:
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
        self.history_box.show_history(self.history)

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
        return self._saving > 0

    def save_then(self, then) -> None:
        """Save the visit, then call `then()` once it is saved (closing, logging out)."""
        self._after_save = then
        if not self._form_is_blank():
            if not self.save(print_slip=False):
                self._after_save = None  # refused: the form stays, the clerk was told
        elif not self._saving:
            self._after_save = None
            then()
        # else: the form is blank and a save is under way: `then` runs once it is saved

    def save(self, *, print_slip: bool = False) -> bool:
        """Send the visit to be saved and empty the form at once for the next visitor.

        The form is emptied when the visit is sent, not when the database answers: a clerk who
        goes on typing while a slow disk or a busy worker holds the save types into empty
        fields, never onto the end of the last visit's text (which then looked unsaved and
        swallowed the next Ctrl+S). A second press for the same visit finds a blank form and
        does nothing, so a visit is saved once. If the save fails, the visit comes back into
        the form (or waits until the form is free) and the clerk is told. True if sent."""
        if print_slip and self.ctx.print_slip is None:
            return False
        if self._form_is_blank() and (self._saving or (time.monotonic() - self._sent_at < REPEAT_PRESS_S
                                                       and self._typed() == self._left)):
            return False  # pressed again for the visit already on its way, or just saved
        sent = self.value()
        self._sent_at = time.monotonic()
        parked = self._park(sent)
        self._left = self._typed()
        self._set_saving(+1)
        self._give_back()  # a visit refused earlier, waiting for the form to be free

        def done(result: VisitResult) -> None:
            self._set_saving(-1)
            self.last_result = result
            self._drop_parked(parked)
            self.saved.emit(result)
            self._show_result()
            if print_slip and self.ctx.print_slip is not None:
                self.ctx.print_slip(result)
            if not self._saving:
                then, self._after_save = self._after_save, None
                if then is not None:
                    then()

        def failed(exc: BaseException) -> None:
            self._set_saving(-1)
            self._after_save = None
            self._returned.append(parked)
            self._give_back()
            self._show_result()
            from desk.ui.errors import show_error

            show_error(self, exc)

        self.ctx.as_actor(intake.register_visit, sent, on_done=done, on_error=failed)
        return True

    def _set_saving(self, step: int) -> None:
        self._saving += step
        if self._saving > 0:  # the last visit's "Saved" line would invite pressing again
            self.result_label.setText(self.tr("Saving…"))

    # -- the visit on its way: parked until the database answers ----------------------------------
    def _typed(self) -> tuple:
        """What the form holds, exactly as typed (_form_is_blank strips spaces)."""
        return (tuple(w.text() for w in (self.phone, self.name, self.lane, self.number, self.room))
                + tuple((f.summary.text(), f.details.toPlainText()) for f in self.forms()))

    def _form_is_blank(self) -> bool:
        return not any(w.text().strip() for w in (self.phone, self.name, self.lane, self.number, self.room)) \
            and all(f.is_blank() for f in self.forms())

    def _park(self, sent: VisitInput) -> dict:
        """Take the sent visit out of the form (its matter forms kept alive, hidden) and leave
        an empty form with the keyboard in the phone field."""
        forms = self.forms()
        for form in forms:
            self.matters.removeTab(self.matters.indexOf(form))
            form.setParent(self)
            form.hide()
        parked = {"visit": sent, "area": self.area.currentData(), "channel": self.channel.currentData(),
                  "history": self.history, "forms": forms}
        for w in (self.phone, self.name, self.lane, self.number, self.room):
            w.clear()
        self.history = None
        self._show_history()
        self._reset_area()
        self.add_matter()
        self._retitle_matters()
        focus_if_shown(self.phone)
        return parked

    def _drop_parked(self, parked: dict) -> None:
        for form in parked["forms"]:
            form.deleteLater()
        parked["forms"] = []

    def _give_back(self) -> None:
        """A visit that was not saved comes back into the form as it was sent, as soon as the
        form holds nothing else (the clerk may have started the next visitor meanwhile)."""
        if not self._returned or not self._form_is_blank():
            return
        parked = self._returned.pop(0)
        v: VisitInput = parked["visit"]
        while self.matters.count():
            self._drop_form(self.matters.widget(0))
        for form in parked["forms"]:
            self.matters.addTab(form, "")
            form.show()
        if self.matters.count() == 0:
            self.add_matter()
        self.channel.setCurrentIndex(max(self.channel.findData(parked["channel"]), 0))
        for widget, value in ((self.phone, v.phone), (self.name, v.name), (self.lane, v.lane),
                              (self.number, v.number), (self.room, v.room)):
            widget.setText(value)
        self.area.setCurrentIndex(max(self.area.findData(parked["area"]), 0))
        self.history = parked["history"]
        self._show_history()
        self.matters.setCurrentIndex(0)
        self._retitle_matters()

    def _show_result(self) -> None:
        r = self.last_result
        if self._returned:
            self.result_label.setText(self.tr("Not saved: {n} visit(s) come back into the form once it is saved or "
                                              "cleared").format(n=len(self._returned)))
            return
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
        self._sent_at = float("-inf")  # emptied by hand: a Save now is a new press (REPEAT_PRESS_S)
        for w in (self.phone, self.name, self.lane, self.number, self.room):
            w.clear()
        self.history = None
        self._show_history()
        self._reset_area()
        while self.matters.count():
            self._drop_form(self.matters.widget(0))
        self.add_matter()
        self._give_back()
        self._show_result()
        focus_if_shown(self.phone)

    def has_unsaved_input(self) -> bool:
        """Typed and not sent, sent and not yet saved, or sent and refused."""
        return bool(self.phone.text() or self.name.text() or any(not f.is_blank() for f in self.forms())
                    or self._saving or self._returned)
