"""The desk's side of the all-stations figures: ask the central server (GET /v1/figures) for
the figures of a period and scope over every station, and hand them back as the same
`Figures` the station computes itself (desk.services.figures_wire), so the dashboard shows and
prints them with the same code.

The server computes them with `figures.compute` on its mirror of every station's rows; what
comes back is public: no resident's name, phone or words (see desk.server.mirror)."""

from __future__ import annotations

from functools import partial
from typing import Callable

from sqlalchemy import select

from desk.i18n import language, M_
from desk.services.dto import Actor
from desk.services.figures import Figures, Period, Scope
from desk.rules.permissions import Permission, require
from desk.sync import schema
from desk.sync.errors import SyncError

_MESSAGES = (
    M_("sync_figures_format", "This desk cannot read the figures the central server sent (another version); upgrade, then try again."),
)

# The fetch runs on the window's network lane (what it needs from the database is read first on
# the database worker, by `prepare_fetch`); still, a dead address fails at connect in at most 5 s.
TIMEOUT = 20.0
CONNECT_TIMEOUT = 5.0


def configured(store) -> bool:
    """A server address and a token are saved (desk sync --save): the switch can be offered.
    Read without importing the sync client: httpx's import (rich, pygments, through PySide's
    import hook) ran ~100 ms of Python on the database worker the first time the dashboard
    opened, beside the screen being drawn (issue 20)."""
    from desk.sync import config

    with store.read() as s:
        conn = s.connection()
        url, token = config.url_of(conn), config.token_of(conn)
    return bool(url.strip() and token.strip())


def fetch_all_stations(store, actor: Actor, period: Period, scope: Scope = Scope(), *, transport=None,
                       timeout: float = TIMEOUT) -> Figures:
    """Every station's figures for `period` and `scope`, from the centre. Raises SyncError (not
    configured, unreachable, refused, unreadable) with a message for the window."""
    return prepare_fetch(store, actor, period, scope, transport=transport, timeout=timeout)()


def prepare_fetch(store, actor: Actor, period: Period, scope: Scope = Scope(), *, transport=None,
                  timeout: float = TIMEOUT) -> Callable[[], Figures]:
    """The database half (on the database worker): the server, its token and the scope in the
    centre's ids. Returns the network half, which needs no store (the window's network lane)."""
    from desk.sync.client import settings_of

    require(actor.role, Permission.VIEW_DASHBOARD)
    url, token = settings_of(store)
    if not url or not token:
        raise SyncError("sync_not_configured")
    central = _central_ids(store, scope)
    params = {"date_from": period.date_from.isoformat(), "date_to": period.date_to.isoformat(),
              "kind": period.kind, "department": ",".join(central.department_ids),
              "category": ",".join(central.category_ids), "area": ",".join(central.area_ids),
              "lang": language()}
    return partial(_fetch, url, token, params, scope, transport, timeout)


def _fetch(url: str, token: str, params: dict, scope: Scope, transport, timeout: float) -> Figures:
    import httpx

    from desk.services import figures_wire
    from desk.sync.client import Client

    client = Client(url, token, transport=transport, timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)))
    try:
        body = client._call("GET", "/v1/figures", params=params)
    finally:
        client.close()
    try:
        fig = figures_wire.from_json(body)
    except figures_wire.FormatError as exc:
        raise SyncError("sync_figures_format", detail=str(exc)) from exc
    # The scope as this desk knows it (its own ids), so the screen names it as chosen.
    return fig if fig.scope == scope else _with_scope(fig, scope)


def _with_scope(fig: Figures, scope: Scope) -> Figures:
    from dataclasses import replace

    return replace(fig, scope=scope)


def _central_ids(store, scope: Scope) -> Scope:
    """Reference rows this desk seeded under its own ids are known to the centre by another id
    (the alias table the pull keeps): a scope goes out in the centre's ids."""
    if not (scope.department_ids or scope.category_ids or scope.area_ids):
        return scope
    a = schema.alias.c
    with store.read() as s:
        rows = s.execute(select(a.table_name, a.remote_id, a.local_id)).all()
    to_central = {(r.table_name, r.local_id): r.remote_id for r in rows}

    def out(table: str, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(to_central.get((table, i), i) for i in ids))

    return Scope(department_ids=out("department", scope.department_ids),
                 category_ids=out("category", scope.category_ids), area_ids=out("residential_area", scope.area_ids))
