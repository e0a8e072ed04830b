"""Two diagnosis benchmarks at a tiny scale: the queue's page steps (benchmarks/queue_repaint.py,
the desk's model beside the C++ floor) and the b-trees a save writes (benchmarks/save_btrees.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_page_steps_are_measured_with_the_desks_model_and_the_floor(tmp_path):
    from benchmarks import database, queue_repaint

    db = tmp_path / "desk.sqlite3"
    database.build(db, 400, 1, reuse=False, log=lambda *a: None)
    desk, floor, (width, height) = queue_repaint.measure(db, steps=6)
    assert len(desk) == len(floor) == 6 and all(t > 0 for t in desk + floor)
    assert width > 0 and height > 0


def test_the_btrees_a_save_writes_are_named(tmp_path, capsys):
    from benchmarks import database, save_btrees

    db = tmp_path / "desk.sqlite3"
    database.build(db, 400, 1, reuse=False, log=lambda *a: None)
    assert save_btrees.main(["--db", str(db), "--saves", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("pages written in") == 2 and "mean over 2 saves" in out and " ? " not in out
    assert "sqlite_autoindex_sync_clock_1" in out and "sync_outbox" in out and "ix_sync_outbox_batch_id" not in out
