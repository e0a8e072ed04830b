"""The knowledge base's place in the window: a tab built when first opened (lazy_tab.py) and
Go ▸ Knowledge base (F8), for everyone logged in (clerks read and propose, supervisors curate)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
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


def add_propose_button(dialog, detail) -> None:
    """In an order's detail: a consultation answered at the desk becomes a proposed
    knowledge-base entry with one click (its summary the question, the answer given the answer)."""
    from PySide6.QtWidgets import QPushButton

    from desk.services import knowledge
    from desk.ui.errors import show_error

    if detail.row.status not in ("answered", "closed") or not (detail.result or "").strip():
        return
    button = QPushButton(QCoreApplication.translate("KnowledgeTab", "Propose as a knowledge entry"),
                         objectName="proposeKnowledge")

    def done(info) -> None:
        button.setEnabled(False)
        button.setText(QCoreApplication.translate("KnowledgeTab", "Proposed knowledge entry: {question}")
                       .format(question=info.question))

    button.clicked.connect(lambda: dialog.ctx.as_actor(knowledge.propose_from_order, detail.row.id, on_done=done,
                                                       on_error=lambda e: show_error(dialog, e)))
    dialog.actions_layout.addWidget(button)
