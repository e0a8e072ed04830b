"""Switching the window's language: Qt's translator for the window's own strings and the
core's catalogue (desk.i18n) for statuses, kinds and refusals, always together."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desk import i18n

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def qm_path(lang: str) -> str:
    return str(resources.files("desk.resources") / "i18n" / f"desk_{lang}.qm")


def set_language(lang: str) -> None:
    """Install the translator for `lang`; Qt sends every widget a LanguageChange event and
    each screen re-applies its texts in `retranslate()`."""
    if lang not in LANGUAGES:
        lang = "zh_CN"
    i18n.set_language(lang)
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    if translator.load(qm_path(lang)):
        app.installTranslator(translator)
        _installed.append(translator)
    qt_base = QTranslator(app)  # Qt's own dialog buttons (OK, Cancel) in Chinese too
    from PySide6.QtCore import QLibraryInfo

    if qt_base.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English,
                               QLocale.Country.China if lang == "zh_CN" else QLocale.Country.UnitedKingdom))
