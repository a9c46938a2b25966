"""The window's one source of truth: the current worker, the open observation, and what changed.

The workers list, the worker page, the checklist and every dialog's default read the current
worker and observation from here, so they cannot drift apart. Writes report what they changed
(`Changed`, Anki's "operation changes" pattern); screens subscribe to `Backend.changed` and reload
what they show instead of being refreshed by hand.
"""

import enum
import uuid

from PySide6.QtCore import QObject, Signal

from cfpm_coach.views.observations import ObservationDetail


class Changed(enum.Flag):
    """What a committed write changed, so screens know what to reload."""

    NOTHING = 0
    WORKERS = enum.auto()  # a worker added, edited, (de)activated
    OBSERVATIONS = enum.auto()  # an observation started, finalized, amended, discarded
    GOALS = enum.auto()
    PROFILE = enum.auto()  # the coach's name, settings
    STORE = enum.auto()  # the whole store replaced (a restore, a reopen)
    PRACTICE = enum.auto()  # another practice instrument chosen: the figures follow it


WORKER_PAGE_CHANGES = (Changed.WORKERS | Changed.OBSERVATIONS | Changed.GOALS | Changed.STORE
                       | Changed.PRACTICE)
WORKER_LIST_CHANGES = Changed.WORKERS | Changed.OBSERVATIONS | Changed.STORE | Changed.PRACTICE


class WindowState(QObject):
    """Who is being looked at and which observation is open; signals when either changes."""

    worker_changed = Signal(object)  # uuid.UUID or None
    observation_changed = Signal(object)  # ObservationDetail or None (the checklist closes)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker_id: uuid.UUID | None = None
        self._observation: ObservationDetail | None = None

    @property
    def worker_id(self) -> uuid.UUID | None:
        """The current worker (the list's highlighted row, the page shown)."""
        return self._worker_id

    @property
    def observation(self) -> ObservationDetail | None:
        """The observation open on the checklist, as last loaded."""
        return self._observation

    def set_worker(self, worker_id: uuid.UUID | None) -> None:
        """Make a worker current; an observation of another worker is closed by the window."""
        if worker_id == self._worker_id:
            return
        self._worker_id = worker_id
        self.worker_changed.emit(worker_id)

    def set_observation(self, detail: ObservationDetail | None) -> None:
        """Open (or reload) an observation on the checklist, or close it with None.

        Its worker becomes the current worker first, so the list and the page follow.
        """
        self._observation = detail
        if detail is not None:
            self.set_worker(detail.summary.worker_id)
        self.observation_changed.emit(detail)
