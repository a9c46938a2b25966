"""Feeds the workers panel from the store: a listing on each filter or sort change, then the
figures of the rows that come into view, a page at a time, all read on the database thread."""

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.widgets.workers_panel import WorkersPanel
from cfpm_coach.views.workers import WorkerListing, WorkerView


class WorkerListLoader(QObject):
    """Reads what the workers panel asks for and hands it back on the GUI thread."""

    def __init__(self, panel: WorkersPanel, backend: Backend,
                 current: Callable[[], uuid.UUID | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        self._backend = backend
        self._current = current  # the worker to keep highlighted through a reload
        panel.filters_changed.connect(self.refresh)
        panel.model.figures_wanted.connect(self._read_figures)

    def refresh(self) -> None:
        """Read the list (and the offices) again with the panel's filters and order."""
        filters = self._panel.filters()
        self._backend.read(
            lambda ws: (ws.workers.listing(**filters), ws.workers.offices()),  # type: ignore[arg-type]
            self._on_listing)

    def _on_listing(self, result: tuple[WorkerListing, list[str]]) -> None:
        listing, offices = result
        self._panel.set_offices(offices)
        self._panel.set_listing(listing, self._current())

    def _read_figures(self, worker_ids: list[uuid.UUID], listing: int) -> None:
        model = self._panel.model
        if self._backend.workspace is None:  # closed for a restore: a later listing asks again
            model.figures_lost(worker_ids, listing)
            return

        def shown(views: list[WorkerView]) -> None:
            model.add_figures(views, listing)

        def lost(error: BaseException) -> None:
            model.figures_lost(worker_ids, listing)
            self._backend.error.emit(error)

        self._backend.read(lambda ws: ws.workers.figures(worker_ids), shown, lost)
