"""Opening the audit trail: the store's (a page at a time) and the open observation's."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from cfpm_coach.services.audit import PAGE, AuditLine, AuditPage
from cfpm_coach.ui.dialogs.audit_dialog import AuditDialog
from cfpm_coach.ui.models.table_models import locale_date
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow


class AuditFlow(QObject):
    """Two commands and the dialogs they open (one of each kind at a time)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.store_dialog: AuditDialog | None = None
        self.observation_dialog: AuditDialog | None = None
        self.page_size = PAGE
        self.store_action = QAction(self.tr("Audit &trail\u2026"), window)
        self.store_action.setObjectName("auditTrail")
        self.store_action.setStatusTip(self.tr("Who changed what and when, in all your data"))
        self.store_action.triggered.connect(self.show_store_trail)
        self.observation_action = QAction(self.tr("Change &history\u2026"), window)
        self.observation_action.setObjectName("observationHistory")
        self.observation_action.setShortcut("Ctrl+Shift+H")
        self.observation_action.setStatusTip(self.tr("Who changed this observation and when"))
        self.observation_action.triggered.connect(self.show_observation_trail)
        for action in (self.store_action, self.observation_action):
            window.addAction(action)

    @Slot()
    def show_store_trail(self) -> None:
        """The whole store's trail, newest page first."""
        if self.store_dialog is None:
            self.store_dialog = AuditDialog(self.window)
            self.store_dialog.page_requested.connect(self._load_page)
        self._load_page(0, "")
        self.store_dialog.show()
        self.store_dialog.raise_()

    @Slot(int, str)
    def _load_page(self, offset: int, entity: str) -> None:
        self.window.backend.read(
            lambda ws: ws.audit.store_trail(offset=offset, limit=self.page_size,
                                            entity=entity or None),
            self._on_page, self._on_error)

    def _on_page(self, page: AuditPage) -> None:
        if self.store_dialog is not None:
            self.store_dialog.show_page(page)

    @Slot()
    def show_observation_trail(self) -> None:
        """The open observation's trail."""
        detail = self.window.state.observation
        if detail is None:
            return
        observation_id = detail.id
        title = self.tr("Change History: %s, %s") % (
            detail.summary.worker_name, locale_date(detail.summary.started_at))
        if self.observation_dialog is not None:
            self.observation_dialog.close()
        self.observation_dialog = AuditDialog(self.window, observation_id, title)
        self.window.backend.read(lambda ws: ws.audit.observation_trail(observation_id),
                                 self._on_observation_lines, self._on_error)
        self.observation_dialog.show()

    def _on_observation_lines(self, lines: list[AuditLine]) -> None:
        if self.observation_dialog is not None:
            self.observation_dialog.show_lines(lines)

    def _on_error(self, error: BaseException) -> None:
        show_error(self.window, error, self.tr("The audit trail could not be read"))
