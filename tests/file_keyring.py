"""A keyring backend for the tests: this headless Linux has no Secret Service (no D-Bus session,
no GNOME Keyring), so the machine key of unattended sync is kept in a JSON file named by
$DESK_TEST_KEYRING_FILE. Selected honestly the way keyring documents it:
PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring (or keyring.set_keyring in-process).
It stores in the clear: a test stand-in, never for a real station."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    def _file(self) -> Path:
        return Path(os.environ["DESK_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        try:
            return json.loads(self._file().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._file().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._file().write_text(json.dumps(data), encoding="utf-8")
