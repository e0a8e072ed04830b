"""desk-server status | quarantine | reference | mirror: the operator's commands (see cli.py)."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from desk.server import operator, service


def _json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2,
              default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v))
    sys.stdout.write("\n")


def _table(headers: list[str], rows: list[list]) -> None:
    rows = [["—" if v is None or v == "" else str(v) for v in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    for line in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip())


def _listing(items: list[dict], as_json: bool, empty: str, headers: list[str], row) -> None:
    """A list as JSON, as a sentence when empty, or as a table of row(item) lines."""
    if as_json:
        _json(items)
    elif not items:
        print(empty)
    else:
        _table(headers, [row(item) for item in items])


def _when(v) -> str:
    return v.strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime) else "never"


def run(args, engine) -> int:
    if args.command == "status":
        _listing(operator.station_health(engine), args.json, "no station accounts yet: desk-server station add CODE",
                 ["station", "last push", "last pull", "lag h", "waiting", "quarantined", "conflicts", "last refusal"],
                 lambda h: [h["station"] + ("" if h["active"] else " (revoked)"), _when(h["last_push_at"]),
                            _when(h["last_pull_at"]), h["lag_hours"], h["changes_waiting"], h["quarantined"],
                            h["conflicts"], h["last_refusal"]])
        return 0
    if args.command == "quarantine":
        if args.action == "list":
            _listing(operator.quarantine_list(engine, args.station), args.json, "nothing quarantined",
                     ["change id", "station", "table", "reason", "detail", "at"],
                     lambda q: [q["change_id"], q["station"], q["table_name"], q["reason"], q["detail"][:60],
                                _when(q["at"])])
            return 0
        if args.action == "retry":
            results = operator.quarantine_retry(engine, args.change_ids)
            for r in results:
                print(f"{r['change_id']}: {r['status']}" + (f" ({r['reason']}: {r.get('detail', '')})"
                                                             if r["status"] == "quarantined" else ""))
            missing = set(args.change_ids) - {r["change_id"] for r in results}
            for change_id in sorted(missing):
                print(f"{change_id}: not in the quarantine", file=sys.stderr)
            return 1 if missing else 0
        n = operator.quarantine_discard(engine, args.change_ids)
        print(f"discarded {n} of {len(args.change_ids)}")
        return 0 if n == len(args.change_ids) else 1
    if args.command == "reference":
        if args.action == "pending":
            rows = service.pending_reference(engine)
            if not rows:
                print("no station-made reference rows waiting")
            else:
                _table(["table", "code", "name", "station", "row id"],
                       [[r["table"], r["code"], r["name"], r["station"], r["row_id"]] for r in rows])
            return 0
        ids = service.approve_reference(engine, args.table, args.code)
        if not ids:
            print(f"desk-server: no unapproved {args.table} {args.code}", file=sys.stderr)
            return 1
        print(f"approved {args.table} {args.code}: {len(ids)} row(s); every station receives it at its next sync")
        return 0
    if args.command == "twins":
        twins = operator.ticket_twins(engine)
        _listing(twins, args.json, "no ticket number is held by more than one work order",
                 ["ticket", "order id", "station", "last written"],
                 lambda t: [t["ticket_no"], t["order_id"], t["station"], _when(t["updated_at"])])
        if twins and not args.json:
            print(f"{len({t['ticket_no'] for t in twins})} ticket number(s) held twice: ask the stations concerned "
                  "which order the resident's slip shows (the figures mirror sets the second row aside meanwhile)",
                  file=sys.stderr)
        return 1 if twins else 0
    # mirror rebuild
    import time

    from desk.server.mirror import Mirror

    path = args.mirror_path  # set by cli.main
    started = time.perf_counter()
    rows = Mirror.rebuild(path, engine, source=args.db)
    print(f"figures mirror rebuilt: {rows} rows in {time.perf_counter() - started:.1f} s ({path})")
    return 0
