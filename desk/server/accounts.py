"""Station and central-operator accounts: a token per account, only its SHA-256 kept."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from desk.server import models as m

CODE = re.compile(r"[A-Z0-9_-]{1,16}")


class AccountExists(ValueError):
    """`station add` on a code that already has an account, without asking to rotate."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_account(engine: Engine, code: str, role: str = "station", *, rotate: bool = True) -> str:
    """Register a station (or a central operator) and return its token. An existing code keeps
    its token unless `rotate` (then the old token stops working at once)."""
    code = code.strip().upper()
    if not CODE.fullmatch(code) or code == "CENTRAL":
        raise ValueError(f"bad station code: {code!r}")
    token = f"{code}.{secrets.token_urlsafe(32)}"
    with engine.begin() as conn:
        old = conn.execute(select(m.account.c.code).where(m.account.c.code == code)).first()
        values = dict(role=role, token_hash=hash_token(token), active=True, created_at=utcnow(), revoked_at=None)
        if old and not rotate:
            raise AccountExists(code)
        if old:
            conn.execute(update(m.account).where(m.account.c.code == code).values(**values))
        else:
            conn.execute(insert(m.account).values(code=code, **values))
    return token


def revoke_account(engine: Engine, code: str) -> bool:
    with engine.begin() as conn:
        res = conn.execute(update(m.account).where(m.account.c.code == code.strip().upper())
                           .values(active=False, revoked_at=utcnow()))
    return res.rowcount > 0


def authenticate(engine: Engine, token: str) -> tuple[str, str] | None:
    with engine.connect() as conn:
        row = conn.execute(select(m.account.c.code, m.account.c.role).where(
            m.account.c.token_hash == hash_token(token), m.account.c.active.is_(True))).first()
    return (row.code, row.role) if row else None


def list_accounts(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(m.account.c.code, m.account.c.role, m.account.c.active, m.account.c.created_at,
                   m.account.c.revoked_at).order_by(m.account.c.code))]
