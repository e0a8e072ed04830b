"""What a transaction changed, for the Store's listeners (the window refreshes what changed)."""

from __future__ import annotations

from sqlalchemy.orm import Session


def mark_changed(session: Session, *kinds: str) -> None:
    """Tell the Store which kinds of data this transaction changed ('orders', 'reference', …)."""
    session.info.setdefault("changed", set()).update(kinds)
