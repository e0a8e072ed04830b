"""Plain sentences about a cluster, in the desk's language: why its orders were grouped, and its
pattern in time ("夜间 82 %"). Shared by the screen, the printed register and the CLI."""

from __future__ import annotations

from desk.i18n import _, by_language, pgettext, zh_en
from desk.services.pulse.detect import Cluster
from desk.services.pulse.places import label as place_label

SEASONS = {(6, 7): zh_en("plum-rain season"), (5, 6, 7): zh_en("around the plum rains"),
           (6, 7, 8): zh_en("summer"), (7, 8): zh_en("high summer"), (7, 8, 9): zh_en("summer into autumn"),
           (12, 1, 2): zh_en("winter"), (12, 1): zh_en("winter"), (1, 2): zh_en("winter")}


def _names(ids, names: dict[str, tuple[str, str]]) -> str:
    return pgettext("desk.services.pulse.describe", ", ").join(by_language(*names.get(c, (c, c))) for c in ids)


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def _chance(p: float) -> str:
    if p < 1e-6:
        return _("below one in a million")
    if p < 1e-3:
        return _("below one in a thousand")
    return _("about {p:.2g}").format(p=p)


def place_text(c: Cluster) -> str:
    return place_label(c.place_key)


def why(c: Cluster, categories: dict[str, tuple[str, str]]) -> str:
    """One sentence saying why these orders are one cluster."""
    where = place_text(c)
    if c.level == "lane" and c.buildings > 1:
        where += _(" ({buildings} house numbers)").format(buildings=c.buildings)
    words = pgettext("desk.services.pulse.describe", ", ").join(c.top_words)
    text = _("All {orders} orders are at {where}, filed as {categories}; such matters are {share_here} of the "
             "orders here against {share_overall} station-wide (the chance of such a concentration by accident "
             "is {chance})").format(orders=c.orders, where=where, categories=_names(c.category_ids, categories),
                                    share_here=_pct(c.share_here), share_overall=_pct(c.share_overall),
                                    chance=_chance(c.p_value))
    if words:
        text += _("; common words: {words}").format(words=words)
    if c.pulled_in:
        text += _("; {n} more were filed under other categories but say the same").format(n=c.pulled_in)
    return _("{sentence}.").format(sentence=text)


def pattern(c: Cluster) -> str:
    """The time signature in words, or '' when there is none worth saying."""
    parts = []
    if c.night:
        parts.append(_("at night (after 22:00) {pct}").format(pct=_pct(c.night_share)))
    if c.weekend:
        parts.append(_("weekends {pct}").format(pct=_pct(c.weekend_share)))
    if c.season:
        name = SEASONS.get(c.season)
        months = f"{c.season[0]}–{c.season[-1]}"
        text = _("months {months}: {pct}").format(months=months, pct=_pct(c.season_share))
        if name:
            text += _(" ({season})").format(season=by_language(*name))
        parts.append(text)
    return _("; ").join(parts)


def signals(c: Cluster) -> str:
    """The score's parts as people read them."""
    return _("{orders} orders · {residents} residents · came back {came_back}× · repeat calls {repeat_calls} "
             "· {duration_days} days").format(
               orders=c.orders, residents=c.residents, came_back=c.came_back, repeat_calls=c.repeat_calls,
               duration_days=c.duration_days)
