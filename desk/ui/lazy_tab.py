"""A tab whose screen is built the first time it is shown or asked for.

The dashboard (QtCharts) and the settings pages cost a noticeable part of the desk's start-up,
and a clerk at the log-in page needs neither: they are built when first opened instead."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTab:
    def __init__(self, tabs: QTabWidget, build: Callable[[], QWidget], on_built: Optional[Callable] = None):
        self.tabs = tabs
        self._build = build
        self._on_built = on_built
        self._screen: Optional[QWidget] = None
        self._building = False
        self.placeholder = QWidget()
        self.placeholder.lazy_tab = self  # found again by build_current
        tabs.addTab(self.placeholder, "")
        tabs.currentChanged.connect(self._current_changed)

    @property
    def built(self) -> bool:
        return self._screen is not None

    def widget(self) -> QWidget:
        """What the tab holds now: the screen once built, else its placeholder."""
        return self._screen if self._screen is not None else self.placeholder

    def index(self) -> int:
        return self.tabs.indexOf(self.widget())

    def screen(self) -> QWidget:
        """The screen, built (and put in the placeholder's place) on first use."""
        if self._screen is None and not self._building:
            self._building = True
            try:
                self._replace(self._build())
            finally:
                self._building = False
        return self._screen

    def gate(self, allowed: bool, action) -> None:
        """Show the tab and enable its Go-menu action only for who may see it; someone who may
        not is moved off it."""
        index = self.index()
        self.tabs.setTabVisible(index, allowed)
        action.setEnabled(allowed)
        if not allowed and self.tabs.currentIndex() == index:
            self.tabs.setCurrentIndex(0)

    @staticmethod
    def build_current(tabs: QTabWidget) -> None:
        """Build the screen of the current tab if it is still a placeholder (a tab current from
        the start never sends currentChanged)."""
        lazy = getattr(tabs.currentWidget(), "lazy_tab", None)
        if lazy is not None:
            lazy.screen()

    def _replace(self, screen: QWidget) -> None:
        tabs, index = self.tabs, self.tabs.indexOf(self.placeholder)
        was_current, visible, text = tabs.currentIndex() == index, tabs.isTabVisible(index), tabs.tabText(index)
        # Silent swap: removing the current placeholder would otherwise make a neighbour current
        # for a moment, and build that one too.
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, screen, text)
            tabs.setTabVisible(index, visible)
            tabs.removeTab(index + 1)
            if was_current:
                tabs.setCurrentIndex(index)
        finally:
            tabs.blockSignals(blocked)
        self._screen = screen
        self.placeholder.deleteLater()
        if self._on_built is not None:
            self._on_built(screen)

    def _current_changed(self, index: int) -> None:
        if self._screen is None and index >= 0 and self.tabs.widget(index) is self.placeholder:
            self.screen()
