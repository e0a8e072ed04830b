"""benchmarks/pulse_speed.py at a small scale: it runs, opens the file read-only and reports the
month against its 2 s target (the real figures are in benchmarks/README.md)."""

import json


def test_the_speed_benchmark_runs_and_leaves_the_file_unchanged(tmp_path, capsys):
    from benchmarks.pulse_speed import main

    db = tmp_path / "small.sqlite3"
    assert main(["--generate", "--db", str(db), "--days", "40", "--per-day", "30", "--repeat", "2"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["month"]["met"] and first["month"]["problem_orders"] > 0 and first["scan"]["years"]
    stamp = db.stat().st_mtime_ns
    assert main(["--db", str(db), "--repeat", "1", "--no-scan"]) == 0
    assert db.stat().st_mtime_ns == stamp  # read-only
