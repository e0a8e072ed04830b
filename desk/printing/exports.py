"""Exports for the subdistrict office and other systems: CSV (UTF-8 with BOM, so Excel reads the
Chinese), XLSX with real dates, and Open311 GeoReport v2 JSON.

Personal data (name, phone, room) is masked unless a supervisor asks for a full export, which is
written to the audit log with who, when and what range.

Safe to open in Excel (OWASP, CSV injection): a text cell beginning with = + - @ TAB or CR is
never a formula. In CSV it is written by defusedcsv with a leading apostrophe (Excel's "this is
text" mark; TAB and CR, which defusedcsv leaves alone, get the same); in XLSX every text cell is
typed as text (with Excel's quote-prefix style on those cells, so editing one keeps it text), so
openpyxl and Excel read back exactly the resident's text. Masking keeps the first character
(=**1), so masked cells go through the same door.

The API the window uses: `export(store, actor, date_from, date_to, fmt, out, full=False)` ->
ExportResult; `export_rows` streams the rows; `csv_text` and `FORMULA_LEADS` say what a CSV cell
becomes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterator, Optional

from sqlalchemy import func, select

from desk.i18n import _, by_language, label, M_, pgettext, pzh_en, zh_en
from desk.models import Category, Department, ResidentialArea, Visitor, WorkOrder
from desk.services import audit, privacy, validation
from desk.services.common import address_text
from desk.services.dto import Actor
from desk.rules.enums import OPEN_STATUSES
from desk.errors import ValidationError
from desk.services.figure_definitions import first_contact_j, latest_callback_solved
from desk.rules.permissions import Permission, require
from desk.services.store import Store

FORMATS = ("csv", "xlsx", "open311")

_MESSAGES = (
    M_("bad_export_format", "“{value}” is not an export format: choose csv, xlsx or open311."),
    M_("bad_range", "The start date {start} is after the end date {end}."),
)


@dataclass(frozen=True)
class ExportRow:
    ticket_no: str
    created_at: datetime  # local
    channel: str
    kind: str
    category_code: str
    category: str
    summary: str
    urgency: str
    area: str
    address: str
    visitor_name: str
    visitor_phone: str
    department: str
    status: str
    status_label: str
    accept_due_at: Optional[datetime]
    resolve_due_at: Optional[datetime]
    accepted_at: Optional[datetime]
    resolved_at: Optional[datetime]
    updated_at: datetime
    result: str
    solved: Optional[bool]
    rating: Optional[int]
    # The headline solved rate is the resident's word at the latest callback (figure_definitions).
    resident_solved: Optional[bool]
    first_contact_at: Optional[datetime]  # 先行联系, local
    return_count: int
    reopen_count: int
    extension_count: int
    supervised: bool


HEADERS = {
    "ticket_no": zh_en("Ticket"), "created_at": zh_en("Received"), "channel": zh_en("Channel"),
    "kind": zh_en("Kind"), "category_code": zh_en("Category code"), "category": zh_en("Category"),
    "summary": zh_en("Matter"), "urgency": zh_en("Urgency"), "area": zh_en("Area"),
    "address": zh_en("Address"), "visitor_name": zh_en("Visitor"), "visitor_phone": zh_en("Phone"),
    "department": pzh_en("desk.printing.exports", "Department"), "status": zh_en("Status code"),
    "status_label": zh_en("Status"), "accept_due_at": pzh_en("desk.printing.exports", "Accept by"),
    "resolve_due_at": pzh_en("desk.printing.exports", "Resolve by"), "accepted_at": zh_en("Accepted"),
    "resolved_at": zh_en("Resolved"), "updated_at": zh_en("Updated"), "result": zh_en("Result"),
    "solved": zh_en("Solved (department's claim)"), "rating": zh_en("Rating"),
    "resident_solved": zh_en("Solved (resident)"), "first_contact_at": zh_en("First contact"), "return_count": pzh_en("desk.printing.exports", "Returns"),
    "reopen_count": zh_en("Reopenings"), "extension_count": zh_en("Extensions"),
    "supervised": pzh_en("desk.printing.exports", "Supervised"),
}
COLUMNS = [f.name for f in fields(ExportRow)]
_DATETIMES = {"created_at", "accept_due_at", "resolve_due_at", "accepted_at", "resolved_at", "updated_at",
              "first_contact_at"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    rows: int
    full: bool


def export_rows(store: Store, actor: Actor, date_from: str, date_to: str, *, full: bool = False,
                tickets: Optional[Collection[str]] = None) -> Iterator[ExportRow]:
    """Orders registered between the two local dates (inclusive), oldest first, streamed;
    `tickets`: only these (the window's current list, desk/printing/order_list.py)."""
    start, end = validation.iso_date(date_from), validation.iso_date(date_to)
    if start > end:
        raise ValidationError("bad_range", start=start, end=end)
    tz = store.calendar().tz
    names = store.names()
    local = lambda m: m.astimezone(tz).replace(tzinfo=None) if m else None  # noqa: E731 - Excel has no time zones
    q = (select(WorkOrder, Visitor.name, Visitor.phone, Category.code, Department.name, Department.name_en,
                ResidentialArea.name, ResidentialArea.name_en, latest_callback_solved(),
                func.datetime(first_contact_j()))
         .outerjoin(Visitor, Visitor.id == WorkOrder.visitor_id)
         .outerjoin(Category, Category.id == WorkOrder.category_id)
         .outerjoin(Department, Department.id == WorkOrder.lead_department_id)
         .outerjoin(ResidentialArea, ResidentialArea.id == WorkOrder.area_id)
         .where(WorkOrder.created_local_date >= start.isoformat(), WorkOrder.created_local_date <= end.isoformat())
         .order_by(WorkOrder.created_at, WorkOrder.ticket_no))
    with store.read() as s:
        for o, name, phone, cat_code, dep, dep_en, area, area_en, said, contacted in s.execute(q).yield_per(1000):
            if tickets is not None and o.ticket_no not in tickets:
                continue
            cat = names.categories.get(o.category_id) if o.category_id else None
            yield ExportRow(
                ticket_no=o.ticket_no, created_at=local(o.created_at), channel=label(f"channel.{o.channel}"),
                kind=label(f"kind.{o.kind}"), category_code=cat_code or "", category=by_language(*cat) if cat else "",
                summary=o.summary, urgency=label(f"urgency.{o.urgency}"), area=by_language(area or "", area_en or area or ""),
                address=address_text(o.lane, o.number, o.room, masked=not full),
                visitor_name=(name or "") if full else privacy.mask_name(name or ""),
                visitor_phone=(phone or "") if full else privacy.mask_phone(phone or ""),
                department=by_language(dep or "", dep_en or dep or ""), status=o.status, status_label=label(f"status.{o.status}"),
                accept_due_at=local(o.accept_due_at), resolve_due_at=local(o.resolve_due_at),
                accepted_at=local(o.accepted_at), resolved_at=local(o.resolved_at), updated_at=local(o.updated_at),
                result=o.result or "", solved=o.solved, rating=o.rating,
                resident_solved=None if said is None else bool(said),
                first_contact_at=local(datetime.fromisoformat(contacted).replace(tzinfo=timezone.utc)) if contacted else None,
                return_count=o.return_count,
                reopen_count=o.reopen_count, extension_count=o.extension_count, supervised=bool(o.supervised))


def export(store: Store, actor: Actor, date_from: str, date_to: str, fmt: str, out: Path | str, *,
           full: bool = False, tickets: Optional[Collection[str]] = None) -> ExportResult:
    """Write the orders of the range to `out`; a full export is refused to clerks and audited."""
    if fmt not in FORMATS:
        raise ValidationError("bad_export_format", value=fmt)
    require(actor.role, Permission.EXPORT_FULL if full else Permission.EXPORT_MASKED)
    out = Path(out)
    rows = export_rows(store, actor, date_from, date_to, full=full, tickets=tickets)
    count = {"csv": _csv, "xlsx": _xlsx, "open311": _open311}[fmt](store, rows, out)
    with store.write() as s:
        audit.record(s, store, actor, "export.full" if full else "export.masked", f"{date_from}..{date_to}",
                     json.dumps({"format": fmt, "rows": count, "file": out.name}, ensure_ascii=False))
    return ExportResult(out, fmt, count, full)


def _cell(name: str, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


# What makes a spreadsheet read a cell as a formula or a command (OWASP CSV injection).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A CSV cell as written: defusedcsv's apostrophe for = + - @ | % (and its \\| for a pipe in
    such a cell, against DDE); the same apostrophe for a leading TAB or CR, which it lets through."""
    if isinstance(value, str) and value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def _csv(store: Store, rows, out: Path) -> int:
    from defusedcsv import csv as defused

    n = 0
    # utf-8-sig writes the BOM Excel needs to read UTF-8; newline="" lets csv write \r\n itself.
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = defused.writer(fh)
        w.writerow([by_language(*HEADERS[c]) for c in COLUMNS])
        for r in rows:
            w.writerow([csv_text(_cell(c, getattr(r, c))) for c in COLUMNS])
            n += 1
    return n


WIDTHS = {"ticket_no": 18, "created_at": 17, "summary": 40, "address": 22, "result": 40, "department": 18,
          "category": 16, "area": 14, "visitor_phone": 14, "accept_due_at": 17, "resolve_due_at": 17,
          "accepted_at": 17, "resolved_at": 17, "updated_at": 17}


def _xlsx(store: Store, rows, out: Path) -> int:
    """Streamed (write-only) workbook: a year of orders does not sit in memory as cell objects."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(pgettext("desk.printing.exports", "Orders"))
    for i, c in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(c, 10)
    ws.freeze_panes = "B2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF5")
    header = []
    for c in COLUMNS:
        cell = WriteOnlyCell(ws, value=by_language(*HEADERS[c]))
        cell.font, cell.fill = bold, fill
        header.append(cell)
    ws.append(header)
    n = 0
    for r in rows:
        out_row = []
        for c in COLUMNS:
            value = getattr(r, c)
            if c in _DATETIMES and value is not None:
                cell = WriteOnlyCell(ws, value=value)  # a real date, shown without seconds
                cell.number_format = "yyyy-mm-dd hh:mm"
                out_row.append(cell)
            elif value is None or isinstance(value, (int, datetime)) and not isinstance(value, bool):
                out_row.append(value)
            else:
                out_row.append(_text_cell(ws, _cell(c, value)))
        ws.append(out_row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{n + 1}"
    wb.save(out)
    return n


# Characters XML 1.0 cannot hold (an XLSX is XML): U+FFFE/FFFF and the other noncharacters,
# C0 controls. The desk refuses them on input; rows stored by older versions may hold some.
_NOT_XML = __import__("re").compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _text_cell(ws, value: str):
    """Text, never a formula: openpyxl would store '=1+1' as one (and '@', '+', '-' are formulas
    when someone edits the cell in Excel), so such cells are typed as text with a quote prefix.
    A character XML cannot hold becomes a visible U+FFFD (a broken file would lose the sheet)."""
    from openpyxl.cell import WriteOnlyCell

    if value and _NOT_XML.search(value):
        value = _NOT_XML.sub("\ufffd", value)
    if not value or value[:1] not in FORMULA_LEADS:
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _iso(moment: Optional[datetime], tz) -> Optional[str]:
    return moment.replace(tzinfo=tz).isoformat() if moment else None


def _open311(store: Store, rows, out: Path) -> int:
    """GeoReport v2 service requests (the GET /requests response shape), times with their offset."""
    tz = store.calendar().tz
    open_values = {s.value for s in OPEN_STATUSES}
    items = []
    for r in rows:
        items.append({
            "service_request_id": r.ticket_no,
            "status": "open" if r.status in open_values else "closed",
            "status_notes": r.result or r.status_label,
            "service_name": r.category or r.kind,
            "service_code": r.category_code or r.kind,
            "description": r.summary,
            "agency_responsible": r.department,
            "service_notice": "",
            "requested_datetime": _iso(r.created_at, tz),
            "updated_datetime": _iso(r.updated_at, tz),
            "expected_datetime": _iso(r.resolve_due_at, tz),
            "address": " ".join(x for x in (r.area, r.address) if x),
            "address_id": "",
            "zipcode": "",
            "lat": None,
            "long": None,
            "media_url": "",
        })
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(items)

