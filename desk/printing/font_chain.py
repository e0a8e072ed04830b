"""Every character a resident's name can have, on paper and on screen (Qt-free).

The repertoire is GB 18030-2022 implementation levels 1 and 2: all CJK Unified Ideographs of
the BMP (U+4E00-9FFF, 20,992) and Extension A (U+3400-4DBF, 6,592) — 27,584, the standard's 66
new characters among them — plus the 196 characters of the 通用规范汉字表 outside the BMP
(resources/fonts/gb18030_level2.txt, from Unihan kTGH). The main font (WenQuanYi Micro Hei)
lacks 6,650 of them; two bundled subsets fill the gap, in this order:

    DeskCJK (main) -> Desk Han A (HanaMinA subset) -> Desk Han B (BabelStone Han subset)

ReportLab has no automatic fallback, so `markup` splits text into runs by glyph coverage and
names the font of each run; a character no font has is printed as 〓 (the typesetter's mark for
a missing character) and logged, never dropped. The window registers the same files as
fallback families (desk.ui.fonts). Exports are text and need nothing.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

log = logging.getLogger("desk.fonts")

LEVEL1_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
# Outside the repertoire but common in names people bring to the desk: 𠮷 (U+20BB7, the 𠮷 of
# 𠮷田), named in issue 14. Bundled too.
EXTRA_NAME_CHARACTERS = ("\U00020BB7",)
PLACEHOLDER = "〓"  # U+3013 GETA MARK, in the main font
FALLBACKS = (("DeskHanA", "desk-han-a.ttf", "Desk Han A"), ("DeskHanB", "desk-han-b.ttf", "Desk Han B"))


def _fonts_dir():
    return resources.files("desk.resources") / "fonts"


MAIN_FONT = str(_fonts_dir() / "wqy-microhei.ttc")


def fallback_paths() -> list[tuple[str, str, str]]:
    """(ReportLab name, file path, family name) of each fallback font, in order."""
    return [(name, str(_fonts_dir() / file), family) for name, file, family in FALLBACKS]


@lru_cache(maxsize=1)
def level2() -> tuple[str, ...]:
    text = (_fonts_dir() / "gb18030_level2.txt").read_text(encoding="utf-8")
    return tuple(chr(int(line.split("\t")[0][2:], 16)) for line in text.splitlines()
                 if line.startswith("U+"))


def level1() -> tuple[str, ...]:
    return tuple(chr(c) for lo, hi in LEVEL1_RANGES for c in range(lo, hi + 1))


def repertoire() -> set[int]:
    return {ord(ch) for ch in level1() + level2()}


# --- ReportLab ---------------------------------------------------------------------------------

_lock = threading.Lock()
_chain: list[tuple[str, frozenset[int]]] | None = None
_missing_logged: set[str] = set()


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map writes "<%04X>" for each character, so U+20BB7 becomes
    <20BB7>, which readers take as U+20BB plus a stray digit: the slip shows 𠮷 but copying or
    pdftotext gives "₻". The PDF wants UTF-16BE there (a surrogate pair past the BMP)."""
    text = _original_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            text = text.replace("<%02X> <%04X>" % (i, v), "<%02X> <%s>" % (i, _utf16_hex(v)), 1)
    return text


_original_cmap = None


def _patch_to_unicode() -> None:
    global _original_cmap
    from reportlab.pdfbase import ttfonts

    if _original_cmap is None:
        _original_cmap = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def pdf_chain() -> list[tuple[str, frozenset[int]]]:
    """[(font name, code points it draws)], main font first; registered with ReportLab once."""
    global _chain
    with _lock:
        if _chain is not None:
            return _chain
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _patch_to_unicode()
    from desk.printing.fonts import cjk_font

    main = cjk_font().name
    chain = [(main, frozenset(pdfmetrics.getFont(main).face.charToGlyph))]
    for name, path, _family in fallback_paths():
        try:
            pdfmetrics.registerFont(TTFont(name, path))
        except Exception:  # noqa: BLE001 - a missing fallback file prints 〓, never fails a slip
            log.warning("fallback font %s not usable", path, exc_info=True)
            continue
        chain.append((name, frozenset(pdfmetrics.getFont(name).face.charToGlyph)))
    with _lock:
        _chain = chain
    return chain


def runs(text: str) -> list[tuple[str, str]]:
    """[(font name, text)] covering `text`: each character in the first font of the chain that has
    a glyph for it; one no font has becomes PLACEHOLDER in the main font (and is logged)."""
    chain = pdf_chain()
    main = chain[0][0]
    out: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        font = next((name for name, cover in chain if code in cover), None)
        if font is None:
            if _invisible(ch):  # controls, joiners, variation selectors: nothing to draw
                continue
            else:
                _log_missing(ch)
                ch, font = PLACEHOLDER, main
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def _invisible(ch: str) -> bool:
    import unicodedata

    code = ord(ch)
    return (unicodedata.category(ch) in ("Cc", "Cf") or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def _log_missing(ch: str) -> None:
    if ch not in _missing_logged:
        _missing_logged.add(ch)
        log.warning("no glyph for U+%04X %r in any bundled font: printed as %s", ord(ch), ch, PLACEHOLDER)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str | None) -> str:
    """Paragraph mini-HTML for `text`: escaped ('<' and '&' print as typed), with each run
    outside the main font wrapped in <font name=...>."""
    if not text:
        return ""
    main = pdf_chain()[0][0]
    return "".join(_escape(part) if font == main else f'<font name="{font}">{_escape(part)}</font>'
                   for font, part in runs(text))
