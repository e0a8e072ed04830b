"""Minimal main window until the full desk window lands (issue #3)."""

from __future__ import annotations

from pathlib import Path


def run(db: str | None, argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from desk.config import default_db_path
    from desk.services.store import Store
    from desk.ui.fonts import install_cjk_font

    app = QApplication(argv)
    install_cjk_font(app)
    store = Store.open(Path(db) if db else default_db_path())
    window = QMainWindow()
    station = store.station().name if store.is_initialised() else "—"
    window.setWindowTitle(f"全岗接待台 Desk — {station}")
    window.setCentralWidget(QLabel(station))
    window.resize(1000, 700)
    window.show()
    return app.exec()
