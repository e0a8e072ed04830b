"""benchmarks/suggest.py runs end to end at a small scale (the million-order figures are in
benchmarks/README.md) and its keystroke figures stay under the 50 ms goal."""

import json

import pytest


@pytest.mark.slow
def test_suggestion_benchmark_smoke(tmp_path, qapp):
    from benchmarks import suggest

    out = tmp_path / "suggest.json"
    assert suggest.main(["--smoke", "--entries", "1000", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["entries"] == 1000 and result["trained_on_orders"] > 0
    assert result["compute_ms"]["p95"] <= 50 and result["on_screen_ms"]["p95"] <= 50
