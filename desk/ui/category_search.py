"""Finding a category by typing in the matter's category box: any characters of its name, its
code, its full pinyin or its initials (装修噪音: 装修, 噪音, NOISE-RENO, zhuangxiu, zxzy); the
station's most frequent categories come first. The keys come from desk.services.suggest
(computed on the suggestion engine's thread)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RANK_ROLE = Qt.ItemDataRole.UserRole + 3


class _Filter(QSortFilterProxyModel):
    """Rows whose keys contain every word typed; sorted by the station's use."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self.setSortRole(RANK_ROLE)

    def set_text(self, value: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.words = value.lower().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = value.lower().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row, parent) -> bool:
        keys = self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE) or ""
        return all(w in keys for w in self.words)


class CategorySearch(QCompleter):
    """Installed on an editable category combo: the popup lists matching categories, choosing
    one sets the combo to it."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        self.combo = combo
        self.source = QStandardItemModel(self)
        self.proxy = _Filter()
        self.proxy.setSourceModel(self.source)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.setModel(self.proxy)
        # The proxy does the matching: the completer must show all its rows as they are.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(12)
        combo.setCompleter(self)
        combo.lineEdit().textEdited.connect(self._typed)
        self.activated[QModelIndex].connect(self._chosen)

    def refresh(self, rows: list[tuple[str, str, str]], frequency: dict[str, int]) -> None:
        """rows: (category id, shown name, search keys)."""
        self.source.clear()
        for order, (cat_id, shown, keys) in enumerate(rows):
            item = QStandardItem(shown)
            item.setData(keys, SEARCH_ROLE)
            item.setData(cat_id, ID_ROLE)
            item.setData(-frequency.get(cat_id, 0) * 10000 + order, RANK_ROLE)
            self.source.appendRow(item)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)

    def matches(self, value: str) -> list[str]:
        """The ids the popup would list for `value`, in order (tests)."""
        self.proxy.set_text(value)
        return [self.proxy.index(i, 0).data(ID_ROLE) for i in range(self.proxy.rowCount())]

    def _typed(self, value: str) -> None:
        self.proxy.set_text(value)
        if value.strip() and self.proxy.rowCount():
            self.complete()
        else:
            self.popup().hide()

    def pathFromIndex(self, index: QModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""

    def splitPath(self, path: str) -> list[str]:
        return [""]  # never let QCompleter filter by prefix on top of the proxy

    def _chosen(self, index: QModelIndex) -> None:
        cat_id = index.data(ID_ROLE)
        i = self.combo.findData(cat_id)
        if i >= 0:
            self.combo.setCurrentIndex(i)
