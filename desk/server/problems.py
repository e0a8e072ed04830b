"""The all-stations problem register the centre serves (GET /v1/problems): the desk's own
grouping (desk.services.pulse.across) over the central mirror, which holds every station's
register since it syncs (issue 17), sent as JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from desk.server.figures import READER


def all_stations(engine: Engine, mirror, lang: str = "zh_CN") -> dict[str, Any]:
    """Bring the mirror up to the newest commit, then group as a desk would, in `lang`."""
    from desk import i18n
    from desk.services.pulse import across

    with mirror.locked():
        mirror.refresh(engine)
        with i18n.using(lang if lang in ("zh_CN", "en") else "zh_CN"):
            return across.to_json(across.all_stations(mirror.store, READER))
