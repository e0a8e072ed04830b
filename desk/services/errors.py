"""Typed refusals. Each carries a message code and its parameters; `str()` is the message in
the current language, so the window and the CLI can show it as it is."""

from __future__ import annotations

from desk.i18n import message


class DeskError(Exception):
    """Base of everything the core refuses on purpose. Nothing was changed when it is raised."""

    def __init__(self, code: str, /, **params):  # positional-only: a message may take a {code} too
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return message(self.code, **self.params)


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
