"""desk slip | report | export from the command line, on a copy of the known dataset."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desk.cli import main
from tests import known_orders, pdftools
from tests.conftest import PASSWORD


@pytest.fixture
def db(tmp_path, monkeypatch):
    ds = known_orders.dataset(tmp_path)
    ds.store.close()
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    return ds


def _ticket(db) -> str:
    con = sqlite3.connect(db.path)
    try:
        return con.execute("SELECT w.ticket_no FROM work_order w WHERE (SELECT count(*) FROM work_order x "
                           "WHERE x.visit_id = w.visit_id) = 1 ORDER BY w.ticket_no LIMIT 1").fetchone()[0]
    finally:
        con.close()


def test_slip_then_reprint(db, tmp_path, capsys):
    ticket = _ticket(db)
    out = tmp_path / "slip.pdf"
    assert main(["--db", str(db.path), "slip", ticket, "--out", str(out), "--user", "wangli", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["tickets"] == [ticket] and first["reprint"] is False
    assert ticket in pdftools.text(out)
    assert main(["--db", str(db.path), "slip", ticket, "--layout", "a5", "--out", str(out), "--user", "wangli",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reprint"] is True
    assert "补打" in pdftools.text(out)


def test_slip_to_a_missing_printer_keeps_the_pdf(db, tmp_path, capsys):
    out = tmp_path / "slip.pdf"
    code = main(["--db", str(db.path), "slip", _ticket(db), "--out", str(out), "--print", "NoSuchPrinter",
                 "--user", "wangli"])
    assert code == 3 and out.exists()
    assert str(out) in capsys.readouterr().out


def test_monthly_report(db, tmp_path, capsys):
    out = tmp_path / "m.pdf"
    assert main(["--db", str(db.path), "report", "monthly", "--date", "2026-12-05", "--out", str(out),
                 "--user", "chenjing", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pages"] == pdftools.pages(out) >= 2
    assert data["figures"]["intake"] > 50 and data["figures"]["period"]["date_from"] == "2026-12-01"
    assert data["figures"]["period"]["date_to"] == "2026-12-31"  # the wire's encoding (one figures-to-JSON)
    # A clerk is refused with a message, not a traceback.
    assert main(["--db", str(db.path), "report", "daily", "--date", "2026-12-05", "--out", str(out),
                 "--user", "wangli"]) == 2
    assert "desk:" in capsys.readouterr().err


def test_exports(db, tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["--db", str(db.path), "export", "--from", "2026-12-01", "--to", "2026-12-18", "--format", "csv",
                 "--out", str(out), "--user", "wangli"]) == 0
    assert "13900001111" not in out.read_text(encoding="utf-8-sig")
    assert main(["--db", str(db.path), "export", "--from", "2026-12-01", "--to", "2026-12-18", "--format", "csv",
                 "--out", str(tmp_path / "full.csv"), "--full", "--user", "wangli"]) == 2
    assert not (tmp_path / "full.csv").exists()
    capsys.readouterr()
    assert main(["--db", str(db.path), "export", "--from", "2026-12-01", "--to", "2026-12-18", "--format",
                 "open311", "--out", str(tmp_path / "o.json"), "--full", "--user", "chenjing", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["full"] and done["rows"] == len(json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))) > 0
    con = sqlite3.connect(db.path)
    try:
        assert con.execute("SELECT actor_name, action FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone() == (
            "陈静", "export.full")
    finally:
        con.close()
