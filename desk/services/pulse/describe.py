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
    zh = (f"这 {c.orders} 件工单都在{where}，类别为{_names(c.category_ids, categories)}；此处这类诉求占 "
          f"{_pct(c.share_here)}，全站同期只占 {_pct(c.share_overall)}（偶然如此集中的概率{_chance(c.p_value)}）")
    en = (f"All {c.orders} orders are at {where}, filed as {_names(c.category_ids, categories)}; such matters are "
          f"{_pct(c.share_here)} of the orders here against {_pct(c.share_overall)} station-wide (the chance of such a "
          f"concentration by accident is {_chance(c.p_value)})")
    if words:
        zh += f"；常用词：{words}"
        en += f"; common words: {words}"
    if c.pulled_in:
        zh += f"；另有 {c.pulled_in} 件类别不同但说法相近"
        en += f"; {c.pulled_in} more were filed under other categories but say the same"
    return by_language(zh + "。", en + ".")  # sentences built piecewise: not yet in the catalogue


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
    zh = f"{c.orders} 件 · {c.residents} 位居民 · 回潮 {c.came_back} 次 · 重复来电 {c.repeat_calls} 次 · 持续 {c.duration_days} 天"
    en = (f"{c.orders} orders · {c.residents} residents · came back {c.came_back}× · repeat calls {c.repeat_calls} · "
          f"{c.duration_days} days")
    return by_language(zh, en)
