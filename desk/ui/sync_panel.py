"""The sync screen (同步): server address, last success, last attempt and its error, changes
waiting, changes the centre refused (with the reason) and conflicts with both values, which
station wrote each and when. Administrators set the server address, token and nightly time here.

Supervisors and administrators see it (Permission.VIEW_AUDIT: refused changes and conflicts
carry names and phone numbers); clerks have "Sync now" and the status bar.
"""

from __future__ import annotations

import json
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desk.rules.ids import short_id
from desk.rules.permissions import Permission
from desk.sync.config import SyncSettings, read_settings, save_settings
from desk.sync.status import SyncStatus, sync_status_for
from desk.ui.errors import describe
from desk.ui.widgets import Retranslating, local_time, row_table


def _cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(tip or text)
    return item


def _table(name: str) -> QTableWidget:
    t = row_table(QTableWidget(objectName=name), single=False)
    t.setWordWrap(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


class SyncPanel(Retranslating, QWidget):
    def __init__(self, ctx, control, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.control = control
        self.status: Optional[SyncStatus] = None
        self.settings: Optional[SyncSettings] = None

        self.title = QLabel(objectName="screenTitle")
        self.sync_button = QPushButton(objectName="syncNowButton", clicked=lambda: control.start(manual=True))
        self.refresh_button = QPushButton(objectName="refreshSync", clicked=lambda: self.reload())
        # Pulled rows set aside (desk.sync.held): try them again after fixing what stood in the way.
        self.retry_held_button = QPushButton(objectName="retryHeld", clicked=lambda: self.retry_held())
        self.retry_held_button.hide()
        self.values = {k: QLabel() for k in ("server", "last_success", "last_attempt", "pending", "nightly")}
        for lab in self.values.values():
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(objectName="warningLabel")
        self.error.setWordWrap(True)
        self.progress = QLabel(objectName="hintLabel")
        self.quarantine = _table("quarantineTable")
        self.conflicts = _table("conflictTable")
        self.quarantine_box = QGroupBox()
        QVBoxLayout(self.quarantine_box).addWidget(self.quarantine)
        self.conflict_box = QGroupBox()
        QVBoxLayout(self.conflict_box).addWidget(self.conflicts)
        # A supervisor has looked at them: they stay listed, marked, until the centre settles them.
        self.seen_button = QPushButton(objectName="markConflictsSeen", clicked=lambda: self.mark_seen())
        self.conflict_box.layout().addWidget(self.seen_button, 0, Qt.AlignmentFlag.AlignRight)

        # Administrators: where and when to sync.
        self.url = QLineEdit(objectName="syncUrl")
        self.url.setPlaceholderText("https://sync.example.org")
        self.token = QLineEdit(objectName="syncToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.nightly = QLineEdit(objectName="syncTime", maxLength=5)
        self.nightly.setMaximumWidth(80)
        self.save_button = QPushButton(objectName="saveSyncSettings", clicked=lambda: self.save_settings())
        self.settings_message = QLabel()
        self.settings_message.setWordWrap(True)
        self.settings_box = QGroupBox(objectName="syncSettingsBox")
        sform = QFormLayout(self.settings_box)
        self.settings_labels = []
        for w in (self.url, self.token, self.nightly):
            lab = QLabel()
            lab.setBuddy(w)
            self.settings_labels.append(lab)
            sform.addRow(lab, w)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.settings_message, 1)
        sform.addRow(row)
        self._build_layout()

        control.started.connect(self._running_changed)
        control.finished.connect(lambda _r: self._running_changed())
        control.failed.connect(lambda _t: self._running_changed())
        control.progressed.connect(lambda *_: self._show_progress())
        control.brief_changed.connect(lambda _b: self.reload() if self.isVisible() else None)
        ctx.actor_changed.connect(self._actor_changed)
        self.retranslate()
        self._actor_changed()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.retry_held_button)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.sync_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.value_labels = []
        for key in ("server", "last_success", "last_attempt", "pending", "nightly"):
            lab = QLabel()
            self.value_labels.append(lab)
            form.addRow(lab, self.values[key])
        form.addRow(self.error)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addWidget(self.settings_box, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.quarantine_box)
        split.addWidget(self.conflict_box)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sync with the central server"))
        self.sync_button.setText(self.tr("Sync now"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.retry_held_button.setText(self.tr("Retry set-aside rows"))
        for lab, text in zip(self.value_labels, (self.tr("Server"), self.tr("Last successful sync"),
                                                 self.tr("Last attempt"), self.tr("Changes waiting"),
                                                 self.tr("Nightly sync at"))):
            lab.setText(text)
        self.quarantine.setColumnCount(5)
        self.quarantine.setHorizontalHeaderLabels([self.tr("When"), self.tr("Data"), self.tr("Record"),
                                                   self.tr("Reason"), self.tr("Values sent")])
        self.conflicts.setColumnCount(8)
        self.conflicts.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Field"), self.tr("Kept value"), self.tr("Kept from"), self.tr("Kept at"),
            self.tr("Overwritten value"), self.tr("Overwritten from"), self.tr("Overwritten at")])
        self.seen_button.setText(self.tr("Mark all as seen"))
        self.settings_box.setTitle(self.tr("Server settings (administrator)"))
        for lab, text in zip(self.settings_labels, (self.tr("Server &address"), self.tr("&Token"),
                                                    self.tr("&Nightly time"))):
            lab.setText(text)
        self.save_button.setText(self.tr("Save server settings"))
        self.nightly.setPlaceholderText("02:00")
        self._show_token_hint()
        self._name_tab()
        if self.status is not None:
            self._show(self.status)
            self.reload()  # reasons, field names and states come from the core in its language
        self._running_changed()

    def _name_tab(self) -> None:
        from PySide6.QtWidgets import QTabWidget

        w = self.parentWidget()
        while w is not None and not isinstance(w, QTabWidget):
            w = w.parentWidget()
        if w is not None:
            w.setTabText(w.indexOf(self), self.tr("S&ync"))

    # -- data ----------------------------------------------------------------------------------
    def allowed(self) -> bool:
        return self.ctx.may(Permission.VIEW_AUDIT)

    def reload(self) -> None:
        if not self.allowed():
            return
        self.ctx.as_actor(sync_status_for, on_done=self._show, on_error=lambda e: self.error.setText(describe(e)))
        if self.ctx.may(Permission.MANAGE_STATION):
            self.ctx.call(read_settings, on_done=self._show_settings,
                          on_error=lambda e: self.error.setText(describe(e)))

    def showEvent(self, event) -> None:  # noqa: N802
        self.reload()
        super().showEvent(event)

    def _show(self, st: SyncStatus) -> None:
        self.status = st
        tz = self.ctx.tz
        never = self.tr("never")
        self.values["server"].setText(st.server_url or self.tr("not set"))
        self.values["last_success"].setText(local_time(st.last_success_at, tz) or never)
        self.values["last_attempt"].setText(local_time(st.last_attempt_at, tz) or never)
        self.values["pending"].setText(str(st.pending))
        self.values["nightly"].setText(st.nightly_time or "02:00")
        if not st.configured:
            self.error.setText(self.tr("No server address or token yet: an administrator sets them on this screen."))
        elif st.last_error:
            self.error.setText(self.tr("Last attempt failed: {reason}").format(reason=st.last_error))
        else:
            self.error.setText("")
        notes = []
        if st.numbering_pending:
            notes.append(self.tr("Restored from a backup: registering waits until a sync has checked the ticket numbers."))
        if st.held:  # supervisors retry or discard them with desk sync --retry-held / --discard-held
            notes.append(self.tr("{n} rows received from the centre could not be applied here and are set aside:").format(
                n=len(st.held)))
            notes += [f"  {h.ticket_no or self._table_name(h.table)} — {h.reason_label}" for h in st.held[:5]]
            notes.append(self.tr("Retry or discard: desk sync --retry-held all / --discard-held TICKET"))
        if notes:
            self.error.setText("\n".join(filter(None, [self.error.text(), *notes])))
        self.retry_held_button.setVisible(bool(st.held))
        self.quarantine_box.setTitle(self.tr("Refused by the centre ({n})").format(n=len(st.quarantined)))
        self.quarantine.setRowCount(len(st.quarantined))
        for r, q in enumerate(st.quarantined):
            values = json.dumps(q.fields, ensure_ascii=False)
            reason_tip = q.reason_label + (f"\n{q.detail}" if q.detail else "")
            for c, (text, tip) in enumerate(((local_time(q.at, tz), ""), (self._table_name(q.table), q.table),
                                             (short_id(q.row_id), q.row_id), (q.reason_label, reason_tip),
                                             (values, values))):
                self.quarantine.setItem(r, c, _cell(text, tip))
        self.conflict_box.setTitle(self.tr("Conflicts: values overwritten by a later edit ({n})").format(n=len(st.conflicts)))
        self.conflicts.setRowCount(len(st.conflicts))
        self.seen_button.setVisible(any(not c.seen for c in st.conflicts))
        for r, cf in enumerate(st.conflicts):
            record = cf.ticket_no or f"{self._table_name(cf.table)} {short_id(cf.row_id)}"
            if cf.seen:
                record = self.tr("{record} (seen)").format(record=record)
            cells = (record, cf.field_label or cf.field, cf.kept_text, cf.kept_station, local_time(cf.kept_at, tz),
                     cf.lost_text, cf.lost_station, local_time(cf.lost_at, tz))
            for c, text in enumerate(cells):
                self.conflicts.setItem(r, c, _cell(text))
        for t in (self.quarantine, self.conflicts):
            t.resizeColumnsToContents()
            for c in range(t.columnCount() - 1):
                t.setColumnWidth(c, min(t.columnWidth(c), t.fontMetrics().horizontalAdvance("M") * 24))

    def retry_held(self) -> None:
        from desk.sync.held import retry

        self.ctx.as_actor(retry, "all", on_done=lambda _r: self.reload(),
                          on_error=lambda e: self.error.setText(describe(e)))

    def mark_seen(self) -> None:
        from desk.sync.status import mark_conflicts_seen

        self.ctx.as_actor(mark_conflicts_seen, on_done=lambda _n: self.reload(),
                          on_error=lambda e: self.error.setText(describe(e)))

    def _table_name(self, table: str) -> str:
        names = {"work_order": self.tr("Work order"), "visit": self.tr("Visit"), "visitor": self.tr("Visitor"),
                 "event": self.tr("History entry"), "department": self.tr("Department"),
                 "category": self.tr("Category"), "staff": self.tr("Staff")}
        return names.get(table, table)

    # -- progress ------------------------------------------------------------------------------
    def _running_changed(self) -> None:
        running = self.control.running
        self.sync_button.setEnabled(not running and self.ctx.may(Permission.SYNC))
        self._show_progress()

    def _show_progress(self) -> None:
        self.progress.setText(self.control.label.text() if self.control.running else "")

    # -- settings (administrators) -------------------------------------------------------------
    def _actor_changed(self) -> None:
        self.settings_box.setVisible(self.ctx.may(Permission.MANAGE_STATION))
        self._running_changed()

    def _show_settings(self, st: SyncSettings) -> None:
        self.settings = st
        self.url.setText(st.url)
        self.token.clear()
        self.nightly.setText(st.nightly)
        self._show_token_hint()

    def _show_token_hint(self) -> None:
        saved = self.settings is not None and self.settings.has_token
        self.token.setPlaceholderText(self.tr("saved; type a new one to replace it") if saved
                                      else self.tr("the token the centre gave this station"))

    def save_settings(self) -> None:
        def saved(st: SyncSettings) -> None:
            self._show_settings(st)
            self.settings_message.setObjectName("hintLabel")
            self.settings_message.setText(self.tr("Saved."))
            self._restyle_message()
            self.control.refresh()

        def refused(exc: BaseException) -> None:
            self.settings_message.setObjectName("warningLabel")
            self.settings_message.setText(describe(exc))
            self._restyle_message()

        self.ctx.as_actor(save_settings, self.url.text(), self.token.text(), self.nightly.text(),
                          on_done=saved, on_error=refused)

    def _restyle_message(self) -> None:
        self.settings_message.style().unpolish(self.settings_message)
        self.settings_message.style().polish(self.settings_message)
