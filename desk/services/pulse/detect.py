"""Finding the problems that keep coming back (顽瘴痼疾) in a period's orders. Pure: plain
records in, clusters out; no database, no Qt (the loader is desk.services.pulse.load).

How a cluster is found (the same steps the why-sentence reports):
1. Place: each order's address is normalised to building → lane → residential area (places.py).
2. Concentration: for every place (building, and lane) and category, the orders of that
   category among the place's orders are tested against the whole period's share of the
   category (binomial upper tail, Bonferroni-corrected over every place × category tested).
   A lane where 40 % of orders are about bar noise while the station's share is 7 % stands out;
   a lane that is simply busy does not.
3. Level: a lane's cluster that sits mostly (≥ 60 %) in one or two significant buildings is
   kept at building level, otherwise at lane level.
4. Same problem, different words: clusters at the same place merge when their categories share
   a parent or their texts are alike (TF-IDF cosine of centroids); orders at the place filed
   under another category join when their words are close to the cluster's (misfiled orders).
5. Signals: residents, the same resident again, "came back" (reported again within N days of a
   callback the resident called solved), night/weekend/season signatures, a readable score.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from desk.services.pulse import places as P
from desk.services.pulse.textsim import TfIdf


@dataclass(frozen=True)
class Facts:
    """What detection needs of one order."""

    id: str
    ticket_no: str
    summary: str
    category_id: str
    parent_id: str  # the category's parent, or the category itself when top-level
    lane: str
    number: str
    area_id: str
    local_date: date
    hour: int
    visitor_id: str  # '' when anonymous
    solved_callback_on: date | None = None  # a callback in which the resident said solved


@dataclass(frozen=True)
class Params:
    min_orders: int = 5
    min_days: int = 3           # on at least this many different days: recurring, not one burst
    alpha: float = 0.01         # family-wise, Bonferroni over every place × category tested
    building_share: float = 0.6
    merge_cosine: float = 0.30  # two clusters' texts this alike at one place: one problem
    pull_cosine: float = 0.40   # an order filed elsewhere this close to a cluster's words joins it
    pull_cosine_sibling: float = 0.20
    came_back_days: int = 30


@dataclass
class Cluster:
    key: str
    level: str  # building or lane
    place_key: str
    category_ids: tuple[str, ...]
    order_ids: tuple[str, ...]
    tickets: tuple[str, ...]
    orders: int
    residents: int
    repeat_calls: int  # orders beyond a resident's first in the cluster
    came_back: int
    first: date
    last: date
    weeks_active: int
    buildings: int
    share_here: float  # the cluster's categories among the place's orders
    share_overall: float  # the same categories among all orders of the period
    p_value: float
    pulled_in: int
    top_words: tuple[str, ...]
    term_weights: dict[str, float] = field(default_factory=dict)
    night_share: float = 0.0
    weekend_share: float = 0.0
    month_counts: tuple[int, ...] = (0,) * 12  # orders in January … December
    baseline_night: float = 0.0
    baseline_weekend: float = 0.0

    @property
    def duration_days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def score(self) -> int:
        """orders + 2 × came back + repeat calls + weeks active: each part is a count people read."""
        return self.orders + 2 * self.came_back + self.repeat_calls + self.weeks_active

    @property
    def season(self) -> tuple[int, ...]:
        return _season(self)[0]

    @property
    def season_share(self) -> float:
        return _season(self)[1]

    @property
    def night(self) -> bool:
        return self.night_share >= 0.5 and _beyond_chance(self.night_share, self.orders, self.baseline_night)

    @property
    def weekend(self) -> bool:
        return self.weekend_share >= 0.5 and _beyond_chance(self.weekend_share, self.orders, self.baseline_weekend)


def _season(c: "Cluster") -> tuple[tuple[int, ...], float]:
    """Two to four consecutive months holding most of a problem that has lasted a year or more
    (梅雨 leaks every June–July), with their share; nothing for a shorter problem."""
    if (c.last - c.first).days < 300 or not c.orders:
        return (), 0.0
    months = c.month_counts

    def share(m: int, k: int) -> float:
        return sum(months[(m + j) % 12] for j in range(k)) / c.orders

    m, k = max(((m, k) for m in range(12) for k in (2, 3, 4)), key=lambda mk: share(*mk) - mk[1] / 12)
    if share(m, k) >= 0.5 and share(m, k) >= 2 * k / 12:
        return tuple((m + j) % 12 + 1 for j in range(k)), share(m, k)
    return (), 0.0


def _beyond_chance(share: float, n: int, base: float) -> bool:
    """A time signature is said only when the station's own share could hardly give it (p < 0.1 %)."""
    from scipy.stats import binom

    k = round(share * n)
    return float(binom.sf(k - 1, n, min(max(base, 1e-6), 1.0))) < 0.001


def _night(hour: int) -> bool:
    return hour >= 22 or hour < 6


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def detect(facts: Sequence[Facts], params: Params = Params()) -> list[Cluster]:
    """The period's recurring problems, best score first."""
    # scipy and numpy are imported here, on the worker thread, not when a screen is built
    import numpy as np
    from scipy.stats import binom

    n = len(facts)
    if n == 0:
        return []
    places = P.fill_roads([P.parse(f.lane, f.number, f.area_id) for f in facts], [f.visitor_id for f in facts])
    # Orders without a lane or house number have no place to share (anonymous consultations
    # name only an area, and would all look alike there): they are left out.
    lane_of = [p.lane_key for p in places]
    bld_of = [p.building_key for p in places]
    cat_n = Counter(f.category_id for f in facts)

    # 2. concentration of a category at a place
    cells: dict[tuple[str, str, str], list[int]] = defaultdict(list)  # (level, place, category) -> rows
    place_n: Counter = Counter()
    for i, f in enumerate(facts):
        for level, place in (("lane", lane_of[i]), ("building", bld_of[i] if bld_of[i] != lane_of[i] else "")):
            if place:
                place_n[(level, place)] += 1
                cells[(level, place, f.category_id)].append(i)
    # Bonferroni within each level (half the family-wise alpha each): the many buildings do not
    # drown the fewer lanes.
    tested = Counter(level for level, _, _ in cells)
    testable = [key for key, rows in cells.items()
                if len(rows) >= params.min_orders and len({facts[i].local_date for i in rows}) >= params.min_days]
    significant: dict[tuple[str, str, str], float] = {}
    if testable:  # one vectorised call: a month has hundreds of cells
        pvals = binom.sf(np.array([len(cells[k]) - 1 for k in testable]),
                         np.array([place_n[(k[0], k[1])] for k in testable]),
                         np.array([cat_n[k[2]] / n for k in testable]))
        for key, p in zip(testable, pvals):
            if p < params.alpha / 2 / tested[key[0]]:
                significant[key] = float(p)

    # 3. building or lane
    chosen: dict[tuple[str, str, str], float] = {}
    for (level, place, cat), p in significant.items():
        if level != "lane":
            continue
        rows = cells[(level, place, cat)]
        in_buildings = Counter(bld_of[i] for i in rows if ("building", bld_of[i], cat) in significant)
        # one or two buildings hold most of it: a building's problem (a shared kitchen), not the lane's
        if len(in_buildings) <= 2 and sum(in_buildings.values()) >= params.building_share * len(rows):
            for b in in_buildings:
                chosen[("building", b, cat)] = significant[("building", b, cat)]
        else:
            chosen[(level, place, cat)] = p
    for (level, place, cat), p in significant.items():
        lane_key = place.rsplit("弄", 1)[0] + "弄" if "弄" in place else place
        if level == "building" and ("lane", lane_key, cat) not in significant:
            chosen[(level, place, cat)] = p

    texts = TfIdf([f.summary for f in facts])
    cands = list(chosen)
    cents = [texts.centroid(cells[c]) for c in cands]
    parent = {f.category_id: f.parent_id for f in facts}

    # 4. merge clusters at one place that are one problem
    def lane_part(c):
        level, place, _ = c
        return place if level != "building" else lane_of[cells[c][0]]

    uf = _Union(len(cands))
    for a in range(len(cands)):
        for b in range(a + 1, len(cands)):
            ca, cb = cands[a], cands[b]
            if lane_part(ca) != lane_part(cb):
                continue
            same_spot = ca[1] == cb[1] or "lane" in (ca[0], cb[0])
            alike = parent.get(ca[2]) == parent.get(cb[2]) or float(cents[a] @ cents[b]) >= params.merge_cosine
            if same_spot and alike:
                uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        groups[uf.find(i)].append(i)

    by_lane: dict[str, list[int]] = defaultdict(list)
    for i, lane in enumerate(lane_of):
        if lane:
            by_lane[lane].append(i)
    taken: set[int] = set()
    for c in cands:
        taken.update(cells[c])
    base_night = sum(_night(f.hour) for f in facts) / n
    base_weekend = sum(f.local_date.weekday() >= 5 for f in facts) / n
    out = []
    for members in groups.values():
        keys = [cands[i] for i in members]
        rows = sorted({i for c in keys for i in cells[c]})
        lane_level = any(c[0] != "building" for c in keys)
        level = "lane" if lane_level else "building"
        place_key = lane_part(keys[0]) if lane_level else keys[0][1]
        cats = {facts[i].category_id for i in rows}
        # 4b. misfiled orders at the same place whose words are close
        centroid = texts.centroid(rows)
        buildings = {c[1] for c in keys}
        here = [i for i in by_lane.get(lane_part(keys[0]), ()) if i not in taken and facts[i].category_id not in cats
                and (lane_level or bld_of[i] in buildings)]
        pulled = []
        if here:
            sims = texts.similarity_to(here, centroid)
            cat_parents = {parent.get(c) for c in cats}
            for i, s in zip(here, sims):
                limit = params.pull_cosine_sibling if facts[i].parent_id in cat_parents else params.pull_cosine
                if s >= limit:
                    pulled.append(i)
        taken.update(pulled)
        rows = sorted(set(rows) | set(pulled), key=lambda i: (facts[i].local_date, facts[i].hour, facts[i].ticket_no))
        if not lane_level:
            place_key = "、".join(sorted({k[1] for k in keys}))
        one = {bld_of[i] for i in rows}
        if lane_level and len(one) == 1 and "" not in one:  # a lane's cluster all in one building is that building's
            level, place_key = "building", one.pop()
        out.append(_summarise(facts, rows, keys, level, place_key, cells, place_n, cat_n, n, len(pulled), texts,
                              params, base_night, base_weekend, bld_of, min(chosen[c] for c in keys)))
    out.sort(key=lambda c: (-c.score, c.place_key))
    return out


def _summarise(facts, rows, keys, level, place_key, cells, place_n, cat_n, n, pulled, texts, params,
               base_night, base_weekend, bld_of, p_value) -> Cluster:
    fs = [facts[i] for i in rows]
    in_cell = {i for k in keys for i in cells[k]}
    counts = Counter(facts[i].category_id for i in in_cell)
    cats = tuple(sorted(counts, key=lambda c: (-counts[c], c)))
    visitors = Counter(f.visitor_id for f in fs if f.visitor_id)
    # a callback the resident called solved, followed within N days by a new report: the fix did not hold
    days = sorted(f.local_date for f in fs)
    came_back = 0
    for d in (f.solved_callback_on for f in fs if f.solved_callback_on is not None):
        j = bisect_right(days, d)
        if j < len(days) and (days[j] - d).days <= params.came_back_days:
            came_back += 1
    place_total = sum(place_n[(c[0], c[1])] for c in {(k[0], k[1]) for k in keys})
    in_cells = len(in_cell)
    centroid = texts.centroid(rows)
    first, last = fs[0].local_date, fs[-1].local_date
    months = Counter(f.local_date.month for f in fs)
    return Cluster(
        key=f"{level}:{place_key}:{'+'.join(sorted(cats))}", level=level, place_key=place_key,
        category_ids=cats, order_ids=tuple(f.id for f in fs), tickets=tuple(f.ticket_no for f in fs),
        orders=len(fs), residents=len(visitors), repeat_calls=sum(v - 1 for v in visitors.values()),
        came_back=came_back, first=first, last=last,
        weeks_active=len({f.local_date.isocalendar()[:2] for f in fs}),
        buildings=len({bld_of[i] for i in rows if bld_of[i]}),
        share_here=in_cells / place_total if place_total else 0.0,
        share_overall=sum(cat_n[c] for c in cats) / n, p_value=p_value, pulled_in=pulled,
        top_words=tuple(texts.top_words(rows, 3)), term_weights=texts.weights(centroid),
        night_share=sum(_night(f.hour) for f in fs) / len(fs),
        weekend_share=sum(f.local_date.weekday() >= 5 for f in fs) / len(fs),
        month_counts=tuple(months[m] for m in range(1, 13)), baseline_night=base_night,
        baseline_weekend=base_weekend,
    )
