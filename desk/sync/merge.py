"""Moved to desk.rules.merge (issue 19); this name stays for branches that still import it."""

from desk.rules.merge import *  # noqa: F401,F403
from desk.rules.merge import (  # noqa: F401
    APPLY_ORDER, EPOCH, HISTORY_TABLES, LOCAL_ONLY, NOT_SYNCED, REFERENCE_TABLES, STAGE, STATION_TABLES,
    STATUS, SYNCED_TABLES, TERMINAL, ZERO_HLC, _copy, _tiebreak, change_state, empty_state, field_key,
    is_backward, merge_states, stage, status_gen, unfold, versions_of,
)
