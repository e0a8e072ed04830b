"""desk sync: push this station's changes to the central server and pull what is new.

For the operating system's scheduler (cron, Task Scheduler): `desk sync` uses the saved server
address and token; `desk sync --server URL --token T --save` stores them first."""

from __future__ import annotations

import os

from desk.cli.context import add_json_option
from desk.i18n import _, pgettext


def register(sub) -> None:
    p = sub.add_parser("sync", help=_("sync with the central server now (push, then pull)"))
    p.add_argument("--server", default=os.environ.get("DESK_SYNC_SERVER"), help=_("central server URL (default: saved, or $DESK_SYNC_SERVER)"))
    p.add_argument("--token", default=os.environ.get("DESK_SYNC_TOKEN"), help=_("this station's token (default: saved, or $DESK_SYNC_TOKEN)"))
    p.add_argument("--save", action="store_true", help=_("remember --server/--token for later runs"))
    p.add_argument("--status", action="store_true", help=_("show the sync status instead of syncing"))
    p.add_argument("--retry-held", metavar="REF", help=_("apply set-aside pulled rows again: a ticket, a row id or 'all' (supervisors)"))
    p.add_argument("--discard-held", metavar="REF", help=_("forget set-aside pulled rows on this desk (the centre keeps them; supervisors)"))
    p.add_argument("--mark-seen", action="store_true",
                   help=_("mark every conflict listed by --status as seen (a supervisor: --user, $DESK_PASSWORD)"))
    p.add_argument("--user", "-u", help=_("staff user name (default $DESK_USER, password from $DESK_PASSWORD): opens an "
                                        "encrypted file by hand (the OS timer uses `desk unattended enable`'s machine "
                                        "key); needed for --retry-held, --discard-held and --mark-seen"))
    p.add_argument("--cafile", help=_("CA bundle for a central server with its own TLS certificate"))
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
                     [_("Applied {applied}; {left} still set aside.").format(applied=applied, left=left)])
        else:
            n = held.discard(store, actor, args.discard_held)
            ctx.emit({"discarded": n}, [_("Discarded {n} on this desk (the centre keeps its copy).").format(n=n)])
        return 0
    if args.save:
        client.configure(store, args.server, args.token)
    if args.status:
        st = sync_status(store)
        ctx.emit(st, [
            _("Server: {url}").format(url=st.server_url or _("not set")),
            _("Last success: {when}").format(when=st.last_success_at or pgettext("desk.cli.sync", "never")),
            _("Waiting to send: {pending}").format(pending=st.pending),
            _("Refused by the centre: {count}").format(count=len(st.quarantined)),
            _("Conflicts: {count}").format(count=len(st.conflicts)),
            _("Set aside (pulled, not applied here): {count}").format(count=len(st.held)),
        ] + ([_("Last attempt: {last_attempt_at}").format(last_attempt_at=st.last_attempt_at)] if st.last_attempt_at else [])
          + ([_("Last error: {last_error} ({failures} failures in a row)").format(
                  last_error=st.last_error, failures=st.failures)] if st.last_error else [])
          + ([_("Ticket numbers not yet checked: restored from a backup and not yet synced; registering "
                "waits for a sync.")] if st.numbering_pending else [])
          + [_("  set aside {table} {value}: {reason_label} ({detail})").format(
                 table=h.table, value=h.ticket_no or h.row_id, reason_label=h.reason_label, detail=h.detail) for h in st.held]
          + ([_("  retry: desk sync --retry-held all --user SUPERVISOR; discard: desk sync --discard-held "
                "TICKET --user SUPERVISOR")]
             if st.held else [])
          + _conflict_lines(store, ctx, st))
        return 0
    if args.mark_seen:
        from desk.sync.status import mark_conflicts_seen

        n = mark_conflicts_seen(store, ctx.actor())
        ctx.emit({"marked": n}, [_("Marked {n} conflicts as seen.").format(n=n)])
        return 0
    report = client.sync(store, args.server, args.token, batch_size=args.batch_size, page_size=args.page_size,
                         verify=args.cafile or True)
    ctx.emit(report, [_("Synced: sent {pushed} changes ({batches} batches, {quarantined} refused), received "
                        "{pulled}, {seconds:.1f} s").format(
                          pushed=report.pushed, batches=report.batches, quarantined=report.quarantined,
                          pulled=report.pulled, seconds=report.seconds)
                      + (_("; {held} could not be applied here and are set aside (desk sync --status)").format(
                             held=report.held)
                         if report.held else "")])
    return 0


def _conflict_lines(store, ctx, st) -> list[str]:
    """Each conflict people judge: the order, the field, the value kept and the value lost, with
    who wrote each (bookkeeping such as updated_at is not listed)."""
    from desk.rules.ids import short_id
    from desk.sync.status import BOOKKEEPING_FIELDS, field_label, value_text

    shown = [c for c in st.conflicts if c.field not in BOOKKEEPING_FIELDS]
    if not shown:
        return []
    names = store.names()
    rows = [(c.ticket_no or f"{c.table} {short_id(c.row_id)}", field_label(c.field),
             f"{value_text(c.field, c.kept_value, names)} ({c.kept_station})",
             f"{value_text(c.field, c.lost_value, names)} ({c.lost_station})",
             _("seen") if c.seen else _("new")) for c in shown]
    return [""] + ctx.table([_("Order"), _("Field"), _("Value kept"),
                             _("Value overwritten"), _("State")], rows)
