"""The queue's page-step benchmark (benchmarks/queue_repaint.py) at a tiny scale: the real
window pages through the queue with the desk's model, then with the floor's C++ model."""

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
