"""Look: qt-material light/dark, the CJK font, normal or large text.

qt-material's stylesheet upper-cases button text and names Roboto as the font; both are
replaced here so Chinese labels render with our CJK family and English buttons keep their
normal case.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

THEMES = {"light": "light_teal.xml", "dark": "dark_teal.xml"}
NORMAL_PT, LARGE_PT = 10, 14  # point sizes; large text is for older volunteers

_EXTRA_QSS = """
QPushButton, QToolButton, QTabBar::tab, QHeaderView::section {{ text-transform: none; }}
QTableView {{ font-size: {px}px; }}
QLabel#ticketLabel {{ font-size: {big}px; font-weight: bold; }}
QLabel#screenTitle {{ font-size: {title}px; font-weight: bold; }}
QLabel#warningLabel {{ color: #c62828; }}
QLabel#hintLabel {{ color: palette(mid); }}
"""


def apply_theme(app: QApplication, *, theme: str = "light", large_text: bool = False, family: str = "") -> None:
    from desk.ui.stylesheet_cache import material_stylesheet

    pt = LARGE_PT if large_text else NORMAL_PT
    px = round(pt * 4 / 3)
    font = QFont(app.font())
    font.setPointSize(pt)
    app.setFont(font)
    family = family or app.font().family()
    from desk.ui.fonts import fallback_families

    # The stylesheet names the font for every widget: the fallbacks must be in that list too.
    families = ", ".join(f'"{f}"' for f in dict.fromkeys([family, *fallback_families()]) if f)
    extra = {"font_family": families, "font_size": str(px), "density_scale": "0" if large_text else "-1"}
    name = THEMES.get(theme, THEMES["light"])
    # Rendered once per machine and read from disk since (stylesheet_cache.py).
    qss = material_stylesheet(name, invert_secondary=theme != "dark", extra=extra)
    qss = re.sub(r"text-transform:\s*uppercase;", "text-transform: none;", qss)
    app.setStyle("Fusion")
    app.setStyleSheet(qss + _EXTRA_QSS.format(px=px, big=round(px * 1.6), title=round(px * 1.3)))
    app.setProperty("desk_theme", theme)
    app.setProperty("desk_large_text", large_text)
