"""Switching the window's language: one catalogue (desk.i18n, gettext) for the window's own
strings (self.tr, through CatalogueTranslator) and for the core's statuses, kinds and refusals."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desk import i18n

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


class CatalogueTranslator(QTranslator):
    """Qt asks this for every tr() and QCoreApplication.translate(): the answer comes from the
    desk's gettext catalogue in `lang` (no answer, None, tells Qt to show the English source)."""

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.lang = lang

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt's name)
        # None (a null QString), not "": Qt then shows the source text itself.
        return i18n.qt_translate(context or "", source_text or "", disambiguation, n, self.lang) or None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def language(self) -> str:
        return self.lang


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
    translator = CatalogueTranslator(lang, app)
    app.installTranslator(translator)
    _installed.append(translator)
    qt_base = QTranslator(app)  # Qt's own dialog buttons (OK, Cancel) in Chinese too
    from PySide6.QtCore import QLibraryInfo

    if qt_base.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English,
                               QLocale.Country.China if lang == "zh_CN" else QLocale.Country.UnitedKingdom))
