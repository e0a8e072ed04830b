"""The evaluation of benchmarks/pulse_eval.py at a small scale: planted problems found with
precision and recall of at least 0.9 (held-out wording)."""

from benchmarks.pulse_eval import run


def test_planted_problems_are_found_with_precision_and_recall_at_least_09():
    out = run(range(2001, 2004), days=365, per_day=30)
    assert out["planted"] >= 20
    assert out["precision"] >= 0.9, out
    assert out["recall"] >= 0.9, out
