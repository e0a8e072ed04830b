"""Build the bundled fallback fonts: every GB 18030-2022 level-1 and level-2 character that the
main font (WenQuanYi Micro Hei) has no glyph for, subset from free TrueType (glyf) fonts.

    .venv/bin/python scripts/build_fallback_fonts.py            # writes resources/fonts/desk-han-*.ttf

Sources (Debian packages; licences copied beside the output):
- fonts-hanazono HanaMinA.ttf (GlyphWiki; Hanazono Font License, or SIL OFL 1.1): Extension A,
  the URO characters WenQuanYi lacks, and the 196 level-2 characters outside the BMP;
- fonts-babelstone-han BabelStoneHan.ttf (Arphic Public License): the 31 characters of Unicode
  13-14 (U+4DB6-4DBF, U+9FEB-9FFF) that HanaMinA (2017) predates.
ReportLab embeds only TrueType outlines (glyf), which both are. Hinting and layout tables are
dropped (ReportLab and Qt draw these at text sizes without them), which keeps the files small.

The level-2 list (resources/fonts/gb18030_level2.txt) comes from the Unihan database (kTGH);
`--level2 DIR` regenerates it from a Unihan_OtherMappings.txt in DIR.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HANAZONO = Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")
BABELSTONE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
OUT = ROOT / "resources" / "fonts"


def _cmap(path: Path, index: int = 0) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path), fontNumber=index, lazy=True).getBestCmap())


def _subset(source: Path, codepoints: set[int], out: Path, family: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # copyright and licence stay in the file
    opts.drop_tables += ["vhea", "vmtx", "VORG", "GSUB", "GPOS", "GDEF", "DSIG"]
    font = TTFont(str(source))
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(codepoints))
    sub.subset(font)
    name = font["name"]
    for rec in name.names:  # a new family name: the subset is not the original font (licences ask it)
        if rec.nameID in (1, 4):
            rec.string = family
        elif rec.nameID == 6:
            rec.string = family.replace(" ", "")
        elif rec.nameID == 3:
            rec.string = f"{family}; subset for Desk"
    font.save(str(out))


def write_level2(unihan_dir: Path) -> None:
    rows = []
    for line in (unihan_dir / "Unihan_OtherMappings.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "kTGH":
            rows.append(int(parts[0][2:], 16))
    assert len(rows) == 8105, len(rows)
    sip = sorted(c for c in rows if c > 0xFFFF)
    head = (OUT / "gb18030_level2.txt").read_text(encoding="utf-8").splitlines()
    comments = [line for line in head if line.startswith("#")]
    (OUT / "gb18030_level2.txt").write_text(
        "\n".join(comments + [f"U+{c:X}\t{chr(c)}" for c in sip]) + "\n", encoding="utf-8")


def main() -> int:
    from desk.printing import font_chain

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--level2", type=Path, help="regenerate the level-2 list from this Unihan folder first")
    args = p.parse_args()
    if args.level2:
        write_level2(args.level2)
    target = font_chain.repertoire() | {ord(c) for c in font_chain.EXTRA_NAME_CHARACTERS}
    main_font = _cmap(Path(font_chain.MAIN_FONT), 0)
    need = target - main_font
    hana = _cmap(HANAZONO)
    from_hana = need & hana
    from_babel = (need - hana) & _cmap(BABELSTONE)
    _subset(HANAZONO, from_hana, OUT / "desk-han-a.ttf", "Desk Han A")
    _subset(BABELSTONE, from_babel, OUT / "desk-han-b.ttf", "Desk Han B")
    left = need - from_hana - from_babel
    for f in ("desk-han-a.ttf", "desk-han-b.ttf"):
        print(f"{f}: {(OUT / f).stat().st_size / 1e6:.2f} MB")
    print(f"repertoire {len(target)}: main font {len(target & main_font)}, Desk Han A {len(from_hana)}, "
          f"Desk Han B {len(from_babel)}, none {len(left)}")
    return 0 if not left else 1


if __name__ == "__main__":
    raise SystemExit(main())
