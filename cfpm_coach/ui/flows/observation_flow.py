"""The observation's life in the window: start, open, finish, finalize, amend, discard, recover."""

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from cfpm_coach.domain.vocabulary import GoalStatus, ObservationStatus
from cfpm_coach.errors import IncompleteObservationError
from cfpm_coach.services.workspace import PLACEHOLDER_COACH_NAME, Workspace
from cfpm_coach.ui.dialogs import prompts
from cfpm_coach.ui.flows.window_shell import Shell
from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.runtime.errors import show_error
from cfpm_coach.ui.runtime.window_state import Changed
from cfpm_coach.views.history import GoalView
from cfpm_coach.views.observations import ObservationDetail, ObservationSummary
from cfpm_coach.views.worker_choice import WorkerChoice

if TYPE_CHECKING:
    from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog, GoalDraft
    from cfpm_coach.ui.dialogs.start_dialog import StartRequest

OPEN_OBSERVATION_KEY = "open_observation_id"


def _start(ws: Workspace, request: "StartRequest") -> tuple[ObservationDetail, list[GoalView]]:
    if request.rates_office:
        detail = ws.observations.start_office(
            request.office, request.county, request.implementation_stage,
            request.instrument_id, request.setting, started_at=request.started_at,
            instrument_version=request.instrument_version,
            co_observer=request.co_observer or None, pair_code=request.pair_code or None)
        ws.profile.set_setting(OPEN_OBSERVATION_KEY, str(detail.id))
        return detail, []
    worker_id = request.worker_id
    if worker_id is None:
        assert request.new_worker is not None
        fields = request.new_worker
        worker_id = ws.workers.add(fields.name, role=fields.role, unit=fields.unit,
                                   office=fields.office, county=fields.county).id
    detail = ws.observations.start(
        worker_id, request.instrument_id, request.setting, started_at=request.started_at,
        case_reference=request.case_reference or None, co_observer=request.co_observer or None,
        pair_code=request.pair_code or None, instrument_version=request.instrument_version,
        casework_component=request.casework_component or None)
    ws.profile.set_setting(OPEN_OBSERVATION_KEY, str(detail.id))
    return _with_open_goals(ws, detail.id)


class ObservationFlow(QObject):
    """Drives dialogs and the checklist; the open observation lives in the window's state."""

    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.finish_dialog: FinishDialog | None = None  # dialogs load when first opened
        checklist = shell.checklist
        checklist.close_requested.connect(self.close_checklist)
        checklist.finish_requested.connect(self.finish)
        checklist.amend_requested.connect(self.amend)
        checklist.discard_requested.connect(self.discard)
        checklist.reload_requested.connect(self.reload)

    @property
    def backend(self) -> Backend:
        """The window's backend."""
        return self.shell.backend

    @property
    def _parent(self) -> QWidget:
        return self.shell.dialog_parent()

    # -- start and open ----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Ask what to observe (the current worker preselected), then open the checklist."""
        self.backend.read(
            lambda ws: (ws.workers.choices(include_inactive=False),
                        ws.start_instrument(),
                        ws.profile.coach().name),
            self._ask_start)

    def _ask_start(self, result: tuple[list[WorkerChoice], tuple[str, int] | None, str]
                   ) -> None:
        workers, default_instrument, coach_name = result
        workspace = self.shell.workspace
        if workspace is None:
            return
        if coach_name == PLACEHOLDER_COACH_NAME:
            # The welcome was answered "Later": every record carries the coach's name.
            name = prompts.ask_coach_name(self._parent)
            if name is None:
                return
            self.backend.write(lambda ws: ws.profile.update_coach(name=name),
                               self._on_named, self._failed, changes=Changed.PROFILE)
        from cfpm_coach.ui.dialogs.start_dialog import StartDialog

        request = StartDialog.ask(self._parent, workers, list(workspace.catalog),
                                  selected_worker=self.shell.state.worker_id,
                                  default_instrument=default_instrument)
        if request is None:
            return
        self.backend.write(lambda ws: _start(ws, request), self._show, self._failed,
                           changes=Changed.WORKERS | Changed.OBSERVATIONS)

    def _on_named(self, coach: object) -> None:
        self.shell.show_coach(coach)

    @Slot(object)
    def open(self, observation_id: uuid.UUID) -> None:
        """Open an observation (a draft to rate, or a finalized one to read)."""
        self.backend.read(lambda ws: _with_open_goals(ws, observation_id), self._show,
                          self._failed)

    @Slot()
    def reload(self) -> None:
        """Show what the database holds now for the open observation."""
        detail = self.shell.state.observation
        if detail is None or self.backend.workspace is None:
            return  # nothing open, or the window is closing (the finish dialog closes with it)
        observation_id = detail.id
        self.backend.read(lambda ws: _with_open_goals(ws, observation_id), self._show,
                          self._failed)

    def _show(self, loaded: tuple[ObservationDetail, list[GoalView]]) -> None:
        if self.backend.workspace is None:
            return  # answered after the store closed: the window is going
        detail, goals = loaded
        before = self.shell.state.observation
        newly_editable = detail.editable and (before is None or before.id != detail.id
                                              or not before.editable)
        self.shell.state.set_observation(detail)
        self.shell.checklist.show_goals(goals)
        # Remembered once when it opens (or is amended), so it is offered back after a crash;
        # not on every reload, which follows a failed save and would fail the same way.
        if newly_editable:
            observation_id = str(detail.id)
            self.backend.write(lambda ws: ws.profile.set_setting(OPEN_OBSERVATION_KEY,
                                                                 observation_id))

    def _failed(self, error: BaseException) -> None:
        show_error(self._parent, error)

    @Slot()
    def close_checklist(self) -> None:
        """Back to the worker's page; the draft stays saved and in the history."""
        if self.shell.state.observation is None:
            return
        self.shell.checklist.flush_notes()
        self.backend.write(lambda ws: ws.profile.set_setting(OPEN_OBSERVATION_KEY, None),
                           changes=Changed.OBSERVATIONS)
        self.shell.state.set_observation(None)

    # -- finish ------------------------------------------------------------------------------

    @Slot()
    def finish(self) -> None:
        """Open the finish dialog for the observation being rated."""
        detail = self.shell.state.observation
        if detail is None or not detail.editable:
            return
        self.shell.checklist.flush_notes()
        observation_id = detail.id
        self.backend.read(lambda ws: ws.observations.get(observation_id), self._open_finish)

    def _open_finish(self, detail: ObservationDetail) -> None:
        from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog

        # No behavior is ticked for the coach: a goal is about what they pick, nothing else.
        dialog = FinishDialog(detail, self._parent)
        dialog.notes_changed.connect(self._save_notes)
        dialog.goal_added.connect(self._add_goal)
        dialog.finalize_requested.connect(self._finalize)
        dialog.finished.connect(self._on_finish_closed)
        self.finish_dialog = dialog
        dialog.open()

    @Slot(dict)
    def _save_notes(self, notes: dict[str, str]) -> None:
        observation_id = self._current_id()
        self.backend.write(lambda ws: ws.observations.write_notes(observation_id, **notes),
                           None, self._failed)

    @Slot(object)
    def _add_goal(self, goal: "GoalDraft") -> None:
        detail = self.shell.state.observation
        if detail is None:
            return
        worker_id, observation_id = detail.summary.worker_id, detail.id
        if worker_id is None:
            return  # an office's assessment: the finish dialog offers no goal
        self.backend.write(
            lambda ws: ws.goals.add(worker_id, goal.text, goal.behavior_ids,
                                    due_date=goal.due_date, observation_id=observation_id),
            None, self._failed, changes=Changed.GOALS)

    @Slot()
    def _finalize(self, allow_partial: bool = False) -> None:
        observation_id = self._current_id()
        self.backend.write(
            lambda ws: ws.observations.finalize(observation_id, allow_partial=allow_partial),
            self._finalized, self._finalize_failed, changes=Changed.OBSERVATIONS)

    def _finalize_failed(self, error: BaseException) -> None:
        if isinstance(error, IncompleteObservationError):
            detail = self.shell.state.observation
            labels = [detail.instrument.item(m).label for m in error.missing] if detail else []
            if prompts.confirm_partial(self.finish_dialog or self._parent, labels):
                self._finalize(allow_partial=True)
            else:
                if self.finish_dialog is not None:
                    self.finish_dialog.reject()
                self.shell.checklist.focus_first_missing()
            return
        self._failed(error)

    def _finalized(self, detail: ObservationDetail) -> None:
        if self.finish_dialog is not None:
            self.finish_dialog.accept()
        self.backend.write(lambda ws: ws.profile.set_setting(OPEN_OBSERVATION_KEY, None))
        self.shell.checklist.undo_stack.clear()
        self.shell.state.set_observation(detail)
        self.shell.show_status(self.tr("Observation finalized."), 6000)

    @Slot()
    def _on_finish_closed(self) -> None:
        self.finish_dialog = None
        self.reload()

    def _current_id(self) -> uuid.UUID:
        detail = self.shell.state.observation
        assert detail is not None
        return detail.id

    # -- amend and discard -------------------------------------------------------------------

    @Slot()
    def amend(self) -> None:
        """Ask for a reason, then reopen the finalized observation for correction."""
        detail = self.shell.state.observation
        if detail is None or detail.editable:
            return
        reason = prompts.ask_amend_reason(self._parent)
        if reason is None:
            return
        observation_id = detail.id
        self.backend.write(
            lambda ws: _with_open_goals(ws, ws.observations.amend(observation_id, reason).id),
            self._show, self._failed, changes=Changed.OBSERVATIONS)

    @Slot()
    def discard(self) -> None:
        """Discard the draft after asking."""
        detail = self.shell.state.observation
        if detail is None or detail.summary.status != ObservationStatus.DRAFT:
            return
        if not prompts.confirm_discard(self._parent):
            return
        observation_id = detail.id
        self.backend.write(lambda ws: ws.observations.discard_draft(observation_id),
                           lambda _r: self.close_checklist(), self._failed,
                           changes=Changed.OBSERVATIONS)

    # -- recovery ----------------------------------------------------------------------------

    def offer_recovery(self) -> None:
        """After opening: offer back the draft that was open when the app last stopped."""
        self.backend.read(self._open_draft, self._on_open_draft)

    @staticmethod
    def _open_draft(ws: Workspace) -> ObservationSummary | None:
        value = ws.profile.setting(OPEN_OBSERVATION_KEY)
        if not value:
            return None
        drafts = {str(d.id): d for d in ws.observations.drafts()}
        return drafts.get(value)

    def _on_open_draft(self, draft: ObservationSummary | None) -> None:
        if draft is None:
            return
        if prompts.offer_recovery(self._parent, draft):
            self.open(draft.id)


def _with_open_goals(ws: Workspace, observation_id: uuid.UUID
                     ) -> tuple[ObservationDetail, list[GoalView]]:
    """An observation and its worker's open goals (their behaviors are highlighted)."""
    detail = ws.observations.get(observation_id)
    worker_id = detail.summary.worker_id
    if worker_id is None:
        return detail, []  # an office's assessment: goals are a worker's
    goals = [g for g in ws.goals.of_worker(worker_id) if g.status == GoalStatus.OPEN]
    return detail, goals
