"""The workers list's model: every listed worker named at once, their figures read by page."""

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal

from cfpm_coach.ui.language.texts import QT_TR_NOOP
from cfpm_coach.ui.models.table_models import Index, RowsModel, local_date, percent
from cfpm_coach.views.workers import ListedWorker, WorkerListing, WorkerView, fidelity, listing_key


class WorkersModel(RowsModel[WorkerView]):
    """The workers list, filled lazily: every listed worker's own columns at once, their
    figures (last observed, fidelity bars) a page at a time, as their rows come into view.

    The store sorts: a header click asks for a new listing (sort_wanted) rather than sorting
    here, so that 50,000 workers need neither their figures read nor a sort in Python.
    """

    # Worker ids whose figures a shown row needs, and the listing they belong to.
    figures_wanted = Signal(list, int)
    sort_wanted = Signal()  # a header click: the list is to be read again in the new order

    NAME, OFFICE, LAST_OBSERVED, FIDELITY = range(4)
    HEADERS = (QT_TR_NOOP("Name"), QT_TR_NOOP("Office"), QT_TR_NOOP("Last observed"),
               QT_TR_NOOP("Fidelity"))
    ORDERS = ("name", "office", "last_observed", "fidelity")  # WORKER_ORDERS, by column
    PAGE = 50  # figures are asked for a page of rows at a time: about a screenful

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # Element id to label, for tooltips; set by the window from the practice instrument.
        self.element_labels: dict[str, str] = {}
        self.proficient_label = "Accomplished"  # the practice instrument's, once one is open
        self.order: tuple[str, bool] = ("name", False)  # (WORKER_ORDERS item, descending)
        self.listing = 0  # which listing is shown; figures of an older one are dropped
        self._listed: list[ListedWorker] = []  # every listed worker, in order
        self._figured: dict[str, WorkerView] = {}  # by key: the rows whose figures are read
        self._plain: dict[str, WorkerView] = {}  # views of rows not figured, made once shown
        self._row_of: dict[str, int] = {}  # rows of figured or asked-for keys only
        self._asked: set[int] = set()  # pages whose figures were asked for (never twice)
        self._wanted: set[int] = set()  # pages to ask for once the current paint is done
        self._in_flight = 0  # asks not answered yet

    def set_listing(self, listing: WorkerListing) -> None:
        """Show a listing: its workers in its order, figures where it has them (one reset)."""
        self.beginResetModel()
        self.listing += 1
        self._listed = listing.workers
        self._figured = dict(listing.figured)
        self._plain.clear()
        # Not every row's: a dict of 50,000 keys cost more than the rest of the reset.
        self._row_of = {row.key: n for n, row in enumerate(self._listed[:self.PAGE])}
        self._asked.clear()
        self._wanted.clear()
        self._in_flight = 0
        self.order = (listing.order, listing.descending)
        self.endResetModel()

    def set_rows(self, rows: list[WorkerView]) -> None:
        """Show workers already figured, in the order given."""
        self.set_listing(WorkerListing(
            [ListedWorker(listing_key(r.id), r.name, r.office, int(r.active)) for r in rows],
            {listing_key(row.id): row for row in rows}, *self.order))

    def add_figures(self, views: list[WorkerView], listing: int) -> None:
        """Figures read for some rows of a listing; ignored when another listing is shown."""
        if listing != self.listing:
            return
        self._in_flight = max(0, self._in_flight - 1)
        rows = []
        for view in views:
            key = listing_key(view.id)
            row = self._row_of.get(key)
            if row is not None:
                self._figured[key] = view
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), self.columnCount() - 1))

    def figures_lost(self, ids: list[uuid.UUID], listing: int) -> None:
        """A read of figures failed or was dropped: their rows may ask again."""
        if listing == self.listing:
            self._in_flight = max(0, self._in_flight - 1)
            rows = (self._row_of.get(listing_key(i)) for i in ids)
            self._asked -= {row // self.PAGE for row in rows if row is not None}

    def is_figured(self, row: int) -> bool:
        """Whether a row's figures are known (not still to be read)."""
        return 0 <= row < len(self._listed) and self._listed[row].key in self._figured

    def pending(self) -> bool:
        """Whether figures were asked for (or are about to be) and not yet all received."""
        return bool(self._wanted) or self._in_flight > 0

    def rows(self) -> list[WorkerView]:
        """The rows shown, figured where their figures are known."""
        return [self._figured.get(row.key) or self._plain_view(row) for row in self._listed]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._listed)

    def _plain_view(self, row: ListedWorker) -> WorkerView:
        view = self._plain.get(row.key)
        if view is None:
            view = self._plain[row.key] = WorkerView(
                id=uuid.UUID(row.key), name=row.name, role="", unit="", office=row.office,
                county="", active=bool(row.active))
        return view

    def row_at(self, index: Index) -> WorkerView | None:
        if not index.isValid() or index.row() >= len(self._listed):
            return None
        row = self._listed[index.row()]
        figured = self._figured.get(row.key)
        if figured is not None:
            return figured
        page = index.row() // self.PAGE
        if page not in self._asked and page not in self._wanted:
            if not self._wanted:
                # Once the paint that needed them is over: one ask per page, however many cells.
                QTimer.singleShot(0, self._ask)
            self._wanted.add(page)
        return self._plain_view(row)

    def _ask(self) -> None:
        pages, self._wanted = sorted(self._wanted), set()
        ids = []
        for page in pages:
            for n in range(page * self.PAGE, min((page + 1) * self.PAGE, len(self._listed))):
                key = self._listed[n].key
                if key not in self._figured:
                    self._row_of[key] = n
                    ids.append(uuid.UUID(key))
        self._asked.update(pages)
        if ids:
            self._in_flight += 1
            self.figures_wanted.emit(ids, self.listing)

    def row_of(self, worker_id: uuid.UUID) -> int | None:
        """The row showing a worker, or None when not listed."""
        key = listing_key(worker_id)
        row = self._row_of.get(key)
        if row is None:
            row = next((n for n, listed in enumerate(self._listed) if listed.key == key), None)
        return row

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: ask for the list in that column's order (the store sorts)."""
        if not 0 <= column < len(self.ORDERS):
            return
        wanted = (self.ORDERS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != self.order:
            self.order = wanted
            self.sort_wanted.emit()

    def display(self, row: WorkerView, column: int) -> str:
        if column == self.NAME:
            return row.name if row.active else row.name + self.tr(" (inactive)")
        if column == self.OFFICE:
            return row.office
        if listing_key(row.id) not in self._figured:
            return ""  # not read yet: blank, never a dash that would say "not observed"
        if column == self.LAST_OBSERVED:
            return local_date(row.last_observed_at) or "\u2014"
        share = fidelity(row)
        return "\u2014" if share is None else percent(share)

    def sort_key(self, row: WorkerView, column: int) -> Any:
        if column == self.LAST_OBSERVED:
            return row.last_observed_at.timestamp() if row.last_observed_at else 0.0
        if column == self.FIDELITY:
            share = fidelity(row)
            return -1.0 if share is None else share
        return super().sort_key(row, column)

    def tooltip(self, row: WorkerView, column: int) -> str | None:
        if column == self.FIDELITY and listing_key(row.id) not in self._figured:
            return None
        if column == self.FIDELITY and row.element_scores:
            lines = [f"{self.element_labels.get(k, k)}: {percent(v)}"
                     for k, v in row.element_scores.items()]
            return self.tr("Latest finalized observation, share %1:").replace(
                "%1", self.proficient_label) + "\n" + \
                "\n".join(lines)
        if column == self.FIDELITY:
            return self.tr("No finalized practice observation yet")
        return f"{row.role} \u00b7 {row.unit}".strip(" \u00b7") or None
