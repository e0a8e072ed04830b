"""Nightly sync with the subdistrict's central server (see docs in /work/shared/docs/SYNC.md).

capture: outbox rows written in the same SQLite transaction as the edit.
merge: the pure merge rules shared by desk and server.
client: push then pull over HTTP.
"""

from desk.sync import errors as _errors  # noqa: E402,F401 - registers the sync messages
