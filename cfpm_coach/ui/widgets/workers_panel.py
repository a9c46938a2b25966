"""The workers list: search, office filter, inactive toggle, sortable columns, filled lazily."""

import uuid

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.ui.models.table_models import ROW_ROLE
from cfpm_coach.ui.models.workers_model import WorkersModel
from cfpm_coach.ui.widgets.fidelity_delegate import FidelityDelegate
from cfpm_coach.views.workers import WorkerListing

RESIZE_PRECISION = 40  # rows sampled to size a column (Qt's default: 1000)
EDITING_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
                QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy,
                QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll)


class WindowShortcutsFirst(QObject):
    """The window's Ctrl shortcuts reach it from a line edit that would eat them.

    A line edit claims Ctrl+E (end of line), Ctrl+K and others for itself on Linux, so Ctrl+E
    (Export) did nothing while the search field had the focus. Editing keys stay the field's.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and not any(event.matches(key) for key in EDITING_KEYS):
            event.ignore()  # not claimed: the shortcut map gets the key first
            return True
        return super().eventFilter(watched, event)


class WorkersPanel(QWidget):
    """Lists workers; filters and sorting run in the database, figures are read by page."""

    filters_changed = Signal()
    worker_selected = Signal(object)  # uuid.UUID or None
    worker_activated = Signal(object)  # double click / Enter: start an observation
    width_wanted = Signal(int)  # the width at which every listed name shows whole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workersPanel")
        self._restoring = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search workers (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search workers"))
        self.search.setClearButtonEnabled(True)
        self._shortcuts_first = WindowShortcutsFirst(self)
        self.search.installEventFilter(self._shortcuts_first)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.office = QComboBox()
        self.office.setAccessibleName(self.tr("Office filter"))
        self.office.addItem(self.tr("All offices"), None)
        filters.addWidget(self.office, 1)
        self.show_inactive = QCheckBox(self.tr("Inactive"))
        self.show_inactive.setToolTip(self.tr("Show workers who are no longer active"))
        self.show_inactive.setAccessibleName(self.tr("Show inactive workers"))
        filters.addWidget(self.show_inactive)
        layout.addLayout(filters)

        self.model = WorkersModel(self)
        # What the table shows: the model itself, which the store sorts (see WorkersModel).
        self.proxy = self.model
        self.table = QTableView()
        self.table.setObjectName("workersTable")
        self.table.setAccessibleName(self.tr("Workers"))
        self.table.setModel(self.proxy)
        # Tab goes on to the next control, never cell to cell: rows are chosen with the arrows
        # (a table that keeps Tab traps the keyboard; WCAG 2.1.2).
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WorkersModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(WorkersModel.FIDELITY, FidelityDelegate(self.table))
        header = self.table.horizontalHeader()
        # Size columns from the rows on screen, not the first thousand: with 500 workers the
        # default precision spent ~0.4 s of cold start measuring rows nobody sees yet.
        header.setResizeContentsPrecision(RESIZE_PRECISION)
        header.setSectionResizeMode(WorkersModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (WorkersModel.OFFICE, WorkersModel.LAST_OBSERVED, WorkersModel.FIDELITY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        # The least the list can be; the window widens it to show whole names (width_wanted).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)

        self.search.textChanged.connect(self.filters_changed)
        self.office.currentIndexChanged.connect(self.filters_changed)
        self.show_inactive.toggled.connect(self.filters_changed)
        self.model.sort_wanted.connect(self.filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(self._on_activated)

    def filters(self) -> dict[str, object]:
        """The current filters and order, as keyword arguments of WorkerService.listing."""
        order, descending = self.model.order
        return {"include_inactive": self.show_inactive.isChecked(),
                "office": self.office.currentData(), "search": self.search.text().strip() or None,
                "order": order, "descending": descending}

    def set_offices(self, offices: list[str]) -> None:
        """Refresh the office filter, keeping the choice."""
        current = self.office.currentData()
        self.office.blockSignals(True)
        self.office.clear()
        self.office.addItem(self.tr("All offices"), None)
        for office in offices:
            self.office.addItem(office, office)
        self.office.setCurrentIndex(max(0, self.office.findData(current)))
        self.office.blockSignals(False)

    def set_listing(self, listing: WorkerListing, current: uuid.UUID | None) -> None:
        """Show a listing with the current worker highlighted (when listed)."""
        self._restoring = True
        try:
            self.model.set_listing(listing)
        finally:
            self._restoring = False
        self.select(current)
        self.width_wanted.emit(self.wanted_width())

    def wanted_width(self) -> int:
        """The panel width at which every listed name, office, date and the bars show whole."""
        header = self.table.horizontalHeader()
        columns = sum(max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                      for column in range(header.count()))
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        chrome = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        return columns + chrome + margins.left() + margins.right()

    def selected_id(self) -> uuid.UUID | None:
        """The highlighted worker's id."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        worker = self.proxy.data(rows[0], ROW_ROLE)
        return worker.id if worker else None

    def select(self, worker_id: uuid.UUID | None) -> bool:
        """Highlight a worker (None: nobody), silently; False if not listed.

        Only a person's click or key emits worker_selected: the list follows the window's
        current worker, it never decides it.
        """
        self._restoring = True
        try:
            row = None if worker_id is None else self.model.row_of(worker_id)
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
            self.table.clearSelection()
            return False
        finally:
            self._restoring = False

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        if not self._restoring:
            self.worker_selected.emit(self.selected_id())

    @Slot()
    def _on_activated(self) -> None:
        worker_id = self.selected_id()
        if worker_id is not None:
            self.worker_activated.emit(worker_id)
