"""The desk's side of the all-stations problem register: ask the central server (GET
/v1/problems) for every station's registered problems, those that span stations grouped, and
hand them back as desk.services.pulse.across.AllStations for the problem screen and the paper."""

from __future__ import annotations

from desk.i18n import language, M_
from desk.rules.permissions import Permission, require
from desk.services.dto import Actor
from desk.services.pulse.across import AllStations, FormatError, from_json
from desk.sync.errors import SyncError
from desk.sync.figures_remote import CONNECT_TIMEOUT, TIMEOUT

_MESSAGES = (
    M_("sync_problems_format", "This desk cannot read the problem register the central server sent (another version); upgrade, then try again."),
)


def fetch_all_station_problems(store, actor: Actor, *, transport=None, timeout: float = TIMEOUT) -> AllStations:
    """Raises SyncError (not configured, unreachable, refused, unreadable) with a message."""
    import httpx

    from desk.sync.client import Client, settings_of

    require(actor.role, Permission.VIEW_DASHBOARD)
    url, token = settings_of(store)
    if not url or not token:
        raise SyncError("sync_not_configured")
    client = Client(url, token, transport=transport,
                    timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)))
    try:
        body = client._call("GET", "/v1/problems", params={"lang": language()})
    finally:
        client.close()
    try:
        return from_json(body)
    except FormatError as exc:
        raise SyncError("sync_problems_format", detail=str(exc)) from exc
