"""The import graph keeps its layers (rules < models < services < sync, printing < ui, server <
cli) and has no circle: import-linter's contracts in pyproject.toml, run as CI would run them."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path, source_root: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(source_root), "HOME": str(cwd)}
    return subprocess.run([str(LINT), "--config", str(cwd / "pyproject.toml"), "--no-cache"], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def test_the_layering_contracts_hold():
    run = _lint(ROOT, ROOT)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_an_upward_import_and_a_circle_are_caught(tmp_path):
    """The same contracts on a copy of desk with a rule importing a service (upward) and two
    services importing each other (a circle): the check fails and names both."""
    shutil.copytree(ROOT / "desk", tmp_path / "desk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "desk" / "rules" / "upward.py").write_text("from desk.services import queries\n")
    (tmp_path / "desk" / "services" / "ring_a.py").write_text("def f():\n    from desk.services import ring_b\n")
    (tmp_path / "desk" / "services" / "ring_b.py").write_text("from desk.services import ring_a\n")
    run = _lint(tmp_path, tmp_path)
    assert run.returncode != 0
    assert "desk.rules.upward -> desk.services.queries" in run.stdout
    assert "ring_a" in run.stdout and "ring_b" in run.stdout
