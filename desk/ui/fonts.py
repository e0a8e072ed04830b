"""Chinese glyphs on any machine: use a CJK system font if there is one, else the bundled
WenQuanYi Micro Hei (Apache-2.0 / GPLv3 with font exception, see resources/fonts)."""

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
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        app.setFont(font)
    return family
