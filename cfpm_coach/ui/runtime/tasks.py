"""One serialized worker thread for all database work; the GUI thread never blocks on it.

The GUI hands `run()` a function plus success / failure callbacks (Anki's taskman pattern). The
function runs on the worker thread, in submission order; its result or exception comes back through
a queued signal and the callback runs on the GUI thread.
"""

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from cfpm_coach.applog import describe_exception

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Runner(QObject):
    """Lives on the worker thread and runs what it is given."""

    finished = Signal(int, object)
    failed = Signal(int, object)

    @Slot(int, object)
    def execute(self, task_id: int, function: Callable[[], Any]) -> None:
        """Run one task and report its outcome."""
        try:
            result = function()
        except BaseException as exc:  # reported to the GUI, which decides what to show
            log.debug("task %s failed:\n%s", task_id,
                      describe_exception(type(exc), exc, exc.__traceback__))
            self.failed.emit(task_id, exc)
        else:
            self.finished.emit(task_id, result)


class TaskRunner(QObject):
    """Submit database work from the GUI thread; callbacks come back on the GUI thread."""

    _submit = Signal(int, object)
    busy_changed = Signal(bool)
    task_failed = Signal(object)  # an exception nobody handled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("cfpm-db-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.execute)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[Success | None, Failure | None]] = {}
        self._ids = itertools.count(1)
        self._thread.start()

    def run(self, function: Callable[[], Any], on_success: Success | None = None,
            on_failure: Failure | None = None) -> int:
        """Queue function on the worker; returns the task id."""
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_success, on_failure)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(task_id, function)
        return task_id

    @property
    def pending(self) -> int:
        """Tasks submitted and not yet reported back."""
        return len(self._callbacks)

    def _pop(self, task_id: int) -> tuple[Success | None, Failure | None]:
        callbacks = self._callbacks.pop(task_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        return callbacks

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        on_success, _ = self._pop(task_id)
        if on_success is not None:
            on_success(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: BaseException) -> None:
        _, on_failure = self._pop(task_id)
        if on_failure is not None:
            on_failure(error)
        else:
            self.task_failed.emit(error)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Run every queued task to the end, then stop the thread.

        QThread.quit() alone may drop tasks still queued (a note typed just before closing), so a
        marker task goes last and the thread stops only once it has run.
        """
        if not self._thread.isRunning():
            return
        drained = threading.Event()
        self._submit.emit(0, drained.set)
        drained.wait(timeout_ms / 1000)
        self._thread.quit()
        self._thread.wait(timeout_ms)
