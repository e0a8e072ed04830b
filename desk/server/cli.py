"""desk-server: run the central sync server and manage station tokens.

  desk-server --db URL serve [--host H] [--port P] [--certfile F --keyfile F] [--data-dir DIR]
  desk-server --db URL station add CODE [--central]   (prints the token once)
  desk-server --db URL station revoke CODE
  desk-server --db URL station list
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
    rev = ssub.add_parser("revoke", help="revoke a station's token")
    rev.add_argument("code")
    ssub.add_parser("list", help="list accounts")
    sub.add_parser("migrate", help="bring the central schema to the newest revision")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.db:
        print("desk-server: give --db URL or set DESK_SERVER_DB", file=sys.stderr)
        return 2
    from desk.server import service
    from desk.server.db import open_central

    engine = open_central(args.db)
    if args.command == "migrate":
        print("schema up to date")
        return 0
    if args.command == "station":
        if args.action == "add":
            token = service.add_account(engine, args.code, "central" if args.central else "station")
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

    logging.basicConfig(level=logging.INFO, filename=args.log_file,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from desk.server.mirror import Mirror

    mirror = Mirror(mirror_path(args.data_dir, args.db), source=args.db)
    uvicorn.run(create_app(engine, mirror), host=args.host, port=args.port, ssl_certfile=args.certfile,
                ssl_keyfile=args.keyfile, log_level="info", access_log=False)
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
