"""Where the 问题清单 screen meets the window: its tab (built when first opened, lazy_tab.py),
F10 in the Go menu for who may see the dashboard, and a one-line strip on the dashboard that
says what the register holds and opens it. main_window.py calls `install_problems` once and
`dashboard_strip` when it builds the dashboard; dashboard.py itself is not edited."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from desk.i18n import label
from desk.rules.permissions import Permission
from desk.ui.lazy_tab import LazyTab


class ProblemsControl(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.tab = LazyTab(window.tabs, self._build, on_built=self._built)
        self.action = QAction(window, shortcut=QKeySequence("F10"), triggered=self.show)
        window.go_menu.addAction(self.action)
        window.ctx.actor_changed.connect(self.allowed)
        self.strips: list[DashboardStrip] = []
        self.allowed()

    def _build(self):
        from desk.ui.problems import ProblemsScreen

        return ProblemsScreen(self.window.ctx)

    def _built(self, screen) -> None:
        screen.open_order.connect(self.window.open_order)
        screen.reload()
        self.retranslate()

    @property
    def screen(self):
        return self.tab.screen()

    def allowed(self) -> None:
        self.tab.gate(self.window.ctx.may(Permission.VIEW_DASHBOARD), self.action)

    def show(self) -> None:
        if self.window.ctx.may(Permission.VIEW_DASHBOARD) and self.window.stack.currentWidget() is self.window.tabs:
            self.window.tabs.setCurrentIndex(self.tab.index())

    def retranslate(self) -> None:
        self.window.tabs.setTabText(self.tab.index(), QCoreApplication.translate("ProblemsControl", "Problems"))
        self.action.setText(QCoreApplication.translate("ProblemsControl", "&Problems (recurring)"))
        for strip in self.strips:
            strip.retranslate()

    def shutdown(self) -> None:
        if self.tab.built:
            self.tab.widget().shutdown()


class DashboardStrip(QWidget):
    """问题清单：在册 2 个（措施推进中 1，观察中 1） [打开问题清单 F10]"""

    def __init__(self, control: ProblemsControl):
        super().__init__(objectName="problemsStrip")
        self.control = control
        self.counts: dict[str, int] = {}
        self.text = QLabel(objectName="problemsStripText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(objectName="openProblems", clicked=control.show)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        control.window.ctx.changed.connect(lambda kinds: self.reload() if "problems" in kinds else None)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        ctx = self.control.window.ctx
        if ctx.may(Permission.VIEW_DASHBOARD):
            from desk.services.pulse import register as R  # scipy: not at the window's start

            ctx.as_actor(R.counts, on_done=self._show)

    def _show(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.retranslate()

    def retranslate(self) -> None:
        total = sum(self.counts.values())
        parts = self.tr(", ").join(f"{label('problem.' + s)} {n}" for s, n in sorted(self.counts.items()) if n)
        self.text.setText(self.tr("Problem register: {n} problems ({parts})").format(n=total, parts=parts) if total
                          else self.tr("Problem register: empty. Recurring problems are found on the Problems screen."))
        self.button.setText(self.tr("Open the problem register (F10)"))


def install_problems(window) -> ProblemsControl:
    control = ProblemsControl(window)
    window.problems_control = control
    return control


def dashboard_strip(window, dash) -> None:
    """Put the strip above the dashboard's scrolling body (or at its end if the layout changed)."""
    control = getattr(window, "problems_control", None)
    if control is None:
        return
    strip = DashboardStrip(control)
    control.strips.append(strip)
    layout = dash.layout()
    scroll = getattr(dash, "scroll", None)
    if isinstance(layout, QBoxLayout) and scroll is not None and layout.indexOf(scroll) >= 0:
        layout.insertWidget(layout.indexOf(scroll), strip)
    elif layout is not None:
        layout.addWidget(strip)
