"""Checking what people type. Text is kept exactly as typed once it passes."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from desk.errors import ValidationError
from desk.i18n import by_language, pzh_en, zh_en

# Field names shown in messages: key -> (中文, English)
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "summary": zh_en("summary"),
    "details": zh_en("details"),
    "name": zh_en("name"),
    "phone": zh_en("phone"),
    "id_number": zh_en("ID number"),
    "lane": zh_en("lane"),
    "number": zh_en("number"),
    "room": zh_en("room"),
    "notes": zh_en("notes"),
    "reason": zh_en("reason"),
    "result": zh_en("result"),
    "text": zh_en("text"),
    "kind": zh_en("kind"),
    "channel": zh_en("channel"),
    "urgency": zh_en("urgency"),
    "category": zh_en("category"),
    "department": zh_en("department"),
    "target": zh_en("order to merge into"),
    "address": zh_en("address"),
    "name_en": zh_en("English name"),
    "note": zh_en("note"),
    "solved": pzh_en("desk.services.validation", "solved"),
    "display_name": zh_en("display name"),
    "station_name": zh_en("station name"),
    "code": zh_en("code"),
    "contact": zh_en("contact"),
    "name_en": zh_en("English name"),
    "address": zh_en("address"),
    "search": zh_en("search text"),
}

LIMITS = {
    "summary": 200, "details": 20000, "name": 60, "lane": 60, "number": 20, "room": 20,
    "notes": 5000, "reason": 2000, "result": 20000, "text": 20000, "display_name": 60,
    "station_name": 100, "code": 16, "contact": 60,
    # as long as their columns (PostgreSQL enforces them when the file is synced)
    "address": 200, "name_en": 100, "note": 100,
    # A phrase query's cost grows with its length times the matches' length: 20,000 pasted
    # characters took over a minute against a long stored text. Nobody types more than this.
    "search": 100,
}

# C0/C1 controls other than tab, newline and carriage return; and unpaired UTF-16 surrogates,
# which Python strings can hold (e.g. from JSON "\ud800") but UTF-8 and SQLite cannot.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# (and the Unicode noncharacters: "not for interchange", no keyboard types them, and XML -- so an
# XLSX export -- cannot hold U+FFFE/U+FFFF at all.)


def field_label(field: str) -> str:
    zh, en = FIELD_NAMES.get(field, (field, field))
    return by_language(zh, en)


def text(value: object, field: str, *, required: bool = False, multiline: bool = True) -> str:
    """A text field as typed: refused if required and blank, too long, or holding control
    characters (which no keyboard types and which break printing and CSV)."""
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        # A list, a dict, a float… would be stored as its Python repr: refuse instead.
        raise ValidationError("bad_text", field=field_label(field))
    if not isinstance(value, str):
        value = str(value)
    if required and not value.strip():
        raise ValidationError("required", field=field_label(field))
    if _CONTROL_RE.search(value) or (not multiline and ("\n" in value or "\r" in value)):
        raise ValidationError("bad_text", field=field_label(field))
    limit = LIMITS.get(field)
    if limit is not None and len(value) > limit:
        raise ValidationError("too_long", field=field_label(field), limit=limit, length=len(value))
    return value


def phone(value: str | None) -> str:
    """A Chinese mobile or landline number, normalised: '13812345678' or '02164331234'.
    Empty stays empty (anonymous visitors)."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if any(ch.isalpha() for ch in raw):
        # phonenumbers would turn keypad letters into digits (1381234ABCD -> 13812342223): a
        # number nobody gave. Refused.
        raise ValidationError("bad_phone", value=raw)
    import phonenumbers  # here, not at the top: tens of milliseconds of the window's start-up

    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError("bad_phone", value=raw) from None
    if parsed.extension:
        # Dropping it silently would lose how to reach the person.
        raise ValidationError("phone_extension", value=raw)
    if parsed.country_code != 86:
        raise ValidationError("bad_phone", value=raw)
    # +86 has one region (CN), where is_valid_number is number_type(...) != UNKNOWN: the
    # number's patterns matched once, not twice (every save with a phone asks).
    kind = phonenumbers.number_type(parsed)
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        raise ValidationError("bad_phone", value=raw)
    national = str(parsed.national_number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return national
    return "0" + national


def format_phone(normalised: str) -> str:
    """For display: mobiles as 138 1234 5678, landlines as 021-64331234."""
    if not normalised:
        return ""
    if len(normalised) == 11 and normalised.startswith("1"):
        return f"{normalised[:3]} {normalised[3:7]} {normalised[7:]}"
    import phonenumbers

    try:
        parsed = phonenumbers.parse(normalised, "CN")
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL).replace(" ", "-")
    except phonenumbers.NumberParseException:
        return normalised


def id_number(value: str | None) -> str:
    raw = (value or "").strip().upper()
    if not raw:
        return ""
    from stdnum.cn import ric

    try:
        return ric.validate(raw)
    except Exception:  # stdnum raises several ValidationError subclasses
        raise ValidationError("bad_id_number", value=value) from None


def choice(value: str | None, allowed: type, field: str, *, default: str | None = None) -> str:
    if value in (None, "") and default is not None:
        return default
    try:
        return allowed(value).value
    except ValueError:
        raise ValidationError("bad_choice", field=field_label(field), value=value) from None


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError("bad_date", value=value) from None


def normalise_search(text_: str) -> str:
    """Full-width letters and digits typed with a Chinese input method become half-width;
    invisible control characters and unpaired surrogates (which cannot be sent to SQLite)
    are dropped from a query: nothing stored can contain them anyway."""
    return unicodedata.normalize("NFKC", _CONTROL_RE.sub("", text_ or ""))
