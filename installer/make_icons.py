"""Draw the application icon: resources/icons/desk.svg, desk-<N>.png and desk.ico.

The 接 ("receive", as in 接待 reception) is taken as outlines from the bundled WenQuanYi Micro
Hei, so the SVG needs no font on the machine that shows it. Run it again after a design change:

    QT_QPA_PLATFORM=offscreen python installer/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows uses up to 256
VIEW = 256

# A seal-red tile (the colour of the station signs), a white 接 and a gold counter under it.
RED_TOP, RED_BOTTOM, GOLD, WHITE = "#D83A34", "#A8201A", "#F6C343", "#FFFFFF"


def glyph_path(char: str, box: tuple[float, float, float, float]) -> str:
    """SVG path data of `char` scaled to fit and centred in box (x, y, w, h)."""
    from PySide6.QtGui import QFont, QFontDatabase, QPainterPath
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
    font.setPixelSize(1000)
    path = QPainterPath()
    path.addText(0, 0, font, char)
    r = path.boundingRect()
    x, y, w, h = box
    scale = min(w / r.width(), h / r.height())
    dx = x + (w - r.width() * scale) / 2 - r.left() * scale
    dy = y + (h - r.height() * scale) / 2 - r.top() * scale

    def pt(e) -> str:
        return f"{e.x * scale + dx:.2f} {e.y * scale + dy:.2f}"

    parts: list[str] = []
    i = 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.isMoveTo():
            parts.append(f"M{pt(e)}")
            i += 1
        elif e.isLineTo():
            parts.append(f"L{pt(e)}")
            i += 1
        else:  # CurveTo followed by two CurveToData elements
            parts.append(f"C{pt(e)} {pt(path.elementAt(i + 1))} {pt(path.elementAt(i + 2))}")
            i += 3
    return "".join(parts) + "Z"


def svg_text() -> str:
    glyph = glyph_path("接", (58, 30, 140, 140))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{VIEW}" height="{VIEW}" viewBox="0 0 {VIEW} {VIEW}">
  <title>全岗接待台 Desk</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{RED_TOP}"/>
      <stop offset="1" stop-color="{RED_BOTTOM}"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#tile)"/>
  <path fill="{WHITE}" stroke="{WHITE}" stroke-width="5" stroke-linejoin="round" fill-rule="nonzero" d="{glyph}"/>
  <rect x="36" y="184" width="184" height="16" rx="5" fill="{GOLD}"/>
  <rect x="56" y="200" width="144" height="26" rx="3" fill="{GOLD}" fill-opacity="0.55"/>
</svg>
"""


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (accepted since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        blob = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    svg = ICONS / "desk.svg"
    svg.write_text(svg_text(), encoding="utf-8")
    pngs = {}
    for size in PNG_SIZES:
        pngs[size] = render_png(svg, size)
        (ICONS / f"desk-{size}.png").write_bytes(pngs[size])
    (ICONS / "desk.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    print(f"wrote {svg} and {len(PNG_SIZES)} PNGs and desk.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
