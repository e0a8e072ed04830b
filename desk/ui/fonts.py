"""Chinese glyphs on any machine: use a CJK system font if there is one, else the bundled
WenQuanYi Micro Hei (Apache-2.0 / GPLv3 with font exception, see resources/fonts); then the
bundled fallbacks for the characters it lacks (Extension A, the 通用规范汉字表 outside the BMP:
desk.printing.font_chain), as the next families of the application font."""

from __future__ import annotations

from importlib import resources

_CJK_FAMILIES = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei")


def bundled_font_path() -> str:
    return str(resources.files("desk.resources") / "fonts" / "wqy-microhei.ttc")


def install_cjk_font(app) -> str:
    """Make a CJK-capable family the application font; returns the family used."""
    from PySide6.QtGui import QFont, QFontDatabase

    available = set(QFontDatabase.families())
    family = next((f for f in _CJK_FAMILIES if f in available), None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(bundled_font_path())
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else ""
    fallbacks = fallback_families()
    if family or fallbacks:
        font = QFont(app.font())
        font.setFamilies([f for f in (family, *fallbacks, *font.families()) if f])
        app.setFont(font)
    return family


_fallbacks: list[str] | None = None


def fallback_families() -> list[str]:
    """Register the bundled fallback fonts (once) and return their family names, in order."""
    global _fallbacks
    if _fallbacks is None:
        from PySide6.QtGui import QFontDatabase

        from desk.printing.font_chain import fallback_paths

        _fallbacks = []
        for _name, path, _family in fallback_paths():
            font_id = QFontDatabase.addApplicationFont(path)
            _fallbacks += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return list(_fallbacks)
