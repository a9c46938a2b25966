"""Reports from the window: pick what, render on the database worker, open, print if asked."""

import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from cfpm_coach.errors import CoachError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.flows.window_shell import Shell
from cfpm_coach.ui.runtime import printing
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.reports.document import Paper
    from cfpm_coach.ui.dialogs.agreement_dialog import AgreementDialog
    from cfpm_coach.ui.dialogs.leadership_dialog import LeadershipDialog
    from cfpm_coach.ui.dialogs.pdf_preview import PdfPreview
    from cfpm_coach.ui.dialogs.report_dialog import ReportRequest
    from cfpm_coach.views.agreement import AgreementReport
    from cfpm_coach.views.worker_choice import WorkerChoice


def _file_name(*parts: str) -> str:
    """A safe file name from words ("Ana Reyes" -> "ana-reyes")."""
    text = "-".join(p for p in parts if p).lower()
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-") + ".pdf"


class ReportFlow(QObject):
    """The Reports menu and the report buttons of the worker page and checklist."""

    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.last_path: Path | None = None
        self.agreement_dialog: AgreementDialog | None = None
        self.leadership_dialog: LeadershipDialog | None = None
        self.preview: PdfPreview | None = None

    def _folder(self) -> Path:
        workspace = self.shell.workspace
        assert workspace is not None
        return workspace.paths.data_dir / "reports"

    def _ask(self, kind: str, subject: object, label: str, name: str,
             offices: list[str] | None = None) -> "ReportRequest | None":
        from cfpm_coach.ui.dialogs.report_dialog import ReportDialog  # loads with the first report

        parent = self.shell.dialog_parent()
        return ReportDialog.ask(parent, kind, subject, label,  # type: ignore[arg-type]
                                self._folder() / name, offices)

    @Slot()
    def observation_record(self) -> None:
        """The record of the observation on screen."""
        detail = self.shell.state.observation
        if detail is None:
            self.shell.show_status(self.tr("Open an observation first."), 5000)
            return
        summary = detail.summary
        request = self._ask("observation", detail.id, summary.worker_name, _file_name(
            "observation", summary.worker_name, summary.started_at.astimezone().date().isoformat()))
        if request is not None:
            self._render(request)

    @Slot()
    def worker_summary(self) -> None:
        """The coaching summary of the worker shown."""
        worker = self.shell.current_worker()
        if worker is None:
            self.shell.show_status(self.tr("Select a worker first."), 5000)
            return
        request = self._ask("worker", worker.id, worker.name,
                            _file_name("coaching-summary", worker.name))
        if request is not None:
            self._render(request)

    @Slot()
    def unit_summary(self) -> None:
        """The summary of an office."""
        self.shell.backend.read(lambda ws: ws.workers.offices(), self._ask_unit)

    def _ask_unit(self, offices: list[str]) -> None:
        if not offices:
            self.shell.show_status(self.tr("No worker has an office yet."), 5000)
            return
        worker = self.shell.current_worker()
        current = worker.office if worker and worker.office else offices[0]
        request = self._ask("unit", current, current, _file_name("unit-summary", current),
                            offices)
        if request is not None:
            self._render(request)

    def _render(self, request: "ReportRequest") -> None:
        def build(ws: Workspace) -> Path:
            from cfpm_coach.services.report_registry import ReportJob, render

            paper: Paper = "a4" if request.paper == "a4" else "letter"
            return render(ws.reports, request.kind, ReportJob(
                request.path, request.subject, request.start, request.end, paper=paper))

        self.shell.show_status(self.tr("Creating the PDF\u2026"))
        self.shell.backend.read(build, lambda path: self._done(path, request.print_after),
                                 self._failed)

    @Slot()
    def agreement(self) -> None:
        """Inter-rater agreement over every co-observed visit."""
        self.shell.backend.read(lambda ws: ws.reports.agreement(), self._show_agreement,
                                self._failed)

    def _show_agreement(self, report: "AgreementReport") -> None:
        from cfpm_coach.ui.dialogs.agreement_dialog import AgreementDialog

        if self.agreement_dialog is None:
            self.agreement_dialog = AgreementDialog(self.shell.dialog_parent())
            self.agreement_dialog.pdf_requested.connect(self.agreement_pdf)
        self.agreement_dialog.show_report(report)
        self.agreement_dialog.show()
        self.agreement_dialog.raise_()

    def ask_pdf_path(self, name: str) -> Path | None:
        """Where to save a PDF (a file dialog; tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(self.shell.dialog_parent(),
                                                self.tr("Save the PDF"),
                                                str(self._folder() / name), "PDF (*.pdf)")
        return Path(chosen) if chosen else None

    @Slot()
    def agreement_pdf(self) -> None:
        """Save the agreement report as PDF and open it."""
        path = self.ask_pdf_path("inter-rater-agreement.pdf")
        if path is None:
            return
        self.shell.backend.read(lambda ws: ws.reports.agreement_pdf(path),
                                 lambda done: self._done(done, False), self._failed)

    @Slot()
    def leadership(self) -> None:
        """A leader's self-assessment next to others' ratings."""
        self.shell.backend.read(lambda ws: ws.workers.choices(include_inactive=False),
                                 self._open_leadership, self._failed)

    def _open_leadership(self, workers: "list[WorkerChoice]") -> None:
        from cfpm_coach.ui.dialogs.leadership_dialog import LeadershipDialog

        if self.leadership_dialog is None:
            self.leadership_dialog = LeadershipDialog(self.shell.dialog_parent(), workers,
                                                      self.shell.state.worker_id)
            self.leadership_dialog.leader_chosen.connect(self._load_leadership)
            self.leadership_dialog.pdf_requested.connect(self.leadership_pdf)
        self.leadership_dialog.show()
        self.leadership_dialog.raise_()
        self._load_leadership(self.leadership_dialog.leader.currentData())

    @Slot(object)
    def _load_leadership(self, worker_id: uuid.UUID | None) -> None:
        from cfpm_coach.errors import NotFoundError

        dialog = self.leadership_dialog
        if dialog is None or worker_id is None:
            return

        def failed(error: BaseException) -> None:
            if isinstance(error, NotFoundError):
                dialog.show_missing(str(error))
            else:
                self._failed(error)

        self.shell.backend.read(lambda ws: ws.reports.self_vs_others(worker_id),
                                 dialog.show_comparison, failed)

    @Slot(object)
    def leadership_pdf(self, worker_id: uuid.UUID) -> None:
        """Save the self-vs-others report as PDF and open it."""
        path = self.ask_pdf_path("leadership-self-vs-others.pdf")
        if path is None:
            return
        self.shell.backend.read(lambda ws: ws.reports.leadership_pdf(worker_id, path),
                                 lambda done: self._done(done, False), self._failed)

    def show_pdf(self, path: Path) -> None:
        """Open a PDF another flow made, as every report opens."""
        self._done(path, False)

    def _done(self, path: Path, print_after: bool) -> None:
        """Show the finished PDF's pages in the app, where it is printed or saved elsewhere."""
        from cfpm_coach.ui.dialogs.pdf_preview import show_preview  # loads with the first report

        self.last_path = path
        self.shell.clear_status()
        self.shell.show_notice(self.tr("PDF saved: %1, in %2.").replace(
            "%1", path.name).replace("%2", str(path.parent)),
            self.tr("Open Folder"), self.open_last_folder)
        try:
            self.preview = show_preview(self.shell.dialog_parent(), path)
        except CoachError as error:
            show_error(self.shell.dialog_parent(), error, self.tr("The report could not be shown"))
            return
        if print_after:
            self.preview.print_document()

    def open_last_folder(self) -> None:
        """Show the last PDF's folder; say so when no file manager opens."""
        if self.last_path is not None and not printing.open_folder(self.last_path.parent):
            self.shell.show_notice(self.tr(
                "No file manager opened on this computer. The PDF is %1: copy this "
                "path to open it.").replace("%1", str(self.last_path)), kind="problem")

    def _failed(self, error: BaseException) -> None:
        self.shell.clear_status()
        show_error(self.shell.dialog_parent(), error, self.tr("The report could not be made"))
