"""Reasons the desk itself writes into an order's history (a callback that reopens the order,
a callback never answered) are stored as a code with its numbers in the event's data, never as
a sentence: the history is read in Chinese and in English, by this desk, the centre and the CLI.
What a person typed stays in the event's `reason` as typed."""

from __future__ import annotations

import re
from typing import Any

from desk.i18n import M_, message

REASON_CODE = "reason_code"
CALLBACK_UNSATISFIED = "callback_unsatisfied"
CALLBACK_UNREACHED = "callback_unreached"

_MESSAGES = (
    M_("reason.callback_unsatisfied", "Callback: not satisfied or not solved"),
    M_("reason.callback_unreached", "Not reached after {attempts} callback attempts"),
)

# The sentences desks stored before migration 0010 (in the language the desk then ran in).
# The migration turns a file's own rows into codes; rows of another station not yet upgraded
# can still arrive through the centre, so the reader knows them too.
# Each only on the kind of event that wrote it: the same words on another event were typed.
OLD_SENTENCES: dict[str, tuple[re.Pattern[str], str]] = {
    "reopen": (re.compile(r"回访：群众不满意或问题未解决|Callback: not satisfied or not solved"), CALLBACK_UNSATISFIED),
    "close_unreached": (re.compile(r"回访 (?P<attempts>\d+) 次均未接通|"
                                   r"Not reached after (?P<attempts_en>\d+) callback attempts"), CALLBACK_UNREACHED),
}


def coded(code: str, **numbers: Any) -> dict[str, Any]:
    """The event data that says `code` (with its numbers) instead of a sentence."""
    return {REASON_CODE: code, **numbers}


def from_old_sentence(kind: str, reason: str) -> dict[str, Any] | None:
    """The code (and numbers) of a sentence the desk used to store on a `kind` event, None for
    anything else (what a person typed is never reinterpreted, even if it resembles one)."""
    pattern, code = OLD_SENTENCES.get(kind, (None, ""))
    m = pattern.fullmatch(reason or "") if pattern else None
    if m is None:
        return None
    numbers = {k.removesuffix("_en"): int(v) for k, v in m.groupdict().items() if v}
    return coded(code, **numbers)


def reason_text(kind: str, reason: str, data: dict[str, Any]) -> str:
    """An event's reason in the reader's language: a coded one rendered, a typed one as typed."""
    code = (data or {}).get(REASON_CODE)
    typed = reason
    if not code:
        old = from_old_sentence(kind, reason)
        if old is None:
            return reason
        data, code, typed = old, old[REASON_CODE], ""
    params = {k: v for k, v in data.items() if k != REASON_CODE}
    text = message(f"reason.{code}", **params)
    return f"{text} {typed}" if typed else text
