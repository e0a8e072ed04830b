"""qt-material's stylesheet is rendered once and read from disk after (issue 20: 0.3–0.5 s of
every cold start); a cache entry that is damaged or lost a file is rendered again, and each
theme's stylesheet names its own icons."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QDir, QFile

from desk.ui import stylesheet_cache as cache

EXTRA = {"font_family": '"WenQuanYi Micro Hei"', "font_size": "13", "density_scale": "-1"}


@pytest.fixture
def renders(qapp, monkeypatch):
    """How often qt-material rendered (this process's memory of loaded entries forgotten)."""
    import qt_material

    calls = []
    real = qt_material.build_stylesheet

    def counting(*args, **kwargs):
        calls.append(args[0] if args else kwargs.get("theme"))
        return real(*args, **kwargs)

    monkeypatch.setattr(qt_material, "build_stylesheet", counting)
    monkeypatch.setattr(cache, "_loaded", {})
    return calls


def _icons(qss: str) -> list[str]:
    return sorted(set(re.findall(r"icon:/?([\w-]+/[\w.-]+\.svg)", qss)))


def test_rendered_once_then_read_with_every_icon_it_names(renders, monkeypatch):
    first = cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)
    assert renders == ["light_teal.xml"] and "QPushButton" in first
    monkeypatch.setattr(cache, "_loaded", {})  # a new start
    again = cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)
    assert again == first and renders == ["light_teal.xml"]
    assert _icons(again) and all(QFile.exists(f"icon:{name}") for name in _icons(again))


@pytest.mark.parametrize("damage", ["icon", "stylesheet", "meta"])
def test_a_damaged_entry_is_rendered_again(renders, monkeypatch, damage):
    first = cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)
    (entry,) = [p for p in cache.cache_root().iterdir() if p.is_dir()]
    if damage == "icon":
        (entry / "icons" / _icons(first)[0]).unlink()
    elif damage == "stylesheet":
        (entry / "style.qss").write_text(first[: len(first) // 2], encoding="utf-8")  # cut short
    else:
        (entry / "meta.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(cache, "_loaded", {})
    again = cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)
    assert again == first and len(renders) == 2
    assert all(QFile.exists(f"icon:{name}") for name in _icons(again))


def test_each_theme_names_its_own_icons(renders):
    cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)
    light = QDir.searchPaths("icon")
    cache.material_stylesheet("dark_teal.xml", invert_secondary=False, extra=EXTRA)
    dark = QDir.searchPaths("icon")
    assert len(light) == len(dark) == 1 and light != dark  # replaced, not added to
    cache.material_stylesheet("light_teal.xml", invert_secondary=True, extra=EXTRA)  # switched back
    assert QDir.searchPaths("icon") == light and len(renders) == 2
