"""Sync refusals with zh/en messages (no traceback reaches a clerk)."""

from desk.i18n import L_, M_
from desk.errors import DeskError
from desk.i18n import label

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
# reason code -> its label key (the words are the _LABELS below, in the catalogue)
REASONS = {code: f"sync_reason.{code}" for code in (
    "not_your_row", "clock_in_future", "bad_clock", "unknown_table", "bad_row_id", "bad_change", "invalid")}
_LABELS = (
    L_("sync_reason.not_your_row", "This row belongs to another station"),
    L_("sync_reason.clock_in_future", "This computer's clock is too far ahead of the centre's"),
    L_("sync_reason.bad_clock", "Malformed clock"),
    L_("sync_reason.unknown_table", "The centre does not know this kind of data"),
    L_("sync_reason.bad_row_id", "Malformed row id"),
    L_("sync_reason.bad_change", "Malformed change"),
    L_("sync_reason.invalid", "The centre could not store this change"),
)


def reason_label(reason: str) -> str:
    return label(REASONS[reason]) if reason in REASONS else reason


class SyncError(DeskError):
    pass
