"""Reading PDFs back with poppler-utils (installed by scripts/test.sh): text, fonts, pages, PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path


def text(pdf: Path | str, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def fonts(pdf: Path | str) -> list[dict]:
    """pdffonts rows: name, type, emb, sub."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni obj gen: count from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pages(pdf: Path | str) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def page_size_mm(pdf: Path | str) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("Page size:"))
    w, h = line.split()[2], line.split()[4]
    return float(w) * 25.4 / 72, float(h) * 25.4 / 72


def to_png(pdf: Path | str, prefix: Path | str, dpi: int = 100) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    prefix = Path(prefix)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def assert_fonts_embedded(pdf: Path | str) -> list[dict]:
    rows = fonts(pdf)
    assert rows, "no fonts"
    for row in rows:
        assert row["emb"] == "yes" and row["sub"] == "yes", row
    return rows
