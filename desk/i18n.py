"""The desk's words: one gettext catalogue for the window, the CLI, printing and the server.

Every user-facing sentence is written in English in the code and looked up in the catalogue
`resources/locale/<lang>/LC_MESSAGES/desk.po` (compiled to `desk.mo` beside it):

- `_("English")` where the words are used; `ngettext` where English needs a plural;
  `pgettext(context, "English")` where one English word needs two Chinese words.
- `M_(code, "English")` and `L_(key, "English")` declare the refusal messages (`message(code)`)
  and the names of statuses, kinds, actions… (`label(key)`); they are catalogue entries whose
  msgctxt is "message:<code>" / "label:<key>", found at run time in the catalogue itself, so no
  module has to be imported first for its words to exist.
- `zh_en("English")` stands where a table held a ("中文", "English") pair: it unpacks to both,
  the Chinese read from the catalogue when used.
- The window's `self.tr("English")` reads the same catalogue (desk/ui/language.py installs a
  QTranslator that asks `qt_translate`).

The language is the process's (`set_language`, the window's and the CLI's choice) unless a
request on the server runs inside `using(lang)`: a ContextVar, so two requests at once each keep
their own and the process's language never changes. How to add or translate a string: README.md,
"Translations".
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
DOMAIN = "desk"
_current = os.environ.get("DESK_LANG", "zh_CN") if os.environ.get("DESK_LANG") in LANGUAGES else "zh_CN"


def locale_dir() -> Path:
    return Path(str(resources.files("desk.resources") / "locale"))


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    _current = lang


# One request's language on a server thread (desk.server): set by `using`, seen only by the code
# that request runs, never by another request running at the same time.
_request_language: ContextVar[str | None] = ContextVar("desk_request_language", default=None)


def language() -> str:
    return _request_language.get() or _current


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak `lang` in this context only (a thread or task of its own); the process's language
    is untouched."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    token = _request_language.set(lang)
    try:
        yield
    finally:
        _request_language.reset(token)


# -- the catalogue ---------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `lang` (English falls back to the msgid when it has no entry)."""
    return _gettext.translation(DOMAIN, str(locale_dir()), languages=[lang], fallback=True)


def _entries(lang: str) -> dict:
    return getattr(catalogue(lang), "_catalog", {})


def _(message: str, /) -> str:
    return catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int, /) -> str:
    return catalogue(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str, /) -> str:
    return catalogue(language()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int, /) -> str:
    return catalogue(language()).npgettext(context, singular, plural, n)


def N_(message: str, /) -> str:
    """Marks a string for the catalogue where it is defined (a module-level table); translate it
    with `_()` where it is shown."""
    return message


def M_(code: str, english: str, /) -> tuple[str, str]:
    """Declares the refusal `code` and its English (msgctxt "message:<code>"); `message(code)`
    reads it from the catalogue."""
    return code, english


def L_(key: str, english: str, /) -> tuple[str, str]:
    """Declares the label `key` (a status, kind, action…) and its English (msgctxt "label:<key>")."""
    return key, english


class ZhEn(Sequence):
    """A table's (中文, English) pair read from the catalogue when used, so the table can be
    built at import time and still follow the language: `zh, en = pair`, `by_language(*pair)`,
    `pair[0]` all work as they did on the literal tuple it replaced."""

    __slots__ = ("context", "english")

    def __init__(self, english: str, context: str | None = None) -> None:
        self.english, self.context = english, context

    def _zh(self) -> str:
        cat = catalogue("zh_CN")
        return cat.pgettext(self.context, self.english) if self.context else cat.gettext(self.english)

    def __getitem__(self, i):
        return (self._zh(), self.english)[i]

    def __len__(self) -> int:
        return 2

    def __repr__(self) -> str:
        return f"zh_en({self.english!r})"


def zh_en(english: str, /) -> ZhEn:
    """Marks a (中文, English) pair of a module-level table: the Chinese is in the catalogue."""
    return ZhEn(english)


def pzh_en(context: str, english: str, /) -> ZhEn:
    return ZhEn(english, context)


def by_language(zh: str, en: str) -> str:
    """A record's own two names (a department's name and name_en…): data, not catalogue words."""
    return zh if language() == "zh_CN" else en


@lru_cache(maxsize=None)
def _keyed(kind: str) -> dict[str, str]:
    """key -> English msgid of every "<kind>:<key>" entry. The Chinese catalogue lists them all
    (tests/core/test_catalogue.py keeps every entry translated); the English one may be empty."""
    prefix = kind + ":"
    found: dict[str, str] = {}
    for lang in ("zh_CN", "en"):
        for entry in _entries(lang):
            if isinstance(entry, str) and "\x04" in entry and entry.startswith(prefix):
                context, msgid = entry.split("\x04", 1)
                found.setdefault(context[len(prefix):], msgid)
    return found


def _keyed_text(kind: str, key: str, lang: str | None = None) -> str | None:
    english = _keyed(kind).get(key)
    if english is None:
        return None
    context = f"{kind}:{key}"
    return catalogue(lang or language()).pgettext(context, english)


def label(key: str, lang: str | None = None) -> str:
    """The name of a status, kind, action… (`key` like "status.registered"); the key itself when
    the catalogue has no such label."""
    text = _keyed_text("label", key, lang)
    return key if text is None else text


def message(code: str, /, **params) -> str:
    text = _keyed_text("message", code)
    if text is None:
        return code
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


class _Both(Mapping):
    """key -> (中文, English) of every label or message in the catalogue (read-only): for the
    places that show both languages at once (the server's operator page) and for tests."""

    def __init__(self, kind: str) -> None:
        self._kind = kind

    def __getitem__(self, key: str) -> tuple[str, str]:
        if key not in _keyed(self._kind):
            raise KeyError(key)
        return _keyed_text(self._kind, key, "zh_CN"), _keyed_text(self._kind, key, "en")

    def __iter__(self):
        return iter(_keyed(self._kind))

    def __len__(self) -> int:
        return len(_keyed(self._kind))


LABELS: Mapping[str, tuple[str, str]] = _Both("label")
MESSAGES: Mapping[str, tuple[str, str]] = _Both("message")


def qt_translate(context: str, source: str, disambiguation: str | None = None, n: int = -1,
                 lang: str | None = None) -> str:
    """The window's tr(): the Qt class's own entry (msgctxt = the class name, or the
    disambiguation) when the catalogue has one, else the shared entry; "" when there is none,
    which tells Qt to show the source."""
    entries = _entries(lang or language())
    for key in ((f"{disambiguation}\x04{source}",) if disambiguation else ()) + (f"{context}\x04{source}", source):
        text = entries.get(key)
        if text:
            return text
    return ""


def reload() -> None:
    """Forget the loaded catalogues (after scripts/update_translations.py rewrote them)."""
    catalogue.cache_clear()
    _keyed.cache_clear()
