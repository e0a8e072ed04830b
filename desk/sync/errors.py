"""Sync refusals with zh/en messages (no traceback reaches a clerk)."""

import json

from desk.errors import DeskError
from desk.i18n import by_language, M_, zh_en

_MESSAGES = (
    M_("sync_not_configured", "No sync server address or token is set."),
    M_("sync_busy", "Another sync of this station is running; try again later."),
    M_("sync_network", "Cannot reach the central server: {detail}. Everything stays on this desk and goes at the next sync."),
    M_("sync_server_error", "The central server had an error ({detail}); nothing was synced. Everything stays on this desk and goes at the next sync."),
    M_("sync_refused", "The central server refused the sync: {detail}"),
    M_("bad_time", "Bad time: {value} (use HH:MM, e.g. 02:00)"),
    M_("sync_unexpected", "The sync stopped (unexpected error {detail}); details are in the error log and the next sync tries again."),
    M_("sync_version", "The centre refused the sync (version mismatch): {detail}"),
)

# Why the centre refused a change (shown next to each quarantined change in the window).
REASONS = {
    "not_your_row": zh_en("This row belongs to another station"),
    "clock_in_future": zh_en("This computer's clock is too far ahead of the centre's"),
    "bad_clock": zh_en("Malformed clock"),
    "unknown_table": zh_en("The centre does not know this kind of data"),
    "bad_row_id": zh_en("Malformed row id"),
    "bad_change": zh_en("Malformed change"),
    "invalid": zh_en("The centre could not store this change"),
    "duplicate_problem": zh_en("The centre already has another problem of this station with this number (this desk may have been restored from an old backup)"),
}


def reason_label(reason: str) -> str:
    return by_language(*REASONS[reason]) if reason in REASONS else reason


class SyncError(DeskError):
    """`detail_en`, when given, is the English of a `detail` the centre sent in both languages."""

    def __str__(self) -> str:
        if "detail_en" not in self.params:
            return super().__str__()
        params = dict(self.params)
        english = params.pop("detail_en")
        params["detail"] = by_language(params.get("detail") or english, english or params.get("detail", ""))
        return str(DeskError(self.code, **params))

    def stored(self) -> str:
        """What the sync state keeps of it: the code and its values, never the sentence (the
        status is read in either language, by the window and the CLI)."""
        return json.dumps({"code": self.code, "params": self.params}, ensure_ascii=False, default=str)


def stored_error_text(value: str) -> str:
    """A stored failure in the reader's language (a sentence stored by an older desk as it is)."""
    try:
        data = json.loads(value) if value.startswith("{") else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or "code" not in data:
        return value
    return str(SyncError(data["code"], **data.get("params", {})))
