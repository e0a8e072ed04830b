"""desk demo: fill a database with a realistic demo station history."""

from __future__ import annotations

import sys

from desk.cli.context import add_json_option
from desk.i18n import label, pick


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill the database with demo data (sets up a demo station on an empty file)")
    p.add_argument("--days", type=int, default=60, help="days of history ending today (default 60)")
    p.add_argument("--per-day", type=int, default=80, help="about this many matters a day (default 80)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--kit", metavar="FILE.pdf", help="also write the demo station's recovery kit PDF")
    p.add_argument("--no-stories", action="store_true",
                   help="leave out the recurring problems of the article (desk/demo_stories.py)")
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
        pick(f"演示站点：{report.station_name}（{report.station_code}），数据库 {ctx.db_path}",
             f"Demo station: {report.station_name} ({report.station_code}), database {ctx.db_path}"),
        pick(f"生成 {report.visits} 次来访、{report.orders} 件工单、{report.events} 条记录，用时 {report.seconds:.1f} 秒",
             f"Made {report.visits} visits, {report.orders} work orders and {report.events} history events "
             f"in {report.seconds:.1f} s"),
        "  " + ", ".join(f"{label('status.' + k)} {v}" for k, v in sorted(report.status_counts.items(), key=lambda kv: -kv[1])),
        *([pick(f"已按文章的故事登记问题 {', '.join(f'#{n}' for n in registered)}（问题清单，F10）",
                f"Registered the article's problems {', '.join(f'#{n}' for n in registered)} (Problems, F10)")]
          if registered else []),
        pick("登录账号（密码相同）：", "Log-ins (same password):"),
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
