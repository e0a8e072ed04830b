"""Make tests/data/desk-<version>.sqlite3: a small database as a released desk leaves it, for
the upgrade tests (a newer desk must open it, keep every row and migrate it, copying it aside
first). Run it ONCE per release with that release's code and commit the file; never remake an
old one with newer code (it would no longer be what the old release wrote).

    python tests/data/make_release_db.py          # writes tests/data/desk-<desk.__version__>.sqlite3
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "release-2026"


def main() -> int:
    import desk
    from desk.services import auth, intake, lifecycle, reference
    from desk.services.dto import MatterInput, VisitInput
    from desk.services.store import Store

    target = HERE / f"desk-{desk.__version__}.sqlite3"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "desk.sqlite3"
        # Monday 2026-11-30 09:00 in Shanghai, so ticket numbers are fixed.
        store = Store.open(work, clock=lambda: datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc))
        admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                                admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                                address="陕西南路550弄17号")
        auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
        clerk = auth.login(store, "wangli", PASSWORD)
        cats = {c.code: c for c in reference.list_categories(store)}
        result = intake.register_visit(store, clerk, VisitInput(
            name="张三明", phone="13812345678", lane="陕西南路550弄", number="17",
            matters=(MatterInput(summary="公用厨房漏水", kind="complaint", category_id=cats["HOUSE-LEAK"].id,
                                 dispatch=True),
                     MatterInput(summary="食堂早餐几点开门", answer="7:00 开门"))))
        lifecycle.perform(store, clerk, result.orders[0].ticket_no, "accept")
        store.close()
        target.unlink(missing_ok=True)
        src = sqlite3.connect(work)
        src.execute("VACUUM INTO ?", (str(target),))  # one self-contained file, no -wal beside it
        src.close()
    print(f"wrote {target} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    raise SystemExit(main())
