"""CSV, XLSX and Open311 exports read back: headers, Chinese, real dates, masking, audit."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import datetime

import pytest
from openpyxl import load_workbook

from desk.printing import exports
from desk.services import audit
from desk.errors import PermissionDenied, ValidationError
from tests.known_orders import known, store  # noqa: F401 - the shared dataset fixtures


def _expected_count(known, f, t):
    con = sqlite3.connect(known.path)
    try:
        return con.execute("SELECT count(*) FROM work_order WHERE created_local_date BETWEEN ? AND ?", (f, t)).fetchone()[0]
    finally:
        con.close()


def test_csv_is_utf8_with_bom_and_masked(store, known, tmp_path):
    result = exports.export(store, known.clerk, "2026-12-01", "2026-12-10", "csv", tmp_path / "o.csv")
    raw = (tmp_path / "o.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "o.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == result.rows == _expected_count(known, "2026-12-01", "2026-12-10") > 20
    assert rows[0]["工单号"].startswith("SX-202612") and "受理时间" in rows[0]
    assert all("****" in r["电话"] for r in rows if r["电话"])
    assert "13900001111" not in raw.decode("utf-8-sig") and "王建国" not in raw.decode("utf-8-sig")
    assert any(r["来访人"] == "王*国" for r in rows)
    assert all(r["受理时间"][:10] >= "2026-12-01" for r in rows)


def test_xlsx_has_headers_widths_and_real_dates(store, known, tmp_path):
    result = exports.export(store, known.supervisor, "2026-11-30", "2026-12-18", "xlsx", tmp_path / "o.xlsx")
    ws = load_workbook(tmp_path / "o.xlsx").active
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["工单号", "受理时间", "渠道"]
    assert ws.max_row - 1 == result.rows == _expected_count(known, "2026-11-30", "2026-12-18")
    created = ws.cell(row=2, column=2)
    assert isinstance(created.value, datetime) and created.is_date
    assert created.number_format == "yyyy-mm-dd hh:mm"
    assert ws.column_dimensions["A"].width == 18 and ws.column_dimensions[
        ws.cell(row=1, column=exports.COLUMNS.index("summary") + 1).column_letter].width == 40
    # The local time of intake, not UTC: the first order is 2026-11-30 at or after 09:00.
    assert created.value >= datetime(2026, 11, 30, 9, 0)


def test_open311_shape(store, known, tmp_path):
    exports.export(store, known.clerk, "2026-12-01", "2026-12-18", "open311", tmp_path / "o.json")
    items = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    keys = {"service_request_id", "service_code", "service_name", "description", "address", "status",
            "status_notes", "agency_responsible", "requested_datetime", "updated_datetime", "expected_datetime"}
    assert all(keys <= set(i) for i in items)
    assert {i["status"] for i in items} == {"open", "closed"}
    leak = next(i for i in items if i["service_code"] == "HOUSE-LEAK" and i["expected_datetime"])
    assert leak["service_name"] == "漏水渗水" and leak["requested_datetime"].endswith("+08:00")
    assert datetime.fromisoformat(leak["expected_datetime"]) > datetime.fromisoformat(leak["requested_datetime"])
    assert any(i["agency_responsible"] == "物业服务企业" for i in items)


def test_full_export_needs_a_supervisor_and_is_audited(store, known, tmp_path):
    with pytest.raises(PermissionDenied):
        exports.export(store, known.clerk, "2026-12-01", "2026-12-18", "csv", tmp_path / "x.csv", full=True)
    assert not (tmp_path / "x.csv").exists()
    exports.export(store, known.supervisor, "2026-12-01", "2026-12-18", "csv", tmp_path / "full.csv", full=True)
    text = (tmp_path / "full.csv").read_text(encoding="utf-8-sig")
    assert "13900001111" in text and "王建国" in text
    entries = audit.list_entries(store, known.supervisor)
    assert entries[0].action == "export.full" and entries[0].actor_name == "陈静"
    assert entries[0].target == "2026-12-01..2026-12-18" and '"format": "csv"' in entries[0].detail


def test_bad_format_and_range(store, known, tmp_path):
    with pytest.raises(ValidationError):
        exports.export(store, known.clerk, "2026-12-01", "2026-12-18", "pdf", tmp_path / "x")
    with pytest.raises(ValidationError):
        list(exports.export_rows(store, known.clerk, "2026-12-18", "2026-12-01"))
