"""A tab whose screen is built the first time it is shown or asked for.

The dashboard (QtCharts) and the settings pages cost a noticeable part of the desk's start-up,
and a clerk at the log-in page needs neither: they are built when first opened instead.

A build may come in parts: `build` is then a generator that yields between them and returns the
screen; yielding the screen itself puts it in the tab at once, unfinished, so that what is
added after is styled a part at a time (a finished dashboard put into the shown window was
restyled whole, ~40 ms in one turn). Opened by a person, the parts run one turn of the event loop apart (`later`), so the
window answers keys and repaints between them (the dashboard's ~100 ms in one turn, issue 20);
asked for in code (`screen()`), what is left is built at once."""

from __future__ import annotations

import inspect
from typing import Callable, Generator, Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget


class LazyTab:
    def __init__(self, tabs: QTabWidget, build: Callable[[], QWidget], on_built: Optional[Callable] = None,
                 later: Optional[Callable[[Callable[[], None]], None]] = None):
        self.tabs = tabs
        self._build = build
        self._on_built = on_built
        self._later = later or (lambda fn: QTimer.singleShot(0, fn))
        self._screen: Optional[QWidget] = None
        self._building = False
        self._parts: Optional[Generator] = None  # a build in parts under way
        self._unfinished: Optional[QWidget] = None  # its screen, already in the tab
        self.placeholder = QWidget()
        self.placeholder.lazy_tab = self  # found again by build_current
        tabs.addTab(self.placeholder, "")
        tabs.currentChanged.connect(self._current_changed)

    @property
    def built(self) -> bool:
        return self._screen is not None

    def widget(self) -> QWidget:
        """What the tab holds now: the screen once built (or put in unfinished), else its placeholder."""
        return self._screen or self._unfinished or self.placeholder

    def index(self) -> int:
        return self.tabs.indexOf(self.widget())

    def screen(self) -> QWidget:
        """The screen, built (and put in the placeholder's place) on first use."""
        while self._screen is None and not self._building and self._next_part():
            pass
        return self._screen

    def _next_part(self) -> bool:
        """Build the next part (all of a build that is not in parts); False once built."""
        self._building = True
        try:
            if self._parts is None:
                made = self._build()
                if not inspect.isgenerator(made):
                    self._replace(made)
                    return False
                self._parts = made
            try:
                part = next(self._parts)
            except StopIteration as done:
                self._parts = None
                self._replace(done.value)
                return False
            if isinstance(part, QWidget) and self._unfinished is None:
                self._swap(part)
                self._unfinished = part
            return True
        finally:
            self._building = False

    def build_in_turns(self) -> None:
        """Build it a part per turn, as when a person opens it (the clerk's pauses,
        screen_builder.py), unless that is under way already."""
        if self._parts is None:
            self._build_in_turns()

    def _build_in_turns(self) -> None:
        """A person opened the tab: one part per turn of the event loop until it is built."""
        if self._screen is None and not self._building and self._next_part():
            self._later(self._build_in_turns)

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
        if screen is not self._unfinished:
            self._swap(screen)
        self._unfinished = None
        self._screen = screen
        if QApplication.focusWidget() is screen and screen.focusProxy() is None:
            screen.focusNextChild()  # its first control (given the keyboard while it was empty)
        self.placeholder.deleteLater()
        if self._on_built is not None:
            self._on_built(screen)

    def _swap(self, screen: QWidget) -> None:
        """The screen in the placeholder's place."""
        tabs, index = self.tabs, self.tabs.indexOf(self.placeholder)
        was_current, visible, text = tabs.currentIndex() == index, tabs.isTabVisible(index), tabs.tabText(index)
        # Silent swap: removing the current placeholder would otherwise make a neighbour current
        # for a moment, and build that one too.
        # The keyboard, if the placeholder had it (opened by F3 and the like), goes to the screen,
        # not to the tab bar Qt hands it to when the current page is removed.
        had_keyboard = self.placeholder.hasFocus()
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, screen, text)
            tabs.setTabVisible(index, visible)
            tabs.removeTab(index + 1)
            if was_current:
                tabs.setCurrentIndex(index)
        finally:
            tabs.blockSignals(blocked)
        if had_keyboard:
            screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, index: int) -> None:
        if self._screen is None and self._parts is None and index >= 0 and self.tabs.widget(index) is self.placeholder:
            self._build_in_turns()
