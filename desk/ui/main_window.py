"""The desk window: log-in/lock page over the work screens, menus, status bar, idle lock."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QTabWidget

from desk.services import settings as station_settings
from desk.services.dto import Actor
from desk.rules.permissions import Permission
from desk.ui import language
from desk.ui.background_import import import_in_background
from desk.ui.context import DeskContext
from desk.ui.lazy_tab import LazyTab
from desk.ui.login import LoginPage
from desk.ui.problems_hook import dashboard_strip, install_problems
from desk.ui.screen_builder import keep_out_of_collections
from desk.ui.sync_control import install_sync
from desk.ui.widgets import Retranslating, core_label

# What the dashboard needs, warmed after a supervisor's log-in: the figures (Qt-free, ~0.5 s)
# on a thread of their own; its Qt modules on the GUI thread as it is first built, one a turn.
DASHBOARD_CORE_MODULES = ("desk.services.dashboard_data", "desk.services.figures", "desk.services.figure_glossary",
                          "desk.services.pulse.register")
DASHBOARD_QT_MODULES = ("desk.ui.charts", "desk.ui.dashboard_tables", "desk.ui.dashboard_drill",
                        "desk.ui.dashboard_tiles", "desk.ui.dashboard_period", "desk.ui.dashboard_render")


class _ActivityFilter(QObject):
    """Any key, click or wheel in the desk's windows counts as activity (the idle lock, and the
    pauses screen_builder.py waits for).

    It watches the top-level windows (QWindow), where a keyboard's and a mouse's input arrives
    before Qt passes it to a widget, not the whole application: a filter on the application is
    a call into Python for every event of every widget, ~6,000 to build and show a matter form,
    which made building one 45-85 ms slower (the stall benchmark's typing and queue phases).
    A window is watched once it, or anything in it, has had the keyboard: every change of focus
    (a dialog, a menu, a list popping up) looks for new top-level windows."""

    activity = Signal()

    def watch(self, app: QApplication) -> None:
        app.focusObjectChanged.connect(self.watch_windows)
        self.watch_windows()

    def unwatch(self, app: QApplication) -> None:
        app.focusObjectChanged.disconnect(self.watch_windows)
        for window in app.topLevelWindows():
            window.removeEventFilter(self)

    def watch_windows(self, *_) -> None:
        # Installing a filter already installed only moves it to the front: no bookkeeping.
        for window in QApplication.topLevelWindows():
            window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # Input from the user is always spontaneous (asking that first is cheaper than type()).
        if event.spontaneous() and event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.activity.emit()
        return False


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx: DeskContext, apply_look=None):
        super().__init__()
        self.ctx = ctx
        self.apply_look = apply_look  # callable(theme, large_text) from main.py
        self.setObjectName("mainWindow")
        self.details: list = []  # open OrderDetailDialogs
        self.stack = QStackedWidget()
        self.login = LoginPage(ctx)
        self.login.logged_in.connect(self._logged_in)
        self.tabs = QTabWidget(objectName="screens")
        self.tabs.setDocumentMode(True)
        # The log-in page shows first; the work screens are built when the log-in is submitted,
        # in pauses after it, or when first asked for (screen_builder.py, lazy_tab.py).
        self.intake_tab = LazyTab(self.tabs, self._build_intake, on_built=self._work_screen_built)
        self.queue_tab = LazyTab(self.tabs, self._build_queue, on_built=self._work_screen_built)
        self.callbacks_tab = LazyTab(self.tabs, self._build_callbacks, on_built=self._work_screen_built)
        self.work_tabs = (self.intake_tab, self.queue_tab, self.callbacks_tab)
        self.settings_tab = LazyTab(self.tabs, self._build_settings)
        self.dashboard_tab = LazyTab(self.tabs, self._build_dashboard, later=ctx.runner.later)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.status_user, self.status_station, self.status_db, self.status_sync, self.status_busy = (
            QLabel(objectName=n) for n in ("statusUser", "statusStation", "statusDb", "statusSync", "statusBusy"))
        for w in (self.status_user, self.status_station, self.status_db, self.status_sync):
            self.statusBar().addPermanentWidget(w)
        # Long station names must not widen the window (large text on a 1366-pixel screen).
        self.status_station.setMaximumWidth(420)
        # Maximised, the size grip is hidden and the last word would touch the screen's edge.
        self.statusBar().setContentsMargins(0, 0, 8, 0)
        self.statusBar().addWidget(self.status_busy)
        ctx.runner.busy_changed.connect(self._busy)

        self._build_menus()
        ctx.actor_changed.connect(self._dashboard_allowed)
        self._dashboard_allowed()
        self.sync_control = install_sync(self)  # Sync now, sync screen (lazy), status bar, nightly timer
        from desk.ui.recovery_key import install_encrypt_button

        self.encrypt_button = install_encrypt_button(self)  # administrators on a plain (older) file
        install_problems(self)  # 问题清单 tab (lazy), F10, the dashboard's strip (desk/ui/problems_hook.py)
        from desk.ui.knowledge_tab import install_knowledge

        self.knowledge_tab = install_knowledge(self)  # the knowledge base (lazy tab, F8)
        self.idle_timer = QTimer(self, singleShot=True)
        self.idle_timer.timeout.connect(self.lock)
        self._activity = _ActivityFilter(self)
        self._activity.activity.connect(self._restart_idle)
        self._activity.watch(QApplication.instance())
        ctx.station_loaded.connect(self.retranslate)  # the station's name in the title and status bar
        self._restore_state()
        self.retranslate()
        self._show_login()

    # -- menus ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.desk_menu = self.menuBar().addMenu("")
        self.lock_action = QAction(self, shortcut=QKeySequence("Ctrl+L"), triggered=self.lock)
        self.logout_action = QAction(self, triggered=self.logout)
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.desk_menu.addActions([self.lock_action, self.logout_action])
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_actions = []
        for i in range(4):
            act = QAction(self, shortcut=QKeySequence(f"F{i + 2}"), triggered=lambda _=False, n=i: self.show_screen(n))
            self.go_menu.addAction(act)
            self.go_actions.append(act)
        self.dashboard_action = QAction(self, shortcut=QKeySequence("F6"), triggered=self.show_dashboard)
        self.go_menu.addAction(self.dashboard_action)
        self.view_menu = self.menuBar().addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        for lang in language.LANGUAGES:
            act = QAction(self, checkable=True, triggered=lambda _=False, l=lang: self.set_language(l))
            self.lang_group.addAction(act)
            self.view_menu.addAction(act)
            self.lang_actions[lang] = act
        self.view_menu.addSeparator()
        self.dark_action = QAction(self, checkable=True, triggered=lambda on: self._look_changed(theme="dark" if on else "light"))
        self.large_action = QAction(self, checkable=True, triggered=lambda on: self._look_changed(large_text=on))
        self.view_menu.addActions([self.dark_action, self.large_action])

    def retranslate(self) -> None:
        station = self.ctx.station_name()
        self.setWindowTitle(self.tr("Desk — {station}").format(station=station) if station else self.tr("Desk"))
        # Tabs carry no mnemonic (F2–F5 switch screens), so Alt+letter stays free for fields.
        for i, text in enumerate((self.tr("Intake"), self.tr("Work orders"), self.tr("Callbacks"), self.tr("Settings"))):
            self.tabs.setTabText(i, text)
        for i, text in enumerate((self.tr("&Intake"), self.tr("&Work orders"), self.tr("&Callbacks"), self.tr("&Settings"))):
            self.go_actions[i].setText(text)
        self.tabs.setTabText(self.dashboard_tab.index(), self.tr("Dash&board"))
        self.dashboard_action.setText(self.tr("Dash&board"))
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.view_menu.setTitle(self.tr("&View"))
        self.lock_action.setText(self.tr("&Lock screen"))
        self.logout_action.setText(self.tr("Log &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.lang_actions["zh_CN"].setText("中文（简体）")
        self.lang_actions["en"].setText("English")
        self.lang_actions[self.ctx.prefs.get("language")].setChecked(True)
        self.dark_action.setText(self.tr("&Dark theme"))
        self.dark_action.setChecked(self.ctx.prefs.get("theme") == "dark")
        self.large_action.setText(self.tr("&Large text"))
        self.large_action.setChecked(self.ctx.prefs.get("large_text"))
        a = self.ctx.actor
        self.status_user.setText(self.tr("User: {name} ({role})").format(name=a.display_name, role=core_label("role", a.role))
                                 if a else self.tr("Not logged in"))
        text = self.tr("Station: {name}").format(name=station) if station else ""
        self.status_station.setText(self.status_station.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, self.status_station.maximumWidth()))
        self.status_station.setToolTip(station)
        # The file name only (a long path would widen the window); the full path in the tooltip.
        from pathlib import Path

        self.status_db.setText(self.tr("Database: {path}").format(path=Path(self.ctx.store.path or "").name))
        self.status_db.setToolTip(str(self.ctx.store.path))
        if getattr(self, "sync_control", None) is not None:  # last sync, changes waiting, progress
            self.sync_control.retranslate()
        if getattr(self, "problems_control", None) is not None:
            self.problems_control.retranslate()

    # -- log-in, lock --------------------------------------------------------------------------
    def _show_login(self) -> None:
        self.stack.setCurrentWidget(self.login)  # the View menu stays: language at the log-in too
        for act in (self.lock_action, self.logout_action, *self.go_actions):
            act.setEnabled(False)
        self.login.reset()

    def _logged_in(self, actor: Actor) -> None:
        previous = self.ctx.actor
        self.ctx.set_actor(actor)
        if previous is None:
            pass  # the first log-in (or the first after a log-out, which emptied the intake): nothing
            # to clear; emptying it again rebuilt its matter form in the turn the first key waits for
        elif previous.id != actor.id:
            if self.intake_tab.built:
                self.intake.clear()
        else:  # unlocked by the same person: the orders they had open come back
            for d in getattr(self, "_hidden_details", []):
                if d in self.details:
                    d.show()
        self._hidden_details = []
        if self.settings_tab.built:
            self.settings.set_actor(actor)
        self.tabs.setTabVisible(3, self.ctx.is_supervisor())
        LazyTab.build_current(self.tabs)  # the tab about to show
        self.stack.setCurrentWidget(self.tabs)
        QTimer.singleShot(0, self, self._fit_to_screen)  # the work screens may need more room
        for act in (self.lock_action, self.logout_action, *self.go_actions[:3]):
            act.setEnabled(True)
        self.go_actions[3].setEnabled(self.ctx.is_supervisor())
        if self.ctx.may(Permission.VIEW_DASHBOARD) and not self.dashboard_tab.built:
            import_in_background(*DASHBOARD_CORE_MODULES)
        if self.queue_tab.built:  # else it loads when built (screen_builder.py)
            self.queue.apply_filters()
        if self.callbacks_tab.built:
            self.callbacks.reload()
        self.retranslate()
        self._restart_idle()
        if self.tabs.currentIndex() == 3 and not self.ctx.is_supervisor():
            self.tabs.setCurrentIndex(0)
        if self.tabs.currentWidget() is self.intake_tab.widget():
            self.intake.phone.setFocus()  # the first thing asked of every visitor
        else:
            self.tabs.currentWidget().setFocus()

    def lock(self) -> None:
        """Back to the log-in page; the screens keep whatever was typed."""
        if self.ctx.actor is None or self.stack.currentWidget() is self.login:
            return
        self._hidden_details = [d for d in self.details if d.isVisible()]
        for d in self._hidden_details:
            d.hide()
        self.login.lock(self.ctx.actor)
        self._show_login()

    def logout(self) -> None:
        if not self.unsaved_input_handled(self.logout):
            return
        for d in list(self.details):
            d.close()
        self.ctx.set_actor(None)
        self.login.locked_by = None
        self.login.username.setReadOnly(False)
        if self.intake_tab.built:
            self.intake.clear()
        self.retranslate()
        self._show_login()

    def _restart_idle(self) -> None:
        if self.ctx.actor is None:
            return
        self.ctx.call(station_settings.get, "idle_lock_minutes", on_done=self._set_idle)

    def _set_idle(self, minutes) -> None:
        if minutes and int(minutes) > 0:
            self.idle_timer.start(int(minutes) * 60_000)
        else:
            self.idle_timer.stop()

    def set_slip_printer(self, print_slip, reprint_slip=None) -> None:
        """The slip module plugs in here: `print_slip(VisitResult)` after Ctrl+Enter, and
        `reprint_slip(OrderDetail)` for the detail's reprint action. None turns them off."""
        self.ctx.print_slip = print_slip
        self.ctx.reprint_slip = reprint_slip
        if self.intake_tab.built:
            self.intake.update_print_enabled()

    # -- screens -------------------------------------------------------------------------------
    @property
    def intake(self):
        return self.intake_tab.screen()

    @property
    def queue(self):
        return self.queue_tab.screen()

    @property
    def callbacks(self):
        return self.callbacks_tab.screen()

    # Each screen's module is imported when the screen is built: importing them all costs the
    # start-up a few tens of milliseconds before the log-in page can show.
    def _build_intake(self):
        from desk.ui.intake import IntakeScreen

        return IntakeScreen(self.ctx)

    def _build_queue(self):
        """In parts, a turn of the event loop apart (lazy_tab.py), in its tab from the first."""
        from desk.ui.queue import QueueScreen

        queue = QueueScreen(self.ctx, in_steps=True)
        yield queue
        for _ in queue.build_steps():
            yield
        return queue

    def _build_callbacks(self):
        from desk.ui.callbacks import CallbacksScreen

        return CallbacksScreen(self.ctx)

    @property
    def settings(self):
        return self.settings_tab.screen()

    def build_screens_when_ready(self) -> None:
        """The window has shown: build the work screens as the clerk's keys allow (screen_builder.py)."""
        from desk.ui.screen_builder import WorkScreenBuilder

        self.screen_builder = WorkScreenBuilder(self)
        self.screen_builder.start()

    def build_screens_soon(self, delay_ms: int = 30) -> None:
        """Build every work screen now, one per turn a little apart (tests and benchmarks that
        want them all; the desk itself uses build_screens_when_ready)."""
        def next_one() -> None:
            pending = [t for t in self.work_tabs if not t.built]
            if pending:
                pending[0].screen()
                QTimer.singleShot(delay_ms, self, next_one)

        QTimer.singleShot(delay_ms, self, next_one)

    def _work_screen_built(self, screen) -> None:
        """Wiring every work screen gets once built and in its tab, then its saved layout."""
        screen.open_order.connect(self.open_order)
        if screen is self.intake_tab.widget():
            screen.update_print_enabled()
        if screen is self.callbacks_tab.widget():
            screen.reload()  # its first rows (only once someone is logged in)
        self._restore_screen_state(screen)
        keep_out_of_collections()  # the screen lives as long as the window

    @property
    def dashboard(self):
        """The supervisors' dashboard (desk/ui/dashboard.py), built on first use."""
        return self.dashboard_tab.screen()

    def _build_settings(self):
        from desk.ui.settings_screen import SettingsScreen

        screen = SettingsScreen(self.ctx, on_look_changed=self._look_changed)
        if self.ctx.actor is not None:
            screen.set_actor(self.ctx.actor)
        return screen

    def _build_dashboard(self):
        """In parts, a turn of the event loop apart when a person opens it (lazy_tab.py); its Qt
        modules first, one a turn (~70 ms in all, QtCharts' types the most), on this thread."""
        for module in DASHBOARD_QT_MODULES:
            importlib.import_module(module)
            yield
        from desk.ui.dashboard import DashboardScreen, connect_dashboard

        dash = DashboardScreen(self.ctx, in_steps=True)
        yield dash  # in its tab now: what follows is styled as it is added, a part at a time
        while dash.build_step():
            yield
        yield
        connect_dashboard(self, dash)
        dashboard_strip(self, dash)
        keep_out_of_collections()
        return dash

    def _dashboard_allowed(self) -> None:
        self.dashboard_tab.gate(self.ctx.may(Permission.VIEW_DASHBOARD), self.dashboard_action)

    def show_dashboard(self) -> None:
        if self.ctx.may(Permission.VIEW_DASHBOARD) and self.stack.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex(self.dashboard_tab.index())

    def show_screen(self, index: int) -> None:
        if self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def open_order(self, order_id: str):
        from desk.ui.order_detail import OrderDetailDialog

        dialog = OrderDetailDialog(self.ctx, order_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None, d=dialog: self.details.remove(d) if d in self.details else None)
        self.details.append(dialog)
        dialog.show()
        return dialog

    def _busy(self, busy: bool) -> None:
        self.status_busy.setText(self.tr("Working…") if busy else "")

    # -- look and language ---------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.ctx.prefs.set("language", lang)
        language.set_language(lang)  # Qt sends LanguageChange to every widget

    def _look_changed(self, theme: str | None = None, large_text: bool | None = None, lang: str | None = None) -> None:
        if lang is not None:
            self.set_language(lang)
        if theme is not None:
            self.ctx.prefs.set("theme", theme)
        if large_text is not None:
            self.ctx.prefs.set("large_text", large_text)
        if self.apply_look is not None and (theme is not None or large_text is not None):
            self.apply_look(self.ctx.prefs.get("theme"), self.ctx.prefs.get("large_text"))
        self.retranslate()

    # -- window state --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        from desk.ui.early_login import restore_geometry

        restore_geometry(self, self.ctx.prefs)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._activity.watch_windows()  # this window's QWindow exists now, focused or not
        if not getattr(self, "_fitted", False):
            # Saved on a larger screen or beside a monitor no longer there: once the window
            # manager has placed it, the whole window (title bar included) goes onto this screen.
            self._fitted = True
            QTimer.singleShot(0, self, self._fit_to_screen)

    def _fit_to_screen(self) -> None:
        """Keep the whole window on the screen it opens on (Qt only keeps part of it there)."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        border_w, border_h = frame.width() - inner.width(), frame.height() - inner.height()
        # Never smaller than a work screen needs (a window shrunk by hand grows past the screen's
        # edge when the work screens replace the log-in page), never larger than the screen.
        w = min(max(frame.width(), 1024), available.width())
        h = min(max(frame.height(), 700), available.height())
        x = min(max(frame.x(), available.x()), available.x() + available.width() - w)
        y = min(max(frame.y(), available.y()), available.y() + available.height() - h)
        if (w, h) != (frame.width(), frame.height()):
            self.resize(w - border_w, h - border_h)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def _screen_states(self, screen) -> tuple:
        """(preference name, splitter or header) saved for a work screen."""
        if screen is self.intake_tab.widget():
            return (("intakeSplitter", screen.splitter),)
        if screen is self.callbacks_tab.widget():
            return (("callbackSplitter", screen.splitter),)
        if screen is self.queue_tab.widget():
            return (("queueHeader", screen.table.horizontalHeader()),)
        return ()

    def _restore_screen_state(self, screen) -> None:
        for name, widget in self._screen_states(screen):
            state = self.ctx.prefs.state(name)
            if state is not None:
                widget.restoreState(state)

    def save_state(self) -> None:
        self.ctx.prefs.save_state("geometry", self.saveGeometry())
        for tab in self.work_tabs:
            if tab.built:
                for name, widget in self._screen_states(tab.widget()):
                    self.ctx.prefs.save_state(name, widget.saveState())

    def unsaved_input_handled(self, then) -> bool:
        """A half-typed visit or knowledge-base entry is never thrown away unasked (Ctrl+Q, the
        close button, Log out). True: go on now. False: stop (cancelled, or saving first and
        `then` runs once saved)."""
        from desk.ui.unsaved import unsaved_handled

        if self.ctx.actor is None:
            return True
        for tab, editor in self._editors():
            if editor.has_unsaved_input():
                self.tabs.setCurrentIndex(tab.index())  # what the question is about
                if tab is self.settings_tab:
                    self.settings.tabs.setCurrentWidget(editor)
                if not editor.unsaved_input_handled(then):
                    return False
        if not self.intake_tab.built or not self.intake.has_unsaved_input():
            return True
        return unsaved_handled(self, "visit", save=lambda: self.intake.save_then(then), discard=self.intake.clear)

    def _editors(self) -> list:
        """(tab, form) pairs whose typed changes are asked about before closing or logging out."""
        from desk.ui.settings_page import TablePage

        found = []
        if self.knowledge_tab.tab.built:
            found.append((self.knowledge_tab.tab, self.knowledge))
        if self.settings_tab.built:
            found += [(self.settings_tab, page) for page in self.settings.pages if isinstance(page, TablePage)]
        return found

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.unsaved_input_handled(self.close):
            event.ignore()
            return
        self.save_state()
        # A sync under way may finish; its thread must not outlive the window (Qt aborts).
        self.sync_control.shutdown()
        self.problems_control.shutdown()
        self._activity.unwatch(QApplication.instance())
        for d in list(self.details):
            d.close()
        super().closeEvent(event)
