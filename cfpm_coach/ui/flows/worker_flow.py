"""Workers from the window: add, edit, deactivate, and their goals' status."""

import uuid

from PySide6.QtCore import QObject, Slot

from cfpm_coach.ui.flows.window_shell import Shell
from cfpm_coach.ui.runtime.errors import show_error
from cfpm_coach.ui.runtime.window_state import Changed
from cfpm_coach.views.workers import WorkerView


class WorkerFlow(QObject):
    """Each edit reports what it changed; the list and the page reload from that."""

    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell

    def _failed(self, error: BaseException) -> None:
        show_error(self.shell.dialog_parent(), error)

    def _shown(self) -> WorkerView | None:
        return self.shell.current_worker()

    @Slot()
    def add_worker(self, default_office: str = "") -> None:
        """Ask for a new worker, add them, and make them the current worker."""
        from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog  # dialogs load when first opened

        fields = WorkerDialog.ask(self.shell.dialog_parent(), default_office=default_office)
        if fields is None:
            return
        self.shell.backend.write(
            lambda ws: ws.workers.add(fields.name, role=fields.role, unit=fields.unit,
                                      office=fields.office, county=fields.county),
            self._on_added, self._failed, changes=Changed.WORKERS)

    def _on_added(self, worker: WorkerView) -> None:
        self.shell.state.set_worker(worker.id)

    @Slot()
    def edit_worker(self) -> None:
        """Edit the current worker."""
        worker = self._shown()
        if worker is None:
            return
        from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog

        fields = WorkerDialog.ask(self.shell.dialog_parent(), worker)
        if fields is None:
            return
        worker_id = worker.id
        self.shell.backend.write(
            lambda ws: ws.workers.edit(worker_id, name=fields.name, role=fields.role,
                                       unit=fields.unit, office=fields.office,
                                       county=fields.county),
            None, self._failed, changes=Changed.WORKERS)

    @Slot()
    def toggle_worker_active(self) -> None:
        """Deactivate or reactivate the current worker."""
        worker = self._shown()
        if worker is None:
            return
        worker_id, active = worker.id, not worker.active
        self.shell.backend.write(lambda ws: ws.workers.set_active(worker_id, active),
                                 None, self._failed, changes=Changed.WORKERS)

    @Slot(object, str)
    def set_goal_status(self, goal_id: uuid.UUID, status: str) -> None:
        """Mark a goal met, open again, or dropped."""
        self.shell.backend.write(lambda ws: ws.goals.update(goal_id, status=status),
                                 None, self._failed, changes=Changed.GOALS)
