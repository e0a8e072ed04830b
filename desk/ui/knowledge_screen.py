"""Knowledge base (知识库): browse and search the station's answers, edit them (supervisors),
propose new ones (clerks), see what needs review (proposals, expired, review due, unchecked
samples) and print the service guide for the counter."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desk.i18n import _, by_language
from desk.services import knowledge, reference, suggest
from desk.services.knowledge import KnowledgeInfo, KnowledgeInput
from desk.ui.context import DeskContext
from desk.ui.widgets import OptionalDateEdit, Retranslating, row_table

FILTERS = ("all", "review", "published", "proposed", "retired")


class KnowledgeScreen(Retranslating, QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[KnowledgeInfo] = []
        self.shown: list[KnowledgeInfo] = []
        self.current: Optional[KnowledgeInfo] = None
        self._baseline: Optional[KnowledgeInput] = None  # the editor as last filled or saved
        self._saving = False  # a save is under way
        self._save_again = False  # Ctrl+S pressed meanwhile
        self._after_saving: list[Callable[[], None]] = []  # what waits for the save (another entry, closing)
        self.categories: list = []
        self.departments: list = []
        self._index: Optional[suggest.KnowledgeIndex] = None

        self.title = QLabel(objectName="screenTitle")
        self.search = QLineEdit(objectName="kbSearch")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(objectName="kbFilter")
        self.new_button = QPushButton(objectName="kbNew")
        self.guide_button = QPushButton(objectName="kbGuide")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.filter)
        bar.addWidget(self.new_button)
        bar.addWidget(self.guide_button)

        self.table = row_table(QTableWidget(0, 4, objectName="kbTable"))
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        # the editor
        self.question = QLineEdit(objectName="kbQuestion")
        self.variants = QPlainTextEdit(objectName="kbVariants")
        self.variants.setTabChangesFocus(True)
        self.variants.setMaximumHeight(80)
        self.answer = QPlainTextEdit(objectName="kbAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(160)
        self.category = QComboBox(objectName="kbCategory")
        self.department = QComboBox(objectName="kbDepartment")
        self.audience = QComboBox(objectName="kbAudience")
        self.status = QComboBox(objectName="kbStatus")
        # Date editors (calendar pop-up; "—" is no date): a date cannot be mistyped and lost.
        self.valid_from = OptionalDateEdit(objectName="kbValidFrom")
        self.valid_until = OptionalDateEdit(objectName="kbValidUntil")
        self.review_on = OptionalDateEdit(objectName="kbReviewOn")
        self.source = QLineEdit(objectName="kbSource")
        self.note = QLabel(objectName="kbNote")
        self.note.setObjectName("warningLabel")
        self.note.setWordWrap(True)
        self.save_button = QPushButton(objectName="kbSave")
        self.message = QLabel(objectName="kbMessage")
        self.message.setWordWrap(True)
        dates = QHBoxLayout()
        for w in (self.valid_from, self.valid_until, self.review_on):
            dates.addWidget(w)
        editor = QWidget()
        form = QFormLayout(editor)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text: labels above, the list keeps room
        self.labels = {}
        for key, w in (("question", self.question), ("variants", self.variants), ("answer", self.answer),
                       ("category", self.category), ("department", self.department), ("audience", self.audience),
                       ("status", self.status), ("dates", dates), ("source", self.source)):
            lab = QLabel()
            if isinstance(w, QWidget):
                lab.setBuddy(w)
            self.labels[key] = lab
            form.addRow(lab, w)
        form.addRow(self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

        split = self.split = QSplitter(objectName="kbSplitter")
        split.addWidget(self.table)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.title)
        outer.addLayout(bar)
        outer.addWidget(split, 1)

        self.search.textChanged.connect(self._show_rows)
        self.filter.currentIndexChanged.connect(self._show_rows)
        self.new_button.clicked.connect(self.new_entry)
        self.guide_button.clicked.connect(self.print_guide)
        self.save_button.clicked.connect(self.save)
        for keys, slot in (("Ctrl+S", self.save), ("Ctrl+N", self.new_entry), ("Ctrl+F", self.search.setFocus)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        ctx.changed.connect(self._on_changed)
        ctx.actor_changed.connect(self._apply_role)
        self.retranslate()
        self._baseline = self.value()  # the empty editor a new entry can be typed into at once
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            self._sized = True
            QTimer.singleShot(0, self._size_split)

    def _size_split(self) -> None:
        # The list gets a little more than half at first (large text widens the editor's labels).
        width = self.split.width()
        if width > 0:
            self.split.setSizes([width * 11 // 20, width - width * 11 // 20])

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Knowledge base"))
        self.search.setPlaceholderText(self.tr("Search questions and answers (Ctrl+F)"))
        self._fill(self.filter, zip(FILTERS, (self.tr("All entries"), self.tr("To review"), self.tr("Published"),
                                              self.tr("Proposed"), self.tr("Retired"))))
        self._fill(self.audience, (("public", self.tr("Public (printed in the guide)")),
                                   ("staff", self.tr("Desk staff only"))))
        self._fill(self.status, (("published", self.tr("Published")), ("proposed", self.tr("Proposed")),
                                 ("retired", self.tr("Retired"))))
        self.new_button.setText(self.tr("New entry (Ctrl+N)"))
        self.guide_button.setText(self.tr("Print service guide"))
        self.table.setHorizontalHeaderLabels((self.tr("Question"), self.tr("Category"), self.tr("State"),
                                              self.tr("Used")))
        texts = {"question": self.tr("&Question"), "variants": self.tr("Other ways of asking (one a line)"),
                 "answer": self.tr("&Answer"), "category": self.tr("&Category"), "department": self.tr("Departmen&t"),
                 "audience": self.tr("Who may see it"), "status": self.tr("State"),
                 "dates": self.tr("Valid from / until / review on"), "source": self.tr("Source")}
        for key, value in texts.items():
            self.labels[key].setText(value)
        for w, tip in ((self.valid_from, self.tr("Valid from (— : no date)")),
                       (self.valid_until, self.tr("Valid until (— : no date)")),
                       (self.review_on, self.tr("Review on (— : no date)"))):
            w.setToolTip(tip)
        self._fill_reference()
        self._apply_role()
        self._show_rows()

    def _reason(self, info: KnowledgeInfo) -> str:
        return {"proposed": self.tr("proposed"), "expired": self.tr("expired"), "review_due": self.tr("review due"),
                "sample": self.tr("sample, to check"), "": {"published": self.tr("published"),
                                                             "retired": self.tr("retired"),
                                                             "proposed": self.tr("proposed")}[info.status]}[info.needs_review]

    @staticmethod
    def _fill(combo: QComboBox, items) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _fill_reference(self) -> None:
        parents = {c.id: c for c in self.categories}

        def cat_name(c):
            p = parents.get(c.parent_id)
            name = by_language(c.name, c.name_en or c.name)
            return f"{by_language(p.name, p.name_en or p.name)} › {name}" if p else name
        self._fill(self.category, [(None, "")] + [(c.id, cat_name(c)) for c in self.categories])
        self._fill(self.department, [(None, "")] + [(d.id, by_language(d.name, d.name_en or d.name)) for d in self.departments])
        self._cat_names = {c.id: cat_name(c) for c in self.categories}

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        def load(store):
            return (knowledge.list_entries(store), reference.list_categories(store),
                    reference.list_departments(store))
        self.ctx.runner.run(load, self.ctx.store, on_done=self._loaded)

    def _loaded(self, data) -> None:
        self.entries, self.categories, self.departments = data
        self._index = suggest.index_knowledge([suggest.KnowledgeDoc(e.id, e.question, e.answer,
                                                                    (e.question, *e.variants, e.answer))
                                               for e in self.entries])
        self._fill_reference()
        self._show_rows()
        # A change elsewhere (an order saved, a sync) refreshes the editor only if nothing typed
        # in it would be lost; what is typed stays until it is saved or thrown away.
        if self.current is not None and not self.has_unsaved_input():
            again = next((e for e in self.entries if e.id == self.current.id), None)
            self._edit(again)

    def _on_changed(self, kinds) -> None:
        if kinds & {"knowledge", "reference", "orders"}:
            self.reload()

    def _show_rows(self) -> None:
        which = self.filter.currentData() or "all"
        rows = [e for e in self.entries if which == "all" or (which == "review" and e.needs_review)
                or e.status == which]
        query = self.search.text().strip()
        if query and self._index is not None:
            ranked = {s.entry_id: i for i, s in enumerate(self._index.suggest(query, n=len(self.entries)))}
            words = query.lower().split()
            contains = {e.id for e in rows
                        if all(w in f"{e.question} {' '.join(e.variants)} {e.answer}".lower() for w in words)}
            rows = sorted((e for e in rows if e.id in ranked or e.id in contains),
                          key=lambda e: ranked.get(e.id, len(ranked)))
        self.shown = rows
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            for c, value in enumerate((e.question, self._cat_names.get(e.category_id, ""), self._reason(e), str(e.uses))):
                item = QTableWidgetItem(value)
                if c == 2 and e.needs_review:
                    item.setForeground(Qt.GlobalColor.darkYellow if e.needs_review == "sample" else Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
        # The entry in the editor stays highlighted only if it is still listed: a highlighted row
        # must always be the one the editor saves.
        at = next((r for r, e in enumerate(rows) if self.current is not None and e.id == self.current.id), None)
        if at is not None:
            self.table.selectRow(at)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        # Long (English) category names are cut short rather than squeezing the question out.
        cap = max(self.table.viewport().width() * 3 // 10, self.fontMetrics().horizontalAdvance("M") * 8)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), cap))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # -- editing -------------------------------------------------------------------------------
    def _apply_role(self) -> None:
        curator = self.ctx.is_supervisor()
        existing = self.current is not None
        editable = curator or not existing
        for w in (self.question, self.source, self.valid_from, self.valid_until, self.review_on):
            w.setReadOnly(not editable)
        for w in (self.variants, self.answer):
            w.setReadOnly(not editable)
        for w in (self.category, self.department, self.audience):
            w.setEnabled(editable)
        self.status.setEnabled(curator)
        self.save_button.setEnabled(editable)
        self.save_button.setText(self.tr("Save (Ctrl+S)") if curator else self.tr("Propose (Ctrl+S)"))

    def has_unsaved_input(self) -> bool:
        return self._baseline is not None and self.save_button.isEnabled() and self.value() != self._baseline

    def unsaved_input_handled(self, then: Callable[[], None]) -> bool:
        """Typed words are never thrown away unasked (another entry chosen, a new one, closing).
        True: go on now. False: stop (cancelled, or saving first and `then` runs once saved)."""
        from desk.ui.unsaved import unsaved_handled

        return not self.has_unsaved_input() or unsaved_handled(
            self, "entry", save=lambda: self.save(then=then),
            discard=lambda: self._edit(self.current))  # back to the entry as stored

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.shown):
            return
        chosen = self.shown[rows[0].row()]
        if self.current is not None and chosen.id == self.current.id:
            return
        if self.unsaved_input_handled(lambda: self._choose(chosen.id)):
            self._edit(chosen)
        else:
            self._select_current()  # the highlighted row stays the one the editor saves

    def _choose(self, entry_id: str) -> None:
        chosen = next((e for e in self.entries if e.id == entry_id), None)
        if chosen is not None:
            self._edit(chosen)
            self._select_current()

    def _select_current(self) -> None:
        at = next((r for r, e in enumerate(self.shown) if self.current is not None and e.id == self.current.id), None)
        self.table.blockSignals(True)
        self.table.clearSelection()
        if at is not None:
            self.table.selectRow(at)
        self.table.blockSignals(False)

    def _edit(self, info: Optional[KnowledgeInfo]) -> None:
        self.current = info
        v = info.as_input() if info else KnowledgeInput("", "", status="published" if self.ctx.is_supervisor() else "proposed")
        self.question.setText(v.question)
        self.variants.setPlainText(v.variants)
        self.answer.setPlainText(v.answer)
        self.category.setCurrentIndex(max(self.category.findData(v.category_id), 0))
        self.department.setCurrentIndex(max(self.department.findData(v.department_id), 0))
        self.audience.setCurrentIndex(max(self.audience.findData(v.audience), 0))
        self.status.setCurrentIndex(max(self.status.findData(v.status), 0))
        self.valid_from.setText(v.valid_from)
        self.valid_until.setText(v.valid_until)
        self.review_on.setText(v.review_on)
        self.source.setText(v.source)
        notes = {"sample": self.tr("Sample content: check the times and prices, then save to mark it checked."),
                 "expired": self.tr("Expired: no longer suggested at intake. Update the dates or retire it."),
                 "review_due": self.tr("Its review date has come: check it and set the next one."),
                 "proposed": self.tr("Proposed by a clerk: not suggested until a supervisor publishes it.")}
        self.note.setText(notes.get(info.needs_review, "") if info else "")
        self.message.setText(self.tr("Used {n} times at the desk.").format(n=info.uses) if info else "")
        self._apply_role()
        self._baseline = self.value()

    def new_entry(self) -> None:
        if not self.unsaved_input_handled(self.new_entry):
            return
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self._edit(None)
        self.question.setFocus()

    def value(self) -> KnowledgeInput:
        return KnowledgeInput(
            question=self.question.text(), answer=self.answer.toPlainText(), variants=self.variants.toPlainText(),
            category_id=self.category.currentData(), department_id=self.department.currentData(),
            audience=self.audience.currentData() or "public", status=self.status.currentData() or "published",
            valid_from=self.valid_from.text(), valid_until=self.valid_until.text(), review_on=self.review_on.text(),
            source=self.source.text())

    def save(self, then: Optional[Callable[[], None]] = None) -> None:
        """Save the editor; `then` runs once it is saved (not if refused: the words stay). A press
        while a save is under way waits for it and saves what is typed then: never a second new
        entry from a second Ctrl+S."""
        if not self.save_button.isEnabled():
            return
        if then is not None:
            self._after_saving.append(then)
        if self._saving:
            self._save_again = True
            self.message.setText(self.tr("Saving…"))
            return
        half_typed = [w for w in (self.valid_from, self.valid_until, self.review_on) if not w.hasAcceptableInput()]
        if half_typed:  # saved as it shows, or refused with a sentence: never silently another date
            self._after_saving.clear()
            self.message.setText(self.tr("A date is not complete: type it as 2027-01-31 or pick it in the calendar "
                                         "(— for none)."))
            half_typed[0].setFocus()
            return
        entry_id = self.current.id if self.current else None
        saved = self.value()
        self._saving = True

        def done(info: KnowledgeInfo) -> None:
            self._saving = False
            if self.value() == saved:  # nothing typed meanwhile: shown as stored (its state, its note)
                self._edit(info)
            else:
                self.current, self._baseline = info, saved
            self.message.setText(self.tr("Saved.") if info.status != "proposed" else
                                 self.tr("Proposed: a supervisor will check and publish it."))
            again, self._save_again = self._save_again, False
            if again and self.has_unsaved_input():
                self.save()  # what was typed since, onto the entry just made
                return
            waiting, self._after_saving = self._after_saving, []
            for step in waiting:
                step()

        def failed(exc: BaseException) -> None:
            from desk.ui.errors import show_error

            self._saving, self._save_again, self._after_saving = False, False, []
            show_error(self, exc)  # what was typed stays in the editor

        self.ctx.as_actor(knowledge.save_entry, entry_id, saved, on_done=done, on_error=failed)

    # -- the service guide ---------------------------------------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """Where to save the guide ('' if cancelled). Tests patch this one method."""
        path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("KnowledgeScreen", "Save the service guide"),
                                              suggested, "PDF (*.pdf)")
        return path

    @classmethod
    def open_file(cls, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_guide(self) -> None:
        from PySide6.QtCore import QStandardPaths

        from desk.printing.guide import make_guide

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path = self.ask_save_path(self, str(Path(folder) / _("service-guide.pdf")))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def done(result) -> None:
            opened = self.open_file(result.path)
            text = (self.tr("Saved the service guide ({n} entries, {pages} pages) to {path} and opened it.") if opened
                    else self.tr("Saved the service guide ({n} entries, {pages} pages) to {path}. Open it from there to print."))
            self.message.setText(text.format(n=result.entries, pages=result.pages, path=result.path))

        from desk.ui.errors import show_error

        self.ctx.as_actor(make_guide, path, on_done=done, on_error=lambda e: show_error(self, e))
