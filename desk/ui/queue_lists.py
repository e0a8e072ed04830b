"""The work queue's current list printed (Ctrl+P) or exported to XLSX/CSV (Ctrl+E) from the
window, through the same code as `desk export` (masked, permission-checked, audited)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desk.config import data_dir
from desk.i18n import _


class QueueLists(QObject):
    def __init__(self, queue):
        super().__init__(queue)
        self.queue = queue
        self.ctx = queue.ctx
        self.print_button = QPushButton(objectName="printList")
        self.export_button = QPushButton(objectName="exportList")
        self.print_button.clicked.connect(self.print_list)
        self.export_button.clicked.connect(self.export_list)
        for keys, slot in (("Ctrl+P", self.print_list), ("Ctrl+E", self.export_list)):
            sc = QShortcut(QKeySequence(keys), queue)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.box: QMessageBox | None = None
        self.last_path: Path | None = None

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("Print list (Ctrl+P)"))
        self.export_button.setText(self.tr("Export… (Ctrl+E)"))

    def _title(self) -> str:
        view = self.queue.view_combo.currentText()
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        return _("Work orders: {view} ({stamp})").format(view=view, stamp=stamp)

    def print_list(self) -> None:
        from desk.printing.order_list import list_pdf

        folder = data_dir() / "lists"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"list-{datetime.now():%Y%m%d-%H%M%S}.pdf"
        m = self.queue.model
        self.ctx.as_actor(list_pdf, m.filter, path, title=self._title(), sort=m.sort_key, descending=m.descending,
                          on_done=lambda n: self._printed(path, n), on_error=self._failed)

    def _printed(self, path: Path, n: int) -> None:
        from desk.ui import printing

        self.last_path = path
        outcome = printing.print_pdf(path, doc_type="report")
        self._tell(self.tr("{n} orders: {message}").format(n=n, message=outcome.message))

    def export_list(self) -> None:
        default = str(Path.home() / f"orders-{datetime.now():%Y%m%d-%H%M}.xlsx")
        path, _chosen = QFileDialog.getSaveFileName(self.queue, self.tr("Export the list"), default,
                                                   self.tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"))
        if not path:
            return
        self.export_to(path)

    def export_to(self, path: str) -> None:
        from desk.printing.order_list import export_list

        fmt = "csv" if path.lower().endswith(".csv") else "xlsx"
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        m = self.queue.model
        self.ctx.as_actor(export_list, m.filter, fmt, path, sort=m.sort_key, descending=m.descending,
                          on_done=self._exported, on_error=self._failed)

    def _exported(self, result) -> None:
        self.last_path = Path(result.path)
        self._tell(self.tr("{n} orders exported to {path} (personal data masked).").format(n=result.rows, path=result.path))

    def _failed(self, exc: BaseException) -> None:
        from desk.ui.errors import show_error

        show_error(self.queue, exc)

    def _tell(self, message: str) -> None:
        """One box, reused, that does not block the queue."""
        if self.box is None:
            self.box = QMessageBox(QMessageBox.Icon.Information, self.tr("Work orders"), message,
                                   QMessageBox.StandardButton.Ok, self.queue)
            self.box.setObjectName("listMessage")
            self.box.setWindowModality(Qt.WindowModality.NonModal)
        self.box.setText(message)
        self.box.show()
