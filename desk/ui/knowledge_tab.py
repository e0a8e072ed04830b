"""The knowledge base's place in the window: a tab built when first opened (lazy_tab.py) and
Go ▸ Knowledge base (F8), for everyone logged in (clerks read and propose, supervisors curate)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from desk.ui.lazy_tab import LazyTab


class KnowledgeTab(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

        def build():
            from desk.ui.knowledge_screen import KnowledgeScreen

            return KnowledgeScreen(window.ctx)

        self.tab = LazyTab(window.tabs, build, on_built=lambda screen: setattr(window, "knowledge", screen))
        self.go_action = QAction(window, shortcut=QKeySequence("F8"), triggered=self.show)
        window.go_menu.addAction(self.go_action)
        window.ctx.actor_changed.connect(self.allowed)
        window.installEventFilter(self)
        self.allowed()
        self.retranslate()

    def allowed(self) -> None:
        self.tab.gate(self.window.ctx.actor is not None, self.go_action)

    def show(self) -> None:
        if self.window.ctx.actor is not None and self.window.stack.currentWidget() is self.window.tabs:
            self.window.tabs.setCurrentIndex(self.tab.index())

    def retranslate(self) -> None:
        self.window.tabs.setTabText(self.tab.index(), self.tr("Knowledge base"))
        self.go_action.setText(self.tr("&Knowledge base"))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def install_knowledge(window) -> KnowledgeTab:
    return KnowledgeTab(window)
