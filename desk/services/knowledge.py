"""The station's knowledge base (知识库): supervisors curate entries; clerks propose them (an
answer given at the desk becomes a proposed entry in one step); published entries valid today
are suggested at intake; which entry answered which order is recorded for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Optional

from sqlalchemy import func, select, text

from desk.i18n import M_, zh_en
from desk.models import Category, Department, KnowledgeEntry, KnowledgeUse, WorkOrder
from desk.services import validation
from desk.services.audit import record
from desk.services.dto import Actor
from desk.rules.enums import Kind
from desk.errors import NotFound, PermissionDenied, ValidationError
from desk.rules.permissions import Permission, allowed
from desk.services.store import Store, mark_changed
from desk.services.suggest import KnowledgeDoc

STATUSES = ("proposed", "published", "retired")
AUDIENCES = ("public", "staff")

validation.FIELD_NAMES.update({
    "question": zh_en("question"), "answer": zh_en("answer"), "variants": zh_en("other ways of asking"),
    "source": zh_en("source"), "valid_from": zh_en("valid from"), "valid_until": zh_en("valid until"),
    "review_on": zh_en("review date"), "status": zh_en("status"),
})
validation.LIMITS.update({"question": 200, "answer": 5000, "variants": 5000, "source": 200})

_MESSAGES = (
    M_("kb_not_found", "This knowledge-base entry no longer exists."),
    M_("kb_dates", "The entry would expire before it starts: check the dates."),
    M_("kb_curate", "Only supervisors publish, edit or retire knowledge-base entries; clerks may propose new ones."),
    M_("kb_no_answer", "This order was not answered at the desk, so there is no answer to turn into an entry."),
)


@dataclass(frozen=True)
class KnowledgeInput:
    question: str
    answer: str
    variants: str = ""
    category_id: Optional[str] = None
    department_id: Optional[str] = None
    audience: str = "public"
    status: str = "published"
    valid_from: str = ""
    valid_until: str = ""
    review_on: str = ""
    source: str = ""


@dataclass(frozen=True)
class KnowledgeInfo:
    id: str
    code: str
    question: str
    variants: tuple[str, ...]
    answer: str
    category_id: Optional[str]
    department_id: Optional[str]
    audience: str
    status: str
    valid_from: str
    valid_until: str
    review_on: str
    source: str
    is_sample: bool
    uses: int
    needs_review: str  # '' or why: expired, review_due, sample, proposed

    def as_input(self) -> KnowledgeInput:
        return KnowledgeInput(self.question, self.answer, "\n".join(self.variants), self.category_id,
                              self.department_id, self.audience, self.status, self.valid_from, self.valid_until,
                              self.review_on, self.source)


@dataclass(frozen=True)
class KnowledgeUsage:
    used: tuple[tuple[str, int], ...]  # (question, times used), most used first
    unanswered: tuple[tuple[str, int], ...]  # consultations answered without an entry: (summary, times)


def _today(store: Store) -> str:
    return store.now().astimezone(store.calendar().tz).date().isoformat()


def _review_reason(e: KnowledgeEntry, today: str) -> str:
    if e.status == "proposed":
        return "proposed"
    if e.status == "published" and e.valid_until and e.valid_until < today:
        return "expired"
    if e.review_on and e.review_on <= today and e.status == "published":
        return "review_due"
    if e.is_sample:
        return "sample"
    return ""


def _info(e: KnowledgeEntry, uses: int, today: str) -> KnowledgeInfo:
    return KnowledgeInfo(e.id, e.code, e.question, tuple(v for v in e.variants.splitlines() if v.strip()), e.answer,
                         e.category_id, e.department_id, e.audience, e.status, e.valid_from or "", e.valid_until or "",
                         e.review_on or "", e.source, e.is_sample, uses, _review_reason(e, today))


def list_entries(store: Store, *, review_only: bool = False) -> list[KnowledgeInfo]:
    """Every entry (the screen filters as the supervisor types), the ones to review first."""
    today = _today(store)
    with store.read() as s:
        uses = dict(s.execute(select(KnowledgeUse.entry_id, func.count()).group_by(KnowledgeUse.entry_id)).all())
        rows = [_info(e, uses.get(e.id, 0), today) for e in s.scalars(select(KnowledgeEntry))]
    if review_only:
        rows = [r for r in rows if r.needs_review]
    order = {"proposed": 0, "expired": 1, "review_due": 2, "sample": 3, "": 4}
    rows.sort(key=lambda r: (order[r.needs_review], r.status == "retired", -r.uses, r.question))
    return rows


def get_entry(store: Store, entry_id: str) -> KnowledgeInfo:
    with store.read() as s:
        e = s.get(KnowledgeEntry, entry_id)
        if e is None:
            raise NotFound("kb_not_found")
        n = s.scalar(select(func.count()).select_from(KnowledgeUse).where(KnowledgeUse.entry_id == entry_id))
        return _info(e, n or 0, _today(store))


def _clean(value: KnowledgeInput) -> KnowledgeInput:
    dates = {}
    for field in ("valid_from", "valid_until", "review_on"):
        raw = (getattr(value, field) or "").strip()
        dates[field] = validation.iso_date(raw).isoformat() if raw else ""
    if dates["valid_from"] and dates["valid_until"] and dates["valid_until"] < dates["valid_from"]:
        raise ValidationError("kb_dates")
    variants = "\n".join(v.strip() for v in validation.text(value.variants, "variants").splitlines() if v.strip())
    return replace(
        value, question=validation.text(value.question, "question", required=True, multiline=False).strip(),
        answer=validation.text(value.answer, "answer", required=True).strip(), variants=variants,
        audience=value.audience if value.audience in AUDIENCES else "public",
        status=value.status if value.status in STATUSES else "published",
        source=validation.text(value.source, "source", multiline=False).strip(), **dates)


def save_entry(store: Store, actor: Actor, entry_id: Optional[str], value: KnowledgeInput, *,
               from_order_id: Optional[str] = None) -> KnowledgeInfo:
    """Supervisors create and edit anything; a clerk's new entry is saved as a proposal."""
    curator = allowed(actor.role, Permission.MANAGE_REFERENCE)
    if entry_id and not curator:
        raise PermissionDenied("kb_curate")
    value = _clean(value)
    if not curator:
        value = replace(value, status="proposed")
    with store.write() as s:
        for model, ref in ((Category, value.category_id), (Department, value.department_id)):
            if ref and s.get(model, ref) is None:
                raise NotFound("kb_not_found")
        e = s.get(KnowledgeEntry, entry_id) if entry_id else KnowledgeEntry(proposed_by=actor.id,
                                                                             from_order_id=from_order_id)
        if e is None:
            raise NotFound("kb_not_found")
        e.question, e.answer, e.variants = value.question, value.answer, value.variants
        e.category_id, e.department_id, e.audience, e.status = (value.category_id, value.department_id,
                                                                value.audience, value.status)
        e.valid_from, e.valid_until, e.review_on = value.valid_from or None, value.valid_until or None, value.review_on or None
        e.source, e.updated_by = value.source, actor.display_name
        e.is_sample = False  # a supervisor's save is the review a sample entry waits for
        s.add(e)
        s.flush()
        record(s, store, actor, "kb.save", target=e.id, detail=f"{e.status}: {e.question}")
        mark_changed(s, "knowledge")
        entry_id = e.id
    return get_entry(store, entry_id)


def set_status(store: Store, actor: Actor, entry_id: str, status: str) -> KnowledgeInfo:
    """Publish a proposal or retire an entry (supervisors)."""
    if not allowed(actor.role, Permission.MANAGE_REFERENCE):
        raise PermissionDenied("kb_curate")
    if status not in STATUSES:
        raise ValidationError("bad_choice", field=validation.field_label("status"), value=status)
    with store.write() as s:
        e = s.get(KnowledgeEntry, entry_id)
        if e is None:
            raise NotFound("kb_not_found")
        e.status, e.updated_by = status, actor.display_name
        record(s, store, actor, "kb.status", target=e.id, detail=status)
        mark_changed(s, "knowledge")
    return get_entry(store, entry_id)


def propose_from_order(store: Store, actor: Actor, order_id: str) -> KnowledgeInfo:
    """One step from a consultation answered at the desk to a proposed entry: its summary is the
    question, the answer given is the answer."""
    with store.read() as s:
        o = s.get(WorkOrder, order_id)
        if o is None:
            raise NotFound("kb_not_found")
        if not o.result.strip():
            raise ValidationError("kb_no_answer")
        value = KnowledgeInput(question=o.summary, answer=o.result, category_id=o.category_id,
                               department_id=o.lead_department_id, status="proposed", source=o.ticket_no)
    return save_entry(store, actor, None, value, from_order_id=order_id)


def suggestable(store: Store) -> list[KnowledgeDoc]:
    """Published entries valid today: what intake may suggest (expired ones are listed for
    review instead)."""
    today = _today(store)
    with store.read() as s:
        rows = s.scalars(select(KnowledgeEntry).where(KnowledgeEntry.status == "published")).all()
        return [KnowledgeDoc(e.id, e.question, e.answer, (e.question, *[v for v in e.variants.splitlines() if v.strip()]),
                             e.category_id)
                for e in rows if (not e.valid_from or e.valid_from <= today) and (not e.valid_until or e.valid_until >= today)]


def usage(store: Store, date_from: date, date_to: date, limit: int = 8) -> KnowledgeUsage:
    """The answers used most in a period, and the consultations answered without any entry
    (the entries to write next), most frequent first."""
    params = {"a": date_from.isoformat(), "b": date_to.isoformat(), "n": limit, "k": Kind.CONSULT.value}
    with store.read() as s:
        used = s.execute(text(
            "SELECT e.question, COUNT(*) FROM kb_use u JOIN kb_entry e ON e.id = u.entry_id "
            "WHERE u.local_date BETWEEN :a AND :b GROUP BY e.id ORDER BY 2 DESC, 1 LIMIT :n"), params).all()
        missing = s.execute(text(
            "SELECT o.summary, COUNT(*) FROM work_order o LEFT JOIN kb_use u ON u.order_id = o.id "
            "WHERE o.created_local_date BETWEEN :a AND :b AND o.kind = :k AND o.status != 'void' "
            "AND u.order_id IS NULL GROUP BY o.summary ORDER BY 2 DESC, 1 LIMIT :n"), params).all()
    return KnowledgeUsage(tuple((q, n) for q, n in used), tuple((q, n) for q, n in missing))


def record_use(session, order: WorkOrder, entry_id: str, local_date: str) -> None:
    """Called by intake in the saving transaction when an entry answered the order."""
    if session.get(KnowledgeEntry, entry_id) is None:
        raise NotFound("kb_not_found")
    session.add(KnowledgeUse(order_id=order.id, entry_id=entry_id, local_date=local_date))
