"""Reading work orders: the queue (filters, views, search, sort, windows) and one order."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from desk.i18n import by_language
from desk.models import Event, Staff, Visitor, WorkOrder
from desk.services import search, settings, validation
from desk.rules.lifecycle import EXTENDABLE, allowed_actions
from desk.services import audit
from desk.services.common import add_event, find_order, make_row, overdue_condition, visitor_info
from desk.services.event_reasons import reason_text
from desk.services.dto import Actor, EventInfo, OrderDetail, OrderFilter, OrderRow
from desk.rules.enums import CLOCK_STATUSES, OPEN_STATUSES, Action, Status
from desk.errors import ValidationError
from desk.rules.permissions import Permission, require
from desk.services.reference import category_descendants
from desk.services.store import Store

VIEWS = ("all", "today", "mine", "open", "overdue", "due_soon", "awaiting_callback", "supervised", "extension_requested")
SORTS = {
    "created_at": WorkOrder.created_at,
    "ticket_no": WorkOrder.ticket_no,
    "status": WorkOrder.status,
    "kind": WorkOrder.kind,
    "resolve_due_at": WorkOrder.resolve_due_at,
    "urgency": WorkOrder.urgency,
}
# What make_row reads (see desk.services.common.make_row).
_ROW_COLUMNS = [getattr(WorkOrder, name) for name in (
    "id", "ticket_no", "created_at", "status", "kind", "channel", "urgency", "category_id", "summary",
    "lead_department_id", "area_id", "lane", "number", "accept_due_at", "resolve_due_at", "supervised",
    "extension_state", "rating")]
_TICKET_RE = re.compile(r"^[A-Z0-9]{2,8}-\d{8}-\d{4}$")
_ROWID = literal_column("work_order.rowid")
_PHONE_LIKE_RE = re.compile(r"^\+?[\d()\- ]{7,}$")
# Where an extension request can still be approved or refused.
_EXTENDABLE = sorted(s.value for s in EXTENDABLE)


def _clock_values():
    return [s.value for s in CLOCK_STATUSES]


def conditions(store: Store, actor: Actor, f: OrderFilter) -> list:
    """SQL conditions for a filter; shared by the queue, the counts and the dashboard drill-down."""
    now = store.now()
    where = []
    if f.view == "today":
        where.append(WorkOrder.created_local_date == now.astimezone(store.calendar().tz).date().isoformat())
    elif f.view == "mine":
        where.append(WorkOrder.registered_by == actor.id)
    elif f.view == "open":
        where.append(WorkOrder.status.in_([s.value for s in OPEN_STATUSES]))
    elif f.view == "overdue":
        where.append(overdue_condition(now))
    elif f.view == "due_soon":
        hours = settings.get(store, "due_soon_hours")
        where.append(and_(WorkOrder.status.in_(_clock_values()), WorkOrder.resolve_due_at >= now,
                          WorkOrder.resolve_due_at <= now + timedelta(hours=hours)))
    elif f.view == "awaiting_callback":
        where.append(WorkOrder.status == Status.RESOLVED.value)
    elif f.view == "supervised":
        where.append(and_(WorkOrder.supervised.is_(True), WorkOrder.status.in_([s.value for s in OPEN_STATUSES])))
    elif f.view == "extension_requested":
        # Only where a supervisor can still approve it (a resolved order's request is moot).
        where.append(and_(WorkOrder.extension_state == "requested", WorkOrder.status.in_(_EXTENDABLE)))
    if f.statuses:
        where.append(WorkOrder.status.in_(f.statuses))
    if f.department_ids:
        where.append(WorkOrder.lead_department_id.in_(f.department_ids))
    if f.category_ids:
        ids: set[str] = set()
        for cid in f.category_ids:
            ids |= category_descendants(store, cid)
        where.append(WorkOrder.category_id.in_(sorted(ids)))
    if f.area_ids:
        where.append(WorkOrder.area_id.in_(f.area_ids))
    if f.kinds:
        where.append(WorkOrder.kind.in_(f.kinds))
    if f.channels:
        where.append(WorkOrder.channel.in_(f.channels))
    if f.date_from:
        where.append(WorkOrder.created_local_date >= validation.iso_date(f.date_from).isoformat())
    if f.date_to:
        where.append(WorkOrder.created_local_date <= validation.iso_date(f.date_to).isoformat())
    if f.visitor_id:
        where.append(WorkOrder.visitor_id == f.visitor_id)
    if f.ids:
        where.append(WorkOrder.id.in_(f.ids))
    if f.text.strip():
        where.append(text_condition(f.text))
    return where


def text_condition(query: str, *, scan_in_order: bool = False):
    """Ticket number, phone, name, address or any text, including two-character Chinese.

    scan_in_order: for a word found in thousands of orders, let SQLite walk the queue's sort
    index and test each order against the hits (stopping after one window), instead of
    fetching and sorting every hit (the unary + keeps the rowid from being used as a key)."""
    kind, value = _interpret(query)
    if kind == "ticket":
        return WorkOrder.ticket_no == value
    if kind == "like":
        # One character matches too much to index; scan the summaries instead.
        like = f"%{value}%"
        return or_(WorkOrder.summary.like(like), WorkOrder.lane.like(like))
    if kind == "none":
        return WorkOrder.id.is_(None)
    rowid = _UNINDEXED_ROWID if scan_in_order else _ROWID
    return rowid.in_(_hits(value))


def _interpret(query: str) -> tuple[str, str]:
    """What typed text searches by: ("ticket", ticket), ("like", one character),
    ("match", FTS5 expression) or ("none", "")."""
    q = validation.normalise_search(query).strip()
    validation.text(q, "search")  # refuses an over-long query (see validation.LIMITS)
    if _TICKET_RE.match(q.upper()):
        return "ticket", q.upper()
    if _PHONE_LIKE_RE.match(q):
        # A number typed the way it is printed (138 1234 5678, 021-64331234, +86 …) is one phone.
        try:
            q = validation.phone(q) or q
        except ValidationError:
            pass
    if search.is_single_cjk(q):
        return "like", q
    expr = search.match_expression(q)
    return ("match", expr) if expr is not None else ("none", "")


def _match_expression(query: str) -> str | None:
    """The FTS5 expression when the text is searched through the index, else None."""
    kind, value = _interpret(query)
    return value if kind == "match" else None


def _hits(expr: str):
    return (select(literal_column("rowid")).select_from(text("order_search"))
            .where(text("order_search MATCH :match")).params(match=expr))


# Beyond this many hits, walking the sort index beats sorting every hit.
_MANY_HITS = 1000
# Beyond this offset, a window in the second half is read from the other end.
_FAR_OFFSET = 2000
_UNINDEXED_ROWID = literal_column("+work_order.rowid")


def _many_hits(session: Session, query: str) -> bool:
    expr = _match_expression(query)
    if expr is None:
        return False
    probe = _hits(expr).limit(_MANY_HITS).subquery()
    return session.scalar(select(func.count()).select_from(probe)) >= _MANY_HITS


# A filter matching fewer orders than this is sorted; a larger one is read in sort order.
_FEW = 5000
_UNSORTED = {name: literal_column(f"+work_order.{column.key}") for name, column in SORTS.items()}
_UNSORTED_ID = literal_column("+work_order.id")


def _text_only_match(f: OrderFilter) -> str | None:
    """The FTS5 expression when the filter is nothing but searchable text."""
    if not f.text.strip() or replace(f, text="") != OrderFilter():
        return None
    return _match_expression(f.text)


def count_orders(store: Store, actor: Actor, f: OrderFilter = OrderFilter()) -> int:
    with store.read() as s:
        expr = _text_only_match(f)
        if expr is not None:
            # Every order has one search row: count the hits without reading the orders.
            return s.scalar(select(func.count()).select_from(_hits(expr).subquery()))
        return s.scalar(select(func.count()).select_from(WorkOrder).where(*conditions(store, actor, f)))


_NEWEST_WINDOW_MAX = 1000  # windows this deep into a frequent word's hits use _newest_hits
# The first span reaches back to this many times the hits wanted: orders of the same hour are
# not in id order, so a span holding just `want` hits would seldom prove itself at once.
_SPAN_MARGIN = 2


def _first_span(session: Session, expr: str, top: int, want: int) -> int:
    """How many of the newest orders hold the word's newest `want * _SPAN_MARGIN` hits, read
    from the index alone (it lists a word's rowids newest first without touching the orders).
    A fixed span read every hit in it: 漏水 (3 % of a million orders) 20,000 orders, 560 rows
    and 346 sort-index pages for 100 rows, each page decrypted on an encrypted file."""
    newest = (select(literal_column("rowid").label("hit")).select_from(text("order_search"))
              .where(text("order_search MATCH :match")).params(match=expr)
              .order_by(literal_column("rowid").desc()).limit(want * _SPAN_MARGIN).subquery())
    low = session.scalar(select(func.min(newest.c.hit)))
    return max(top - low + 1, want) if low is not None else top


def _newest_hits(session: Session, where: list, query: str, want: int) -> list[int] | None:
    """rowids of the newest `want` orders matching a frequent word, without reading all its
    hits (漏水 has tens of thousands): look among the most recently inserted orders first,
    widening the span until it holds `want` matches, then add the matches outside the span
    that are newer than the last one found (see _newer_outside). None when the span would
    have to cover half the orders."""
    expr = _match_expression(query)
    top = session.scalar(select(func.max(_ROWID)).select_from(WorkOrder)) or 0
    span = _first_span(session, expr, top, want)
    while span < top // 2:
        low = top - span
        in_span = (select(literal_column("rowid")).select_from(text("order_search"))
                   .where(text("order_search MATCH :match AND rowid > :low")).params(match=expr, low=low))
        found = session.execute(
            select(_ROWID, WorkOrder.created_at, WorkOrder.id).where(*where, _ROWID.in_(in_span))
            .order_by(_UNSORTED["created_at"].desc(), _UNSORTED_ID.desc()).limit(want)).all()
        if len(found) == want:
            extra = _newer_outside(session, where, expr, low, found[-1][1], found[-1][2], want)
            if extra:
                found = sorted([*found, *extra], key=lambda r: (r[1], r[2]), reverse=True)[:want]
            return [r[0] for r in found]
        span *= 4
    return None


def _newer_outside(session: Session, where: list, expr: str, low: int, at, ident: str, want: int) -> list:
    """Matches at rowids <= low newer than (at, ident) in the queue's order, newest first, at
    most `want`: orders whose rowids do not follow their times (a clock set back, rows from
    another station). Usually there are none, which the sort index shows by reading only the
    orders newer than (at, ident) (+ keeps SQLite walking it). Widening the span until it held
    them instead read 8,221 pages for 漏水 at a million orders and then gave up."""
    newer = [literal_column("+work_order.rowid") <= low, WorkOrder.created_at >= at,
             or_(WorkOrder.created_at > at, WorkOrder.id > ident), *where]
    probe = select(_ROWID).where(*newer).order_by(WorkOrder.created_at.desc(), WorkOrder.id.desc()).limit(1)
    if session.scalar(probe) is None:
        return []
    outside = (select(literal_column("rowid")).select_from(text("order_search"))
               .where(text("order_search MATCH :match AND rowid <= :low")).params(match=expr, low=low))
    return session.execute(
        select(_ROWID, WorkOrder.created_at, WorkOrder.id).where(*newer, _UNINDEXED_ROWID.in_(outside))
        .order_by(WorkOrder.created_at.desc(), WorkOrder.id.desc()).limit(want)).all()


def _date_window(store: Store, f: OrderFilter) -> list:
    """created_at bounds a day wider than the local dates asked for: redundant with the date
    condition (results are the same), but they let SQLite read the sort index by range."""
    tz = store.calendar().tz
    out = []
    try:  # near year 1 or 9999 the wider bound does not exist: then it is not needed either
        if f.date_from:
            start = datetime.combine(validation.iso_date(f.date_from), time(0), tz) - timedelta(days=1)
            out.append(WorkOrder.created_at >= start)
        if f.date_to:
            end = datetime.combine(validation.iso_date(f.date_to), time(0), tz) + timedelta(days=2)
            out.append(WorkOrder.created_at < end)
    except OverflowError:
        return []
    return out


def list_orders(store: Store, actor: Actor, f: OrderFilter = OrderFilter(), *, sort: str = "created_at",
                descending: bool = True, offset: int = 0, limit: int = 100) -> list[OrderRow]:
    """One window of the queue. The UI asks for the window it shows; nothing else is loaded.

    Shaped for a million orders: the window's keys are chosen first from the indexes alone
    (rowids in sort order), then only those rows are read; a window past the middle is
    counted from the other end, so jumping to the end is as quick as the first page."""
    if limit <= 0:
        return []
    column = SORTS.get(sort, WorkOrder.created_at)
    now = store.now()
    due_soon = settings.get(store, "due_soon_hours")
    offset = max(0, offset)
    flipped = False
    with store.read() as s:
        where = conditions(store, actor, replace(f, text="")) + _date_window(store, f)
        newest = None
        if f.text.strip():
            # The search index says how many hits there are (see text_condition).
            few = not _many_hits(s, f.text)
            if not few and sort == "created_at" and descending and offset + limit <= _NEWEST_WINDOW_MAX:
                newest = _newest_hits(s, where, f.text, offset + limit)
            where.append(text_condition(f.text, scan_in_order=not few))
        else:
            # Few matches (overdue, a quiet view): sort them. Walking the sort index instead
            # would read every order to find them; the unary + keeps SQLite from doing that.
            probe = select(literal_column("1")).select_from(WorkOrder).where(*where).limit(_FEW).subquery()
            few = s.scalar(select(func.count()).select_from(probe)) < _FEW
        if offset > _FAR_OFFSET:
            total = s.scalar(select(func.count()).select_from(WorkOrder).where(*where))
            end = min(offset + limit, total)
            if end <= offset:
                return []
            if offset > total // 2:
                descending, flipped = not descending, True
                offset, limit = total - end, end - offset
        order_by = [column.desc(), WorkOrder.id.desc()] if descending else [column.asc(), WorkOrder.id.asc()]
        key_order = order_by
        if few:
            plain, ident = _UNSORTED.get(sort, _UNSORTED["created_at"]), _UNSORTED_ID
            key_order = [plain.desc(), ident.desc()] if descending else [plain.asc(), ident.asc()]
        keys = select(_ROWID).select_from(WorkOrder).where(*where).order_by(*key_order).offset(offset).limit(limit)
        if newest is not None:
            keys = newest[offset:offset + limit]
        # Only the columns a list row shows: building a hundred full ORM objects cost more
        # than the query.
        q = (select(*_ROW_COLUMNS, Visitor.name.label("visitor_name"), Visitor.phone.label("visitor_phone"))
             .outerjoin(Visitor, Visitor.id == WorkOrder.visitor_id)
             .where(_ROWID.in_(keys))
             .order_by(*order_by))
        rows = [make_row(store, r, r.visitor_name or "", r.visitor_phone or "", now, due_soon) for r in s.execute(q)]
    return rows[::-1] if flipped else rows


def _events(session: Session, order_id: str) -> tuple[EventInfo, ...]:
    rows = session.scalars(select(Event).where(Event.order_id == order_id).order_by(Event.at, Event.seq)).all()
    out = []
    for e in rows:
        data = json.loads(e.data or "{}")
        # A reason the desk wrote is a code: rendered here, in the reader's language.
        out.append(EventInfo(e.id, e.at, e.actor_name, e.kind, e.from_status, e.to_status,
                             reason_text(e.kind, e.reason, data), data))
    return tuple(out)


def get_order(store: Store, actor: Actor, ref: str, *, reveal: bool = False) -> OrderDetail:
    """One order with its visitor (masked unless `reveal`, which is recorded), history and the
    actions this actor may take now."""
    if reveal:
        require(actor.role, Permission.REVEAL_PERSONAL_DATA)
    detail, order_id, ticket, visitor_id = _detail(store, actor, ref, reveal=reveal)
    if reveal:
        # Who saw personal data: the only write a read makes, and only when asked to reveal.
        with store.write() as w:
            add_event(w, store, w.get(WorkOrder, order_id), actor, Action.REVEAL.value)
            audit.record(w, store, actor, "reveal", ticket, visitor_id)
    return detail


def read_order(store: Store, actor: Actor, ref: str) -> OrderDetail:
    """One order, masked, as get_order shows it; a pure read (what a write returns)."""
    return _detail(store, actor, ref, reveal=False)[0]


def _detail(store: Store, actor: Actor, ref: str, *, reveal: bool) -> tuple[OrderDetail, str, str, str]:
    now = store.now()
    due_soon = settings.get(store, "due_soon_hours")
    names = store.names()
    with store.read() as s:
        order = find_order(s, ref)
        visitor = s.get(Visitor, order.visitor_id) if order.visitor_id else None
        row = make_row(store, order, visitor.name if visitor else "", visitor.phone if visitor else "", now, due_soon)
        siblings = tuple(s.scalars(select(WorkOrder.ticket_no).where(WorkOrder.visit_id == order.visit_id,
                                                                     WorkOrder.id != order.id)
                                   .order_by(WorkOrder.ticket_no)))
        merged_into = s.get(WorkOrder, order.merged_into_id) if order.merged_into_id else None
        assists = tuple(json.loads(order.assist_department_ids or "[]"))
        registered_by = s.get(Staff, order.registered_by) if order.registered_by else None
        detail = OrderDetail(
            row=row, visit_id=order.visit_id, details=order.details, lane=order.lane, number=order.number,
            room=order.room if reveal else ("***" if order.room else ""),
            # A merged order takes its original's result.
            result=merged_into.result if merged_into and not order.result else order.result,
            solved=order.solved, rating=order.rating, return_count=order.return_count,
            reopen_count=order.reopen_count, extension_count=order.extension_count,
            extension_days=order.extension_days, assist_department_ids=assists,
            assist_department_names=tuple(by_language(*names.departments[d]) for d in assists if d in names.departments),
            merged_into_ticket=merged_into.ticket_no if merged_into else "",
            registered_by_name=registered_by.display_name if registered_by else "",
            visitor=visitor_info(store, visitor, reveal=reveal) if visitor else None,
            siblings=siblings, events=_events(s, order.id),
            allowed_actions=allowed_actions(order.status, actor.role, extension_state=order.extension_state,
                                            supervised=order.supervised),
        )
        return detail, order.id, order.ticket_no, visitor.id if visitor else ""


def visit_orders(store: Store, visit_id: str) -> list[OrderRow]:
    """Every order of one visit, in ticket order (what one slip carries)."""
    now = store.now()
    due_soon = settings.get(store, "due_soon_hours")
    with store.read() as s:
        q = (select(WorkOrder, Visitor.name, Visitor.phone).outerjoin(Visitor, Visitor.id == WorkOrder.visitor_id)
             .where(WorkOrder.visit_id == visit_id).order_by(WorkOrder.ticket_no))
        return [make_row(store, o, name or "", phone or "", now, due_soon) for o, name, phone in s.execute(q)]
