"""Where each office stands, from the Reports menu: the list, and one office saved as PDF."""

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from cfpm_coach.ui.flows.window_shell import Shell
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.dialogs.office_dialog import OfficeDialog
    from cfpm_coach.ui.flows.report_flow import ReportFlow
    from cfpm_coach.views.offices import OfficeStandings


def _file_name(office: str, county: str) -> str:
    text = "-".join(p for p in ("office", office, county) if p).lower()
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-") + ".pdf"


class OfficeFlow(QObject):
    """Opens the offices dialog (its figures read on the database worker) and prints one."""

    def __init__(self, shell: Shell, reports: "ReportFlow",
                 open_observation: "Callable[[uuid.UUID], None]",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.reports = reports
        self._open_observation = open_observation
        self.dialog: OfficeDialog | None = None

    @Slot()
    def show_offices(self) -> None:
        """Where each office stands."""
        self.shell.backend.read(lambda ws: ws.offices.standings(), self._show, self._failed)

    def _show(self, standings: "OfficeStandings") -> None:
        from cfpm_coach.ui.dialogs.office_dialog import OfficeDialog

        if self.dialog is None:
            self.dialog = OfficeDialog(self.shell.dialog_parent())
            self.dialog.pdf_requested.connect(self.office_pdf)
            self.dialog.observation_opened.connect(self.open_assessment)
        self.dialog.show_standings(standings)
        self.dialog.show()
        self.dialog.raise_()

    @Slot(object)
    def open_assessment(self, observation_id: uuid.UUID) -> None:
        """Open an office's assessment on the checklist (to rate a draft, or to read)."""
        if self.dialog is not None:
            self.dialog.close()
        self._open_observation(observation_id)

    @Slot(object)
    def office_pdf(self, place: tuple[str, str]) -> None:
        """Save one office's standing as PDF in the reports folder, and open it."""
        office, county = place
        workspace = self.shell.workspace
        if workspace is None:
            return
        path = workspace.paths.data_dir / "reports" / _file_name(office, county)

        def build(ws: "Workspace") -> Path:
            return ws.offices.pdf(office, county, path)

        self.shell.show_status(self.tr("Creating the PDF\u2026"))
        self.shell.backend.read(build, self.reports.show_pdf, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.shell.clear_status()
        show_error(self.shell.dialog_parent(), error, self.tr("The report could not be made"))
