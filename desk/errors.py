"""Typed refusals. Each carries a message code and its parameters; `str()` is the message in
the current language, so the window and the CLI can show it as it is."""

from __future__ import annotations

from desk.i18n import M_, message


class DeskError(Exception):
    """Base of everything the core refuses on purpose. Nothing was changed when it is raised."""

    def __init__(self, code: str, /, **params):  # positional-only: a message may take a {code} too
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return message(self.code, **{k: shown(v, 1000 if k in _PATHS else 80) for k, v in self.params.items()})


# Parameters that are file paths or whole sentences made by the desk itself: never shortened.
_PATHS = frozenset({"path", "folder", "backup", "hint"})


def shown(value, limit: int = 80):
    """A value as a message may quote it: what someone typed can be 100 KB long or hold
    terminal escape sequences and unpaired surrogates, none of which belongs in a message."""
    if not isinstance(value, str):
        return value
    out = []
    for ch in value[: limit + 1]:
        code = ord(ch)
        if code < 32 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
        else:
            out.append(ch)
    text = "".join(out)
    return text[:limit] + "…" if len(value) > limit else text


class ValidationError(DeskError):
    """Input that cannot be stored as given."""


class NotFound(DeskError):
    pass


class PermissionDenied(DeskError):
    """The actor's role may not do this."""


class TransitionRefused(DeskError):
    """The order's status does not allow this action."""


class AuthError(DeskError):
    pass


class NotInitialised(DeskError):
    pass


class StartupError(DeskError):
    """The database cannot be used as it is; the message says what to do."""


class SchemaTooNew(StartupError):
    """The file was written by a newer desk (raised by desk.db before anything is changed)."""


# Messages of the errors raised below the services (the rest register beside their errors).
_MESSAGES = (
    M_("schema_too_new", "The database “{path}” was written by a newer Desk (schema {revision}); this version cannot open it. Install the latest Desk; the database was not changed."),
)
