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
    p.add_argument("--retry-held", metavar="REF", help="apply set-aside pulled rows again: a ticket, a row id or 'all' (supervisors)")
    p.add_argument("--discard-held", metavar="REF", help="forget set-aside pulled rows on this desk (the centre keeps them; supervisors)")
    p.add_argument("--mark-seen", action="store_true",
                   help="mark every conflict listed by --status as seen (a supervisor: --user, $DESK_PASSWORD)")
    p.add_argument("--user", "-u", help="staff user name (default $DESK_USER, password from $DESK_PASSWORD): opens an "
                                        "encrypted file by hand (the OS timer uses `desk unattended enable`'s machine "
                                        "key); needed for --retry-held, --discard-held and --mark-seen")
    p.add_argument("--cafile", help="CA bundle for a central server with its own TLS certificate")
    p.add_argument("--batch-size", type=int, default=int(os.environ.get("DESK_SYNC_BATCH", "1000")))
    p.add_argument("--page-size", type=int, default=int(os.environ.get("DESK_SYNC_PAGE", "1000")))
    add_json_option(p)
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from desk.sync import client
    from desk.sync.status import sync_status

    store = ctx.store
    if args.retry_held or args.discard_held:
        from desk.sync import held

        actor = ctx.actor()
        if args.retry_held:
            applied, left = held.retry(store, actor, args.retry_held)
            ctx.emit({"applied": applied, "still_held": left},
                     [pick(f"已重新应用 {applied} 条，仍搁置 {left} 条。", f"Applied {applied}; {left} still set aside.")])
        else:
            n = held.discard(store, actor, args.discard_held)
            ctx.emit({"discarded": n}, [pick(f"已在本机放弃 {n} 条（中心仍保留）。",
                                             f"Discarded {n} on this desk (the centre keeps its copy).")])
        return 0
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
            pick(f"搁置（收到但本机无法应用）：{len(st.held)}", f"Set aside (pulled, not applied here): {len(st.held)}"),
        ] + ([pick(f"上次尝试：{st.last_attempt_at}", f"Last attempt: {st.last_attempt_at}")] if st.last_attempt_at else [])
          + ([pick(f"上次错误：{st.last_error}（连续失败 {st.failures} 次）",
                   f"Last error: {st.last_error} ({st.failures} failures in a row)")] if st.last_error else [])
          + ([pick("工单号待核对：本机从备份恢复后尚未与中心同步，同步前不能登记。",
                   "Ticket numbers not yet checked: restored from a backup and not yet synced; "
                   "registering waits for a sync.")] if st.numbering_pending else [])
          + [pick(f"  搁置 {h.table} {h.ticket_no or h.row_id}：{h.reason_label}（{h.detail}）",
                  f"  set aside {h.table} {h.ticket_no or h.row_id}: {h.reason_label} ({h.detail})") for h in st.held]
          + ([pick("  重试：desk sync --retry-held all --user 主管；放弃：desk sync --discard-held 工单号 --user 主管",
                   "  retry: desk sync --retry-held all --user SUPERVISOR; discard: desk sync --discard-held TICKET --user SUPERVISOR")]
             if st.held else [])
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
                           f"收到 {report.pulled} 条，用时 {report.seconds:.1f} 秒"
                           + (f"；{report.held} 条本机无法应用，已搁置（desk sync --status）" if report.held else ""),
                           f"Synced: sent {report.pushed} changes ({report.batches} batches, {report.quarantined} refused), "
                           f"received {report.pulled}, {report.seconds:.1f} s"
                           + (f"; {report.held} could not be applied here and are set aside (desk sync --status)"
                              if report.held else ""))])
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
