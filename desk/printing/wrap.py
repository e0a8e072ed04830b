"""The paragraph every printed page uses: Chinese wraps anywhere, English at its spaces.

ReportLab's CJK wrapping (wordWrap="CJK", which Chinese needs: it has no spaces) breaks a Latin
word in two unless a space lies in the second half of the line, so a narrow table cell printed
"Property managem / ent". A paragraph with no CJK character in it wraps as words instead."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as _Paragraph

# CJK radicals to Yi, compatibility ideographs, full-width forms, and the supplementary planes'
# ideographs (a rare name character): where wrapping between any two characters is right.
_CJK = re.compile("[\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


@lru_cache(maxsize=None)
def _as_words(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-words", parent=style, wordWrap=None)


class Paragraph(_Paragraph):
    def __init__(self, text, style=None, *args, **kwargs):
        if style is not None and getattr(style, "wordWrap", None) == "CJK" and not _CJK.search(str(text)):
            style = _as_words(style)
        super().__init__(text, style, *args, **kwargs)
