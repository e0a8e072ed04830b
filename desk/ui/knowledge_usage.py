"""The dashboard's small knowledge-base panel: which answers the desk used in the period, and
which consultations were answered without an entry (the entries to write next)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout

from desk.services import knowledge
from desk.ui.widgets import Retranslating


class KnowledgeUsagePanel(Retranslating, QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("knowledgeUsage")
        self.ctx = ctx
        self.usage = None
        self.used_title, self.missing_title = QLabel(), QLabel()
        self.used = QListWidget(objectName="kbUsed")
        self.missing = QListWidget(objectName="kbMissing")
        row = QHBoxLayout(self)
        for title, lst in ((self.used_title, self.used), (self.missing_title, self.missing)):
            lst.setMaximumHeight(170)
            col = QVBoxLayout()
            col.addWidget(title)
            col.addWidget(lst)
            row.addLayout(col, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Knowledge-base answers"))
        self.used_title.setText(self.tr("Answers used"))
        self.missing_title.setText(self.tr("Questions without an entry (write these next)"))
        self._show()

    def refresh(self, period) -> None:
        """The same period as the dashboard's figures (this station's orders)."""
        self.ctx.call(knowledge.usage, period.date_from, period.date_to, on_done=self._arrived)

    def _arrived(self, usage) -> None:
        self.usage = usage
        self._show()

    def _show(self) -> None:
        for lst, rows, empty in ((self.used, self.usage.used if self.usage else (), self.tr("None in this period.")),
                                 (self.missing, self.usage.unanswered if self.usage else (),
                                  self.tr("No consultations in this period."))):
            lst.clear()
            for text, n in rows:
                lst.addItem(f"{n} × {text}")
            if not rows:
                lst.addItem(empty)
