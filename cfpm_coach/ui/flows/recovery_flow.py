"""Going back to a backup from the window: File > Restore from backup, and the offer made when
the data file turns out to be damaged (on opening, or by the check that follows it)."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from cfpm_coach.errors import DamagedStoreError
from cfpm_coach.paths import AppPaths
from cfpm_coach.services import recovery
from cfpm_coach.services.recovery import BackupView
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow


class RecoveryFlow(QObject):
    """Restore from a backup, with the current data backed up first; recover a damaged file."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.backend = window.backend
        self._reloading = False
        # A damaged file is offered back once, however many reads fail; declined, not again.
        self._offering = False
        self.backend.opened.connect(self._after_reopen)

    @property
    def paths(self) -> AppPaths:
        """The data folder's paths."""
        return AppPaths(self.backend.data_dir)

    def _on_error(self, error: BaseException) -> None:
        self.window.set_store_open(self.backend.workspace is not None)
        show_error(self.window, error)

    # -- after opening -----------------------------------------------------------------------

    def check_then_back_up(self) -> None:
        """SQLite's quick check off the GUI thread, then today's automatic backup.

        A damaged file is offered back from a backup, and no backup is taken of it.
        """
        self.backend.read(lambda ws: recovery.check_store(ws.paths, ws.store.key), self._checked,
                          self._on_check_failed)

    def _checked(self, _result: object) -> None:
        if self.backend.workspace is None:
            return  # the window closed while the check ran: no backup of a closed store
        self.backend.write(lambda ws: ws.maintenance.auto_backup(), lambda _path: None)

    def _on_check_failed(self, error: BaseException) -> None:
        if isinstance(error, DamagedStoreError):
            self.offer_damaged(error)
        else:
            show_error(self.window, error)

    # -- a damaged file ----------------------------------------------------------------------

    def offer_damaged(self, error: DamagedStoreError) -> None:
        """Find the newest good backup (off the GUI thread), then offer it."""
        if self._offering:
            return
        self._offering = True
        self.window.set_store_open(False)
        self.window.store_label.setText(self.tr("The data file is damaged"))
        paths = self.paths
        self.backend.call(lambda: recovery.newest_good_backup(paths),
                          lambda backup: self._ask_damaged(error, backup), self._on_error)

    def _ask_damaged(self, error: DamagedStoreError, backup: BackupView | None) -> None:
        from cfpm_coach.ui.dialogs.restore_dialog import DamagedDialog  # dialogs load when first opened

        if backup is None or not DamagedDialog.ask(self.window, str(error), backup):
            self.window.statusBar().showMessage(self.tr(
                "The damaged data file was left as it is; nothing was changed."))
            return
        paths, source = self.paths, backup.path
        self.backend.close_workspace()
        self.backend.call(lambda: recovery.restore_damaged(paths, source),
                          self._on_damaged_restored, self._on_error)

    def _on_damaged_restored(self, aside: Path) -> None:
        self._offering = False
        self._reopen(self.tr("The backup was restored. The damaged file was kept as %s.")
                     % aside.name)

    # -- File > Restore from backup ----------------------------------------------------------

    @Slot()
    def restore_from_backup(self) -> None:
        """List the backups (off the GUI thread), let the coach choose one, restore it."""
        self.backend.read(lambda ws: recovery.list_backups(ws.paths, ws.store.key),
                          self._ask_restore,
                          self._on_error)

    def _ask_restore(self, backups: list[BackupView]) -> None:
        from cfpm_coach.ui.dialogs.restore_dialog import RestoreDialog

        workspace = self.window.workspace
        key = workspace.store.key if workspace is not None else None
        chosen = RestoreDialog.ask(self.window, backups,
                                   lambda path: recovery.describe_backup(path, key))
        if chosen is None:
            return
        self.window.flow.close_checklist()
        self.window.set_store_open(False)
        self.window.statusBar().showMessage(self.tr("Restoring\u2026"))

        def restore(ws: Workspace) -> Path:
            return ws.maintenance.restore(chosen)

        self.backend.write(restore, self._on_restored, self._on_error)

    def _on_restored(self, safety: Path) -> None:
        self.backend.close_workspace()
        self._reopen(self.tr("The backup was restored. Your data from before it was kept in %s.")
                     % safety.name)

    # -- reopening ---------------------------------------------------------------------------

    def _reopen(self, message: str) -> None:
        self._message = message
        self._reloading = True
        self.backend.open()

    @Slot(object)
    def _after_reopen(self, _workspace: object) -> None:
        if not self._reloading:
            return
        self._reloading = False
        self.window.statusBar().showMessage(self._message, 20_000)
        # The worker shown may not be in the backup: then nobody is current.
        self.window.refresh_all()
