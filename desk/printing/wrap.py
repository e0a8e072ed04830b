"""The paragraph every printed page uses: Chinese wraps anywhere, English at its spaces.

ReportLab's CJK wrapping (wordWrap="CJK", which Chinese needs: it has no spaces) breaks a Latin
word in two unless a space lies in the second half of the line, so a narrow table cell printed
"Property managem / ent". A paragraph with no CJK character in it wraps as words instead, and
`fit_widths` gives a table's column room for its longest word."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as _Paragraph

# CJK radicals to Yi, compatibility ideographs, full-width forms, and the supplementary planes'
# ideographs (a rare name character): where wrapping between any two characters is right.
_CJK_RANGES = "\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_CJK = re.compile(f"[{_CJK_RANGES}]")


@lru_cache(maxsize=None)
def _as_words(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-words", parent=style, wordWrap=None)


class Paragraph(_Paragraph):
    def __init__(self, text, style=None, *args, **kwargs):
        if style is not None and getattr(style, "wordWrap", None) == "CJK" and not _CJK.search(str(text)):
            style = _as_words(style)
        super().__init__(text, style, *args, **kwargs)


_WORD = re.compile(f"[^\\s{_CJK_RANGES}]+")  # a run no line may break: Latin letters, digits, signs


def fit_widths(widths: list[float], columns: list[list[str]], font: str, size: float, *, padding: float,
               give_from: int) -> list[float]:
    """Column widths (points) grown so each holds its longest unbreakable word (a run of Latin
    letters and digits: "Consultation", a ticket number) with its padding; what they gain is taken
    from the column `give_from` (the one whose text wraps best), never below half its width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = list(widths)
    for i, texts in enumerate(columns):
        need = max((stringWidth(w, font, size) for t in texts for w in _WORD.findall(t)), default=0) + padding
        out[i] = max(out[i], need)
    extra = sum(out) - sum(widths)
    out[give_from] = max(out[give_from] - extra, widths[give_from] / 2)
    return out
