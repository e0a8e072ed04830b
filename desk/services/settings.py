"""Station-wide settings, declared in one place with their defaults (stored as JSON rows)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desk.db import driver_connection
from desk.models import Setting
from desk.services.dto import Actor
from desk.rules.permissions import Permission, require
from desk.services.audit import record
from desk.services.changes import mark_changed

if TYPE_CHECKING:
    from desk.services.store import Store

DEFAULTS: dict[str, Any] = {
    "duplicate_window_days": 30,  # same address + category within this many days is pointed out
    "due_soon_hours": 24,  # "due soon" in the queue
    "urgent_accept_limit": "2h",
    "urgent_resolve_limit": "1d",
    "unsatisfied_rating_at_most": 2,  # a callback rated this or lower reopens the order
    "callback_max_attempts": 3,  # unanswered callback calls before the order closes as not reached
    # The satisfaction rate counts ratings from this up as satisfied (3: 基本满意, 满意, 非常满意,
    # the usual practice; 4 counts only 满意 and 非常满意). Printed in every summary's glossary.
    "satisfied_rating_at_least": 3,
    "first_contact_hours": 24,  # 先行联系: the resident reached within this many hours of dispatch
    "login_max_failures": 5,
    "login_lock_minutes": 15,
    "idle_lock_minutes": 10,
    "min_password_length": 8,
    "retention_days": 1095,  # closed orders' personal data is anonymised after this
    "backup_keep": 14,
    "sync_time": "02:00",
    "sync_url": "",
}


def is_secret(key: str) -> bool:
    """Settings whose values must never reach the audit log, an export or a log file."""
    return any(word in key for word in ("password", "token", "secret", "api_key"))


def get(store: Store, key: str) -> Any:
    default = DEFAULTS[key]
    with store.read() as s:
        row = s.get(Setting, key)
    return json.loads(row.value) if row else default


def get_in(session, key: str) -> Any:
    """The same as get, read inside the caller's session (no second connection); plain SQL
    text, since every save reads one (an ORM load cost more than the rest of the read)."""
    row = driver_connection(session).execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row is not None and row[0] is not None else DEFAULTS[key]


def get_all(store: Store) -> dict[str, Any]:
    values = dict(DEFAULTS)
    with store.read() as s:
        for row in s.scalars(select(Setting)):
            if row.key in values:
                values[row.key] = json.loads(row.value)
    return values


def put(store: Store, actor: Actor, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    require(actor.role, Permission.MANAGE_STATION)
    with store.write() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
        shown = "(hidden)" if is_secret(key) else json.dumps(value, ensure_ascii=False)
        record(s, store, actor, "settings.change", key, shown)
        mark_changed(s, "settings")
