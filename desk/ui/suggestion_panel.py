"""A small panel of hints under a matter's summary, each usable with one key: groups of
suggestions (categories: Ctrl+1..3, knowledge-base answers: Alt+1..3, and any other kind a
module adds with its own keys, e.g. `form.suggestions.panel.add_group("problem", "Ctrl+Alt+")`
then `set_hints("problem", title, [Hint(text, payload)])` for "this may be registered problem
#7"). The panel only shows and reports the choice (`chosen(group, payload)`); the form applies it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Hint:
    text: str
    payload: Any
    tooltip: str = ""


class SuggestionPanel(QWidget):
    chosen = Signal(str, object)  # group name, payload

    def __init__(self, shortcut_scope: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("suggestionPanel")
        self._scope = shortcut_scope
        self._groups: dict[str, dict] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.setVisible(False)

    def add_group(self, name: str, key_prefix: str, size: int = 3) -> None:
        """A group of up to `size` hints, used with key_prefix+1, +2, ... ("Ctrl+", "Alt+")."""
        title = QLabel()
        title.setObjectName("hintLabel")
        buttons, shortcuts = [], []
        self._layout.addWidget(title)
        for i in range(size):
            b = QPushButton(objectName=f"{name}Hint{i + 1}")
            b.setFlat(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one key uses it; Tab keeps to the form's fields
            b.setStyleSheet("text-align: left; padding: 1px 4px;")
            b.clicked.connect(lambda _=False, n=name, k=i: self.use(n, k))
            self._layout.addWidget(b)
            sc = QShortcut(QKeySequence(f"{key_prefix}{i + 1}"), self._scope)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=name, k=i: self.use(n, k))
            buttons.append(b)
            shortcuts.append(sc)
        self._groups[name] = {"title": title, "buttons": buttons, "prefix": key_prefix, "hints": []}
        self.set_hints(name, "", [])

    def set_hints(self, name: str, title: str, hints: list[Hint]) -> None:
        g = self._groups[name]
        g["hints"] = list(hints[:len(g["buttons"])])
        g["title"].setText(title)
        g["title"].setVisible(bool(g["hints"]))
        for i, b in enumerate(g["buttons"]):
            if i < len(g["hints"]):
                h = g["hints"][i]
                key = QKeySequence(f"{g['prefix']}{i + 1}").toString(QKeySequence.SequenceFormat.NativeText)
                b.setText(f"{key}  {h.text}")
                b.setToolTip(h.tooltip)
                b.setVisible(True)
            else:
                b.setVisible(False)
        self.setVisible(any(grp["hints"] for grp in self._groups.values()))

    def hints(self, name: str) -> list[Hint]:
        return list(self._groups[name]["hints"])

    def use(self, name: str, index: int) -> None:
        hints = self._groups[name]["hints"]
        if index < len(hints):
            self.chosen.emit(name, hints[index].payload)
