"""The category box's pinyin keys are computed in a child process (issue 18): importing pypinyin
on a thread of the window held Python's lock for 0.2-0.4 s right after log-in."""

from __future__ import annotations

import subprocess
import sys

from desk.services import suggest

NAMES = (("c1", "装修噪音", "NOISE-RENO", "噪音扰民"), ("c2", "漏水", "HOUSE-LEAK", ""))


def test_the_window_process_never_imports_pypinyin_and_gets_the_same_keys():
    script = (
        "import sys\n"
        "from desk.ui.suggestions import search_keys\n"
        f"keys = search_keys({NAMES!r})\n"
        "assert 'pypinyin' not in sys.modules, 'pypinyin was imported by the window process'\n"
        "print(repr(keys))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    keys = eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 (our own repr of a dict of str)
    assert keys == suggest.search_keys_of(NAMES)
    assert "zxzy" in keys["c1"] and "zhuangxiuzaoyin" in keys["c1"] and "noise-reno" in keys["c1"]
    assert "lous" in keys["c2"] or "loushui" in keys["c2"]
