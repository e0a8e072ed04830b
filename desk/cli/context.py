"""What every sub-command needs: the store, the acting user, output in text or JSON."""

from __future__ import annotations

import getpass
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

from desk.config import default_db_path, log_dir
from desk.i18n import _
from desk.services.dto import Actor, to_jsonable
from desk.errors import ValidationError


class Context:
    def __init__(self, args):
        self.args = args
        self._store = None
        self._actor: Actor | None = None

    @property
    def db_path(self) -> Path:
        return Path(self.args.db).expanduser() if self.args.db else default_db_path()

    @property
    def store(self):
        """Opened through desk.services.startup, so a damaged, locked, read-only or missing
        database, a full disk or a newer schema is a clear message, not a traceback."""
        if self._store is None:
            from desk.services.startup import open_store

            # The default data folder is ours to create on first run; a folder someone named
            # with --db/$DESK_DB that is missing is more likely a disconnected drive.
            create = self.db_path == default_db_path() and not os.environ.get("DESK_DB") and not self.args.db
            create = create or getattr(self.args, "command", None) == "init"
            self._store = open_store(self.db_path, create_folder=create, thorough=False)
            if self._store.locked:
                self._unlock(self._store)
        return self._store

    def _unlock(self, store) -> None:
        """An encrypted file opens with the log-in the command asks for anyway (--user and
        $DESK_PASSWORD); `desk sync` run by the OS timer with no user, by the machine key."""
        from desk.services import encryption

        username = getattr(self.args, "user", None) or os.environ.get("DESK_USER")
        unattended = getattr(self.args, "command", None) == "sync" and os.environ.get("DESK_PASSWORD") is None
        if unattended and (not username or not sys.stdin.isatty()):
            encryption.unlock_with_machine(store)  # the OS timer: nobody to type a password
        elif username:
            self._actor = self._login(store, username, self._password(username))
        # Otherwise it stays locked: whatever reads it says to add --user.

    @staticmethod
    def _password(username: str) -> str:
        password = os.environ.get("DESK_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise ValidationError("required", field="DESK_PASSWORD")
            password = getpass.getpass(f"{username} password: ")
        return password

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def actor(self) -> Actor:
        """Log in as --user with $DESK_PASSWORD, or ask for the password on a terminal."""
        username = getattr(self.args, "user", None) or os.environ.get("DESK_USER")
        if not username:
            raise ValidationError("required", field="--user")
        store = self.store
        if self._actor is not None and self._actor.username == username.strip():
            return self._actor  # the log-in that unlocked the file
        return self._login(store, username, self._password(username))

    def _login(self, store, username: str, password: str) -> Actor:
        from desk.services import auth

        # Not a "login" audit row per command: the audit records what the command does.
        actor = auth.login(store, username, password, audit=False)
        self.password = password  # for `desk encrypt`, which wraps the key under it
        return actor

    # -- output ---------------------------------------------------------------------------
    def emit(self, data: Any, text_lines: Iterable[str] | None = None) -> None:
        if getattr(self.args, "json", False):
            json.dump(to_jsonable(data), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif text_lines is not None:
            for line in text_lines:
                print(line)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
        rows = [["" if v is None else str(v) for v in r] for r in rows]
        widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
        fmt = lambda cells: "  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        return [fmt(headers), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]

    def log_exception(self, exc: BaseException) -> Path:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "desk-errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat()} desk {' '.join(sys.argv[1:2])}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return path


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def add_user_option(parser) -> None:
    parser.add_argument("--user", "-u", help=_("staff user name (default $DESK_USER); password from $DESK_PASSWORD or prompted"))


def add_json_option(parser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
