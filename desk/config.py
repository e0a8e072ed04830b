"""Where the desk keeps its files. `--db PATH` or DESK_DB override the database location."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "desk"
APP_AUTHOR = "desk"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """What can be made again (the rendered stylesheet): safe to delete at any time."""
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def default_db_path() -> Path:
    env = os.environ.get("DESK_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "desk.sqlite3"
