"""What a transaction changed, for the Store's listeners (the window refreshes what changed)."""

from __future__ import annotations


def mark_changed(session, *kinds: str) -> None:
    """Tell the Store which kinds of data this transaction changed ('orders', 'reference', …);
    `session`: a Session, or a Store.write_plain transaction (both keep it in .info)."""
    session.info.setdefault("changed", set()).update(kinds)
