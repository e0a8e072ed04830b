"""This machine's window preferences (QSettings): language, theme, text size, geometry.

Station-wide settings live in the database (desk.services.settings); these belong to the
workstation and the person at it, and are declared here with their defaults in one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

DEFAULTS: dict[str, Any] = {
    "language": "zh_CN",  # zh_CN or en
    "theme": "light",  # light or dark
    "large_text": False,  # larger type for older staff
    "last_view": "open",
    "last_user": "",
}


class Prefs:
    def __init__(self, settings: QSettings | None = None):
        self.qs = settings or QSettings("desk", "desk")

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self.qs.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        return type(default)(value) if value is not None else default

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self.qs.setValue(key, value)

    # Window state (geometry, splitters, header layouts) is stored as raw bytes per name.
    def state(self, name: str):
        return self.qs.value(f"state/{name}")

    def save_state(self, name: str, value) -> None:
        self.qs.setValue(f"state/{name}", value)
