"""desk sync: push this station's changes to the central server and pull what is new.

For the operating system's scheduler (cron, Task Scheduler): `desk sync` uses the saved server
address and token; `desk sync --server URL --token T --save` stores them first."""

from __future__ import annotations

import os

from desk.cli.context import add_json_option
from desk.i18n import pick


def register(sub) -> None:
    p = sub.add_parser("sync", help="sync with the central server now (push, then pull)")
    p.add_argument("--server", default=os.environ.get("DESK_SYNC_SERVER"), help="central server URL (default: saved, or $DESK_SYNC_SERVER)")
    p.add_argument("--token", default=os.environ.get("DESK_SYNC_TOKEN"), help="this station's token (default: saved, or $DESK_SYNC_TOKEN)")
    p.add_argument("--save", action="store_true", help="remember --server/--token for later runs")
    p.add_argument("--status", action="store_true", help="show the sync status instead of syncing")
    p.add_argument("--mark-seen", action="store_true",
                   help="mark every conflict listed by --status as seen (a supervisor: --user, $DESK_PASSWORD)")
    p.add_argument("--user", help="who marks conflicts as seen (default $DESK_USER)")
    p.add_argument("--cafile", help="CA bundle for a central server with its own TLS certificate")
    p.add_argument("--batch-size", type=int, default=int(os.environ.get("DESK_SYNC_BATCH", "1000")))
    p.add_argument("--page-size", type=int, default=int(os.environ.get("DESK_SYNC_PAGE", "1000")))
    add_json_option(p)
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from desk.sync import client
    from desk.sync.status import sync_status

    store = ctx.store
    if args.save:
        client.configure(store, args.server, args.token)
    if args.status:
        st = sync_status(store)
        ctx.emit(st, [
            pick(f"服务器：{st.server_url or '未设置'}", f"Server: {st.server_url or 'not set'}"),
            pick(f"上次成功：{st.last_success_at or '从未'}", f"Last success: {st.last_success_at or 'never'}"),
            pick(f"待发送：{st.pending}", f"Waiting to send: {st.pending}"),
            pick(f"被拒收：{len(st.quarantined)}", f"Refused by the centre: {len(st.quarantined)}"),
            pick(f"冲突：{len(st.conflicts)}", f"Conflicts: {len(st.conflicts)}"),
        ] + ([pick(f"上次错误：{st.last_error}", f"Last error: {st.last_error}")] if st.last_error else [])
          + _conflict_lines(store, ctx, st))
        return 0
    if args.mark_seen:
        from desk.sync.status import mark_conflicts_seen

        n = mark_conflicts_seen(store, ctx.actor())
        ctx.emit({"marked": n}, [pick(f"已标记 {n} 条冲突为已阅。", f"Marked {n} conflicts as seen.")])
        return 0
    report = client.sync(store, args.server, args.token, batch_size=args.batch_size, page_size=args.page_size,
                         verify=args.cafile or True)
    ctx.emit(report, [pick(f"同步完成：发送 {report.pushed} 条（{report.batches} 批，拒收 {report.quarantined}），"
                           f"收到 {report.pulled} 条，用时 {report.seconds:.1f} 秒",
                           f"Synced: sent {report.pushed} changes ({report.batches} batches, {report.quarantined} refused), "
                           f"received {report.pulled}, {report.seconds:.1f} s")])
    return 0


def _conflict_lines(store, ctx, st) -> list[str]:
    """Each conflict people judge: the order, the field, the value kept and the value lost, with
    who wrote each (bookkeeping such as updated_at is not listed)."""
    from desk.sync.status import BOOKKEEPING_FIELDS, field_label, value_text

    shown = [c for c in st.conflicts if c.field not in BOOKKEEPING_FIELDS]
    if not shown:
        return []
    names = store.names()
    rows = [(c.ticket_no or f"{c.table} {c.row_id[:8]}", field_label(c.field),
             f"{value_text(c.field, c.kept_value, names)} ({c.kept_station})",
             f"{value_text(c.field, c.lost_value, names)} ({c.lost_station})",
             pick("已阅", "seen") if c.seen else pick("未阅", "new")) for c in shown]
    return [""] + ctx.table([pick("工单", "Order"), pick("字段", "Field"), pick("保留的值", "Value kept"),
                             pick("被覆盖的值", "Value overwritten"), pick("状态", "State")], rows)
