"""The cold start to the first typed key (benchmarks/firstkey.py) at a tiny scale: a real desk
process under Xvfb + openbox, its log-in typed with xdotool the moment its window maps. Every
key must land (the desk logs in as the name typed), beside the bare-window floor."""

from __future__ import annotations

import shutil

import pytest

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "openbox", "xdotool", "xdpyinfo")),
                                 reason="needs Xvfb, openbox, xdotool and x11-utils (scripts/test.sh installs them)")]


def test_keys_typed_as_the_window_maps_all_land(tmp_path):
    from benchmarks import database, firstkey

    db = tmp_path / "desk.sqlite3"
    database.build(db, 400, 1, reuse=False, log=lambda *a: None)
    fig = firstkey.measure(str(db), reps=1, log=lambda *a: None)
    assert fig.detail["logged_in_as"] == [firstkey.USER], fig.detail
    assert fig.value > 0 and fig.floor > 0
