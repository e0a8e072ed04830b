"""Starting the desk window (the Qt side). Kept small: the screens live in desk/ui."""

from __future__ import annotations

import sys


def run_gui(db: str | None = None) -> int:
    from desk.ui.main import run

    return run(db=db, argv=sys.argv[:1])
