"""Headline figure tiles: the value large, what it counts, and the change from the previous
period (green when better, red when worse). Clicking the tile (or Enter/Space on it) shows the
counted orders; the "of N" link shows the orders the rate is taken over."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from desk.services.figures import Rate
from desk.ui.charts import theme_name

GOOD = {"light": "#2e7d32", "dark": "#81c784"}
BAD = {"light": "#c62828", "dark": "#ef9a9a"}
LINK = {"light": "#00695c", "dark": "#80cbc4"}


class FigureTile(QFrame):
    clicked = Signal()
    base_clicked = Signal()

    def __init__(self, key: str, higher_is_better: Optional[bool], parent=None):
        super().__init__(parent)
        self.key = key
        self.higher_is_better = higher_is_better
        self.setObjectName("figureTile")
        self.setProperty("figure", key)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Not Fixed: a fixed height is the height for the widest tile, and where the window is
        # narrower the wrapped lines were cut (受理量's comparison at 1366x768). The grid gives
        # each row the height its wrapped text needs (height for width), the column's stretch
        # below takes the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.title = QLabel(objectName="tileTitle")
        self.value = QLabel("—", objectName="tileValue")
        self.detail = QLabel(objectName="tileDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.detail.linkActivated.connect(lambda _href: self.base_clicked.emit())
        self.delta = QLabel(objectName="tileDelta")
        for lab in (self.title, self.detail, self.delta):
            lab.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        for w in (self.title, self.value, self.detail, self.delta):
            layout.addWidget(w)
        self.shown_value = ""  # the text of the value, for tests and accessibility

    def set_title(self, title: str, tooltip: str) -> None:
        self.title.setText(title)
        self.setToolTip(tooltip)
        self.setAccessibleName(title)

    def show_count(self, count: int) -> None:
        self._set_value(f"{count:,}")
        self.detail.setText("\u00a0")  # keeps every tile the same height

    def show_rate(self, rate: Rate, of_text: str) -> None:
        """`of_text` is e.g. '47 / 60', linked to the denominator's orders."""
        self._set_value(rate.percent())
        link = LINK[theme_name()]
        self.detail.setText(f'<a href="base" style="color: {link};">{of_text}</a>' if rate.denominator else of_text)

    def show_delta(self, text: str, change: Optional[float]) -> None:
        """`change` > 0 means the figure went up; coloured by whether up is good for it."""
        theme = theme_name()
        colour = ""
        if change and self.higher_is_better is not None:
            good = (change > 0) == self.higher_is_better
            colour = (GOOD if good else BAD)[theme]
        sheet = f"color: {colour};" if colour else ""
        if self.delta.styleSheet() != sheet:  # restyling a label costs ms; 14 tiles on every render
            self.delta.setStyleSheet(sheet)
        self.delta.setText(text)

    def _set_value(self, text: str) -> None:
        self.shown_value = text
        self.value.setText(text)
        self.setAccessibleDescription(text)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()) \
                and not self.detail.geometry().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def tile_stylesheet(point_size: float) -> str:
    """Sizes follow the application font, so large text makes the tiles large too."""
    px = round(point_size * 4 / 3)
    theme = theme_name()
    border = "#546e7a" if theme == "dark" else "#b0bec5"
    hover = "#26a69a" if theme == "dark" else "#00897b"
    return (f"QFrame#figureTile {{ border: 1px solid {border}; border-radius: 6px; }}"
            f"QFrame#figureTile:hover, QFrame#figureTile:focus {{ border: 2px solid {hover}; }}"
            f"QLabel#tileValue {{ font-size: {round(px * 1.9)}px; font-weight: bold; }}"
            f"QLabel#tileTitle {{ font-weight: bold; }}"
            f"QLabel#tileDetail, QLabel#tileDelta {{ font-size: {max(9, round(px * 0.9))}px; }}"
            f"QLabel#dashTitle {{ font-size: {round(px * 1.3)}px; font-weight: bold; }}"
            f"QLabel#sectionTitle {{ font-size: {round(px * 1.1)}px; font-weight: bold; }}")
