"""Figures, percentiles, the printed table and the JSON file.

Machines are shared and absolute times drift, so a figure carries its floor (the same work
done the plainest way, measured in the same run, interleaved with the figure) and the ratio.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable

NOT_MERGED = "not yet measurable (code not merged)"


@dataclass
class Figure:
    key: str
    what: str
    unit: str  # "ms", "s" or "MB"
    value: float | None = None
    floor: float | None = None
    target: str = ""
    met: bool | None = None  # None: no target to judge, or not measured
    note: str = ""
    detail: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    def as_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        return d


def pending(key: str, what: str, target: str, note: str = NOT_MERGED) -> Figure:
    return Figure(key, what, "", target=target, note=note)


def percentile(values: Iterable[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(values)
    if not s:
        return math.nan
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def timed_ms(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def interleaved(subject: Callable[[int], object], floor: Callable[[int], object], reps: int,
                warmup: int = 2) -> tuple[list[float], list[float]]:
    """Run subject and floor alternately (ms each), so load on a shared machine hits both alike."""
    for i in range(warmup):
        subject(-1 - i)
        floor(-1 - i)
    a, b = [], []
    for i in range(reps):
        a.append(timed_ms(lambda: subject(i)))
        b.append(timed_ms(lambda: floor(i)))
    return a, b


def fmt(v: float | None, unit: str = "") -> str:
    if v is None:
        return "—"
    if unit == "x":
        return f"{v:.2f}×"
    if abs(v) >= 100:
        text = f"{v:.0f}"
    elif abs(v) >= 10:
        text = f"{v:.1f}"
    else:
        text = f"{v:.2f}"
    return f"{text} {unit}".strip()


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "floor", "ratio", "target", "met?")]
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "NO")
        if f.value is None and f.note:
            rows.append((f.what, f.note, "", "", f.target, met))
            continue
        rows.append((f.what, fmt(f.value, f.unit), fmt(f.floor, f.unit), fmt(f.ratio, "x"), f.target, met))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append(" | ".join(_pad(c, w) for c, w in zip(r, widths)))
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: list[Figure]) -> str:
    out = ["| figure | value | floor | ratio | target | met? |", "|---|---|---|---|---|---|"]
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "**no**")
        if f.value is None and f.note:
            out.append(f"| {f.what} | {f.note} | | | {f.target} | {met} |")
        else:
            out.append(f"| {f.what} | {fmt(f.value, f.unit)} | {fmt(f.floor, f.unit)} | {fmt(f.ratio, 'x')} "
                       f"| {f.target} | {met} |")
    return "\n".join(out)


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def write_json(path, meta: dict, figures: list[Figure]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"meta": meta, "figures": [f.as_dict() for f in figures]}, fh, ensure_ascii=False, indent=2)
