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


# What opening a station file imports, heaviest first. The window imports them one per turn of
# its event loop after its early log-in page shows, so that keys typed meanwhile reach the page
# (desk/ui/main.py, desk/ui/early_login.py); named here, beside the paths, because the Qt side
# itself never names the database libraries (tests/packaging/test_packaging.py).
STORE_MODULES = ("sqlalchemy", "sqlalchemy.orm", "desk.models", "desk.services.store", "desk.services.startup")
