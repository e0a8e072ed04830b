#!/usr/bin/env python3
"""Move the desk's words into its one gettext catalogue (resources/locale/*/LC_MESSAGES/desk.po).

Re-runnable and idempotent: it rewrites only what is still in the old forms, so run it after
every merge that may bring them back (a branch written before the catalogue):

    git merge BRANCH       # conflicts: `git rm` the old resources/i18n/*.ts/.qm, keep this
                           # scripts/update_translations.py, and in a conflicting hunk of code
                           # take the branch's pick()/register_messages() side: this script
                           # converts it
    .venv/bin/python scripts/catalogue_convert.py          # convert, report, write .po/.mo
    .venv/bin/python scripts/catalogue_convert.py --check  # only report; exit 1 if anything is left
    .venv/bin/python -m pytest tests/core/test_catalogue.py tests/packaging/test_catalogue_convert.py -q

A branch that added entries to the old `LABELS`/`MESSAGES` dicts of desk/i18n.py: keep this
desk/i18n.py in the conflict and paste those entries into desk/words.py as
`register_labels({"status.x": ("中文", "English")})` / `register_messages({...})`; the next run
converts them.

Babel must be installed (`pip install -e ".[test]"`). Nothing is written until every file has
been converted in memory; the Chinese is written to the .po before the code.

What it converts, reading the code with `ast` (positions from the parse tree, never a regex):

- `pick("中文", "English")` -> `_("English")`; f-strings -> `_("… {name} …").format(name=…)`
  (placeholders named after the expressions); the Chinese becomes the zh_CN msgstr.
  `pick(record.name, record.name_en)` (no literal words: a record's own two names) ->
  `by_language(…)`.
- `register_messages({"code": ("中文", "English")})` -> `_MESSAGES = (M_("code", "English"), …)`
  and `register_labels({...})` -> `_LABELS = (L_("key", "English"), …)`: catalogue entries with
  msgctxt "message:<code>" / "label:<key>" (desk/i18n.py `message`, `label`).
- a ("中文", "English") pair in a table (`HEADERS = {"ticket_no": ("工单号", "Ticket")}`) ->
  `zh_en("Ticket")`, which unpacks to the same two strings, the Chinese read from the catalogue
  when used. A statement whose lines say `catalogue: not words` (in a comment) is left alone.
- the `from desk.i18n import …` lines of the files it touched.
- every `scripts/glossary_*.py` (dicts `ZH_*`: English source -> Chinese for the window's
  `self.tr`) and the old `resources/i18n/desk_zh_CN.ts`: their Chinese fills the catalogue's
  entries that have none yet; then those files (and the .qm) are deleted.

Where the same English already has another Chinese in the catalogue, the new one gets a msgctxt
(the module's dotted name: `pgettext("desk.printing.report", "English")`) and is reported under
"contexts". Where it cannot convert safely (a pick mixing words and data, a table built at run
time, a quote it cannot nest, a code declared twice with different words) it changes nothing
of that call and lists the place under "for a human": fix those by hand (see README,
"Translations") and run it again. Exit status: 0 when nothing is left, 1 otherwise.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import update_translations as ut  # noqa: E402

ROOT = ut.ROOT
DESK = ROOT / "desk"
OLD_TS = ROOT / "resources" / "i18n"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")
NEW_NAMES = {"_", "pgettext", "by_language", "M_", "L_", "zh_en", "pzh_en"}
OLD_NAMES = {"pick", "register_messages", "register_labels"}
# Placeholder names for values computed by a call, as a translator reads them.
CALL_NAMES = {"len": "count", "join": "items", "isoformat": "date", "strftime": "time", "_fmt": "time"}


@dataclass
class Report:
    converted: int = 0
    data_picks: int = 0
    declared: int = 0
    pairs: int = 0
    glossary: int = 0
    contexts: list[str] = field(default_factory=list)
    human: list[str] = field(default_factory=list)


@dataclass
class Words:
    """The Chinese the conversion found, keyed like the catalogue: (msgctxt or None, msgid)."""
    zh: dict[tuple[str | None, str], str]

    def claim(self, context: str | None, msgid: str, zh: str) -> bool:
        """True when (context, msgid) is free or already says `zh`."""
        have = self.zh.get((context, msgid))
        if have and have != zh:
            return False
        self.zh[(context, msgid)] = zh
        return True


def lit(text: str, quote: str = '"') -> str:
    """A Python string literal (JSON escapes are Python escapes) in `quote`s."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    if quote == "'":
        body = body.replace('\\"', '"').replace("'", "\\'")
    return quote + body + quote


WIDTH = 110  # a rewritten call longer than this is laid out over several lines


def _chunks(text: str, width: int) -> list[str]:
    """`text` cut after spaces into pieces of at most about `width` characters."""
    out, cur = [], ""
    for word in re.findall(r"\S*\s*", text):
        if cur and len(cur) + len(word) > width:
            out.append(cur)
            cur = ""
        cur += word
    return out + [cur] if cur or not out else out


def call_text(context: str | None, msgid: str, fields: list[tuple[str, str]], quote: str, column: int,
              wrap: bool = True) -> str:
    """_("English").format(a=…) (or pgettext), over several lines when it is long."""
    head = f"pgettext({lit(context, quote)}, " if context is not None else "_("
    fmt = ".format(" + ", ".join(f"{n}={src}" for n, src in fields) + ")" if fields else ""
    one = head + lit(msgid, quote) + ")" + fmt
    if not wrap or column + len(one) <= WIDTH:
        return one
    indent = " " * (column + len(head))
    pieces = [lit(c, quote) for c in _chunks(msgid, max(WIDTH - len(indent) - 2, 30))]
    text = head + f"\n{indent}".join(pieces) + ")"
    last = (len(indent) if len(pieces) > 1 else column + len(head)) + len(pieces[-1]) + 1
    if not fields or last + len(fmt) <= WIDTH:
        return text + fmt
    indent2, lines, cur = " " * (column + 4), [], ""
    for arg in (f"{n}={src}" for n, src in fields):
        if cur and len(indent2) + len(cur) + len(arg) + 2 > WIDTH:
            lines.append(cur)
            cur = ""
        cur = f"{cur}, {arg}" if cur else arg
    lines.append(cur)
    return text + ".format(\n" + ",\n".join(indent2 + line for line in lines) + ")"


class FileConverter:
    def __init__(self, path: Path, words: Words, report: Report, source: str | None = None) -> None:
        self.path, self.words, self.report = path, words, report
        self.rel = path.relative_to(ROOT).as_posix()
        self.module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        self.source = source if source is not None else path.read_text(encoding="utf-8")
        self.result = self.source
        self.tree = ast.parse(self.source)
        self.lines = self.source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        self.edits: list[tuple[int, int, str]] = []
        self.used: set[str] = set()
        self.module_names = {t.id for n in self.tree.body if isinstance(n, ast.Assign)
                             for t in n.targets if isinstance(t, ast.Name)}

    # -- positions ----------------------------------------------------------------------------
    def offset(self, line: int, col_bytes: int) -> int:
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text.encode("utf-8")[:col_bytes].decode("utf-8"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def text(self, node: ast.AST) -> str:
        a, b = self.span(node)
        return self.source[a:b]

    def where(self, node: ast.AST) -> str:
        return f"{self.rel}:{node.lineno}"

    def human(self, node: ast.AST, why: str) -> None:
        self.report.human.append(f"{self.where(node)}: {why}")

    # -- which calls --------------------------------------------------------------------------
    @staticmethod
    def called(node: ast.AST) -> str | None:
        if not isinstance(node, ast.Call):
            return None
        f = node.func
        if isinstance(f, ast.Name) and f.id in OLD_NAMES:
            return f.id
        if isinstance(f, ast.Attribute) and f.attr in OLD_NAMES and isinstance(f.value, ast.Name) \
                and f.value.id == "i18n":
            return f.attr
        return None

    def run(self) -> bool:
        calls = [n for n in ast.walk(self.tree) if self.called(n)]
        pairs = [n for n in ast.walk(self.tree) if self.is_pair(n)]
        old_imports = any(isinstance(n, ast.ImportFrom) and n.module == "desk.i18n"
                          and any(a.name in OLD_NAMES for a in n.names) for n in ast.walk(self.tree))
        if not calls and not old_imports and not pairs:
            return False
        for pair in pairs:
            self.pair(pair)
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            name = self.called(call)
            if any(self.called(sub) for sub in ast.walk(call) if sub is not call):
                continue  # its inner pick first; the next pass takes this one
            if name == "pick":
                self.pick(call)
            else:
                self.register(call, name)
        if (calls or pairs) and not self.edits:
            return False  # only places for a human: leave the file as it is
        self.fix_imports()
        if not self.edits:
            return False
        out = self.source
        for a, b, new in sorted(self.edits, reverse=True):
            out = out[:a] + new + out[b:]
        ast.parse(out)  # never write a file Python cannot read
        self.result = out
        return True

    def left(self) -> list[str]:
        """The old forms still in this file."""
        return ([f"{self.where(n)}: {self.called(n)}() not converted" for n in ast.walk(self.tree) if self.called(n)]
                + [f"{self.where(n)}: (中文, English) pair not converted" for n in ast.walk(self.tree)
                   if self.is_pair(n)])

    # -- pick ---------------------------------------------------------------------------------
    def pick(self, call: ast.Call) -> None:
        if call.keywords or len(call.args) != 2 or any(isinstance(a, ast.Starred) for a in call.args):
            if not any(self.has_words(a) for a in call.args):
                return self.data_pick(call)
            return self.human(call, "pick() with other than two plain arguments")
        zh, en = call.args
        if not all(isinstance(a, (ast.Constant, ast.JoinedStr)) and self.is_str(a) for a in (zh, en)):
            if not self.has_words(zh) and not self.has_words(en):
                return self.data_pick(call)
            return self.human(call, "pick() mixes words and computed values; write _(…).format(…) by hand")
        names: dict[str, str] = {}
        try:
            zh_text, zh_fields = self.template(zh, names)
            en_text, en_fields = self.template(en, names)
        except ValueError as why:
            return self.human(call, str(why))
        if not en_text.strip():
            return self.human(call, "pick() with empty English")
        if set(zh_fields.values()) != set(en_fields.values()) or any(
                self.has_words(v.value) for v in ast.walk(zh) if isinstance(v, ast.FormattedValue)):
            return self.human(call, "the Chinese and the English fill different values (or the Chinese "
                                    "computes words of its own); write _(…).format(…) by hand")
        context = self.context_for(call, en_text, zh_text)
        if context is False:
            return None
        quote = self.quote_for(call)
        if quote is None:
            return self.human(call, "inside an f-string that uses both quote characters")
        if self.in_fstring(call) and "\\" in lit(en_text, quote) + lit(context or "", quote):
            return self.human(call, "inside an f-string, and the English needs a backslash")
        if self.binds_underscore(call):
            return self.human(call, "`_` is a variable here; the translation function would be shadowed")
        self.used.add("pgettext" if context else "_")
        fields = {**zh_fields, **en_fields}
        start = self.span(call)[0]
        column = start - self.source.rfind("\n", 0, start) - 1
        new = call_text(context, en_text, list(fields.items()), quote, column, wrap=not self.in_fstring(call))
        self.edits.append((*self.span(call), new))
        self.report.converted += 1

    def context_for(self, node: ast.AST, en: str, zh: str) -> str | None | bool:
        """None when `en` is free or says `zh` already; else the first msgctxt (the module, then
        the module and function) where it is, reported; False (listed for a human) when none is."""
        if self.words.claim(None, en, zh):
            return None
        for context in (self.module, f"{self.module}.{self.qualname(node)}"):
            if self.words.claim(context, en, zh):
                self.report.contexts.append(f"{self.where(node)}: {en!r} -> msgctxt {context!r} ({zh})")
                return context
        self.human(node, f"{en!r} has two Chinese texts in {self.module}.{self.qualname(node)}")
        return False

    def qualname(self, node: ast.AST) -> str:
        names = []
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.append(node.name)
        return ".".join(reversed(names)) or "<module>"

    def binds_underscore(self, node: ast.AST) -> bool:
        """True when the function (or module) around `node` also uses `_` as a variable."""
        scope = node
        while scope in self.parents and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            scope = self.parents[scope]
        scopes = [scope] if scope is not self.tree else []
        body = ast.walk(scope) if scopes else [n for top in self.tree.body if not isinstance(
            top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in ast.walk(top)]
        return any((isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store))
                   or (isinstance(n, ast.arg) and n.arg == "_") for n in body)

    def data_pick(self, call: ast.Call) -> None:
        a, _b = self.span(call.func)
        self.edits.append((a, a + len(self.text(call.func)), "by_language"))
        self.used.add("by_language")
        self.report.data_picks += 1

    @staticmethod
    def is_str(node: ast.AST) -> bool:
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, str)

    @staticmethod
    def has_words(node: ast.AST) -> bool:
        """Chinese written in the code (a dict key or "" default is not words)."""
        return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                   for n in ast.walk(node))

    def template(self, node: ast.AST, names: dict[str, str]) -> tuple[str, dict[str, str]]:
        """(str.format template, {placeholder: expression source}) of a literal or f-string."""
        if isinstance(node, ast.Constant):
            return node.value, {}
        parts, fields = [], {}
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value.replace("{", "{{").replace("}", "}}"))
                continue
            src = self.text(value.value)
            if "\\" in src or "\n" in src:
                raise ValueError("an f-string field too complex to move")
            name = names.get(src) or self.placeholder(value.value, set(names.values()))
            names[src] = name
            fields[name] = src
            conv = {-1: "", 115: "!s", 114: "!r", 97: "!a"}[value.conversion]
            spec = ""
            if value.format_spec is not None:
                if not all(isinstance(v, ast.Constant) for v in value.format_spec.values):
                    raise ValueError("an f-string field with a computed format")
                spec = ":" + "".join(v.value for v in value.format_spec.values)
            parts.append("{" + name + conv + spec + "}")
        return "".join(parts), fields

    @staticmethod
    def placeholder(expr: ast.AST, taken: set[str]) -> str:
        called = expr.func.id if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) else \
            expr.func.attr if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) else None
        if called in CALL_NAMES:
            node = ast.Name(id=CALL_NAMES[called])  # len(rows) -> {count}, ", ".join(…) -> {items}
        elif isinstance(expr, ast.Call) and expr.args and isinstance(expr.args[0], ast.Constant) \
                and isinstance(expr.args[0].value, str) and expr.args[0].value.isidentifier():
            node = expr.args[0]  # ctx.get("max_length") -> {max_length}
        else:
            node = expr.func if isinstance(expr, ast.Call) else expr
        while isinstance(node, ast.Subscript):
            node = node.slice if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) \
                else node.value
        base = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                else node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else "value")
        base = re.sub(r"\W", "_", base).strip("_").lower() or "value"
        if base[0].isdigit() or base == "self":
            base = "value"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        return name

    def in_fstring(self, node: ast.AST) -> ast.JoinedStr | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.JoinedStr):
                return node
        return None

    def quote_for(self, call: ast.Call) -> str | None:
        """The quote the replacement may use: inside an f-string (Python 3.11) not the f-string's."""
        outer = self.in_fstring(call)
        if outer is None:
            return '"'
        opening = self.text(outer).lstrip("rRfFbBuU")
        used = {c for c in opening[:3] if c in "'\""}
        for quote in ('"', "'"):
            if quote not in used:
                return quote
        return None

    # -- ("中文", "English") pairs in tables ------------------------------------------------------
    def is_pair(self, node: ast.AST) -> bool:
        if not (isinstance(node, ast.Tuple) and len(node.elts) == 2
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)):
            return False
        zh, en = (e.value for e in node.elts)
        if not CJK.search(zh) or CJK.search(en) or not re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", en)):
            return False
        up = node
        while up in self.parents:
            up = self.parents[up]
            if self.called(up):
                return False  # pick()/register_*() convert it themselves
            if isinstance(up, ast.stmt):
                lines = self.lines[up.lineno - 1:up.end_lineno]
                if any("catalogue: not words" in line for line in lines):
                    return False
        return True

    def pair(self, node: ast.Tuple) -> None:
        zh, en = (e.value for e in node.elts)
        context = self.context_for(node, en, zh)
        if context is False:
            return None
        quote = self.quote_for(node)
        if quote is None or (self.in_fstring(node) and "\\" in lit(en, quote) + lit(context or "", quote)):
            return self.human(node, "a pair inside an f-string that cannot take the quotes")
        new = f"pzh_en({lit(context, quote)}, {lit(en, quote)})" if context else f"zh_en({lit(en, quote)})"
        self.used.add("pzh_en" if context else "zh_en")
        self.edits.append((*self.span(node), new))
        self.report.pairs += 1

    # -- register_messages / register_labels --------------------------------------------------
    def register(self, call: ast.Call, name: str) -> None:
        statement = self.parents.get(call)
        if not (isinstance(statement, ast.Expr) and self.parents.get(statement) is self.tree):
            return self.human(call, f"{name}() that is not a statement of its own at module level")
        if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Dict):
            return self.human(call, f"{name}() of a table built at run time; write it as a literal dict")
        table = call.args[0]
        entries = []
        for key, value in zip(table.keys, table.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Tuple)
                    and len(value.elts) == 2 and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                     for e in value.elts)):
                return self.human(key or value, f"{name}() entry that is not \"key\": (\"中文\", \"English\")")
            entries.append((key, key.value, value.elts[0].value, value.elts[1].value))
        kind, marker, variable = (("message", "M_", "_MESSAGES") if name == "register_messages"
                                  else ("label", "L_", "_LABELS"))
        for node, key, zh, en in entries:
            if not self.words.claim(f"{kind}:{key}", en, zh):
                return self.human(node, f"{kind} {key!r} is declared twice with different words")
            clash = [c for (c, m) in self.words.zh if c == f"{kind}:{key}" and m != en]
            if clash:
                return self.human(node, f"{kind} {key!r} already has other English in the catalogue")
        # Comment lines inside the table stay above the entry they preceded.
        comments = {i + 1: line.strip() for i, line in enumerate(self.lines)
                    if call.lineno <= i + 1 <= call.end_lineno and line.strip().startswith("#")}
        n = 2
        target = variable
        while target in self.module_names:
            target, n = f"{variable}_{n}", n + 1
        self.module_names.add(target)
        out = [f"{target} = ("]
        for node, key, zh, en in entries:
            for line in sorted(k for k in comments if k < node.lineno):
                out.append("    " + comments.pop(line))
            out.append(f"    {marker}({lit(key)}, {lit(en)}),")
        out.append(")")
        a, b = self.span(statement)
        self.edits.append((a, b, "\n".join(out)))
        self.used.add(marker)
        self.report.declared += len(entries)

    # -- imports ------------------------------------------------------------------------------
    def fix_imports(self) -> None:
        """Drop pick/register_* from `from desk.i18n import …` and add the new names where used."""
        imports = [n for n in ast.walk(self.tree) if isinstance(n, ast.ImportFrom) and n.module == "desk.i18n"]
        top = next((n for n in imports if self.parents.get(n) is self.tree), None)
        if self.rel == "desk/i18n.py":
            return
        for node in imports:
            names = [a for a in node.names]
            keep = [a for a in names if a.name not in OLD_NAMES]
            if len(keep) == len(names) and node is not top:
                continue
            new_names = {(a.name, a.asname) for a in keep}
            if node is top:
                new_names |= {(n, None) for n in self.used}
            indent = " " * node.col_offset
            if new_names:
                listed = ", ".join(n if not a else f"{n} as {a}" for n, a in
                                   sorted(new_names, key=lambda p: (p[0].lstrip("_").lower(), p[0])))
                line = f"from desk.i18n import {listed}"
                if len(indent + line) > 110:
                    line = "from desk.i18n import (\n" + "".join(
                        f"{indent}    {n if not a else f'{n} as {a}'},\n" for n, a in
                        sorted(new_names, key=lambda p: (p[0].lstrip("_").lower(), p[0]))) + f"{indent})"
                self.edits.append((*self.span(node), line))
            elif self.needs_body(node):
                self.edits.append((*self.span(node), "pass"))
            else:  # the whole line goes, with a comment that stood after the import
                a, b = self.span(node)
                line_start = self.source.rfind("\n", 0, a) + 1
                line_end = self.source.find("\n", b)
                line_end = len(self.source) if line_end < 0 else line_end + 1
                if not self.source[line_start:a].strip() and (
                        not self.source[b:line_end].strip() or self.source[b:line_end].strip().startswith("#")):
                    a, b = line_start, line_end
                self.edits.append((a, b, ""))
        if top is None and self.used:
            self.add_import(sorted(self.used))

    def needs_body(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        body = getattr(parent, "body", None)
        return isinstance(body, list) and body == [node]

    def add_import(self, names: list[str]) -> None:
        """A new top-level import after the module's last top-level import (or its docstring)."""
        after = None
        for node in self.tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                after = node
            elif after is not None:
                break
        if after is None and self.tree.body and isinstance(self.tree.body[0], ast.Expr) \
                and isinstance(getattr(self.tree.body[0], "value", None), ast.Constant):
            after = self.tree.body[0]
        pos = self.span(after)[1] if after is not None else 0
        line = "from desk.i18n import " + ", ".join(names)
        self.edits.append((pos, pos, ("\n" if after is not None else "") + line + ("" if after is not None else "\n")))


# -- the old Chinese of the window: .ts and glossaries ----------------------------------------------

def glossaries() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((ROOT / "scripts").glob("glossary_*.py")):
        spec = importlib.util.spec_from_file_location(f"_glossary_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, value in vars(module).items():
            if name.startswith("ZH") and isinstance(value, dict):
                for source, text in value.items():
                    table.setdefault(source, text)
    return table


def old_ts() -> dict[str, str]:
    path = OLD_TS / "desk_zh_CN.ts"
    if not path.exists():
        return {}
    table = {}
    for message in ET.parse(path).getroot().iter("message"):
        tr = message.find("translation")
        if tr is not None and tr.text and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
            table.setdefault(message.findtext("source"), tr.text)
    return table


def with_mnemonic(source: str, glossary: dict[str, str]) -> str | None:
    """The glossary's Chinese for a source with a keyboard mnemonic (&S -> "保存(&S)")."""
    plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = glossary.get(plain)
    if text is None:
        return None
    m = re.search(r"&(\w)", source.replace("&&", ""))
    return f"{text}(&{m.group(1).upper()})" if m else text


# -- the whole run --------------------------------------------------------------------------------

def use_root(root: Path) -> None:
    global ROOT, DESK, OLD_TS
    ROOT, DESK, OLD_TS = root, root / "desk", root / "resources" / "i18n"
    ut.ROOT, ut.LOCALE = root, root / "resources" / "locale"


def known_words() -> Words:
    zh = {}
    for m in ut.read("zh_CN"):
        if m.id and isinstance(m.id, str) and m.string:
            zh[(m.context, m.id)] = m.string
    return Words(zh)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report what is left; change nothing")
    parser.add_argument("--root", type=Path, help="the repository to convert (default: this one)")
    args = parser.parse_args(argv)
    if args.root:
        use_root(args.root.resolve())
    report = Report()
    words = known_words()
    # The window's Chinese first: a pick() whose English a screen already shows with other
    # Chinese gets a msgctxt rather than changing the screen.
    glossary, ts = glossaries(), old_ts()
    for source, text in {**{k: v for k, v in glossary.items()}, **ts}.items():
        words.zh.setdefault((None, source), text)
    preloaded = set(words.zh)

    files = sorted(p for p in DESK.rglob("*.py") if "__pycache__" not in p.parts
                   and p != DESK / "i18n.py"  # the catalogue's own machinery
                   and "migrations" not in p.relative_to(DESK).parts)  # history: never rewritten
    sources = {path: path.read_text(encoding="utf-8") for path in files}
    for path, text in sources.items():  # every file readable before any is rewritten
        ast.parse(text, str(path))
    if args.check:
        for path in files:
            report.human += FileConverter(path, words, report, sources[path]).left()
    else:
        # Everything is converted in memory; files are written only once all of it worked.
        new = dict(sources)
        for _pass in range(5):  # nested picks: the inner one first, the outer one next pass
            changed = False
            report.human.clear()  # this pass's places (line numbers move as files change)
            for path in files:
                conv = FileConverter(path, words, report, new[path])
                if conv.run():
                    new[path], changed = conv.result, True
            if not changed:
                break
        remaining = Report()
        for path in files:
            remaining.human += FileConverter(path, words, remaining, new[path]).left()
        stuck = {line.split(": ")[0] for line in report.human}
        report.human = sorted(report.human + [line for line in remaining.human if line.split(": ")[0] not in stuck])
        # The Chinese first (a crash after this loses nothing), then the code.
        catalog = ut.read("zh_CN")
        for (context, msgid), text in words.zh.items():
            if (context, msgid) in preloaded:
                continue  # already in the .po, or the window's (filled below where the code uses it)
            entry = catalog.get(msgid, context=context)
            if entry is None:
                catalog.add(msgid, text, context=context)
            elif not entry.string:
                entry.string = text
        ut.write("zh_CN", catalog)
        for path in files:
            if new[path] != sources[path]:
                path.write_text(new[path], encoding="utf-8")

    template = ut.extract(ROOT)
    catalog = ut.merge(template, "zh_CN")
    for m in catalog:
        if not m.id or not isinstance(m.id, str):
            continue
        if m.string:
            continue
        text = words.zh.get((m.context, m.id)) or (with_mnemonic(m.id, glossary) if m.context is None else None)
        if text:
            m.string = text
            report.glossary += 1
    leftover = [line for line in ut.untranslated(catalog)]

    if not args.check:
        ut.write("zh_CN", catalog)
        ut.write("en", ut.merge(template, "en"))
        for path in sorted((ROOT / "scripts").glob("glossary_*.py")):
            path.unlink()
        for path in sorted(OLD_TS.glob("desk_*.[tq][sm]")) if OLD_TS.is_dir() else []:
            path.unlink()

    print(f"pick() converted to _()/pgettext(): {report.converted}")
    print(f"pick() of a record's own two names, now by_language(): {report.data_picks}")
    print(f"messages and labels declared with M_/L_: {report.declared}")
    print(f"(中文, English) pairs in tables, now zh_en(): {report.pairs}")
    print(f"catalogue entries given their Chinese in this run: {report.glossary}")
    print(f"catalogue entries: {len(template)}; without Chinese: {len(leftover)}")
    for title, lines in (("contexts (same English, other Chinese: msgctxt added)", report.contexts),
                         ("for a human (not converted)", report.human),
                         ("without Chinese (write the msgstr in the zh_CN .po)", leftover)):
        if lines:
            print(f"\n{title}: {len(lines)}")
            for line in lines:
                print("  " + line)
    return 1 if report.human or leftover else 0


if __name__ == "__main__":
    sys.exit(main())
