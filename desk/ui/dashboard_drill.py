"""Where the dashboard's clicks lead: every tile, chart segment, list row and league cell opens
the work queue filtered to exactly the orders it counts (figures.drill_filter); the actions on
the overdue and extension lists; "Print this". A mixin of DashboardScreen (desk/ui/dashboard.py);
its texts are translated in that screen's context."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desk.printing import report, report_apart
from desk.services import dashboard_data, figures, lifecycle
from desk.services.figures import Drill, Rate
from desk.ui.action_dialog import ActionDialog
from desk.ui.errors import describe


class DashboardDrills:
    """Drill-downs, list actions and printing of DashboardScreen."""

    def _caption(self, what: str) -> str:
        parts = [what, self.fig.period.text() if self.fig else "", self.chooser.scope_text()]
        return " · ".join(p for p in parts if p)

    def drill(self, drill: Drill, what: str) -> None:
        """Show exactly the orders behind a figure in the work queue."""
        if self.remote:
            self.message.setText(QCoreApplication.translate("DashboardScreen", "All-stations figures cannot be opened in this station's work queue."))
            return
        caption = self._caption(what)
        self.ctx.as_actor(figures.drill_filter, drill,
                          on_done=lambda f: self.drill_requested.emit(f, caption))

    def tile_drill_of(self, key: str, base: bool = False) -> Drill:
        fig = self.fig
        if key == "intake":
            return fig.intake_drill
        if key in ("open_now", "overdue", "extension_requests"):
            return {"open_now": fig.open_drill, "overdue": fig.overdue_drill,
                    "extension_requests": fig.extension_drill}[key]
        rate: Rate = getattr(fig, key)
        return rate.base if base else rate.drill

    def _tile_drill(self, key: str, base: bool = False) -> None:
        if self.fig is None:
            return
        title = self.tile_titles()[key][0]
        self.drill(self.tile_drill_of(key, base), QCoreApplication.translate("DashboardScreen", "{figure}: all counted").format(figure=title) if base else title)

    def chart_buckets(self, key: str):
        fig = self.fig
        return {"hour": fig.by_hour, "weekday": fig.by_weekday, "category": fig.by_category, "area": fig.by_area,
                "trend": fig.trend, "backlog": fig.backlog}[key]

    def _chart_drill(self, key: str, index: int) -> None:
        if self.fig is None:
            return
        item = self.chart_buckets(key)[index]
        label = getattr(item, "label", None) or getattr(item, "day", "")
        self.drill(item.drill, f"{self.chart_titles()[key]}: {label}")

    def _hot_topic_drill(self, index: int) -> None:
        if self.fig is not None and 0 <= index < len(self.fig.hot_topics):
            topic = self.fig.hot_topics[index]
            self.drill(topic.drill, f"{topic.category_name} · {topic.place}")

    def _league_drill(self, row: int, which: str) -> None:
        if self.fig is None or not 0 <= row < len(self.fig.league):
            return
        r = self.fig.league[row]
        drill = {"volume": r.drill, "on_time": r.on_time.drill, "returns": r.returns_drill,
                 "satisfaction": r.satisfaction.drill}[which]
        names = {"volume": QCoreApplication.translate("DashboardScreen", "Volume"), "on_time": QCoreApplication.translate("DashboardScreen", "On time"), "returns": QCoreApplication.translate("DashboardScreen", "Returns"),
                 "satisfaction": QCoreApplication.translate("DashboardScreen", "Satisfaction")}
        self.drill(drill, f"{r.department_name}: {names[which]}")

    def _open_order(self, order_id: str) -> None:
        if self.remote:
            self.message.setText(QCoreApplication.translate("DashboardScreen", "All-stations figures cannot be opened in this station's work queue."))
            return
        self.open_order.emit(order_id)

    # -- actions ---------------------------------------------------------------------------------
    def _order_action(self, action: str, order_id: str) -> None:
        params = ActionDialog.ask(self, action)
        if params is None:
            return
        row = next((r for r in (*self.overdue.rows, *self.extensions.rows) if r.id == order_id), None)
        ticket = row.ticket_no if row else order_id
        done = {"supervise": QCoreApplication.translate("DashboardScreen", "Supervised {ticket}."),
                "approve_extension": QCoreApplication.translate("DashboardScreen", "Extension of {ticket} approved."),
                "refuse_extension": QCoreApplication.translate("DashboardScreen", "Extension of {ticket} refused.")}[action]

        def finished(_detail) -> None:
            self.message.setText(done.format(ticket=ticket))
            if action == "supervise":
                self._supervised.add(order_id)
                button = self.overdue.buttons.get(("supervise", order_id))
                if button is not None:
                    button.setEnabled(False)
                    button.setText(QCoreApplication.translate("DashboardScreen", "Supervised"))

        self.ctx.as_actor(lifecycle.perform, order_id, action, on_done=finished,
                          on_error=lambda exc: self.message.setText(describe(exc)), **params)

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """Where to save the report ('' if cancelled). Tests patch this one method."""
        path, _filter = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("DashboardScreen", "Save the summary report"), suggested,
                                                    "PDF (*.pdf)")
        return path

    @classmethod
    def open_file(cls, path: Path) -> bool:
        """Open the saved PDF in the system viewer. Tests patch this one method."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_summary(self) -> None:
        """'Print this': the summary PDF of the figures on screen (daily/weekly/monthly/range)."""
        if self.fig is None:
            self.message.setText(QCoreApplication.translate("DashboardScreen", "Nothing to print yet."))
            return
        folder = Path(_documents_folder())
        suggested = str(folder / report.default_report_name(self.ctx.store, self.fig, remote=self.remote))
        path = self.ask_save_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.message.setText(QCoreApplication.translate("DashboardScreen", "Writing the report…"))
        self.ctx.as_actor(report_apart.print_figures, self.fig, path, remote=self.remote, on_done=self._printed,
                          on_error=lambda exc: self.message.setText(describe(exc)))

    def _printed(self, printed: report.Printed) -> None:
        opened = self.open_file(printed.path)
        text = (QCoreApplication.translate("DashboardScreen", "Saved the report ({pages} pages) to {path} and opened it.") if opened else
                QCoreApplication.translate("DashboardScreen", "Saved the report ({pages} pages) to {path}. Open it from there to print."))
        self.message.setText(text.format(pages=printed.pages, path=printed.path))


def _documents_folder() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
