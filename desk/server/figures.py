"""The all-stations figures the centre serves (GET /v1/figures with a period): the desk's own
`figures.compute` over the central mirror, made public (no personal data) and sent as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from desk.services.dto import Actor
from desk.services.figures import Period, Scope

# Who the centre computes as: the figures need the dashboard permission, nothing else.
READER = Actor(id="", username="central", display_name="街道中心", role="supervisor")
MAX_DAYS = 400  # longer ranges are refused: one request must stay interactive
KINDS = ("day", "week", "month", "custom")


class BadRequest(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def parse(params) -> tuple[Period, Scope, str]:
    """Period, scope and language from the query string (date_from, date_to, kind, department,
    category, area: comma-separated ids; lang: zh_CN or en)."""
    try:
        start, end = date.fromisoformat(params.get("date_from", "")), date.fromisoformat(params.get("date_to", ""))
    except ValueError:
        raise BadRequest("日期格式不对（应为 YYYY-MM-DD）。", "Bad date (use YYYY-MM-DD).") from None
    if end < start or (end - start).days + 1 > MAX_DAYS:
        raise BadRequest(f"统计期间不对（最多 {MAX_DAYS} 天）。", f"Bad period (at most {MAX_DAYS} days).")
    kind = params.get("kind", "custom")
    if kind not in KINDS:
        kind = "custom"

    def ids(name: str) -> tuple[str, ...]:
        return tuple(sorted(x for x in params.get(name, "").split(",") if x))

    lang = params.get("lang", "zh_CN")
    return (Period(start, end, kind), Scope(department_ids=ids("department"), category_ids=ids("category"),
                                           area_ids=ids("area")),
            lang if lang in ("zh_CN", "en") else "zh_CN")


def all_stations(engine: Engine, mirror, period: Period, scope: Scope, lang: str = "zh_CN") -> dict[str, Any]:
    """Bring the mirror up to the newest commit, then compute exactly as a desk does."""
    from desk import i18n
    from desk.services import figures, figures_wire

    with mirror.locked():
        mirror.refresh(engine)
        # Labels (categories, weekdays, backlog ages) in the asking desk's language, for this
        # request only: another request computing at the same time keeps its own.
        with i18n.using(lang):
            fig = figures.compute(mirror.store, READER, period, scope)
    return figures_wire.to_json(figures_wire.public(fig))
