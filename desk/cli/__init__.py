"""The `desk` command: with no sub-command it opens the window; sub-commands are for
operations and scripting. Every refusal exits non-zero with a clear message."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import import_module

from desk import __version__
from desk.i18n import _, set_language

# Each module adds its sub-commands with register(subparsers). Add new ones here.
COMMAND_MODULES = [
    "desk.cli.setup",
    "desk.cli.users",
    "desk.cli.demo",
    "desk.cli.orders",
    "desk.cli.reference",
    "desk.cli.selftest",
    "desk.cli.printing",
    "desk.cli.backup",
    "desk.cli.audit",
    "desk.cli.retention",
    "desk.cli.sync",
    "desk.cli.encryption",
    "desk.cli.figure_rules",
    "desk.cli.problems",
    "desk.cli.knowledge",
]


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk",
        description=_("全岗接待台 Desk — reception desk for community service stations. "
        "Without a command, opens the desk window."),
    )
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("the local database file (default: $DESK_DB or the user data folder)"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=_("language of messages (default: zh_CN or $DESK_LANG)"))
    if commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            import_module(name).register(sub)
    return parser


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The options when `desk` is to open the window (no sub-command, no help asked): then the
    eleven command modules need not be imported, which the window's start-up notices."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    args, rest = build_parser(commands=False).parse_known_args(argv)
    return None if rest else args


def _language_first(argv: list[str]) -> None:
    """`--lang en` / `--lang=en` before the parser is built (argparse would read it only after
    it had printed a help text)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in ("zh_CN", "en"):
            set_language(value)
            return


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _language_first(argv)  # the help texts are written in it as the parser is built
    window = _window_args(argv)
    args = window if window is not None else build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if not getattr(args, "command", None):
        from desk.app import run_gui

        return run_gui(db=args.db)
    from desk.cli.context import Context
    from desk.errors import DeskError

    from desk.cli import exit_codes

    ctx = Context(args)
    try:
        return int(args.handler(args, ctx) or 0)
    except DeskError as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return exit_codes.code_for(exc)
    except BrokenPipeError:
        # `desk orders list | head`: the reader has what it wanted. Quiet, like other tools.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a clerk gets a message and a log, never a traceback
        path = ctx.log_exception(exc)
        print(_("desk: unexpected error ({name}). Details were written to {path}").format(
                  name=type(exc).__name__, path=path), file=sys.stderr)
        logging.getLogger("desk").debug("unexpected", exc_info=True)
        return 1
    finally:
        ctx.close()


def _silence_stdout() -> None:
    """After a broken pipe, Python would complain again when it flushes stdout at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
