"""desk-server: run the central sync server, manage station tokens, look after it.

  desk-server --db URL migrate                            (create or upgrade the schema; says which)
  desk-server --db URL serve [--host H] [--port P] [--certfile F --keyfile F] [--data-dir DIR] [--log-file F]
  desk-server --db URL station add CODE [--central] [--rotate]   (prints the token once)
  desk-server --db URL station revoke CODE | station list
  desk-server --db URL status [--json]                    (each station's sync health)
  desk-server --db URL quarantine list [--station S] [--json] | retry ID... | discard ID...
  desk-server --db URL reference pending | approve TABLE CODE
  desk-server --db URL mirror rebuild [--data-dir DIR]
The database URL defaults to $DESK_SERVER_DB (postgresql://user@host/db or sqlite:///file)."""

from __future__ import annotations

import argparse
import logging
import os
import sys


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="desk-server", description="Desk central sync server")
    p.add_argument("--db", default=os.environ.get("DESK_SERVER_DB"),
                   help="database URL (default $DESK_SERVER_DB), e.g. postgresql://desk@127.0.0.1/desk")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--certfile", help="TLS certificate (PEM); or run behind a TLS reverse proxy")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--log-file", help="append request log lines here (default: stderr)")
    serve.add_argument("--data-dir", default=os.environ.get("DESK_SERVER_DATA"),
                       help="folder for the all-stations figures mirror (default $DESK_SERVER_DATA, "
                            "or the platform data folder of desk-server)")
    st = sub.add_parser("station", help="station accounts")
    ssub = st.add_subparsers(dest="action", required=True)
    add = ssub.add_parser("add", help="register a station (or replace its token); prints the token once")
    add.add_argument("code")
    add.add_argument("--central", action="store_true", help="a central operator account (status and reference edits)")
    add.add_argument("--rotate", action="store_true", help="replace the token of an existing account")
    rev = ssub.add_parser("revoke", help="revoke a station's token")
    rev.add_argument("code")
    ssub.add_parser("list", help="list accounts")
    sub.add_parser("migrate", help="bring the central schema to the newest revision")
    status = sub.add_parser("status", help="each station's last push and pull, lag, waiting, quarantine, conflicts")
    status.add_argument("--json", action="store_true")
    qu = sub.add_parser("quarantine", help="changes the centre refused")
    qsub = qu.add_subparsers(dest="action", required=True)
    ql = qsub.add_parser("list")
    ql.add_argument("--station")
    ql.add_argument("--json", action="store_true")
    for name, text in (("retry", "apply again (after mending the cause)"), ("discard", "drop for good")):
        qsub.add_parser(name, help=text).add_argument("change_ids", nargs="+")
    ref = sub.add_parser("reference", help="reference rows stations made (each station's own until approved)")
    rsub = ref.add_subparsers(dest="action", required=True)
    rsub.add_parser("pending")
    ap = rsub.add_parser("approve", help="share a station's reference row with every station")
    ap.add_argument("table", choices=["grid", "residential_area", "department", "category"])
    ap.add_argument("code")
    tw = sub.add_parser("twins", help="ticket numbers held by more than one work order (written before 2026-12-05's fix)")
    tw.add_argument("--json", action="store_true")
    mi = sub.add_parser("mirror", help="the all-stations figures mirror")
    msub = mi.add_subparsers(dest="action", required=True)
    rb = msub.add_parser("rebuild", help="build the mirror afresh from the database (stop the server first)")
    rb.add_argument("--data-dir", default=os.environ.get("DESK_SERVER_DATA"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.db:
        print("desk-server: give --db URL or set DESK_SERVER_DB", file=sys.stderr)
        return 2
    from sqlalchemy.exc import OperationalError

    try:
        return _command(args)
    except OperationalError as exc:  # the operator's sentence, not a traceback
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"desk-server: the central database cannot be reached: {reason}", file=sys.stderr)
        return 2


def _command(args) -> int:
    from desk.server import service
    from desk.server.db import make_engine, open_central, schema_revision

    if args.command == "migrate":
        engine = make_engine(args.db)
        before = schema_revision(engine)
        engine = open_central(args.db)
        after = schema_revision(engine)
        if before == after:
            print(f"schema up to date (revision {after})")
        elif before is None:
            print(f"schema created (revision {after}); default reference data seeded")
        else:
            print(f"schema upgraded from revision {before} to {after}")
        return 0
    engine = open_central(args.db)
    if args.command in ("status", "quarantine", "reference", "mirror", "twins"):
        from desk.server import admin_cli

        if args.command == "mirror":
            args.mirror_path = mirror_path(args.data_dir, args.db)
        return admin_cli.run(args, engine)
    if args.command == "station":
        if args.action == "add":
            try:
                token = service.add_account(engine, args.code, "central" if args.central else "station",
                                            rotate=args.rotate)
            except service.AccountExists:
                print(f"desk-server: {args.code.upper()} already has a token; add --rotate to replace it "
                      "(the old token stops working at once)", file=sys.stderr)
                return 1
            except ValueError as exc:
                print(f"desk-server: {exc}", file=sys.stderr)
                return 2
            print(token)
            print("Keep this token: it is shown once and stored only as a hash.", file=sys.stderr)
        elif args.action == "revoke":
            if not service.revoke_account(engine, args.code):
                print(f"desk-server: no account {args.code}", file=sys.stderr)
                return 1
            print(f"revoked {args.code.upper()}")
        else:
            for a in service.list_accounts(engine):
                print(f"{a['code']:16} {a['role']:8} {'active' if a['active'] else 'revoked'}")
        return 0
    import uvicorn

    from desk.server.app import create_app

    # Every logger (ours, uvicorn's errors, tracebacks) into --log-file, not only request lines.
    logging.basicConfig(level=logging.INFO, filename=args.log_file,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from desk.server.mirror import Mirror

    mirror = Mirror(mirror_path(args.data_dir, args.db), source=args.db)
    uvicorn.run(create_app(engine, mirror), host=args.host, port=args.port, ssl_certfile=args.certfile,
                ssl_keyfile=args.keyfile, log_level="info", access_log=False, log_config=None)
    return 0


def mirror_path(data_dir: str | None, db_url: str):
    """The mirror file: a cache the server rebuilds from its database whenever it is missing;
    one per central database (two servers on one machine never share one)."""
    import hashlib
    from pathlib import Path

    name = f"figures-mirror-{hashlib.sha256(db_url.encode()).hexdigest()[:12]}.sqlite3"
    if data_dir:
        return Path(data_dir).expanduser() / name
    import platformdirs

    return Path(platformdirs.user_data_dir("desk-server", "desk")) / name


if __name__ == "__main__":
    sys.exit(main())
