"""The columns of a list of work orders, defined once: the window's queue, the printed list
(desk/printing/order_list.py) and `desk orders list` show the same columns, headed, sized,
aligned and formatted from this table. (The spreadsheet export, desk/printing/exports.py, is
a wider table of its own: every field, for analysis.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Callable, Optional

from desk.i18n import _, by_language, label, zh_en
from desk.services.dto import OrderRow



def _sample(zh: str, en: str) -> tuple[str, str]:
    """Typical content of a column in each language, for measuring widths: data, not words."""
    return zh, en

@dataclass(frozen=True)
class OrderColumn:
    key: str
    header: tuple[str, str]  # (中文, English)
    sort: Optional[str]  # the sort key of queries.list_orders, None: not sortable
    sample: tuple[str, str]  # typical content: the window measures widths in text (large text widens them)
    paper_mm: float  # width on the printed A4 landscape list (276 mm inside the margins in all)
    align: str  # "left" | "center" | "right"
    text: Callable[[OrderRow, tzinfo], str]  # the cell, in the current language


def local_time(moment: Optional[datetime], tz: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(tz).strftime(fmt) if moment is not None else ""


def _status(r: OrderRow, _tz) -> str:
    text = label(f"status.{r.status}")
    return text + _(" (supervised)") if r.supervised else text


ORDER_COLUMNS: tuple[OrderColumn, ...] = (
    OrderColumn("ticket", zh_en("Ticket"), "ticket_no", ("SX-20261130-0001 !",) * 2, 32, "left",
                lambda r, tz: r.ticket_no + (" !" if r.urgency == "urgent" else "")),
    OrderColumn("created", zh_en("Registered"), "created_at", ("2026-11-30 10:27",) * 2, 28, "center",
                lambda r, tz: local_time(r.created_at, tz)),
    OrderColumn("status", zh_en("Status"), "status", _sample("处理中（督办）", "In progress (supervised)"), 20, "left",
                _status),
    OrderColumn("kind", zh_en("Kind"), "kind", _sample("求助求助", "Request for help"), 14, "left",
                lambda r, tz: label(f"kind.{r.kind}") if r.kind else ""),
    OrderColumn("category", zh_en("Category"), None, _sample("酒吧餐饮噪音", "Bar and restaurant noise"), 22, "left",
                lambda r, tz: r.category_name),
    OrderColumn("summary", zh_en("Summary"), None, ("楼上卫生间漏水，天花板渗水严重",) * 2, 44, "left",
                lambda r, tz: r.summary),
    OrderColumn("department", zh_en("Department"), None, _sample("社区卫生服务中心", "Property management"), 23, "left",
                lambda r, tz: r.department_name),
    OrderColumn("address", zh_en("Address"), None,
                _sample("陕西居民区 嘉善路490弄31号", "Shaanxi residential area 嘉善路490弄"), 34, "left",
                lambda r, tz: f"{r.area_name} {r.address}".strip()),
    OrderColumn("visitor", zh_en("Visitor"), None, ("王*珍 180****1234",) * 2, 31, "left",
                lambda r, tz: f"{r.visitor_name} {r.visitor_phone}".strip()),
    OrderColumn("due", zh_en("Resolve by"), "resolve_due_at", ("2026-12-05 00:00",) * 2, 28, "center",
                lambda r, tz: local_time(r.resolve_due_at, tz)),
)
COLUMN_KEYS = tuple(c.key for c in ORDER_COLUMNS)


def headers() -> list[str]:
    return [by_language(*c.header) for c in ORDER_COLUMNS]


def cells(row: OrderRow, tz: tzinfo) -> list[str]:
    return [c.text(row, tz) for c in ORDER_COLUMNS]
