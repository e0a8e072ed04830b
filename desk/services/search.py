"""Full-text search that finds two-character Chinese words.

SQLite's trigram tokenizer needs three characters, so 噪音 or 漏水 would never match. Instead
the index body is tokenised here: runs of CJK characters become overlapping bigrams
(噪音投诉 -> 噪音 音投 投诉), everything else lower-case words. A query is tokenised the
same way and matched as a phrase, so any query of two or more characters finds its text.
"""

from __future__ import annotations

import re
import unicodedata

# CJK ideographs (basic, extensions A-G, compatibility), kana and hangul count as "CJK".
_CJK = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_RUN_RE = re.compile(rf"([{_CJK}]+)|([0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+)")


def tokens(text: str) -> list[str]:
    out: list[str] = []
    text = unicodedata.normalize("NFKC", text or "")
    for m in _RUN_RE.finditer(text):
        cjk, word = m.group(1), m.group(2)
        if cjk:
            if len(cjk) == 1:
                out.append(cjk)
            else:
                out.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
        else:
            out.append(word.lower())
    return out


def index_body(*parts: str) -> str:
    # A marker between parts stops a phrase from matching across two fields.
    return " | ".join(" ".join(tokens(p)) for p in parts if p)


def phone_tokens(phone: str) -> str:
    """The whole number and its last four digits, which is how people read a number out."""
    if not phone:
        return ""
    return f"{phone} {phone[-4:]}" if len(phone) > 4 else phone


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what was typed, or None when nothing searchable is left.

    Each whitespace-separated term must match (AND); within a term the tokens form a phrase.
    The last Latin/digit token is a prefix, so '1381' finds 13812345678 as it is typed.
    """
    clauses = []
    for term in (query or "").split():
        toks = tokens(term)
        if not toks:
            continue
        phrase = " ".join(t.replace('"', "") for t in toks)
        clause = f'"{phrase}"'
        if toks[-1].isascii():
            clause += "*"
        clauses.append(clause)
    return " AND ".join(clauses) if clauses else None


def is_single_cjk(query: str) -> bool:
    toks = tokens(query)
    return len(toks) == 1 and len(toks[0]) == 1 and not toks[0].isascii()
