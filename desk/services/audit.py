"""The audit log: logins, reveals, exports, prints, role and settings changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.i18n import M_
from desk.models import AuditEntry
from desk.services.dto import Actor
from desk.rules.permissions import Permission, require
from desk.errors import DeskError


_MESSAGES = (
    M_("export_failed", "Could not write “{path}”: {detail}. Choose another folder."),
)


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


# -- reading and exporting (supervisors) -------------------------------------------------------

# Cells that a spreadsheet would run as a formula (CSV injection): prefixed with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("seq", "at_utc", "at_local", "actor", "action", "target", "detail")


def entries(store, actor: Actor, *, since: datetime | None = None, until: datetime | None = None,
            action: str | None = None, limit: int | None = None) -> list[AuditInfo]:
    """Audit entries, newest first, optionally within [since, until) and of one action (or an
    action prefix ending with '.', e.g. 'login.')."""
    require(actor.role, Permission.VIEW_AUDIT)
    q = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    if action:
        q = q.where(AuditEntry.action.startswith(action) if action.endswith(".") else AuditEntry.action == action)
    if limit is not None:
        q = q.limit(limit)
    with store.read() as s:
        return [AuditInfo(r.at, r.actor_name, r.action, r.target, r.detail) for r in s.scalars(q)]


def _cell(value: str) -> str:
    value = value or ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(store, actor: Actor, out, *, since: datetime | None = None, until: datetime | None = None) -> int:
    """Write the audit log (oldest first) as UTF-8 CSV with a BOM (Excel opens it as Chinese)
    to `out` (a path or a text file). The export itself is recorded. Returns the row count."""
    import csv
    from pathlib import Path

    require(actor.role, Permission.VIEW_AUDIT)
    q = select(AuditEntry).order_by(AuditEntry.seq)
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    with store.read() as s:
        rows = s.scalars(q).all()
    tz = store.calendar().tz

    def write(fh) -> None:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for e in rows:
            w.writerow([e.seq, e.at.isoformat(), e.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
                        _cell(e.actor_name), _cell(e.action), _cell(e.target), _cell(e.detail)])

    if isinstance(out, (str, Path)):
        try:
            with open(out, "w", encoding="utf-8-sig", newline="") as fh:
                write(fh)
        except OSError as exc:
            raise DeskError("export_failed", path=str(out), detail=exc.strerror or str(exc)) from None
        target = str(out)
    else:
        write(out)
        target = getattr(out, "name", "stream")
    with store.write() as s:
        record(s, store, actor, "audit.export", str(target)[-100:], f"{len(rows)} rows")
    return len(rows)


def record_now(store, actor: Actor | None, action: str, target: str = "", detail: str = "") -> None:
    """An audit entry in its own transaction: for things that happen outside the database
    (an export written, a slip printed, a report printed)."""
    with store.write() as s:
        record(s, store, actor, action, target, detail)


def record_export(store, actor: Actor, what: str, rows: int, *, masked: bool, target: str = "") -> None:
    """Reports and exports call this after writing a file: who exported what, masked or not."""
    record_now(store, actor, "export.masked" if masked else "export.full", what[:100],
               f"{rows} rows{' -> ' + target if target else ''}")
