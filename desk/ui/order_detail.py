"""One work order: header, visitor (masked; revealed only for roles allowed, and recorded),
the timeline, and the actions its status and the clerk's role allow."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.i18n import label
from desk.services import lifecycle, queries, reference
from desk.services.common import address_text
from desk.services.dto import OrderDetail
from desk.rules.permissions import Permission
from desk.ui.action_dialog import MNEMONICS, ActionDialog, with_mnemonic
from desk.ui.context import DeskContext
from desk.ui.errors import show_error
from desk.ui.widgets import Retranslating, core_label, local_time

# Printing belongs to the slip module: offered only once it has plugged in a reprinter.
_HIDDEN_ACTIONS = {"print"}


class OrderDetailDialog(Retranslating, QDialog):
    performed = Signal(str)  # action done

    def __init__(self, ctx: DeskContext, order_id: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.detail: Optional[OrderDetail] = None
        self.departments: list = []
        self.setObjectName("orderDetail")
        self.ticket = QLabel(objectName="ticketLabel")
        self.ticket.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(objectName="statusLabel")
        self.header = QGridLayout()
        self.header_fields = {}
        keys = ("kind", "channel", "category", "department", "registered", "accept_due", "resolve_due", "counts")
        for i, key in enumerate(keys):
            name, value = QLabel(), QLabel()
            value.setWordWrap(True)
            self.header_fields[key] = (name, value)
            self.header.addWidget(name, i // 2, (i % 2) * 2)
            self.header.addWidget(value, i // 2, (i % 2) * 2 + 1)
        self.summary = QLabel(objectName="summaryLabel")
        self.summary.setWordWrap(True)
        self.result = QLabel(objectName="resultLabel")
        self.result.setWordWrap(True)

        self.visitor_box = QGroupBox()
        self.visitor_text = QLabel(objectName="visitorText")
        self.visitor_text.setWordWrap(True)
        self.reveal_button = QPushButton(objectName="revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        # A stray Enter must not reveal (and audit) the visitor: never the default button, and
        # not where focus starts.
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        vl = QHBoxLayout(self.visitor_box)
        vl.addWidget(self.visitor_text, 1)
        vl.addWidget(self.reveal_button)

        self.timeline = QTableWidget(0, 4, objectName="timeline")
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        for column in (0, 1, 2):
            self.timeline.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.setWordWrap(True)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells

        self.actions_box = QGroupBox()
        self.actions_layout = QHBoxLayout(self.actions_box)
        self.action_buttons: dict[str, QPushButton] = {}
        self.close_button = QPushButton(objectName="closeButton")
        self.close_button.clicked.connect(self.close)
        self.close_button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.ticket)
        top.addWidget(self.status)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.header)
        layout.addWidget(self.summary)
        layout.addWidget(self.result)
        layout.addWidget(self.visitor_box)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.actions_box)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.resize(900, 680)
        self.retranslate()
        ctx.runner.run(reference.list_departments, ctx.store, on_done=self._departments_loaded)
        ctx.changed.connect(self._on_changed)
        self.load()

    def _on_changed(self, kinds) -> None:
        # Changed elsewhere (another screen, the callbacks list): show the order as it is now.
        if "orders" in kinds and self.isVisible() and self.ctx.actor is not None:
            self.load(reveal=False)

    def _departments_loaded(self, deps) -> None:
        self.departments = deps

    # -- loading -------------------------------------------------------------------------------
    def load(self, *, reveal: bool = False) -> None:
        self.ctx.as_actor(queries.get_order, self.order_id, reveal=reveal, on_done=self.show_detail,
                          on_error=lambda e: show_error(self, e))

    def reveal(self) -> None:
        self.load(reveal=True)

    def show_detail(self, detail: OrderDetail) -> None:
        self.detail = detail
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {"kind": self.tr("Kind"), "channel": self.tr("Channel"), "category": self.tr("Category"),
                 "department": self.tr("Department"), "registered": self.tr("Registered"),
                 "accept_due": self.tr("Accept by"), "resolve_due": self.tr("Resolve by"),
                 "counts": self.tr("Returned / reopened / extended")}
        for key, (name, _value) in self.header_fields.items():
            name.setText(names[key])
        self.visitor_box.setTitle(self.tr("Visitor"))
        self.reveal_button.setText(self.tr("Show in full (recorded)"))
        self.actions_box.setTitle(self.tr("Actions"))
        self.close_button.setText(self.tr("Close"))
        self.timeline.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Reason / result")])
        d = self.detail
        if d is None:
            self.setWindowTitle(self.tr("Work order"))
            return
        r = d.row
        tz = self.ctx.store.calendar().tz
        self.setWindowTitle(self.tr("Work order {ticket}").format(ticket=r.ticket_no))
        self.ticket.setText(r.ticket_no)
        flags = []
        if r.overdue:
            flags.append(self.tr("overdue"))
        elif r.due_soon:
            flags.append(self.tr("due soon"))
        if r.supervised:
            flags.append(self.tr("supervised"))
        if r.urgency == "urgent":
            flags.append(core_label("urgency", "urgent"))
        self.status.setText(core_label("status", r.status) + (f"  ({', '.join(flags)})" if flags else ""))
        self.status.setObjectName("warningLabel" if r.overdue else "statusLabel")
        values = {"kind": core_label("kind", r.kind), "channel": core_label("channel", r.channel),
                  "category": r.category_name, "department": r.department_name + (
                      " + " + "、".join(d.assist_department_names) if d.assist_department_names else ""),
                  "registered": f"{local_time(r.created_at, tz)} {d.registered_by_name}",
                  "accept_due": local_time(r.accept_due_at, tz), "resolve_due": local_time(r.resolve_due_at, tz),
                  "counts": f"{d.return_count} / {d.reopen_count} / {d.extension_count}"}
        for key, (_name, value) in self.header_fields.items():
            value.setText(values[key])
        address = f"{r.area_name} {r.address}".strip()
        self.summary.setText("<br>".join(part for part in (f"<b>{_esc(r.summary)}</b>", _esc(d.details), _esc(address))
                                         if part))
        result = ""
        if d.result:
            solved = {True: self.tr("solved"), False: self.tr("not solved"), None: ""}[d.solved]
            result = self.tr("Result: {result}").format(result=d.result) + (f" ({solved})" if solved else "")
        if d.rating:
            result += "  " + self.tr("Satisfaction: {rating}").format(rating=label(f"rating.{d.rating}"))
        if d.merged_into_ticket:
            result += "  " + self.tr("Merged into {ticket}").format(ticket=d.merged_into_ticket)
        self.result.setText(result)
        self.result.setVisible(bool(result))
        if d.visitor:
            v = d.visitor
            self.visitor_text.setText(f"{v.name or self.tr('(no name)')}  {v.phone}  {v.area_name} "
                                      f"{address_text(v.lane, v.number)} {v.room}")
        else:
            self.visitor_text.setText(self.tr("Anonymous"))
        self.reveal_button.setVisible(bool(d.visitor) and d.visitor.masked and self.ctx.may(Permission.REVEAL_PERSONAL_DATA))
        self._fill_timeline(d, tz)
        self._fill_actions(d)

    def _fill_timeline(self, d: OrderDetail, tz) -> None:
        self.timeline.setRowCount(len(d.events))
        for i, e in enumerate(d.events):
            what = core_label("action", e.kind)
            status = core_label("status", e.to_status) if e.to_status else ""
            if status and status != what:  # "登记", not "登记 → 登记"
                what += " → " + status
            if e.data.get("department"):
                what += f" ({e.data['department']})"
            for col, text in enumerate((local_time(e.at, tz), e.actor_name, what, e.reason)):
                self.timeline.setItem(i, col, QTableWidgetItem(text))
        self.timeline.resizeRowsToContents()
        # The latest step is what the clerk looks for (after layout, so the scroll range is known).
        QTimer.singleShot(0, self.timeline.scrollToBottom)

    def _fill_actions(self, d: OrderDetail) -> None:
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.action_buttons = {}
        for action in d.allowed_actions:
            if action in _HIDDEN_ACTIONS and not (action == "print" and self.ctx.reprint_slip):
                continue
            button = QPushButton(with_mnemonic(core_label("action", action), MNEMONICS.get(action)),
                                 objectName=f"action_{action}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self.perform(a))
            self.actions_layout.addWidget(button)
            self.action_buttons[action] = button
        from desk.ui.knowledge_tab import add_propose_button

        add_propose_button(self, d)  # answered at the desk: propose it for the knowledge base
        self.actions_layout.addStretch(1)
        if self.focusWidget() in (None, self.reveal_button):
            first = next(iter(self.action_buttons.values()), self.close_button)
            first.setFocus()

    # -- actions -------------------------------------------------------------------------------
    def perform(self, action: str) -> None:
        if action == "print":  # the slip module prints and records the reprint itself
            if self.ctx.reprint_slip and self.detail:
                self.ctx.reprint_slip(self.detail)
            return
        params = ActionDialog.ask(self, action, self.departments)
        if params is None:
            return

        def done(detail: OrderDetail) -> None:
            self.show_detail(detail)
            self.performed.emit(action)

        self.ctx.as_actor(lifecycle.perform, self.order_id, action, on_done=done,
                          on_error=lambda e: show_error(self, e), **params)


def _esc(text: str) -> str:
    from html import escape

    return escape(text or "").replace("\n", "<br>")
