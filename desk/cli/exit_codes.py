"""Distinct exit codes, so a script can tell a refusal from a typo or a lost network (README,
"Exit codes"). argparse's own usage errors are 2, as everywhere."""

from __future__ import annotations

from desk.i18n import M_
from desk.errors import DeskError

OK = 0
UNEXPECTED = 1  # a bug: the message names the log file
USAGE = 2  # the command line itself is wrong (argparse; a missing --user or password)
REFUSED = 3  # understood, but the input or the desk's rules refuse it (nothing was changed)
NOT_ALLOWED = 4  # the user's role may not do this
AUTHENTICATION = 5  # wrong user name or password, account disabled
NOT_FOUND = 6  # no such ticket, user, department, backup …
IO = 7  # a file, folder, database file, printer or the central server could not be used
INTERRUPTED = 130

_MESSAGES = (
    M_("file_unreadable", "Cannot read {path}: {detail}"),
    M_("folder_missing", "The folder does not exist: {folder} (create it first, or choose another place)"),
    M_("file_unwritable", "Cannot write {path}: {detail}"),
    M_("needs_terminal", "A password must be typed, but this is not a terminal: use {option}."),
)


class UsageError(DeskError):
    """The command line is incomplete (a missing option only a person at a terminal could fill)."""


class FileProblem(DeskError):
    """A file or folder named on the command line cannot be used."""


def code_for(exc: DeskError) -> int:
    from desk.services import errors

    kinds = [(UsageError, USAGE), (FileProblem, IO), (errors.PermissionDenied, NOT_ALLOWED),
             (errors.AuthError, AUTHENTICATION), (errors.NotFound, NOT_FOUND),
             (errors.ValidationError, REFUSED), (errors.TransitionRefused, REFUSED)]
    for kind, code in kinds:
        if isinstance(exc, kind):
            if kind is errors.ValidationError and exc.code == "required" and str(exc.params.get("field", "")).startswith(("--", "DESK_")):
                return USAGE  # --user or DESK_PASSWORD missing: the command line is incomplete
            return code
    from desk.db import StoreLocked

    if isinstance(exc, StoreLocked):
        return USAGE  # an encrypted file and no --user: the command line is incomplete
    from desk.services.backup import BackupError
    from desk.services.startup import StartupError
    from desk.sync.errors import SyncError

    if exc.code in ("export_failed", "file_unreadable", "file_unwritable", "folder_missing", "no_secret_store"):
        return IO
    if exc.code == "machine_key_missing":
        return AUTHENTICATION  # nothing to open the encrypted file with: a log-in is needed
    from desk.services.keyfile import KeyFileError

    if isinstance(exc, KeyFileError):
        return IO  # the key file beside the database is missing, damaged or does not match
    if isinstance(exc, (BackupError, StartupError, SyncError)) or type(exc).__name__ == "_WithHint":
        return IO  # the database file, a backup file, the central server
    return REFUSED


def check_out_path(path) -> None:
    """--out into a folder that does not exist: a sentence before any work is done."""
    from pathlib import Path

    folder = Path(path).expanduser().resolve().parent
    if not folder.is_dir():
        raise FileProblem("folder_missing", folder=str(folder))
