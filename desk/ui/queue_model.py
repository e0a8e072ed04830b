"""The work queue as a windowed table model: it knows the row count and keeps only the pages
of rows the view has asked for. A missing page shows placeholders and is fetched on the
database worker; pages past the middle are read from the other end (reversed sort), so the
last row of a million costs as little as the first."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from desk.services import order_columns, queries
from desk.services.dto import OrderFilter, OrderRow
from desk.services.order_columns import ORDER_COLUMNS
from desk.ui.context import DeskContext
from desk import i18n
from desk.i18n import by_language

PAGE_SIZE = 100
MAX_PAGES = 60  # pages kept in memory (6 000 rows); older ones are dropped and refetched
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OrderRow, or None while its page loads
ID_ROLE = Qt.ItemDataRole.UserRole + 2
# Roles as the ints Qt passes to data(); the roles a cell has an answer for.
DISPLAY, ALIGNMENT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
# No background: qt-material's stylesheet paints over a cell's own (the same picture without it,
# compared pixel for pixel); the overdue and due-soon tints are DeadlineTable's.
_ANSWERED = frozenset({DISPLAY, ALIGNMENT, TOOLTIP, int(ROW_ROLE), int(ID_ROLE)})

# The columns (header, sort, width sample, alignment, cell text): desk/services/order_columns.py,
# shared with the printed list and the CLI.
COLUMNS = ORDER_COLUMNS
_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
          "center": Qt.AlignmentFlag.AlignCenter,
          "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter}
# As plain ints: handing Qt a Python enum reads its value through two Python-level calls.
_COLUMN_ALIGN = tuple(int(_ALIGN[c.align]) for c in COLUMNS)


# Columns that take the spare width on a wide screen (share); on a narrow one every column but
# these keeps its width (ticket, times, visitor) and the rest give way in proportion.
_FLEXIBLE = {"summary": 0.45, "address": 0.3, "category": 0.1, "department": 0.15}
_KEEP = {"ticket", "created", "visitor", "due"}


def fit_columns(table) -> None:
    """Widths measured in text (large text widens them), then fitted to the table's width:
    at 1366 pixels the summary, address and the long labels give way (never below their
    header) so the visitor and the deadline stay in sight; at 1920 the spare width goes to the
    summary and address rather than all to the last column."""

    metrics = table.fontMetrics()
    # Never narrower than the head: the header's own size hint is its text in the stylesheet's
    # font and padding with room for the sort arrow (the text alone cut "Status" and "Kind").
    heads = [table.horizontalHeader().sectionSizeHint(i) for i in range(len(COLUMNS))]
    widths = [max(metrics.horizontalAdvance(by_language(*c.sample)) + 28, head) for c, head in zip(COLUMNS, heads)]
    available = table.viewport().width() if table.isVisible() else 0
    if available > 200:
        spare = available - sum(widths)
        if spare >= 0:
            for i, c in enumerate(COLUMNS):
                widths[i] += int(spare * _FLEXIBLE.get(c.key, 0))
        else:
            floors = [widths[i] if c.key in _KEEP else max(metrics.horizontalAdvance("M") * 5, heads[i])
                      for i, c in enumerate(COLUMNS)]
            excess = sum(max(0, w - f) for w, f in zip(widths, floors))
            cut = min(-spare, excess)
            for i, (w, f) in enumerate(zip(widths, floors)):
                if w > f and excess:
                    widths[i] = int(w - cut * (w - f) / excess)
    table.horizontalHeader().setStretchLastSection(False)
    table._fitting = True
    try:
        for column, width in enumerate(widths):
            table.setColumnWidth(column, width)
    finally:
        table._fitting = False


class ColumnFitter:
    """Refits a table's columns when its width changes, until the person drags a column."""

    def __init__(self, table):
        from PySide6.QtCore import QObject

        self.table = table
        self.user_sized = False
        table._fitting = False
        table.horizontalHeader().sectionResized.connect(self._resized)

        class _Filter(QObject):
            def eventFilter(_self, obj, event):  # noqa: N802, N805
                from PySide6.QtCore import QEvent

                if event.type() == QEvent.Type.Resize and not self.user_sized:
                    fit_columns(self.table)
                return False

        self._filter = _Filter(table)
        table.viewport().installEventFilter(self._filter)

    def _resized(self, *_args) -> None:
        if not getattr(self.table, "_fitting", False) and self.table.horizontalHeader().underMouse():
            self.user_sized = True


def fetch_page(store, actor, f: OrderFilter, sort: str, descending: bool, page: int, count: int) -> list[OrderRow]:
    """One page of rows; from the far end with the reversed sort when that is shorter."""
    start = page * PAGE_SIZE
    end = min(count, start + PAGE_SIZE)
    if end <= start:
        return []
    if start > count // 2:
        rows = queries.list_orders(store, actor, f, sort=sort, descending=not descending,
                                   offset=count - end, limit=end - start)
        rows.reverse()
        return rows
    return queries.list_orders(store, actor, f, sort=sort, descending=descending, offset=start, limit=end - start)


def fetch_first(store, actor, f: OrderFilter, sort: str, descending: bool):
    count = queries.count_orders(store, actor, f)
    return count, fetch_page(store, actor, f, sort, descending, 0, count)


class OrdersModel(QAbstractTableModel):
    count_changed = Signal(int)
    loaded = Signal()  # a reload finished (count and first page known)
    refreshed = Signal()  # a refresh kept the count: rows may have moved under the view

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = OrderFilter(view="open")
        self.sort_key, self.descending = "created_at", True
        self._count = 0
        self._pages: "OrderedDict[int, list[OrderRow]]" = OrderedDict()
        self._texts: dict[int, tuple[list, list]] = {}  # page -> (its rows, each row's cell texts)
        self._wanted: set[int] = set()
        self._asked: set[int] = set()
        # Pages a view drew placeholders for: repainted when they arrive. A page asked for ahead
        # of the scrolling is not: Qt repaints the whole table for any multi-row dataChanged,
        # visible or not (~20 ms at 1366x768), and that was a second repaint per scroll step.
        self._placeholders: set[int] = set()
        self._generation = 0
        self._request_epoch = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._request_pages)
        self._headers: list[str] = []
        self.retranslate()

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self._headers[section]
        return None

    # A table view asks data() for seven roles of every cell it paints (~1,400 calls a screen,
    # the queue's whole repaint cost ~36 ms at 1366x768): the roles no cell has are answered
    # first, and a row's texts are made once, not at every paint.
    def data(self, index, role=DISPLAY) -> Any:
        if role not in _ANSWERED:
            return None
        if role == ALIGNMENT:  # the column's, whatever the row
            return _COLUMN_ALIGN[index.column()]
        r = index.row()
        if not 0 <= r < self._count:
            return None
        row = self.row_at(r)
        if role == ROW_ROLE:
            return row
        if row is None:
            return "…" if role == DISPLAY and index.column() == 0 else None
        if role == DISPLAY:
            return self._cells(r, row)[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == TOOLTIP:
            if row.overdue:
                return self.tr("Overdue")
            if row.due_soon:
                return self.tr("Due soon")
        return None

    def _cells(self, r: int, row: OrderRow) -> tuple[str, ...]:
        """The row's cell texts, made once per page of rows (a new page, a new language: anew)."""
        page, offset = divmod(r, PAGE_SIZE)
        rows = self._pages[page]
        made = self._texts.get(page)
        if made is None or made[0] is not rows:
            made = self._keep_texts(page, rows, [None] * len(rows))
        cells = made[1][offset]
        if cells is None:
            cells = made[1][offset] = tuple(c.text(row, self.ctx.tz) for c in COLUMNS)
        return cells

    def _keep_texts(self, page: int, rows: list, texts: list) -> tuple[list, list]:
        if len(self._texts) > 2 * MAX_PAGES:
            self._texts.clear()
        self._texts[page] = made = (rows, texts)
        return made

    def loaded_row(self, r: int) -> Optional[OrderRow]:
        """The row if its page is here; asks for nothing (painting over rows already painted)."""
        rows = self._pages.get(r // PAGE_SIZE)
        offset = r % PAGE_SIZE
        return rows[offset] if rows is not None and offset < len(rows) else None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        self.sort_key = COLUMNS[column].sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- rows ----------------------------------------------------------------------------------
    def row_at(self, row: int) -> Optional[OrderRow]:
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._placeholders.add(page)
            self._want(page)
            return None
        self._pages.move_to_end(page)
        # Reading the second half of a page asks for the next one ahead of time (the first
        # half for the previous one), so steady scrolling rarely meets a placeholder.
        neighbour = page + 1 if offset >= PAGE_SIZE // 2 else page - 1
        if 0 <= neighbour * PAGE_SIZE < self._count and neighbour not in self._pages:
            self._want(neighbour)
        return rows[offset] if offset < len(rows) else None

    def is_loaded(self, row: int) -> bool:
        rows = self._pages.get(row // PAGE_SIZE)
        return rows is not None and row % PAGE_SIZE < len(rows)

    def _want(self, page: int) -> None:
        if page not in self._asked:
            self._wanted.add(page)
            self._flush.start()

    def _request_pages(self) -> None:
        generation = self._generation
        # A newer request makes older queued ones stale: after a jump, the worker skips the
        # pages the view has already left instead of reading them first (each far page is an
        # OFFSET query that can take seconds on a million rows).
        self._request_epoch += 1
        epoch = self._request_epoch
        for page in sorted(self._wanted):
            if page in self._asked or page in self._pages:
                continue
            self._asked.add(page)
            self.ctx.as_actor(self._fetch_if_current, epoch, self.filter, self.sort_key, self.descending, page,
                              self._count, on_done=lambda fetched, p=page, g=generation: self._page_arrived(g, p, fetched))
        self._wanted.clear()

    def _fetch_if_current(self, store, actor, epoch, *args):
        """Runs on the database worker: None when a newer request has superseded this one.
        The page's cell texts are made here as well, in the language of the moment: made on
        the GUI thread as rows were first painted, they cost a page step ~1 ms of its repaint."""
        if epoch != self._request_epoch:
            return None
        language = i18n.language()
        rows = fetch_page(store, actor, *args)
        return rows, language, [tuple(c.text(row, self.ctx.tz) for c in COLUMNS) for row in rows]

    def _page_arrived(self, generation: int, page: int, fetched) -> None:
        self._asked.discard(page)
        if generation != self._generation:
            return
        shown = page in self._placeholders
        self._placeholders.discard(page)
        if fetched is not None:
            rows, language, texts = fetched
            self._pages[page] = rows
            while len(self._pages) > MAX_PAGES:
                dropped, _rows = self._pages.popitem(last=False)
                self._texts.pop(dropped, None)  # a page's texts go with its rows
            if language == i18n.language():  # else made anew as painted (retranslate)
                self._keep_texts(page, rows, texts)
        # else skipped as stale: repainted, it is asked for again if the view still shows it
        first = page * PAGE_SIZE
        last = min(self._count, first + PAGE_SIZE) - 1
        if shown and last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def row_of(self, order_id: str) -> int | None:
        """The row of an order among the pages already read (None: not among them)."""
        for page, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.id == order_id:
                    return page * PAGE_SIZE + i
        return None

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, f: OrderFilter) -> None:
        self.filter = f
        self.reload()

    def set_text(self, text: str) -> None:
        self.set_filter(replace(self.filter, text=text))

    def reload(self) -> None:
        """New filter or sort: count and first page in one worker call, then one reset."""
        self._generation += 1
        generation = self._generation
        self.ctx.as_actor(fetch_first, self.filter, self.sort_key, self.descending,
                          on_done=lambda data: self._first_arrived(generation, data))

    def _first_arrived(self, generation: int, data) -> None:
        if generation != self._generation:
            return
        count, rows = data
        self.beginResetModel()
        self._count = count
        self._pages = OrderedDict({0: rows})
        self._texts = {}  # made for rows no longer here
        self._wanted.clear()
        self._asked.clear()
        self._placeholders.clear()
        self.endResetModel()
        self.count_changed.emit(count)
        self.loaded.emit()

    def refresh(self) -> None:
        """Data changed somewhere: same filter; keep the view where it is when the count holds."""
        self._generation += 1
        generation = self._generation

        def arrived(data) -> None:
            if generation != self._generation:
                return
            count, rows = data
            if count != self._count:
                self._first_arrived(generation, data)
                return
            self._pages = OrderedDict({0: rows})
            self._texts = {}
            self._asked.clear()
            self._placeholders.clear()
            if count:
                self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(COLUMNS) - 1))
            self.count_changed.emit(count)
            self.refreshed.emit()

        self.ctx.as_actor(fetch_first, self.filter, self.sort_key, self.descending, on_done=arrived)

    def retranslate(self) -> None:
        self._headers = order_columns.headers()
        self._texts = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    @property
    def count(self) -> int:
        return self._count
