"""The UI's handle on the workspace: every call runs on the database worker thread."""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.runtime.tasks import TaskRunner
from cfpm_coach.ui.runtime.window_state import Changed

log = logging.getLogger(__name__)
T = TypeVar("T")


class Backend(QObject):
    """Opens the workspace off the GUI thread and runs use cases there."""

    opened = Signal(object)  # the Workspace
    open_failed = Signal(object)  # the exception
    error = Signal(object)  # an exception from a call without its own failure handler
    saved = Signal()  # a write was committed
    changed = Signal(object)  # Changed: what a committed write changed (screens reload it)
    busy_changed = Signal(bool)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.workspace: Workspace | None = None
        self._key: DatabaseKey | None = None
        self._runner = TaskRunner(self)
        self._runner.busy_changed.connect(self.busy_changed)
        self._runner.task_failed.connect(self._on_unhandled)

    def open(self, passphrase: str | None = None) -> None:
        """Open (create, migrate) the store; emits opened or open_failed.

        Reopened after a restore, an encrypted store uses the key it was open with.
        """
        key = passphrase or self._key
        language, locale = i18n.current_language(), i18n.current_locale()

        def open_in_language() -> Workspace:
            workspace = Workspace.open(self.data_dir, key)
            try:
                workspace.use_language(language, locale)
                workspace.practice_instrument()  # its choice is read here, off the GUI thread
            except Exception:
                workspace.close()
                raise
            return workspace

        self._runner.run(open_in_language, self._on_opened, self.open_failed.emit)

    @Slot(object)
    def _on_opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.opened.emit(workspace)

    @Slot(object)
    def _on_unhandled(self, error: BaseException) -> None:
        self.error.emit(error)

    def read(self, function: Callable[[Workspace], T], on_success: Callable[[T], None],
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Run a query on the worker; on_success gets its result on the GUI thread."""
        workspace = self._require()
        self._runner.run(lambda: function(workspace), on_success, on_failure)

    def write(self, function: Callable[[Workspace], T],
              on_success: Callable[[T], None] | None = None,
              on_failure: Callable[[BaseException], None] | None = None,
              changes: Changed = Changed.NOTHING) -> None:
        """Run a change on the worker; `saved` (and `changed` with `changes`) once committed."""
        workspace = self._require()

        def done(result: Any) -> None:
            self.saved.emit()
            if changes:
                self.changed.emit(changes)
            if on_success is not None:
                on_success(result)

        self._runner.run(lambda: function(workspace), done, on_failure)

    def call(self, function: Callable[[], T], on_success: Callable[[T], None],
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Run work that needs no open workspace (recovering a damaged file) on the worker."""
        self._runner.run(function, on_success, on_failure)

    def close_workspace(self) -> None:
        """Close the store after the calls already queued; open() opens it again."""
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            self._key = workspace.store.key
            self._runner.run(workspace.close)

    def _require(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("the workspace is not open yet")
        return self.workspace

    @property
    def pending(self) -> int:
        """Calls queued and not yet answered."""
        return self._runner.pending

    def shutdown(self) -> None:
        """Let queued writes finish, close the store and stop the worker."""
        workspace = self.workspace
        if workspace is not None:
            self._runner.run(workspace.close)
        self._runner.shutdown()
        self.workspace = None
