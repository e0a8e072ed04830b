"""The audit log: logins, reveals, exports, prints, role and settings changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models import AuditEntry
from desk.services.dto import Actor
from desk.services.permissions import Permission, require


@dataclass(frozen=True)
class AuditInfo:
    at: datetime
    actor_name: str
    action: str
    target: str
    detail: str


def record(session: Session, store, actor: Actor | None, action: str, target: str = "", detail: str = "") -> None:
    session.add(
        AuditEntry(
            at=store.now(),
            actor_id=actor.id if actor else None,
            actor_name=actor.display_name if actor else "",
            action=action,
            target=target,
            detail=detail,
        )
    )


def list_entries(store, actor: Actor, limit: int = 500) -> list[AuditInfo]:
    require(actor.role, Permission.VIEW_AUDIT)
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)).all()
        return [AuditInfo(r.at, r.actor_name, r.action, r.target, r.detail) for r in rows]
