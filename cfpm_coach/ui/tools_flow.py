"""The window's tool actions: backup, export for the central team, settings, help."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog

from cfpm_coach.services.coming_up import ComingUp, coming_up, set_weeks, weeks_setting
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui import i18n
from cfpm_coach.ui.coming_up_dialog import ComingUpDialog
from cfpm_coach.ui.errors import show_error
from cfpm_coach.ui.idle_lock import DEFAULT_MINUTES as DEFAULT_IDLE
from cfpm_coach.ui.idle_lock import SETTING_KEY as IDLE_KEY

if TYPE_CHECKING:
    from cfpm_coach.ui.main_window import MainWindow


class ToolsFlow(QObject):
    """Backup, export, settings, shortcuts and about, for the main window."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.backend = window.backend
        self.coming_up_dialog: ComingUpDialog | None = None

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace."""
        return self.window.workspace

    def _on_error(self, error: BaseException) -> None:
        show_error(self.window, error)

    def _on_coach(self, coach: object) -> None:
        self.window.show_coach(coach)

    @Slot()
    def export_bundle(self) -> None:
        """Write a sealed bundle for the central team to a folder."""
        self.backend.read(
            lambda ws: (ws.profile.setting("team_recipient", ""),
                        ws.profile.setting("export_folder", str(Path.home()))),
            self._ask_export)

    def _ask_export(self, saved: tuple[str, str]) -> None:
        from cfpm_coach.ui.export_dialog import ExportDialog

        request = ExportDialog.ask(self.window, saved[0], Path(saved[1]))
        if request is None:
            return

        def export(ws: Workspace) -> object:
            ws.profile.set_setting("team_recipient", request.recipient)
            ws.profile.set_setting("export_folder", str(request.folder))
            return ws.exchange.export(request.folder, request.recipient, full=request.full,
                                      include_case_refs=request.include_case_refs,
                                      omit_notes=request.omit_notes)

        self.window.statusBar().showMessage(self.tr("Sealing the bundle\u2026"))
        self.backend.write(export, self._on_exported, self._on_error)

    def _on_exported(self, result: object) -> None:
        path = getattr(result, "path", "")
        total = sum(getattr(result, "counts", {}).values())
        self.window.statusBar().showMessage(
            self.tr("Bundle written: %1 (%2 records)").replace("%1", str(path)).replace(
                "%2", str(total)), 10000)

    @Slot()
    def backup(self) -> None:
        """Write a backup where the coach chooses."""
        if self.workspace is None:
            return
        default = str(self.workspace.paths.backups / "cfpm-coach-backup.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Back up your data"), default,
                                              self.tr("CFPM Coach backup (*.sqlite3)"))
        if not path:
            return
        self.backend.read(lambda ws: ws.maintenance.backup(Path(path)), self._on_backup_done,
                          self._on_error)

    def _on_backup_done(self, path: object) -> None:
        self.window.statusBar().showMessage(self.tr("Backup written to %s") % path, 8000)

    @Slot()
    def open_settings(self) -> None:
        """Edit the coach profile and preferences."""
        self.backend.read(
            lambda ws: (ws.profile.coach(), ws.profile.setting("default_instrument",
                                                                "cpm-practice"),
                        weeks_setting(ws), ws.profile.setting(IDLE_KEY, DEFAULT_IDLE)),
            self._show_settings)

    def _show_settings(self, result: tuple[object, str, int, int]) -> None:
        coach, default_instrument, weeks, idle = result
        if self.workspace is None:
            return
        from cfpm_coach.ui.settings_dialog import SettingsDialog

        values = SettingsDialog.ask(self.window, coach, self.workspace.catalog.latest(),  # type: ignore[arg-type]
                                    default_instrument, self.workspace.paths.data_dir, weeks,
                                    idle if isinstance(idle, int) else DEFAULT_IDLE)
        if values is None:
            return

        def save(ws: Workspace) -> object:
            ws.profile.set_setting("default_instrument", values.default_instrument)
            set_weeks(ws, values.not_observed_weeks)
            ws.profile.set_setting(IDLE_KEY, values.idle_lock_minutes)
            return ws.profile.update_coach(name=values.name, role=values.role,
                                           county=values.county, office=values.office)

        self.window.idle_lock.set_minutes(values.idle_lock_minutes)
        data_dir = self.workspace.paths.data_dir
        if values.language != i18n.chosen_language(data_dir):
            i18n.set_language(data_dir, values.language)
            self.window.statusBar().showMessage(
                self.tr("The new language is used the next time CFPM Coach starts."), 10_000)
        self.backend.write(save, self._on_coach, self._on_error)

    @Slot()
    def coming_up(self) -> None:
        """Follow-ups due this week and workers not observed lately."""
        self.backend.read(_coming_up_data, self._show_coming_up, self._on_error)

    def _show_coming_up(self, result: tuple[ComingUp, dict[str, str]]) -> None:
        if self.coming_up_dialog is None:
            self.coming_up_dialog = ComingUpDialog(self.window)
            self.coming_up_dialog.worker_requested.connect(self.window.show_worker)
            self.coming_up_dialog.refresh_requested.connect(self.coming_up)
        self.coming_up_dialog.show_data(*result)
        self.coming_up_dialog.show()
        self.coming_up_dialog.raise_()

    @Slot()
    def show_shortcuts(self) -> None:
        """Every keyboard shortcut."""
        from cfpm_coach.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.window).exec()

    @Slot()
    def about(self) -> None:
        """Versions and licences."""
        from cfpm_coach.ui.about_dialog import AboutDialog

        AboutDialog(self.window,
                    self.workspace.catalog.latest() if self.workspace is not None else []).exec()

    @Slot()
    def guide(self) -> None:
        """The built-in guide to the practice model and the shortcuts."""
        from cfpm_coach.ui.guide_dialog import GuideDialog

        if self.workspace is None:
            return
        GuideDialog(self.window, self.workspace.catalog.latest()).exec()


def _coming_up_data(ws: Workspace) -> tuple[ComingUp, dict[str, str]]:
    labels = ws.catalog.behavior_labels()
    return coming_up(ws), labels
