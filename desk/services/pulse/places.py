"""Where an order is, as a problem register needs it: building → lane → residential area.

Addresses are typed many ways (陕西南路550弄17号, 陕西南路 550 弄 17, 550弄17号, ５５０弄); the
same building must come out as the same key, and nothing is guessed that the text does not say:
a lane typed without its road gets a road only when exactly one road in the data has that lane.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# road (…路/街/巷/道, optional) + lane number 弄 + building number (号 optional)
_LANE = re.compile(r"(?P<road>[\u4e00-\u9fff]{1,10}?(?:路|街|巷|道))?(?P<lane>\d{1,5})弄(?:(?P<sub>\d{1,4})支弄)?"
                   r"(?P<bld>\d{1,4})?号?")
# road + house number without a lane (复兴中路1200号)
_HOUSE = re.compile(r"(?P<road>[\u4e00-\u9fff]{1,10}?(?:路|街|巷|道))(?P<bld>\d{1,5})号")
_DIGITS = re.compile(r"^(?P<bld>\d{1,4})号?")


@dataclass(frozen=True)
class Place:
    road: str        # '' when the text does not say
    lane: str        # lane number as digits, '' when none
    building: str    # building (house) number as digits, '' when none
    area_id: str     # residential area id, '' when none

    @property
    def lane_key(self) -> str:
        """The lane (弄) as one key; '' when there is no lane."""
        if self.lane:
            return f"{self.road or '?'}{self.lane}弄"
        if self.road and self.building:  # a house on a road: the road's stretch is its "lane"
            return f"{self.road}{self.building}号"
        return ""

    @property
    def building_key(self) -> str:
        if self.lane and self.building:
            return f"{self.lane_key}{self.building}号"
        return self.lane_key if self.building else ""  # a house on a road is its own building

    def with_road(self, road: str) -> "Place":
        return Place(road, self.lane, self.building, self.area_id)


def parse(lane: str, number: str = "", area_id: str | None = None) -> Place:
    """The place an order's lane and number fields describe (either may hold the whole address)."""
    return _parse(lane or "", number or "", area_id or "")


@lru_cache(maxsize=65536)  # a resident's address comes back with each of their orders
def _parse(lane: str, number: str, area_id: str) -> Place:
    text = _SPACE.sub("", unicodedata.normalize("NFKC", f"{lane or ''}{number or ''}"))
    area = area_id or ""
    m = _LANE.search(text)
    if m:
        bld = m.group("bld") or ""
        if not bld and number:
            d = _DIGITS.match(_SPACE.sub("", unicodedata.normalize("NFKC", number)))
            bld = d.group("bld") if d else ""
        return Place(m.group("road") or "", str(int(m.group("lane"))), str(int(bld)) if bld else "", area)
    m = _HOUSE.search(text)
    if m:
        return Place(m.group("road"), "", str(int(m.group("bld"))), area)
    return Place("", "", "", area)


def fill_roads(places: list[Place], visitors: list[str] | None = None) -> list[Place]:
    """Give a lane typed without its road a road the data itself states, never a guess: the road
    the same resident gave on another order; else the only road with that lane and building
    number; else the only road with that lane number. Otherwise it stays without a road."""
    by_lane: dict[str, set[str]] = {}
    by_building: dict[tuple[str, str], set[str]] = {}
    by_visitor: dict[tuple[str, str], set[str]] = {}
    for i, p in enumerate(places):
        if p.lane and p.road:
            by_lane.setdefault(p.lane, set()).add(p.road)
            by_building.setdefault((p.lane, p.building), set()).add(p.road)
            if visitors and visitors[i]:
                by_visitor.setdefault((visitors[i], p.lane), set()).add(p.road)
    out = []
    for i, p in enumerate(places):
        if p.lane and not p.road:
            for roads in (by_visitor.get((visitors[i], p.lane), ()) if visitors and visitors[i] else (),
                          by_building.get((p.lane, p.building), ()) if p.building else (),
                          by_lane.get(p.lane, ())):
                if len(roads) == 1:
                    p = p.with_road(next(iter(roads)))
                    break
        out.append(p)
    return out


def label(key: str) -> str:
    """A key as people write it (the keys are already readable; '?' marks an unknown road)."""
    return key.replace("?", "")
