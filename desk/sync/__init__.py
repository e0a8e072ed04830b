"""Nightly sync with the subdistrict's central server (docs/sync.md, design: docs/sync-design.md).

capture: outbox rows written in the same SQLite transaction as the edit.
apply: pulled rows merged into the local file.
client: push then pull over HTTP.
config: where and when this station syncs (the one home of the sync settings).
The pure rules (merge, clocks, synced tables, the wire's protocol version) live in desk.rules.
"""

from desk.sync import errors as _errors  # noqa: E402,F401 - registers the sync messages
