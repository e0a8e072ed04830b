#!/usr/bin/env python3
"""Refresh the desk's catalogue: Babel extracts every user-facing string from desk/ (the
keywords below), merges them into resources/locale/{zh_CN,en}/LC_MESSAGES/desk.po (keeping the
translations there; a string no longer in the code stays as an obsolete `#~` entry) and compiles
the desk.mo files the desk loads.

Run after adding or changing a string:  .venv/bin/python scripts/update_translations.py
then write the Chinese of each new entry in resources/locale/zh_CN/LC_MESSAGES/desk.po (msgstr)
and run it again to compile. It exits 1 and lists the entries that still have no Chinese
(tests/core/test_catalogue.py fails on them too). The English catalogue stays empty: English
is the msgid.
"""

from __future__ import annotations

import ast
import copy
import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("zh_CN", "en")
DOMAIN = "desk"

# _("…") and N_("…") (lazy, for module tables); plurals; msgctxt where one English word needs
# two Chinese ones; the window's self.tr("…") and QCoreApplication.translate("Class", "…") (the
# Qt class is not a msgctxt: one English string has one Chinese string across screens); M_/L_
# declare refusals and labels (msgctxt "message:<code>" / "label:<key>", see desk/i18n.py);
# zh_en/pzh_en mark the (中文, English) pairs of module tables.
KEYWORDS = {
    "_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "tr": None, "translate": (2,),
    "M_": ((1, "c"), 2), "L_": ((1, "c"), 2), "zh_en": None, "pzh_en": ((1, "c"), 2),
}
# Fixed dates in the headers: the files change only when their words do.
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _in_fstrings(source: bytes, keywords) -> list:
    """Calls like _("Version") inside an f-string's {…}, which Babel's tokenizer does not enter
    on Python 3.11: found in the parse tree instead."""
    found = []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for fstring in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
        for call in (n for n in ast.walk(fstring) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name in keywords:
                args = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                             for a in call.args)
                found.append((call.lineno, name, args[0] if len(args) == 1 else args, []))
    return found


def extract_desk(fileobj, keywords, comment_tags, options):
    """Babel's Python extractor, plus the calls inside f-strings, with the code of M_/L_
    prefixed into its msgctxt."""
    source = fileobj.read()
    found = list(extract_python(io.BytesIO(source), keywords, comment_tags, options))
    seen = {(lineno, funcname, messages) for lineno, funcname, messages, _ in found}
    found += [f for f in _in_fstrings(source, keywords) if f[:3] not in seen]
    for lineno, funcname, messages, comments in sorted(found, key=lambda f: f[0]):
        if funcname in ("M_", "L_") and isinstance(messages, tuple) and messages and messages[0]:
            prefix = "message:" if funcname == "M_" else "label:"
            messages = (prefix + messages[0],) + tuple(messages[1:])
        yield lineno, funcname, messages, comments


def extract(root: Path = ROOT) -> Catalog:
    template = Catalog(project="desk", domain=DOMAIN, creation_date=STAMP, revision_date=STAMP,
                       fuzzy=False, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root / "desk"), method_map=[("**.py", extract_desk)], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        if isinstance(message, tuple) and not all(message):
            continue  # a plural or context built at run time: not a catalogue entry
        template.add(message, None, [(f"desk/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def read(lang: str, path: Path | None = None) -> Catalog:
    path = path or po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="desk", domain=DOMAIN, creation_date=STAMP, revision_date=STAMP,
                       fuzzy=False, charset="utf-8")
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN, charset="utf-8")


def po_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = STAMP
    catalog.fuzzy = False
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def write(lang: str, catalog: Catalog) -> None:
    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    po_path(lang).write_bytes(po_bytes(catalog))
    # Compiled from the file as written, so the .mo is exactly what a fresh compile gives.
    mo_path(lang).write_bytes(mo_bytes(read(lang)))


def merge(template: Catalog, lang: str) -> Catalog:
    catalog = read(lang)
    template = copy.deepcopy(template)  # update() adopts the template's entries: each language its own
    # No fuzzy matching: a new string never borrows a similar string's translation.
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for m in catalog:
        if not m.id:
            continue
        texts = m.string if isinstance(m.string, (list, tuple)) else [m.string]
        if not all(texts) or m.fuzzy:
            out.append((f"[{m.context}] " if m.context else "") + (m.id if isinstance(m.id, str) else m.id[0]))
    return out


def main() -> int:
    template = extract()
    missing = []
    for lang in LANGUAGES:
        catalog = merge(template, lang)
        write(lang, catalog)
        if lang == "zh_CN":
            missing = untranslated(catalog)
    for line in missing:
        print("no Chinese yet:", line)
    print(f"{len(template)} entries; {len(missing)} without Chinese")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
