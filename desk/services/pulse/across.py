"""The all-stations problem register (issue 17): problems that different stations registered
about the same thing, grouped for the subdistrict's monthly review (每月一题), each station's
problem with its measures and their effect, and a sentence saying why they were grouped.

Runs on any desk-format file holding several stations' registers: the centre's mirror
(desk.server.mirror; served by GET /v1/problems) or a test's file. Two problems of different
stations are the same problem when their places meet and they are about the same thing:

- places: the same building or lane once normalised (desk.services.pulse.places: 陕西南路 550 弄
  17 号 and 550弄17号 are one key), or overlapping (a building inside the other's lane, two
  buildings of one lane, a lane typed without its road on one side);
- the same thing: a category in common, or titles / order words alike (the pulse's own
  bigram TF-IDF cosine, desk.services.pulse.textsim).

A shared place alone is not enough: noise and a leak in one lane are two problems. Nothing is
guessed beyond that; the sentence says which of the tests held.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import select

from desk.i18n import _, by_language, label, pgettext
from desk.models import Problem, ProblemMeasure, ProblemOrder, Station, WorkOrder
from desk.rules.permissions import Permission, require
from desk.services.dto import Actor
from desk.services.pulse import places as P
from desk.services.pulse.effect import rate_ratio, sentence
from desk.services.pulse import register  # noqa: F401 - registers the status labels
from desk.services.pulse.textsim import TfIdf, terms
from desk.services.store import Store

SIMILAR = 0.3  # titles or order words this alike (cosine): about the same thing
EFFECT_WEEKS = 13  # as the station's register: a quarter before and after a measure
SAME, OVERLAP = "same", "overlap"


@dataclass(frozen=True)
class MeasureLine:
    taken_on: str
    text: str
    effect: str  # the effect in words (linked orders a week before and after)


@dataclass(frozen=True)
class StationProblem:
    station: str  # code
    station_name: str
    number: int
    title: str
    status: str
    status_label: str
    place: str
    categories: str
    opened_on: str
    orders: int  # orders the station linked to it
    measures: tuple[MeasureLine, ...]

    @property
    def ref(self) -> str:
        return f"{self.station} #{self.number}"

    @property
    def effect(self) -> str:
        """The latest measure's effect, or that none was taken yet."""
        return self.measures[-1].effect if self.measures else _("No measure taken yet.")


@dataclass(frozen=True)
class ProblemGroup:
    place: str
    stations: tuple[str, ...]
    why: str
    problems: tuple[StationProblem, ...]


@dataclass(frozen=True)
class AllStations:
    groups: tuple[ProblemGroup, ...]  # problems that span stations, the most stations first
    alone: tuple[StationProblem, ...]  # every other problem, by station and number


# -- places ----------------------------------------------------------------------------------
def _places(place_key: str) -> list[P.Place]:
    return [P.parse(k) for k in place_key.split("、") if k.strip()]


def _keys(p: P.Place) -> tuple[str, str]:
    return p.building_key, p.lane_key


def place_text(place_key: str) -> str:
    """A problem's place normalised, as people write it (永嘉路 35 弄 8 号 -> 永嘉路35弄8号)."""
    keys = [p.building_key or p.lane_key for p in _places(place_key)]
    return "、".join(P.label(k) for k in keys if k) or P.label(place_key)


def place_relation(a_key: str, b_key: str) -> tuple[str, str] | None:
    """(SAME or OVERLAP, the place in words) for two problems' place keys, or None."""
    return _relation(_places(a_key), _places(b_key))


def _relation(a_places: list[P.Place], b_places: list[P.Place]) -> tuple[str, str] | None:
    best = None
    for a in a_places:
        for b in b_places:
            if not a.lane_key or not b.lane_key:
                continue
            if _keys(a) == _keys(b):
                return SAME, P.label(a.building_key or a.lane_key)
            roads_agree = a.road == b.road or not a.road or not b.road
            if a.lane and a.lane == b.lane and roads_agree:
                best = best or (OVERLAP, P.label(f"{a.road or b.road or '?'}{a.lane}弄"))
    return best


# -- the same thing --------------------------------------------------------------------------
# Road names and numbers in a title: every problem in a lane shares them, they say nothing
# about what the problem is (永嘉路35弄垃圾 and 永嘉路35弄漏水 are two problems).
_PLACE_WORDS = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:路|街|巷)|\d+\s*(?:支弄|弄|号)?")


def _what(title: str) -> str:
    """A title without its place: the words that say what the problem is."""
    return _PLACE_WORDS.sub("", unicodedata.normalize("NFKC", title or ""))


def _weights(text: str) -> dict[str, float]:
    try:
        return {k: float(v) for k, v in json.loads(text or "{}").items()}
    except (ValueError, AttributeError):
        return {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na, nb = sum(v * v for v in a.values()) ** 0.5, sum(v * v for v in b.values()) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


@dataclass
class _Row:
    index: int
    problem: Problem
    info: StationProblem
    categories: set[str]
    weights: dict[str, float]
    places: list[P.Place]
    title: dict[int, float]  # the title's TF-IDF vector (unit length), column -> weight


def _why(a: _Row, b: _Row, relation: tuple[str, str], common: list[str], words: list[str], cat_names) -> str:
    where = (_("the same place ({relation})").format(relation=relation[1]) if relation[0] == SAME
             else _("overlapping places (both in {relation})").format(relation=relation[1]))
    what = []
    if common:
        names = pgettext("desk.services.pulse.across", ", ").join(by_language(*cat_names.get(c, (c, c))) for c in common)
        what.append(_("both about {names}").format(names=names))
    if words:
        shown = pgettext("desk.services.pulse.across", ", ").join(words)
        what.append(_("similar titles and order words ({shown})").format(shown=shown))
    joined = pgettext("desk.services.pulse.across", "; ").join(what)
    return _("{ref} and {ref2}: {where}, {joined}.").format(
               ref=a.info.ref, ref2=b.info.ref, where=where, joined=joined)


def _link(a: _Row, b: _Row, cat_names) -> tuple[str, str] | None:
    """(the shared place, the sentence) joining two stations' problems, or None when they are
    not the same problem."""
    relation = _relation(a.places, b.places)
    if relation is None:
        return None
    common = sorted(a.categories & b.categories)
    title_sim = sum(v * b.title.get(k, 0.0) for k, v in a.title.items())
    similar = max(title_sim, _cosine(a.weights, b.weights))
    if not common and similar < SIMILAR:
        return None
    words = []
    if similar >= SIMILAR:
        shared = set(terms(_what(a.problem.title))) & set(terms(_what(b.problem.title)))
        shared |= {w for w in a.weights if w in b.weights}
        ranked = sorted(shared, key=lambda w: (-(a.weights.get(w, 0) + b.weights.get(w, 0)), w))
        words = ranked[:3]
    return relation[1], _why(a, b, relation, common, words, cat_names)


# -- reading the register --------------------------------------------------------------------
def _effect_text(dates: list[str], taken_on: date, today: date) -> str:
    start = taken_on - timedelta(weeks=EFFECT_WEEKS)
    end = min(today, taken_on + timedelta(weeks=EFFECT_WEEKS) - timedelta(days=1))
    before = sum(1 for d in dates if start.isoformat() <= d < taken_on.isoformat())
    after = sum(1 for d in dates if taken_on.isoformat() <= d <= end.isoformat())
    return sentence(rate_ratio(before, EFFECT_WEEKS, after, max(0, (end - taken_on).days + 1) / 7))


def _rows(store: Store) -> list[_Row]:
    names = store.names()
    cats = names.categories
    today = store.now().astimezone(store.calendar().tz).date()
    out: list[_Row] = []
    with store.read() as s:
        stations = {st.code: by_language(st.name, st.name_en or st.name) for st in s.scalars(select(Station))}
        problems = s.scalars(select(Problem).order_by(Problem.origin_station, Problem.number)).all()
        measures: dict[str, list[ProblemMeasure]] = {}
        for m in s.scalars(select(ProblemMeasure).order_by(ProblemMeasure.taken_on, ProblemMeasure.created_at)):
            measures.setdefault(m.problem_id, []).append(m)
        linked: dict[str, list[str]] = {}
        for pid, day in s.execute(select(ProblemOrder.problem_id, WorkOrder.created_local_date)
                                  .join(WorkOrder, WorkOrder.id == ProblemOrder.order_id)):
            linked.setdefault(pid, []).append(day)
        for i, p in enumerate(problems):
            dates = linked.get(p.id, [])
            category_ids = [c for c in json.loads(p.category_ids or "[]") if isinstance(c, str)]
            info = StationProblem(
                p.origin_station, stations.get(p.origin_station, p.origin_station), p.number, p.title, p.status,
                label("problem." + p.status), place_text(p.place_key),
                pgettext("desk.services.pulse.across", ", ").join(by_language(*cats.get(c, (c, c))) for c in category_ids), p.opened_on, len(dates),
                tuple(MeasureLine(m.taken_on, m.text, _effect_text(dates, date.fromisoformat(m.taken_on), today))
                      for m in measures.get(p.id, [])))
            out.append(_Row(i, p, info, set(category_ids), _weights(p.terms), _places(p.place_key), {}))
    return out


def _candidates(rows: list[_Row]) -> list[tuple[int, int]]:
    """Pairs of problems of different stations in the same lane number (places can only meet
    there), in a fixed order: a subdistrict's hundreds of problems are not compared all by all."""
    by_lane: dict[str, set[int]] = {}
    for r in rows:
        for place in r.places:
            if place.lane_key:
                by_lane.setdefault(place.lane or place.lane_key, set()).add(r.index)
    pairs = set()
    for members in by_lane.values():
        ordered = sorted(members)
        for k, i in enumerate(ordered):
            for j in ordered[k + 1:]:
                if rows[i].problem.origin_station != rows[j].problem.origin_station:
                    pairs.add((i, j))
    return sorted(pairs)


def all_stations(store: Store, actor: Actor) -> AllStations:
    """Every station's registered problems, those that span stations grouped."""
    require(actor.role, Permission.VIEW_DASHBOARD)
    rows = _rows(store)
    cat_names = store.names().categories
    if rows:
        m = TfIdf([_what(r.problem.title) for r in rows]).matrix.tocsr()
        for r in rows:  # plain dicts: a pair's cosine without scipy's per-element indexing
            lo, hi = m.indptr[r.index], m.indptr[r.index + 1]
            r.title = dict(zip(m.indices[lo:hi].tolist(), m.data[lo:hi].tolist()))
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: dict[int, list[tuple[str, str]]] = {}
    for i, j in _candidates(rows):
        a, b = rows[i], rows[j]
        ra, rb = root(i), root(j)
        if ra == rb:
            continue  # already joined: one sentence per problem that joins a group is enough
        why = _link(a, b, cat_names)  # (place, sentence)
        if why is None:
            continue
        parent[rb] = ra
        reasons[ra] = reasons.pop(ra, []) + reasons.pop(rb, []) + [why]
    members: dict[int, list[_Row]] = {}
    for r in rows:
        members.setdefault(root(r.index), []).append(r)
    groups, alone = [], []
    for top, rs in members.items():
        if len({r.problem.origin_station for r in rs}) < 2:
            alone.extend(r.info for r in rs)
            continue
        links = reasons.get(top, [])
        groups.append(ProblemGroup(links[0][0], tuple(sorted({r.problem.origin_station for r in rs})),
                                   " ".join(why for _, why in links), tuple(r.info for r in rs)))
    groups.sort(key=lambda g: (-len(g.stations), -sum(p.orders for p in g.problems), g.place))
    return AllStations(tuple(groups), tuple(sorted(alone, key=lambda p: (p.station, p.number))))


# -- the wire (GET /v1/problems) ---------------------------------------------------------------
def to_json(view: AllStations) -> dict:
    return {"groups": [asdict(g) for g in view.groups], "alone": [asdict(p) for p in view.alone]}


class FormatError(ValueError):
    pass


def _problem_of(d: dict) -> StationProblem:
    return StationProblem(**{**d, "measures": tuple(MeasureLine(**m) for m in d["measures"])})


def from_json(body: dict) -> AllStations:
    try:
        groups = tuple(ProblemGroup(g["place"], tuple(g["stations"]), g["why"],
                                    tuple(_problem_of(p) for p in g["problems"])) for g in body["groups"])
        return AllStations(groups, tuple(_problem_of(p) for p in body["alone"]))
    except (KeyError, TypeError) as exc:
        raise FormatError(str(exc)) from exc
