"""Refusals the window adds to the core catalogue (zh/en), registered once on import."""

from desk.i18n import M_

_MESSAGES = (
    M_("passwords_differ", "The two passwords differ."),
    M_("locked_other_user", "The screen was locked by {name}; only they or an administrator can unlock it."),
)
