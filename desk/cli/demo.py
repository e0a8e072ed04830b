"""desk demo: fill a database with a realistic demo station history."""

from __future__ import annotations

import sys

from desk.cli.context import add_json_option
from desk.i18n import _, label


def register(sub) -> None:
    p = sub.add_parser("demo", help=_("fill the database with demo data (sets up a demo station on an empty file)"))
    p.add_argument("--days", type=int, default=60, help=_("days of history ending today (default 60)"))
    p.add_argument("--per-day", type=int, default=80, help=_("about this many matters a day (default 80)"))
    p.add_argument("--seed", type=int, default=1, help=_("the same seed gives the same data"))
    p.add_argument("--kit", metavar="FILE.pdf", help=_("also write the demo station's recovery kit PDF"))
    p.add_argument("--no-stories", action="store_true",
                   help=_("leave out the recurring problems of the article (desk/demo_stories.py)"))
    add_json_option(p)
    p.set_defaults(handler=run_demo)


def run_demo(args, ctx) -> int:
    from desk.demo import generate
    from desk.errors import ValidationError

    if not 1 <= args.days <= 20000 or not 1 <= args.per_day <= 5000:
        raise ValidationError("bad_days", low=1, high=20000)
    show = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\r{done}/{total} …", end="", file=sys.stderr, flush=True)

    report = generate(ctx.store, days=args.days, per_day=args.per_day, seed=args.seed, progress=progress,
                      stories=not args.no_stories)
    registered = []
    if not args.no_stories:
        from desk.demo_stories import register_found

        registered = register_found(ctx.store)
    if show:
        print(file=sys.stderr)
    lines = [
        _("Demo station: {station_name} ({station_code}), database {db_path}").format(
            station_name=report.station_name, station_code=report.station_code, db_path=ctx.db_path),
        _("Made {visits} visits, {orders} work orders and {events} history events in {seconds:.1f} s").format(
            visits=report.visits, orders=report.orders, events=report.events, seconds=report.seconds),
        "  " + ", ".join(f"{label('status.' + k)} {v}" for k, v in sorted(report.status_counts.items(), key=lambda kv: -kv[1])),
        *([_("Registered the article's problems {items} (Problems, F10)").format(
               items=', '.join(f'#{n}' for n in registered))]
          if registered else []),
        _("Log-ins (same password):"),
    ]
    lines += [f"  {u:10} {p}  {label('role.' + r)}" for u, p, r in report.accounts]
    kit = {}
    if report.created_station:
        # A new demo file is encrypted like a real station's (written plain first: the bulk
        # writer is quicker on it), and shows its recovery key the same way.
        from desk.cli.recovery import encrypt_and_show
        from desk.services import auth

        admin_password = next(p for u, p, _r in report.accounts if u == "admin")
        admin = auth.login(ctx.store, "admin", admin_password)
        kit = encrypt_and_show(ctx, admin, admin_password, lines, args.kit,
                               known_passwords={u: p for u, p, _r in report.accounts})
    ctx.emit({"database": str(ctx.db_path), **report.__dict__, "problems_registered": registered, **kit}, lines)
    return 0
