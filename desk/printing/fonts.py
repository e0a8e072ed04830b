"""The one CJK font ReportLab embeds in every slip and report.

Only TrueType-outline fonts can be embedded as subsets by ReportLab (Noto/Source Han are CFF and
refused), so we look for the known TrueType CJK fonts on the system and fall back to the bundled
WenQuanYi Micro Hei (Apache-2.0). Registering a font parses the whole file (about 50 ms), so it
happens once per process. Characters this font lacks (Extension A, level 2 of GB 18030-2022)
are printed from the bundled fallbacks: desk.printing.font_chain.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FONT_NAME = "DeskCJK"

# (path, subfont index) of TrueType-outline CJK fonts, best first.
SYSTEM_CANDIDATES = (
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)

_lock = threading.Lock()
_registered: "RegisteredFont | None" = None


@dataclass(frozen=True)
class RegisteredFont:
    name: str
    path: str
    subfont_index: int
    bundled: bool


def bundled_font_path() -> str:
    return str(resources.files("desk.resources") / "fonts" / "wqy-microhei.ttc")


def cjk_font(*, prefer_system: bool = True) -> RegisteredFont:
    """Register the CJK font with ReportLab (first call only) and return what was registered."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        candidates = [c for c in SYSTEM_CANDIDATES if prefer_system and Path(c[0]).is_file()]
        candidates.append((bundled_font_path(), 0))
        for path, index in candidates:
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
            except (TTFError, OSError):
                continue  # e.g. an unexpected CFF font at a known path: try the next one
            _registered = RegisteredFont(FONT_NAME, path, index, path == bundled_font_path())
            _make_default(FONT_NAME)
            return _registered
        raise RuntimeError("no usable CJK font")  # the bundled font ships with the package


def _make_default(name: str) -> None:
    """Graphics (QR codes, charts) start every drawing with the default font; left at Helvetica,
    that is a non-embedded font in the PDF and boxes for Chinese chart labels."""
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = name


def preload() -> RegisteredFont:
    """Import ReportLab's layout engine and register the font ahead of the first slip (the window
    calls this on a background thread at start-up, so the clerk's first slip is a warm one)."""
    import reportlab.platypus  # noqa: F401 - the import itself is the point
    from reportlab.graphics.barcode import qr  # noqa: F401

    return cjk_font()
