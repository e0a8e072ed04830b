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
from desk.services.dto import Actor, to_jsonable
from desk.errors import ValidationError


class Context:
    def __init__(self, args):
        self.args = args
        self._store = None

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
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def actor(self) -> Actor:
        """Log in as --user with $DESK_PASSWORD, or ask for the password on a terminal."""
        from desk.services import auth

        username = getattr(self.args, "user", None) or os.environ.get("DESK_USER")
        if not username:
            raise ValidationError("required", field="--user")
        password = os.environ.get("DESK_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise ValidationError("required", field="DESK_PASSWORD")
            password = getpass.getpass(f"{username} password: ")
        return auth.login(self.store, username, password)

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
    parser.add_argument("--user", "-u", help="staff user name (default $DESK_USER); password from $DESK_PASSWORD or prompted")


def add_json_option(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
