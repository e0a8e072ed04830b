"""desk self-test: prove that this installation works, on a throw-away database.

An administrator runs it after installing (and the installer test runs it inside the bundle):
the bundled files are there, a database is created and migrated, a station is set up, a visit
with two matters is saved and read back, a slip PDF is rendered (when the slip module is part
of this build) and the main window opens for a moment. Exit 0 when every check that could run
passed; 1 when any failed. Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from importlib import import_module, resources
from pathlib import Path
from typing import Callable

from desk import __version__
from desk.cli.context import add_json_option
from desk.i18n import _

OK, SKIP, FAIL = "ok", "skip", "fail"
PASSWORD = "self-test-2026"


@dataclass
class Check:
    name: str
    status: str
    detail: str
    ms: int


class Skipped(Exception):
    """A part that is not in this build (or this machine): reported, not a failure."""


def register(sub) -> None:
    p = sub.add_parser("self-test", help=_("check this installation on a temporary database and exit 0 if it works"))
    p.add_argument("--keep", metavar="DIR",
                   help=_("write the test database, slip PDF and window screenshot into DIR and keep them"))
    p.add_argument("--no-window", action="store_true", help=_("skip opening the window"))
    p.add_argument("--window-ms", type=int, default=300, metavar="MS",
                   help=_("how long the window stays open (default 300)"))
    add_json_option(p)
    p.set_defaults(handler=run_self_test)


def run_self_test(args, ctx) -> int:
    work = Path(args.keep).expanduser() if args.keep else Path(tempfile.mkdtemp(prefix="desk-self-test-"))
    work.mkdir(parents=True, exist_ok=True)
    state: dict = {"work": work, "window_ms": args.window_ms}
    steps: list[tuple[str, Callable[[dict], str]]] = [
        ("files", check_files),
        ("database", check_database),
        ("visit", check_visit),
        ("slip", check_slip),
    ]
    if not args.no_window:
        steps.append(("window", check_window))
    checks = [_run(name, fn, state) for name, fn in steps]
    store = state.get("store")
    if store is not None:
        store.close()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    passed = all(c.status != FAIL for c in checks)
    header = _("Desk {version} self-test (Python {value}, {build_kind})").format(
                 version=__version__, value=sys.version.split()[0], build_kind=_build_kind())
    lines = [header]
    tags = {OK: "[ OK ]", SKIP: "[SKIP]", FAIL: "[FAIL]"}
    lines += [f"{tags[c.status]} {c.name:<8} {c.detail} ({c.ms} ms)" for c in checks]
    failed = [c.name for c in checks if c.status == FAIL]
    lines.append(_("Self-test passed.") if passed else
                 _("Self-test FAILED: {items}.").format(items=', '.join(failed)))
    if args.keep:
        lines.append(_("Files kept in {work}").format(work=work))
    ctx.emit({"version": __version__, "passed": passed, "checks": [asdict(c) for c in checks],
              "kept": str(work) if args.keep else None}, lines)
    return 0 if passed else 1


def _run(name: str, fn: Callable[[dict], str], state: dict) -> Check:
    start = time.perf_counter()
    try:
        status, detail = OK, fn(state)
    except Skipped as skip:
        status, detail = SKIP, str(skip)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one clear line
        status, detail = FAIL, f"{type(exc).__name__}: {exc}"
        if os.environ.get("DESK_SELF_TEST_TRACE"):
            traceback.print_exc()
    return Check(name, status, detail, round((time.perf_counter() - start) * 1000))


def _build_kind() -> str:
    return _("bundle") if getattr(sys, "frozen", False) else _("Python environment")


# -- the checks ----------------------------------------------------------------------------------

def check_files(state: dict) -> str:
    """The data files PyInstaller cannot see as imports: migrations, font, icon, themes."""
    migrations = resources.files("desk.migrations")
    versions = [p.name for p in (migrations / "versions").iterdir() if p.name.endswith(".py") and p.name[0].isdigit()]
    missing = [n for n in ("env.py", "script.py.mako") if not (migrations / n).is_file()]
    if missing or not versions:
        raise FileNotFoundError(f"desk/migrations: missing {missing or 'versions/*.py'}")
    res = resources.files("desk.resources")
    for rel in ("fonts/wqy-microhei.ttc", "icons/desk.svg", "icons/desk-256.png"):
        if not (res / rel).is_file():
            raise FileNotFoundError(f"desk/resources/{rel}")
    locale = res / "locale"
    qm = [p.name for p in locale.iterdir() if (p / "LC_MESSAGES" / "desk.mo").is_file()] if locale.is_dir() else []
    state["qm"] = qm
    return _("{count} migration(s), font and icon present, {count2} translation(s)").format(count=len(versions), count2=len(qm))


def check_database(state: dict) -> str:
    from desk.db import current_revision, head_revision
    from desk.services import auth
    from desk.services.store import Store

    path = state["work"] / "self-test.sqlite3"
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()  # a --keep folder used before
    store = Store.open(path)
    state["store"] = store
    revision, head = current_revision(store.engine), head_revision(store.engine)
    if revision != head:
        raise RuntimeError(f"schema at {revision}, expected {head}")
    auth.initialise(store, station_code="ZJ", station_name="自检站", admin_username="selftest",
                    admin_password=PASSWORD, admin_display_name="自检", phone="021-64331234")
    state["actor"] = auth.login(store, "selftest", PASSWORD)
    return _("created, migrated to {head}, station set up").format(head=head)


def check_visit(state: dict) -> str:
    from desk.services import intake, queries, reference
    from desk.services.dto import MatterInput, OrderFilter, VisitInput

    store, actor = _need(state, "store"), _need(state, "actor")
    categories = {c.code: c for c in reference.list_categories(store)}
    leak = categories.get("HOUSE-LEAK") or next(iter(categories.values()))
    result = intake.register_visit(store, actor, VisitInput(
        name="张三明", phone="13812345678", lane="陕西南路550弄", number="17",
        matters=(MatterInput(summary="公用厨房漏水", kind="complaint", category_id=leak.id, dispatch=True),
                 MatterInput(summary="食堂早餐几点开门", answer="7:00 开门"))))
    state["visit"] = result
    rows = queries.visit_orders(store, result.visit_id)
    statuses = sorted(r.status for r in rows)
    if len(rows) != 2 or statuses != ["answered", "dispatched"]:
        raise RuntimeError(f"read back {len(rows)} order(s) with statuses {statuses}")
    found = queries.count_orders(store, actor, OrderFilter(text="漏水"))
    if found != 1:
        raise RuntimeError(f"search for 漏水 found {found} order(s), expected 1")
    return _("visit saved: {items}, found by search").format(items=', '.join(r.ticket_no for r in rows))


SLIP_MODULE = "desk.printing.slip"  # make_slip(store, actor, ticket, out, layout=...) -> SlipResult


def check_slip(state: dict) -> str:
    try:
        slip = import_module(SLIP_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name in ("desk.printing", SLIP_MODULE):
            raise Skipped(_("the slip module ({slip_module}) is not in this build").format(slip_module=SLIP_MODULE))
        raise
    store, actor, visit = _need(state, "store"), _need(state, "actor"), _need(state, "visit")
    target = state["work"] / "slip.pdf"
    made = slip.make_slip(store, actor, visit.orders[0].ticket_no, target, layout="receipt")
    pdf = Path(made.path).read_bytes()
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("the slip is not a PDF")
    if b"/FontFile2" not in pdf:  # the CJK TrueType font must be embedded, not only named
        raise RuntimeError("the slip PDF embeds no TrueType font")
    if len(made.tickets) != 2:
        raise RuntimeError(f"the slip carries {len(made.tickets)} matter(s), expected the visit's 2")
    return _("slip PDF {value} KB ({pages} page, both matters, font embedded)").format(
               value=len(pdf) // 1024, pages=made.pages)


def check_window(state: dict) -> str:
    if importlib.util.find_spec("PySide6") is None:  # the core never imports Qt itself
        raise Skipped(_("Qt (PySide6) is not installed: no window"))
    store = _need(state, "store")
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no screen (a server, CI): draw off-screen
    from desk.ui.self_test import show_main_window

    shot = state["work"] / "window.png"
    title, platform = show_main_window(store, state.get("qm", []), state["window_ms"], shot)
    return _("main window opened ({platform}): {title}").format(platform=platform, title=title)


def _need(state: dict, key: str):
    if key not in state:
        raise Skipped(_("not run: an earlier step failed"))
    return state[key]
