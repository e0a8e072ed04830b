"""The problem screen's "All stations" page (全部站点, issue 17): every station's registered
problems as the central server groups them (GET /v1/problems, desk.services.pulse.across) —
problems that span stations under their shared place, with the sentence saying why they were
grouped, each station's problem with its measures and their effect; then the problems only one
station has. Fetched on the worker when the page is first shown or refreshed; a centre out of
reach is a sentence, and this station's own register stays on its page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from desk.i18n import pgettext
from desk.ui.context import DeskContext
from desk.ui.errors import describe
from desk.ui.widgets import Retranslating

WHY, PROBLEM, MEASURE = 1, 2, 3  # what a tree row is (Qt.UserRole)


class AllStationsProblemsPage(Retranslating, QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = None  # desk.services.pulse.across.AllStations once fetched
        self.loading = False
        self.message = QLabel(objectName="allStationsMessage")
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton(objectName="refreshAllStations", clicked=lambda: self.reload())
        self.refresh_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.tree = QTreeWidget(objectName="allStationsTree")
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(lambda *_: self._selected())
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 5):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.why = QLabel(objectName="allStationsWhy")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.why)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Fetch from the centre"))
        self.tree.setHeaderLabels((self.tr("Problem"), self.tr("Station"), self.tr("Status"), self.tr("Orders"),
                                   self.tr("Opened")))
        if not self.loading and self.view is None:
            self.message.setText(self.tr("Every station's register, as the central server groups it: problems "
                                         "that span stations first."))
        elif self.view is not None:
            self._show(self.view)  # the sentences come in the language they were fetched in: refetch
            self.reload()

    # -- loading --------------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if self.view is None and not self.loading:
            self.reload()

    def reload(self) -> None:
        from desk.sync.problems_remote import fetch_all_station_problems

        if self.ctx.actor is None or self.loading:
            return
        self.loading = True
        self.message.setText(self.tr("Fetching every station's register from the central server…"))
        self.ctx.as_actor(fetch_all_station_problems, on_done=self._fetched, on_error=self._failed)

    def _fetched(self, view) -> None:
        self.loading = False
        self.view = view
        self._show(view)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.message.setText(describe(exc) + " " + self.tr("This station's own register is on its page."))

    # -- showing --------------------------------------------------------------------------------
    def _show(self, view) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for g in view.groups:
            head = QTreeWidgetItem([self.tr("{place}: the same problem at {n} stations").format(
                place=g.place, n=len(g.stations)), pgettext("desk.ui.problems_all_stations", ", ").join(g.stations), "", str(sum(p.orders for p in g.problems)), ""])
            head.setFont(0, bold)
            head.setToolTip(0, g.why)
            head.setData(0, Qt.ItemDataRole.UserRole, (WHY, g.why))
            self.tree.addTopLevelItem(head)
            why = QTreeWidgetItem(head, [self.tr("Why grouped: {why}").format(why=g.why)])
            why.setData(0, Qt.ItemDataRole.UserRole, (WHY, g.why))
            why.setToolTip(0, g.why)
            for p in g.problems:
                self._problem(head, p)
            head.setExpanded(True)
            why.setFirstColumnSpanned(True)
        if view.alone:
            rest = QTreeWidgetItem([self.tr("Registered at one station only ({n})").format(n=len(view.alone))])
            rest.setFont(0, bold)
            self.tree.addTopLevelItem(rest)
            for p in view.alone:
                self._problem(rest, p)
            rest.setExpanded(True)
        self.message.setText(self.tr("Problems that span stations: {groups}; registered at one station only: {alone}.")
                             .format(groups=len(view.groups), alone=len(view.alone)) if view.groups or view.alone
                             else self.tr("No station has registered a problem yet."))
        if view.groups:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _problem(self, parent: QTreeWidgetItem, p) -> None:
        item = QTreeWidgetItem(parent, [f"{p.ref}  {p.title}  · {p.place}", p.station_name, p.status_label,
                                        str(p.orders), p.opened_on])
        item.setData(0, Qt.ItemDataRole.UserRole, (PROBLEM, p.effect))
        item.setToolTip(0, p.categories)
        for m in p.measures:
            line = QTreeWidgetItem(item, [f"{m.taken_on}  {m.text} — {m.effect}"])
            line.setData(0, Qt.ItemDataRole.UserRole, (MEASURE, m.effect))
            line.setToolTip(0, m.effect)
            line.setFirstColumnSpanned(True)
        if not p.measures:
            line = QTreeWidgetItem(item, [p.effect])
            line.setFirstColumnSpanned(True)
        item.setExpanded(True)

    def _selected(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self.why.setText(data[1] if data else "")
