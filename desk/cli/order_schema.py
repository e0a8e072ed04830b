"""The JSON `desk orders create` takes, as a declared schema (pydantic v2, strict): what is not
exactly what the schema says is refused with the field's name, never guessed.

- types are strict: "false" or "no" is not a boolean, 1.5 is not text, a list is not a name;
- unknown keys are refused ("visitr" is a typo, not an anonymous visit);
- a phone holds digits and + - ( ) spaces only (no keypad letters: 1381234ABCD is refused);
- limits no real visit reaches: 20 matters, 256 KB of JSON, the field lengths of the desk;
- a UTF-8 BOM (Windows Notepad) is accepted; nesting too deep is a sentence, not a crash.
"""

from __future__ import annotations

import json
from typing import Annotated, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic import ValidationError as SchemaError

from desk.i18n import _, by_language, M_
from desk.errors import ValidationError
from desk.services.validation import LIMITS

MAX_BYTES = 256 * 1024  # a visit with 20 long matters is ~100 KB
from desk.services.intake import MAX_MATTERS  # noqa: E402 - one limit for the window and the CLI

_MESSAGES = (
    M_("json_too_big", "The input is too big ({size} bytes, limit {limit}): one visit's JSON is never this large."),
    M_("json_too_deep", "The JSON is nested too deeply to read."),
    M_("json_schema", "The JSON is not right: {problems}"),
)


def _text(limit: int):
    return Annotated[StrictStr, Field(max_length=limit)]


Name = _text(LIMITS["name"])
Lane = _text(LIMITS["lane"])
Notes = _text(LIMITS["notes"])
Summary = _text(LIMITS["summary"])
Details = _text(LIMITS["details"])
Answer = _text(LIMITS["result"])
Word = _text(20)  # kind, urgency, channel: checked against their lists by the service
IdNumber = _text(30)

# Digits where people write numbers as numbers (a phone, a house number): also as JSON integers.
Digits = Union[Annotated[StrictStr, Field(max_length=30, pattern=r"^[0-9+\-() \u3000]*$")], StrictInt]
_Number = _text(LIMITS["number"])
HouseNumber = Union[_Number, StrictInt]
Code = Annotated[StrictStr, Field(max_length=LIMITS["code"] * 4)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class VisitorIn(_Strict):
    name: Name = ""
    phone: Digits = ""
    id_number: IdNumber = ""
    area: Optional[Code] = None
    lane: Lane = ""
    number: HouseNumber = ""
    room: HouseNumber = ""
    notes: Notes = ""


class MatterIn(_Strict):
    summary: Summary
    kind: Word = "consult"
    category: Optional[Code] = None
    details: Details = ""
    urgency: Word = "normal"
    area: Optional[Code] = None
    lane: Lane = ""
    number: HouseNumber = ""
    room: HouseNumber = ""
    department: Optional[Code] = None
    assist: Annotated[list[Code], Field(max_length=10)] = []
    dispatch: StrictBool = False
    answer: Optional[Answer] = None


class VisitIn(_Strict):
    channel: Word = "walk_in"
    visitor: VisitorIn = VisitorIn()
    matters: Annotated[list[MatterIn], Field(min_length=1, max_length=MAX_MATTERS)]


def read(raw: bytes) -> VisitIn:
    """Bytes of a file or stdin -> the checked request, or a ValidationError in words."""
    if len(raw) > MAX_BYTES:
        raise ValidationError("json_too_big", size=len(raw), limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Notepad is not part of the JSON
    except UnicodeDecodeError as exc:
        raise ValidationError("bad_json", detail=_("not UTF-8 text (byte {start})").format(start=exc.start)) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValidationError("json_too_deep") from None
    except json.JSONDecodeError as exc:
        raise ValidationError("bad_json", detail=f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValidationError("bad_json", detail=_("expected an object {…}"))
    try:
        return VisitIn.model_validate(data)
    except SchemaError as exc:
        seen: dict[str, str] = {}  # one sentence per field (a union reports each branch it tried)
        for e in exc.errors():
            seen.setdefault(_where(e["loc"]), _problem(e))
        raise ValidationError("json_schema", problems="; ".join(list(seen.values())[:5])) from None
    except RecursionError:
        raise ValidationError("json_too_deep") from None


def _where(loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("str", "int", "constrained-str", "function-after", "list[str]"):
            continue  # which branch of a union pydantic tried: not a field
        else:
            out += f".{part}" if out else str(part)
    return out or "(root)"


def _problem(error: dict) -> str:
    where, kind, ctx = _where(error["loc"]), error["type"], error.get("ctx") or {}
    texts = {
        "extra_forbidden": _("unknown field {where} (a typo?)").format(where=where),
        "missing": _("{where} is missing").format(where=where),
        "bool_type": _("{where} must be true or false (not text)").format(where=where),
        "string_type": _("{where} must be text").format(where=where),
        "string_too_long": _("{where} is too long (at most {max_length} characters)").format(
                               where=where, max_length=ctx.get('max_length')),
        "string_pattern_mismatch": _("{where} may hold only digits and + - ( ) spaces").format(where=where),
        "too_long": _("{where} has too many items (at most {max_length})").format(
                        where=where, max_length=ctx.get('max_length')),
        "too_short": _("{where} needs at least one item").format(where=where),
        "list_type": _("{where} must be a list […]").format(where=where),
        "model_type": _("{where} must be an object {{…}}").format(where=where),
        "model_attributes_type": _("{where} must be an object {{…}}").format(where=where),
        "int_type": _("{where} must be text or a whole number").format(where=where),
    }
    return texts.get(kind) or _("{where}: {msg}").format(where=where, msg=error['msg'])
