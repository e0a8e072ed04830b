"""The desk's one catalogue of words (resources/locale, gettext): complete in Chinese, compiled
from the .po files as they are, holding every string of the code, and the only source of words
(no pick(), no register_messages left)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations as ut  # noqa: E402

FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)")


def _entries(lang: str):
    return [m for m in ut.read(lang) if m.id]


@pytest.fixture(scope="module")
def template():
    return ut.extract()


def test_every_entry_has_chinese():
    missing = [(m.context, m.id) for m in _entries("zh_CN")
               if not all(m.string if isinstance(m.string, tuple) else [m.string]) or m.fuzzy]
    assert missing == []


def test_chinese_uses_only_the_fields_the_code_fills():
    """A {name} in the msgstr that the msgid lacks would raise KeyError in str.format."""
    bad = []
    for m in _entries("zh_CN"):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        fields = {f for s in ids for f in FIELD.findall(s)}
        for s in strings:
            if set(FIELD.findall(s or "")) - fields:
                bad.append((m.context, m.id, s))
    assert bad == []


def test_catalogue_holds_every_string_in_the_code(template):
    """Babel over desk/ finds nothing the .po files lack (run scripts/update_translations.py)."""
    for lang in ut.LANGUAGES:
        have = {(m.context, m.id) for m in _entries(lang)}
        in_code = {(m.context, m.id) for m in template if m.id}
        assert in_code - have == set(), f"{lang}: run scripts/update_translations.py"


@pytest.mark.parametrize("lang", ut.LANGUAGES)
def test_compiled_catalogue_is_up_to_date(lang, tmp_path):
    """The committed .mo is exactly what compiling the committed .po gives now."""
    fresh = tmp_path / "desk.mo"
    fresh.write_bytes(ut.mo_bytes(ut.read(lang)))
    assert fresh.read_bytes() == ut.mo_path(lang).read_bytes(), "run scripts/update_translations.py"


def test_no_old_forms_left_in_desk():
    """No pick(), register_messages(), register_labels() and no .ts/.qm or glossaries."""
    old = {"pick", "register_messages", "register_labels"}
    found = []
    for path in sorted((ROOT / "desk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                    else node.name if isinstance(node, ast.alias) else None)
            if name in old:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno if hasattr(node, 'lineno') else ''}")
    assert found == []
    assert list((ROOT / "scripts").glob("glossary_*.py")) == []
    assert not list((ROOT / "resources").glob("i18n/*.[tq][sm]"))


def test_converter_finds_nothing_left():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalogue_convert.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_same_english_two_chinese_words_by_context():
    """One English word, two meanings: the window's "Accept" (a time limit) and the action."""
    from desk import i18n

    assert i18n.catalogue("zh_CN").gettext("Accept") == "签收时限"
    assert i18n.label("action.accept", "zh_CN") == "签收"
    assert i18n.label("action.accept", "en") == "Accept"
    assert i18n.label("no.such.key") == "no.such.key"


def test_a_table_pair_follows_the_language():
    """zh_en("English") in a module table unpacks to (中文, English) read when used."""
    from desk.i18n import by_language, using
    from desk.printing.exports import HEADERS

    zh, en = HEADERS["ticket_no"]
    assert (zh, en) == ("工单号", "Ticket")
    with using("en"):
        assert by_language(*HEADERS["department"]) == "Department"
    with using("zh_CN"):
        assert by_language(*HEADERS["department"]) == "承办单位"  # the export's own word (msgctxt)


def test_both_languages_of_a_label_and_a_message():
    from desk.i18n import LABELS, MESSAGES

    assert LABELS["action.central_status"] == ("街道变更状态", "Status set by the subdistrict")
    assert MESSAGES["order_not_found"] == ("找不到工单 {ref}。", "No work order {ref}.")
    assert "status.registered" in LABELS and "nonsense" not in MESSAGES
