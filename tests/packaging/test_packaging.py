"""pyproject lists packages by hand (resources/ ships as desk.resources); keep it complete."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "desk").rglob("__init__.py")}
    found.add("desk.resources")
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_core_does_not_import_qt():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "desk").rglob("*.py")
                 if "ui" not in p.relative_to(ROOT / "desk").parts[:1]
                 and any(line.lstrip().startswith(("from PySide6", "import PySide6"))
                         for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []


def test_screens_do_not_touch_the_database():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "desk" / "ui").rglob("*.py")
                 if "sqlalchemy" in p.read_text(encoding="utf-8")]
    assert offenders == []
