"""qt-material's stylesheet, rendered once and kept on disk with the icons it names.

Building it imports qt-material (with jinja2 and QtUiTools), compiles its Jinja template and
rewrites ~120 icon files: 0.3–0.5 s of every start, before the window could show (issue 20,
benchmarks/firstkey.py). The rendered stylesheet and its icons are kept per theme, options and
qt-material's files (a new version changes their size or time, so it is rendered again); a
cache that is damaged, partly deleted or not writable is rendered again, never trusted.

Each cached stylesheet has its own icon folder, named by the `icon:` search path: qt-material
writes the light and the dark icons into one shared folder, which a second desk starting with
the other theme would repaint under the first one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QGuiApplication, QPalette

FORMAT = 1  # raise when what is stored changes
_ICON_URL = re.compile(r"icon:/?([\w-]+)/([\w.-]+\.svg)")
_loaded: dict[str, tuple[str, str, str]] = {}  # this process's, by key (a theme switched back)


def cache_root() -> Path:
    from desk.config import cache_dir

    return cache_dir() / "stylesheets"


def material_stylesheet(theme: str, *, invert_secondary: bool, extra: dict) -> str:
    """qt-material's build_stylesheet(theme, invert_secondary, extra), from the cache when it
    is sound; also what building it sets up (the icons' search path, the text colour)."""
    package = Path(find_spec("qt_material").origin).parent  # found, not imported
    key = _key(package, theme, invert_secondary, extra)
    folder = cache_root() / key
    entry = _loaded.get(key) or _load(folder) or _build(folder, theme, invert_secondary, extra)
    _loaded[key] = entry
    qss, primary, icons = entry
    QDir.setSearchPaths("icon", [icons])  # replaced, not added to: a theme switch must not see the old icons
    # qt-material's build sets the palette's text colour from the theme; done here for the cache.
    palette = QGuiApplication.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor(*[int(primary[i:i + 2], 16) for i in (1, 3, 5)], 92))
    QGuiApplication.setPalette(palette)
    return qss


def _key(package: Path, theme: str, invert_secondary: bool, extra: dict) -> str:
    files = [package / "__init__.py", package / "material.qss.template", package / "themes" / theme,
             package / "resources" / "generate.py"]
    stamps = []
    for f in files:
        try:
            st = f.stat()
            stamps.append([f.name, st.st_size, st.st_mtime_ns])
        except OSError:
            stamps.append([f.name, None, None])
    text = json.dumps([FORMAT, theme, invert_secondary, extra, stamps], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _load(folder: Path) -> tuple[str, str, str] | None:
    """(stylesheet, primary colour, icon folder) if every part is there and whole, else None."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        qss = (folder / "style.qss").read_text(encoding="utf-8")
        primary = meta["primary"]
        if meta.get("format") != FORMAT or meta.get("length") != len(qss) or not re.fullmatch(r"#[0-9a-fA-F]{6}", primary):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    icons = folder / "icons"
    if not all((icons / kind / name).is_file() for kind, name in set(_ICON_URL.findall(qss))):
        return None
    return qss, primary, str(icons)


def _build(folder: Path, theme: str, invert_secondary: bool, extra: dict) -> tuple[str, str, str]:
    """Render with qt-material into a new folder, then put it in place whole (a second desk may
    be rendering the same one: the first to finish wins, the other uses its copy)."""
    from qt_material import build_stylesheet, get_theme

    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        qss = build_stylesheet(theme, invert_secondary=invert_secondary, extra=extra, parent=str(tmp / "icons")) or ""
        primary = (get_theme(theme, invert_secondary) or {}).get("primaryColor", "#000000")
        (tmp / "style.qss").write_text(qss, encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps({"format": FORMAT, "primary": primary, "length": len(qss)}),
                                       encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)  # a damaged entry
        try:
            os.replace(tmp, folder)
        except OSError:  # another desk put it there first
            shutil.rmtree(tmp, ignore_errors=True)
        entry = _load(folder)
        if entry is not None:
            return entry
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    # No cache (a read-only or full disk): qt-material's own way, its icons in ~/.qt_material.
    qss = build_stylesheet(theme, invert_secondary=invert_secondary, extra=extra) or ""
    from qt_material.resources import RESOURCES_PATH

    return qss, (get_theme(theme, invert_secondary) or {}).get("primaryColor", "#000000"), str(Path(RESOURCES_PATH) / "theme")
