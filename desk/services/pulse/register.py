"""The problem register (问题清单): promote a cluster to a tracked problem, date its measures,
link orders (suggested by place and words), reopen a solved problem that comes back, and say
whether each measure worked. Supervisors only; every change is in the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import func, select, text

from desk.i18n import _, by_language, L_, label, M_, pgettext
from desk.models import Problem, ProblemMeasure, ProblemOrder, WorkOrder
from desk.services import audit
from desk.services.dto import Actor
from desk.errors import NotFound, ValidationError
from desk.rules.enums import Action
from desk.rules.permissions import Permission, require
from desk.services.pulse import describe, load
from desk.services.pulse import places as P
from desk.services.pulse.detect import Cluster, Params, detect
from desk.services.pulse.effect import Effect, rate_ratio, sentence
from desk.services.pulse.textsim import cosine_with_weights
from desk.services.store import Store, mark_changed

STATUSES = ("open", "measures", "solved", "watching")
_LABELS = (
    L_("problem.open", "Open"),
    L_("problem.measures", "Measures under way"),
    L_("problem.solved", "Solved"),
    L_("problem.watching", "Watching"),
)
_MESSAGES = (
    M_("problem_title_missing", "Give the problem a title."),
    M_("problem_title_long", "A problem title can have at most 120 characters."),
    M_("problem_not_found", "There is no problem #{number}."),
    M_("problem_already_registered", "This problem is already in the register as #{number}: follow it up there "
       "(one that was solved and came back is reopened, not registered again)."),
    M_("problem_status_unknown", "Unknown problem status: {status}."),
    M_("measure_text_missing", "Say what the measure was."),
    M_("measure_date_future", "A measure's date cannot be after today."),
    M_("measure_not_found", "There is no such measure."),
)
EFFECT_WEEKS = 13  # a quarter before and after a measure
MATCH_COSINE = 0.1  # an order's words this close to a problem's (at the same place): the same problem


@dataclass(frozen=True)
class ClusterView:
    cluster: Cluster
    place: str
    categories: str
    why: str
    pattern: str
    signals: str
    problem_number: int | None  # already in the register


@dataclass(frozen=True)
class OrderBrief:
    id: str
    ticket_no: str
    local_date: str
    summary: str
    status: str
    address: str


@dataclass(frozen=True)
class MeasureInfo:
    id: str
    taken_on: str
    text: str
    effect: Effect
    sentence: str


@dataclass(frozen=True)
class ProblemInfo:
    id: str
    number: int
    title: str
    lead_department_id: str | None
    department: str
    status: str
    status_label: str
    place: str
    level: str
    categories: str
    opened_on: str
    orders: int
    open_orders: int
    last_order: str
    measures: tuple[MeasureInfo, ...]
    back_since_solved: int = 0  # solved or watched, yet orders about it came in since: it came back

    @property
    def status_text(self) -> str:
        if self.back_since_solved and self.status in ("solved", "watching"):
            return _("{status_label} (came back: {back_since_solved})").format(
                       status_label=self.status_label, back_since_solved=self.back_since_solved)
        return self.status_label


# -- finding ---------------------------------------------------------------------------------
def _registered(session) -> list[tuple[int, str, set[str]]]:
    return [(p.number, p.place_key, set(json.loads(p.category_ids))) for p in session.scalars(select(Problem))]


def _number_in_register(registered: list[tuple[int, str, set[str]]], cluster: Cluster) -> int | None:
    """The problem this cluster already is: the same place and a category in common (whatever its
    status: a solved problem that comes back is reopened, not registered a second time)."""
    return next((n for n, key, cats in registered if key == cluster.place_key and cats & set(cluster.category_ids)),
                None)


def _views(store: Store, clusters: list[Cluster]) -> list[ClusterView]:
    names = store.names().categories
    with store.read() as s:
        registered = _registered(s)
    out = []
    for c in clusters:
        number = _number_in_register(registered, c)
        out.append(ClusterView(c, describe.place_text(c), pgettext("desk.services.pulse.register", ", ").join(by_language(*names.get(i, (i, i)))
                                                                            for i in c.category_ids),
                               describe.why(c, names), describe.pattern(c), describe.signals(c), number))
    return out


def find(store: Store, actor: Actor, date_from: date, date_to: date, params: Params = Params()) -> list[ClusterView]:
    """The period's recurring problems, best first (the register's "found" list)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    return _views(store, detect(load.facts(store, date_from, date_to), params))


def scan(store: Store, actor: Actor, progress: Callable[[int, int], None] | None = None,
         params: Params = Params()) -> list[ClusterView]:
    """The whole history, a year at a time (memory stays bounded at ten years), the years' clusters
    joined by place and main category: how long each problem has lasted. `progress(done, total)`."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    span = load.history_span(store)
    if span is None:
        return []
    windows = load.windows(span[0], span[1], days=365, step=365)
    joined: dict[int, Cluster] = {}
    for k, (a, b) in enumerate(windows):
        for c in detect(load.facts(store, a, b), params):
            # the same place and a category in common: the same problem in another year
            key = next((i for i, seen in joined.items()
                        if seen.place_key == c.place_key and set(seen.category_ids) & set(c.category_ids)), None)
            if key is None:
                joined[len(joined)] = c
            else:
                seen = joined[key]
                big = c if c.orders > seen.orders else seen
                joined[key] = replace(
                    big, category_ids=tuple(dict.fromkeys(big.category_ids + seen.category_ids + c.category_ids)),
                    order_ids=seen.order_ids + c.order_ids, tickets=seen.tickets + c.tickets,
                    orders=seen.orders + c.orders, residents=max(seen.residents, c.residents),
                    repeat_calls=seen.repeat_calls + c.repeat_calls, came_back=seen.came_back + c.came_back,
                    first=min(seen.first, c.first), last=max(seen.last, c.last),
                    weeks_active=seen.weeks_active + c.weeks_active, pulled_in=seen.pulled_in + c.pulled_in,
                    p_value=min(seen.p_value, c.p_value),
                    month_counts=tuple(a + b for a, b in zip(seen.month_counts, c.month_counts)),
                    night_share=(seen.night_share * seen.orders + c.night_share * c.orders) / (seen.orders + c.orders),
                    weekend_share=(seen.weekend_share * seen.orders + c.weekend_share * c.orders) / (seen.orders + c.orders))
        if progress is not None:
            progress(k + 1, len(windows))
    return _views(store, sorted(joined.values(), key=lambda c: (-c.score, c.place_key)))


# -- the register ----------------------------------------------------------------------------
def _problem(session, number: int) -> Problem:
    p = session.scalars(select(Problem).where(Problem.number == number)).first()
    if p is None:
        raise NotFound("problem_not_found", number=number)
    return p


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError("problem_title_missing")
    if len(title) > 120:
        raise ValidationError("problem_title_long")
    return title


def _local_today(store: Store) -> date:
    return store.now().astimezone(store.calendar().tz).date()


def promote(store: Store, actor: Actor, cluster: Cluster, title: str, lead_department_id: str | None) -> int:
    """Take a cluster into the register with its orders linked; returns the problem's number.
    Refused when the register already has it (the same place and a category in common)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    title = _title(title)
    now = store.now()
    with store.write() as s:
        already = _number_in_register(_registered(s), cluster)
        if already is not None:
            raise ValidationError("problem_already_registered", number=already)
        number = (s.scalar(select(func.max(Problem.number))) or 0) + 1
        p = Problem(number=number, title=title, lead_department_id=lead_department_id or None, status="open",
                    level=cluster.level, place_key=cluster.place_key,
                    category_ids=json.dumps(list(cluster.category_ids)),
                    terms=json.dumps(cluster.term_weights, ensure_ascii=False),
                    opened_on=_local_today(store).isoformat(), status_changed_at=now, created_by=actor.id,
                    origin_station=store.station().code)
        s.add(p)
        s.flush()
        existing = set(s.scalars(select(WorkOrder.id).where(WorkOrder.id.in_(cluster.order_ids))))
        s.add_all(ProblemOrder(problem_id=p.id, order_id=o, linked_at=now, linked_by=actor.id, how="cluster")
                  for o in dict.fromkeys(cluster.order_ids) if o in existing)
        audit.record(s, store, actor, "problem.promote", f"#{number}", f"{title} ({len(existing)})")
        mark_changed(s, "problems")
    return number


def set_status(store: Store, actor: Actor, number: int, status: str) -> None:
    require(actor.role, Permission.VIEW_DASHBOARD)
    if status not in STATUSES:
        raise ValidationError("problem_status_unknown", status=status)
    with store.write() as s:
        p = _problem(s, number)
        if p.status != status:
            audit.record(s, store, actor, "problem.status", f"#{number}", f"{p.status} -> {status}")
            p.status, p.status_changed_at = status, store.now()
            mark_changed(s, "problems")


def edit(store: Store, actor: Actor, number: int, title: str, lead_department_id: str | None) -> None:
    require(actor.role, Permission.VIEW_DASHBOARD)
    title = _title(title)
    with store.write() as s:
        p = _problem(s, number)
        p.title, p.lead_department_id = title, lead_department_id or None
        audit.record(s, store, actor, "problem.edit", f"#{number}", title)
        mark_changed(s, "problems")


def _measure_words(store: Store, taken_on: date, what: str) -> str:
    """A measure's words, refused when empty or dated after today."""
    what = (what or "").strip()
    if not what:
        raise ValidationError("measure_text_missing")
    if taken_on > _local_today(store):
        raise ValidationError("measure_date_future")
    return what


def add_measure(store: Store, actor: Actor, number: int, taken_on: date, what: str) -> None:
    """A dated measure; a problem still 'open' moves to 'measures under way'."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    what = _measure_words(store, taken_on, what)
    with store.write() as s:
        p = _problem(s, number)
        s.add(ProblemMeasure(problem_id=p.id, taken_on=taken_on.isoformat(), text=what, created_by=actor.id,
                             origin_station=store.station().code))
        if p.status == "open":
            p.status, p.status_changed_at = "measures", store.now()
        audit.record(s, store, actor, "problem.measure", f"#{number}", f"{taken_on.isoformat()} {what}")
        mark_changed(s, "problems")


def edit_measure(store: Store, actor: Actor, measure_id: str, taken_on: date, what: str) -> None:
    """Correct a measure's date or words (it syncs to the centre like the rest of the register)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    what = _measure_words(store, taken_on, what)
    with store.write() as s:
        m = s.get(ProblemMeasure, measure_id)
        if m is None:
            raise NotFound("measure_not_found")
        number = s.get(Problem, m.problem_id).number
        m.taken_on, m.text = taken_on.isoformat(), what
        audit.record(s, store, actor, "problem.measure_edit", f"#{number}", f"{taken_on.isoformat()} {what}")
        mark_changed(s, "problems")


# -- orders of a problem ---------------------------------------------------------------------
_ORDERS = text("""
SELECT w.id, w.ticket_no, w.created_local_date, w.summary, w.status, w.lane, w.number, coalesce(w.category_id, '')
FROM work_order w
WHERE w.created_local_date BETWEEN :a AND :b AND w.status NOT IN ('voided', 'merged')
  AND w.kind IN ('complaint', 'help', 'suggestion') AND w.lane LIKE :lane
""")


def _place_matches(p: Problem, place: P.Place) -> bool:
    keys = p.place_key.split("、")
    mine = place.building_key if p.level == "building" else place.lane_key
    if mine in keys:
        return True
    if place.lane and not place.road:  # typed without its road: the lane (and building) must agree
        suffix = mine.lstrip("?")
        return any(k.endswith(suffix) and P.parse(k).lane == place.lane for k in keys)
    return False


def _lane_pattern(p: Problem) -> str:
    first = P.parse(p.place_key.split("、")[0])
    return f"%{first.lane}%" if first.lane else "%"


def matches(p: Problem, lane: str, number: str, category_id: str, summary: str) -> float:
    """How well an order fits a registered problem: 0 when it is elsewhere, else 1 for its
    category, or its words' cosine with the problem's when that passes MATCH_COSINE."""
    if not _place_matches(p, P.parse(lane, number)):
        return 0.0
    if category_id and category_id in json.loads(p.category_ids):
        return 1.0
    cos = cosine_with_weights(summary, json.loads(p.terms))
    return cos if cos >= MATCH_COSINE else 0.0


def _matching(s, p: Problem, a: date, b: date) -> list[OrderBrief]:
    rows = s.execute(_ORDERS, {"a": a.isoformat(), "b": b.isoformat(), "lane": _lane_pattern(p)}).all()
    return [OrderBrief(r[0], r[1], r[2], r[3], r[4], f"{r[5]} {r[6]}".strip()) for r in rows
            if matches(p, r[5], r[6], r[7], r[3])]


def _linked(s, p: Problem) -> list[OrderBrief]:
    rows = s.execute(select(WorkOrder.id, WorkOrder.ticket_no, WorkOrder.created_local_date, WorkOrder.summary,
                            WorkOrder.status, WorkOrder.lane, WorkOrder.number)
                     .join(ProblemOrder, ProblemOrder.order_id == WorkOrder.id)
                     .where(ProblemOrder.problem_id == p.id).order_by(WorkOrder.created_local_date)).all()
    return [OrderBrief(r[0], r[1], r[2], r[3], r[4], f"{r[5]} {r[6]}".strip()) for r in rows]


def problem_orders(store: Store, actor: Actor, number: int) -> list[OrderBrief]:
    require(actor.role, Permission.VIEW_DASHBOARD)
    with store.read() as s:
        return _linked(s, _problem(s, number))


def cluster_orders(store: Store, actor: Actor, order_ids: tuple[str, ...]) -> list[OrderBrief]:
    require(actor.role, Permission.VIEW_DASHBOARD)
    out = []
    with store.read() as s:
        for k in range(0, len(order_ids), 500):
            rows = s.execute(select(WorkOrder.id, WorkOrder.ticket_no, WorkOrder.created_local_date,
                                    WorkOrder.summary, WorkOrder.status, WorkOrder.lane, WorkOrder.number)
                             .where(WorkOrder.id.in_(order_ids[k:k + 500]))).all()
            out += [OrderBrief(r[0], r[1], r[2], r[3], r[4], f"{r[5]} {r[6]}".strip()) for r in rows]
    return sorted(out, key=lambda o: (o.local_date, o.ticket_no))


def suggestions(store: Store, actor: Actor, number: int) -> list[OrderBrief]:
    """Orders at the problem's place about the same thing, not linked yet, from the last year
    (newest first)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    with store.read() as s:
        p = _problem(s, number)
        linked = _linked(s, p)
        since = date.fromisoformat(linked[0].local_date) if linked else date.fromisoformat(p.opened_on)
        since = max(since, _local_today(store) - timedelta(days=365))  # a year back: older ones are history
        ids = {o.id for o in linked}
        found = [o for o in _matching(s, p, since, _local_today(store)) if o.id not in ids]
    return sorted(found, key=lambda o: (o.local_date, o.ticket_no), reverse=True)


def link(store: Store, actor: Actor, number: int, order_ids: list[str], how: str = "suggested") -> bool:
    """Link orders to a problem; a solved problem that an order after its solving comes back to
    is reopened (returns True then)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    return _link(store, actor, number, order_ids, how)


def link_at_intake(store: Store, actor: Actor, number: int, order_id: str) -> bool:
    """The clerk's one key at intake ("这可能是已登记问题 #7"): link the new order to the problem
    (clerks may; a solved problem it comes back to is reopened, as above)."""
    require(actor.role, Action.NOTE)
    return _link(store, actor, number, [order_id], "intake")


def _link(store: Store, actor: Actor, number: int, order_ids: list[str], how: str) -> bool:
    with store.write() as s:
        return link_in(s, store, actor, number, order_ids, how)


def link_in(s, store: Store, actor: Actor, number: int, order_ids: list[str], how: str) -> bool:
    """`link`'s work inside the caller's transaction (intake links a new order in the same
    transaction that saves it). A solved problem is reopened when a linked order came after it
    was solved; the problem's history (the audit trail) says why and which order it was."""
    now = store.now()
    tz = store.calendar().tz
    reopened = False
    p = _problem(s, number)
    have = set(s.scalars(select(ProblemOrder.order_id).where(ProblemOrder.problem_id == p.id)))
    new = [o for o in dict.fromkeys(order_ids) if o not in have]
    rows = s.execute(select(WorkOrder.id, WorkOrder.created_local_date, WorkOrder.ticket_no)
                     .where(WorkOrder.id.in_(new))).all()
    dates = {r[0]: r[1] for r in rows}
    s.add_all(ProblemOrder(problem_id=p.id, order_id=o, linked_at=now, linked_by=actor.id, how=how)
              for o in new if o in dates)
    solved_on = p.status_changed_at.astimezone(tz).date().isoformat()
    back = [r for r in rows if r[1] > solved_on]
    if p.status == "solved" and back:
        p.status, p.status_changed_at, reopened = "open", now, True
        tickets = "、".join(r[2] for r in back)
        audit.record(s, store, actor, "problem.reopen", f"#{number}",
                     _("came back after solved on {solved_on}: {tickets}").format(
                         solved_on=solved_on, tickets=tickets))
    audit.record(s, store, actor, "problem.link", f"#{number}", str(len(dates)))
    mark_changed(s, "problems")
    return reopened


def reopen_reason(store: Store, number: int) -> str:
    """Why a problem was last reopened (the audit trail's words), or ""."""
    from desk.models import AuditEntry

    with store.read() as s:
        return s.scalar(select(AuditEntry.detail).where(AuditEntry.action == "problem.reopen",
                                                        AuditEntry.target == f"#{number}")
                        .order_by(AuditEntry.at.desc()).limit(1)) or ""


# -- effects ---------------------------------------------------------------------------------
def _effect(s, p: Problem, taken_on: date, today: date, weeks: int = EFFECT_WEEKS) -> Effect:
    start = taken_on - timedelta(weeks=weeks)
    end = min(today, taken_on + timedelta(weeks=weeks) - timedelta(days=1))
    orders = {o.id: o.local_date for o in _linked(s, p) + _matching(s, p, start, end)}
    before = sum(1 for d in orders.values() if start.isoformat() <= d < taken_on.isoformat())
    after = sum(1 for d in orders.values() if taken_on.isoformat() <= d <= end.isoformat())
    return rate_ratio(before, weeks, after, max(0, (end - taken_on).days + 1) / 7)


def counts(store: Store, actor: Actor) -> dict[str, int]:
    """Problems in the register by status (cheap: the dashboard's strip shows it on every reload)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    with store.read() as s:
        return dict(s.execute(select(Problem.status, func.count()).group_by(Problem.status)).all())


def _back_since(s, p: Problem, linked: list[OrderBrief], today: date, tz) -> int:
    """Orders about a solved (or watched) problem since its status was set, linked or not."""
    if p.status not in ("solved", "watching"):
        return 0
    since = p.status_changed_at.astimezone(tz).date() + timedelta(days=1)
    if since > today:
        return 0
    ids = {o.id for o in _matching(s, p, since, today)}
    ids |= {o.id for o in linked if o.local_date >= since.isoformat()}
    return len(ids)


def problems(store: Store, actor: Actor) -> list[ProblemInfo]:
    """The register with every measure's effect (orders linked to the problem or matching it)."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    names = store.names()
    cats = names.categories
    today = _local_today(store)
    tz = store.calendar().tz
    out = []
    with store.read() as s:
        for p in s.scalars(select(Problem).order_by(Problem.number)):
            linked = _linked(s, p)
            measures = []
            for m in s.scalars(select(ProblemMeasure).where(ProblemMeasure.problem_id == p.id)
                               .order_by(ProblemMeasure.taken_on)):
                e = _effect(s, p, date.fromisoformat(m.taken_on), today)
                measures.append(MeasureInfo(m.id, m.taken_on, m.text, e, sentence(e)))
            out.append(ProblemInfo(
                p.id, p.number, p.title, p.lead_department_id,
                by_language(*names.departments.get(p.lead_department_id, ("", ""))) if p.lead_department_id else "",
                p.status, label("problem." + p.status), P.label(p.place_key), p.level,
                pgettext("desk.services.pulse.register", ", ").join(by_language(*cats.get(c, (c, c))) for c in json.loads(p.category_ids)),
                p.opened_on, len(linked), sum(o.status not in ("closed", "called_back", "answered") for o in linked),
                linked[-1].local_date if linked else "", tuple(measures), _back_since(s, p, linked, today, tz)))
    return out


def weekly(store: Store, actor: Actor, number: int, weeks: int = 78) -> list[tuple[date, int]]:
    """Orders a week (linked or matching) over the last `weeks` weeks, Monday first: the chart."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    today = _local_today(store)
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    with store.read() as s:
        p = _problem(s, number)
        orders = {o.id: o.local_date for o in _linked(s, p) + _matching(s, p, first, today)}
    counts = [0] * weeks
    for d in orders.values():
        k = (date.fromisoformat(d) - first).days // 7
        if 0 <= k < weeks:
            counts[k] += 1
    return [(first + timedelta(weeks=k), counts[k]) for k in range(weeks)]


# -- intake ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Suggestion:
    number: int
    title: str
    fit: float
    status: str = "open"

    def text(self) -> str:
        solved = self.status == "solved"  # the clerk should know the key reopens it
        return _("This may be registered problem #{number}: {title}").format(
                   number=self.number, title=self.title) + (
            _(" (solved; linking reopens it)") if solved else "")


def suggest_problem(store: Store, summary: str, lane: str, number: str = "", category_id: str = "") -> list[Suggestion]:
    """Registered problems a new matter fits, best first: for the intake screen."""
    out = []
    with store.read() as s:
        for p in s.scalars(select(Problem)):  # a solved one too: linking reopens it
            fit = matches(p, lane, number, category_id, summary)
            if fit > 0:
                out.append(Suggestion(p.number, p.title, fit, p.status))
    return sorted(out, key=lambda x: (-x.fit, x.number))
