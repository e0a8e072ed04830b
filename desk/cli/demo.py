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

    report = generate(ctx.store, days=args.days, per_day=args.per_day, seed=args.seed, progress=progress)
    if show:
        print(file=sys.stderr)
    lines = [
        pick(f"演示站点：{report.station_name}（{report.station_code}），数据库 {ctx.db_path}",
             f"Demo station: {report.station_name} ({report.station_code}), database {ctx.db_path}"),
        pick(f"生成 {report.visits} 次来访、{report.orders} 件工单、{report.events} 条记录，用时 {report.seconds:.1f} 秒",
             f"Made {report.visits} visits, {report.orders} work orders and {report.events} history events "
             f"in {report.seconds:.1f} s"),
        "  " + ", ".join(f"{label('status.' + k)} {v}" for k, v in sorted(report.status_counts.items(), key=lambda kv: -kv[1])),
        pick("登录账号（密码相同）：", "Log-ins (same password):"),
    ]
    lines += [f"  {u:10} {p}  {label('role.' + r)}" for u, p, r in report.accounts]
    ctx.emit({"database": str(ctx.db_path), **report.__dict__}, lines)
    return 0
