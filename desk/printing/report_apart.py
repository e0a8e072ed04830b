"""The dashboard's summary PDF drawn in a process of its own.

ReportLab lays a monthly summary out in long pure-Python calls; on the window's database worker
they held Python's GIL for up to ~0.5 s at a time, and the window could not answer a key
(issue 20). The figures are computed in the desk as before; only the drawing runs in a child
process (started with "spawn": no copy of the window's threads or Qt state), which writes the
PDF and says how many pages it has. What the window gets back is the same `Printed` as
`report.print_figures`; a failure is a sentence, never a traceback.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desk.errors import DeskError
from desk.i18n import language, M_, set_language
from desk.printing import report
from desk.services.child_process import ChildProcessFailed, run_in_child
from desk.services.dto import Actor
from desk.services.figures import Figures
from desk.services.store import Store

TIMEOUT_S = 600  # a month's summary takes about a second; a hung child must not hold the worker forever

_MESSAGES = (
    M_("report_not_written", "The report was not written: {path} could not be written ({reason}). Choose another folder and try again."),
    M_("report_process_failed", "The report was not written: the process drawing it stopped unexpectedly ({reason}). No data was affected; please try again."),
)


def print_figures(store: Store, actor: Actor, fig: Figures, path: str | Path, *, remote: bool = False) -> report.Printed:
    """`report.print_figures`, with the drawing in a child process."""
    try:
        return report.print_figures(store, actor, fig, path, remote=remote, render=render_apart)
    except OSError as exc:  # the folder cannot be made or the file written (here or in the child)
        raise DeskError("report_not_written", path=str(path), reason=exc.strerror or str(exc)) from exc


def render_apart(fig: Figures, kind: str, out: Path, *, station_name: str, printed_at: datetime,
                 printed_by: str) -> int:
    """`report.render_report` in a spawned child process; its page count."""
    try:
        return run_in_child(_render_in_child, language(), fig, kind, str(out), station_name, printed_at,
                            printed_by, timeout=TIMEOUT_S)
    except ChildProcessFailed as exc:
        raise DeskError("report_process_failed", reason=str(exc)) from exc


def _render_in_child(lang: str, fig: Figures, kind: str, out: str, station_name: str, printed_at: datetime,
                     printed_by: str) -> int:
    set_language(lang)  # the child starts in the default language; the report speaks the desk's
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    return report.render_report(fig, kind, target, station_name=station_name, printed_at=printed_at,
                                printed_by=printed_by)
