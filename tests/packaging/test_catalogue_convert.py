"""scripts/catalogue_convert.py on a tree it has never seen (as after merging a branch written
before the catalogue): it converts pick(), register_messages(), table pairs and a glossary, keeps
two Chinese words for one English apart with a msgctxt, lists what it cannot convert, and a second
run changes nothing."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "catalogue_convert.py"

THING = '''"""A module written before the catalogue."""

from desk.i18n import label, pick, register_messages

register_messages({
    # refusals
    "thing_missing": ("找不到东西 {ref}。", "No thing {ref}."),
})
HEADERS = {"name": ("名称", "Name"), "count": ("件数", "Count")}


def summary(n: int, where: str) -> str:
    return pick(f"共 {n} 件，在{where}", f"{n} things at {where}") + pick("。", ".")


def person() -> str:
    return pick("姓名", "Name")  # the same English as HEADERS["name"], other Chinese


def record(rec) -> str:
    return pick(rec.name, rec.name_en or rec.name)


def about(version: str) -> str:
    return f"<p>{pick('版本', 'Version')} <b>{version}</b></p>"
'''

SCREEN = '''class ThingScreen:
    def retranslate(self):
        self.save.setText(self.tr("&Save"))
'''

MIXED = '''from desk.i18n import pick


def mixed(zh_day: str, en: str) -> str:
    return pick("周" + zh_day, en)
'''


def _tree(tmp_path: Path, mixed: bool = False) -> Path:
    root = tmp_path / "repo"
    (root / "desk").mkdir(parents=True)
    (root / "scripts").mkdir()
    (root / "desk" / "__init__.py").write_text("")
    (root / "desk" / "thing.py").write_text(THING, encoding="utf-8")
    (root / "desk" / "thing_screen.py").write_text(SCREEN, encoding="utf-8")
    if mixed:
        (root / "desk" / "mixed.py").write_text(MIXED, encoding="utf-8")
    (root / "scripts" / "glossary_thing.py").write_text('ZH_THING = {"Save": "保存"}\n', encoding="utf-8")
    return root


def _convert(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root)], capture_output=True, text=True)


def _zh(root: Path) -> gettext.GNUTranslations:
    return gettext.translation("desk", str(root / "resources" / "locale"), languages=["zh_CN"])


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_converts_an_unseen_tree_and_a_second_run_changes_nothing(tmp_path):
    root = _tree(tmp_path)
    done = _convert(root)
    assert done.returncode == 0, done.stdout + done.stderr
    code = (root / "desk" / "thing.py").read_text(encoding="utf-8")
    assert "pick(" not in code and "register_messages" not in code
    assert 'M_("thing_missing", "No thing {ref}.")' in code
    assert '_("{n} things at {where}").format(n=n, where=where)' in code
    assert 'by_language(rec.name, rec.name_en or rec.name)' in code
    assert "# refusals" in code  # comments in a table stay
    compile(code, "thing.py", "exec")

    zh = _zh(root)
    assert zh.pgettext("message:thing_missing", "No thing {ref}.") == "找不到东西 {ref}。"
    assert zh.gettext("{n} things at {where}") == "共 {n} 件，在{where}"
    assert zh.gettext("Name") == "名称"
    assert zh.pgettext("desk.thing", "Name") == "姓名"  # the second Chinese word got a context
    assert 'pgettext("desk.thing", "Name")' in code
    assert zh.gettext("Version") == "版本"  # a call inside an f-string is extracted too
    assert "{_('Version')}" in code
    assert zh.gettext("&Save") == "保存(&S)"  # from the glossary, with the window's mnemonic
    assert not list((root / "scripts").glob("glossary_*.py"))
    assert "msgctxt 'desk.thing'" in done.stdout

    before = _files(root)
    again = _convert(root)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _files(root) == before


def test_lists_what_it_cannot_convert_and_leaves_it(tmp_path):
    root = _tree(tmp_path, mixed=True)
    done = _convert(root)
    assert done.returncode == 1
    assert "desk/mixed.py:5" in done.stdout and "for a human" in done.stdout
    assert (root / "desk" / "mixed.py").read_text(encoding="utf-8") == MIXED
