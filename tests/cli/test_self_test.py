"""`desk self-test` in the development environment (the bundled one runs in test_installer.py)."""

from __future__ import annotations

import json
import struct
from importlib import resources

from desk.cli import main


def test_self_test_passes_and_keeps_what_it_made(tmp_path, capsys):
    keep = tmp_path / "kept"
    assert main(["--lang", "en", "self-test", "--json", "--keep", str(keep)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert statuses["files"] == statuses["database"] == statuses["visit"] == statuses["window"] == "ok"
    import importlib.util

    # With the slip module in the tree the slip must render; without it the check says so.
    assert statuses["slip"] == ("ok" if importlib.util.find_spec("desk.printing") else "skip")
    if statuses["slip"] == "ok":
        assert (keep / "slip.pdf").read_bytes().startswith(b"%PDF")
    assert (keep / "self-test.sqlite3").stat().st_size > 0
    assert (keep / "window.png").read_bytes().startswith(b"\x89PNG")


def test_self_test_fails_with_a_clear_line_when_saving_a_visit_fails(tmp_path, capsys, monkeypatch):
    from desk.services import intake

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(intake, "register_visit", broken)
    assert main(["--lang", "en", "self-test", "--no-window"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] visit    OSError: disk full" in out
    assert "[SKIP] slip" in out  # not run (or not in this build): skipped, never passed
    assert out.rstrip().endswith("Self-test FAILED: visit.")


def test_self_test_without_keep_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    assert main(["self-test", "--no-window"]) == 0
    assert "自检通过" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_icon_files_hold_every_size(qapp):
    # pytest-qt's QApplication, not a bare QGuiApplication: a process holding a QGuiApplication
    # can never make widgets, so every later window test in it failed (or Qt aborted).
    from PySide6.QtGui import QImage

    icons = resources.files("desk.resources") / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(icons / f"desk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    ico = (icons / "desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = sorted(struct.unpack_from("<B", ico, 6 + 16 * i)[0] or 256 for i in range(count))
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
    assert b"<path" in (icons / "desk.svg").read_bytes()  # the glyph is outlines, not text
