"""Figures to JSON and back, for the central server's all-stations figures (GET /v1/figures).

The one figures-to-JSON of the desk: `desk report --json` prints the same encoding.
The codec walks the dataclasses of desk.services.figures by their type hints, so a field added
to `Figures` (or to Drill, Rate, OrderRow …) travels without a change here; a field the other
side does not send yet takes its default. `public()` is what the server applies before sending:
no resident's name, phone, address or words leave it, only counts, labels and ticket numbers.

Qt-free and SQL-free: the desk's worker and the server both use it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from desk.services.dto import OrderRow
from desk.services.figures import Figures

FORMAT = 1  # bumped when a change is not backward compatible


class FormatError(ValueError):
    """The JSON is not figures this desk can read."""


def to_json(fig: Figures) -> dict[str, Any]:
    return {"format": FORMAT, "figures": encode(fig)}


def encode(fig: Figures) -> dict[str, Any]:
    """The figures as plain JSON values (also what `desk report --json` prints under "figures")."""
    return _encode(fig)


def from_json(doc: dict[str, Any]) -> Figures:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("figures"), dict):
        raise FormatError(f"not figures of format {FORMAT}")
    try:
        return _decode(Figures, doc["figures"])
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"{type(exc).__name__}: {exc}") from exc


def public(fig: Figures) -> Figures:
    """The figures with every personal field of the listed orders emptied (PIPL: counts and
    ticket numbers are enough for a supervisor looking at other stations)."""
    return dataclasses.replace(fig, overdue=tuple(public_row(r) for r in fig.overdue))


def public_row(row: OrderRow) -> OrderRow:
    return dataclasses.replace(row, visitor_name="", visitor_phone="", summary="", address="")


# -- the codec --------------------------------------------------------------------------------

def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, value: Any) -> Any:
    if tp is Any:
        return _frozen(value)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value))
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"{tp.__name__} expects an object")
        hints = _hints(tp)
        kwargs = {f.name: _decode(hints[f.name], value[f.name])
                  for f in dataclasses.fields(tp) if f.init and f.name in value}
        return tp(**kwargs)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is float:
        return float(value)
    if tp in (int, str, bool) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
    return value


def _frozen(value: Any) -> Any:
    """An untyped value (a drill's argument): lists back to the tuples the figures hold."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
