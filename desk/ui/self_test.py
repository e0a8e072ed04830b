"""The window part of `desk self-test`: the real main window over the test database, shown for
a moment, with the bundled font, theme and translations it needs."""

from __future__ import annotations

from pathlib import Path


def show_main_window(store, translations: list[str], ms: int, screenshot: Path) -> tuple[str, str]:
    """Open the main window over `store`, keep it up for `ms`, save a screenshot, close it.
    Returns (window title, Qt platform). Raises when anything it needs is missing."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desk.ui import main as ui_main
    from desk.ui.fonts import install_cjk_font

    app = QApplication.instance() or QApplication(["desk"])
    family = install_cjk_font(app)
    if not family:
        raise RuntimeError("no CJK font: the bundled WenQuanYi Micro Hei did not load")
    _check_theme()
    _check_translations(translations)
    window, cleanup = _build(ui_main, store, family)
    try:
        window.show()
        loop = QEventLoop()
        QTimer.singleShot(max(ms, 50), loop.quit)
        loop.exec()
        if not window.isVisible():
            raise RuntimeError("the main window did not stay open")
        image = window.grab()
        if image.isNull() or not image.save(str(screenshot), "PNG"):
            raise RuntimeError("could not draw the main window")
        return window.windowTitle(), app.platformName()
    finally:
        window.close()
        cleanup()
        app.processEvents()


def _build(ui_main, store, family: str):
    """The full window when desk.ui.main offers build_window, else the minimal one."""
    if hasattr(ui_main, "build_window"):
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from desk.ui.prefs import Prefs
        from desk.ui.worker import ThreadRunner

        from desk import i18n

        # Preferences in the test folder, so the clerk's own window settings stay untouched.
        prefs = Prefs(QSettings(str(Path(store.path).with_suffix(".ini")), QSettings.Format.IniFormat))
        prefs.set("language", i18n.language())  # the self-test's --lang
        if hasattr(ui_main, "setup_look"):  # theme, font and translations exactly as `desk` starts
            family = ui_main.setup_look(QApplication.instance(), prefs) or family
        runner = ThreadRunner()
        ctx, window = ui_main.build_window(store, runner, prefs, family)

        def cleanup() -> None:
            runner.shutdown()
            ctx.detach()

        return window, cleanup
    from PySide6.QtWidgets import QLabel, QMainWindow

    window = QMainWindow()
    station = store.station().name if store.is_initialised() else "—"
    window.setWindowTitle(f"全岗接待台 Desk — {station}")
    window.setCentralWidget(QLabel(station))
    window.resize(1000, 700)
    return window, lambda: None


def _check_theme() -> None:
    """qt-material reads its themes from data files; a bundle without them styles nothing."""
    from importlib import resources

    import qt_material

    themes = sorted(p.name for p in (resources.files("qt_material") / "themes").iterdir() if p.name.endswith(".xml"))
    if not themes:
        raise FileNotFoundError("qt_material/themes/*.xml")
    if not qt_material.build_stylesheet(themes[0] if "light_teal.xml" not in themes else "light_teal.xml"):
        raise RuntimeError("qt-material built an empty stylesheet")


def _check_translations(names: list[str]) -> None:
    """Each bundled catalogue loads, and the window's translator answers from the Chinese one."""
    import gettext

    from desk import i18n
    from desk.ui.language import CatalogueTranslator

    for name in names:
        try:
            gettext.translation(i18n.DOMAIN, str(i18n.locale_dir()), languages=[name])
        except OSError as e:
            raise RuntimeError(f"translation {name} does not load") from e
    if "zh_CN" in names and CatalogueTranslator("zh_CN").translate("MainWindow", "Desk") in (None, "", "Desk"):
        raise RuntimeError("translation zh_CN does not answer the window")
