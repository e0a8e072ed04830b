"""Where and when this station syncs (Qt-free): one home for each value.

- the server address is the station setting `sync_url` (desk.services.settings; the dashboard's
  "all stations" switch reads it too), written by the window and by `desk sync --save`;
- the token is secret: it stays in sync_state, never in the settings table, an export or the audit;
- the nightly time is the station setting `sync_time` (default 02:00, station local time).
Older files kept the address in sync_state["server_url"]: still read when the setting is empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time
from urllib.parse import urlparse

from sqlalchemy import insert, select, update

from desk.errors import ValidationError
from desk.i18n import M_
from desk.models import Setting
from desk.rules.permissions import Permission, require
from desk.services.audit import record
from desk.services.settings import DEFAULTS
from desk.services.store import mark_changed
from desk.sync import state

_MESSAGES = (
    M_("bad_sync_url", "Bad server address: {value} (it starts with http:// or https://, e.g. https://sync.example.org)"),
    M_("bad_sync_token", "Bad token: paste the whole string the centre gave this station (e.g. SX.xxxx), without spaces."),
)


@dataclass(frozen=True)
class SyncSettings:
    url: str
    has_token: bool  # the token itself never leaves the core
    nightly: str  # HH:MM


def parse_time(text: str) -> time:
    hour, minute = text.strip().split(":")
    return time(int(hour), int(minute))


# The one default nightly time: the station setting's default (02:00 station time).
DEFAULT_NIGHTLY = parse_time(DEFAULTS["sync_time"])


def check_time(text: str) -> time:
    try:
        value = parse_time(text)
        if not (0 <= value.hour < 24 and 0 <= value.minute < 60):
            raise ValueError(text)
    except (ValueError, AttributeError):
        raise ValidationError("bad_time", value=text) from None
    return value


def _setting(conn, key: str) -> str:
    raw = conn.execute(select(Setting.value).where(Setting.key == key)).scalar()
    value = json.loads(raw) if raw is not None else DEFAULTS[key]
    return str(value or "").strip()


def _put_setting(conn, key: str, value: str) -> None:
    if conn.execute(update(Setting).where(Setting.key == key).values(value=json.dumps(value))).rowcount == 0:
        conn.execute(insert(Setting).values(key=key, value=json.dumps(value)))


def url_of(conn) -> str:
    return _setting(conn, "sync_url") or (state.get(conn, "server_url") or "")


def token_of(conn) -> str:
    return state.get(conn, "token") or ""


def nightly_of(conn) -> str:
    return _setting(conn, "sync_time")


def put_url(conn, url: str) -> None:
    _put_setting(conn, "sync_url", url)
    state.put(conn, "server_url", url)  # kept equal for readers of older files


def put_token(conn, token: str) -> None:
    state.put(conn, "token", token)


def put_nightly(conn, text: str) -> None:
    _put_setting(conn, "sync_time", text)


def check_url(text: str) -> str:
    url = (text or "").strip().rstrip("/")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname or " " in url:
        raise ValidationError("bad_sync_url", value=text)
    try:
        parsed.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        raise ValidationError("bad_sync_url", value=text) from None
    return url


def check_token(text: str) -> str:
    token = (text or "").strip()
    if len(token) < 8 or any(ch.isspace() for ch in token):
        raise ValidationError("bad_sync_token")
    return token


def nightly_time(store) -> time:
    """The station's configured nightly sync time (setting `sync_time`, default 02:00, local)."""
    with store.read() as s:
        text = nightly_of(s.connection())
    try:
        return parse_time(text) if text else DEFAULT_NIGHTLY
    except ValueError:
        return DEFAULT_NIGHTLY


def set_nightly_time(store, text: str) -> time:
    value = check_time(text)
    with store.write() as s:
        put_nightly(s.connection(), value.strftime("%H:%M"))
    return value


def read_settings(store) -> SyncSettings:
    with store.read() as s:
        conn = s.connection()
        return SyncSettings(url_of(conn), bool(token_of(conn)), nightly_of(conn))


def save_settings(store, actor, url: str, token: str = "", nightly: str | None = None) -> SyncSettings:
    """The administrator sets the server address, a new token (blank keeps the saved one) and
    the nightly time; everything is checked before anything is stored, and audited (the token
    as '(hidden)')."""
    require(actor.role, Permission.MANAGE_STATION)
    url = check_url(url) if (url or "").strip() else ""
    token = check_token(token) if (token or "").strip() else ""
    nightly_text = check_time(nightly).strftime("%H:%M") if nightly is not None else None
    with store.write() as s:
        conn = s.connection()
        if url != url_of(conn):
            put_url(conn, url)
            record(s, store, actor, "settings.change", "sync_url", json.dumps(url))
        if token:
            put_token(conn, token)
            record(s, store, actor, "settings.change", "sync_token", "(hidden)")
        if nightly_text is not None and nightly_text != nightly_of(conn):
            put_nightly(conn, nightly_text)
            record(s, store, actor, "settings.change", "sync_time", json.dumps(nightly_text))
        mark_changed(s, "settings", "sync")
    return read_settings(store)
