"""The window's tool actions: backup, export for the central team, settings, help."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QFileDialog

from cfpm_coach.errors import CoachError
from cfpm_coach.services.coming_up import ComingUp
from cfpm_coach.services.instrument_choice import DEFAULT_INSTRUMENT_KEY
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.coming_up_dialog import ComingUpDialog
from cfpm_coach.ui.flows.idle_lock import DEFAULT_MINUTES as DEFAULT_IDLE
from cfpm_coach.ui.flows.idle_lock import SETTING_KEY as IDLE_KEY
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.look import appearance
from cfpm_coach.ui.runtime import printing
from cfpm_coach.ui.runtime.errors import sentence, show_error
from cfpm_coach.ui.runtime.window_state import Changed

if TYPE_CHECKING:
    from cfpm_coach.domain.instruments import Instrument
    from cfpm_coach.ui.dialogs.export_dialog import ExportDialog, ExportRequest
    from cfpm_coach.ui.shell.main_window import MainWindow


def _settings_data(ws: Workspace) -> tuple[object, str, int, object, "Instrument | None"]:
    """What the Settings dialog shows, read off the GUI thread."""
    return (ws.profile.coach(), ws.profile.setting(DEFAULT_INSTRUMENT_KEY, ""),
            ws.coming_up.weeks(), ws.profile.setting(IDLE_KEY, DEFAULT_IDLE),
            ws.practice_instrument())


class ToolsFlow(QObject):
    """Backup, export, settings, shortcuts and about, for the main window."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.backend = window.backend
        self.coming_up_dialog: ComingUpDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.exported_folder = Path.home()

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
        from cfpm_coach.ui.dialogs.export_dialog import ExportDialog

        if self.export_dialog is not None:
            self.export_dialog.close()
        # Window-modal, not exec(): the dialog stays open while the bundle is sealed and shows
        # any failure itself, with what was typed still there.
        dialog = ExportDialog(self.window, saved[0], Path(saved[1]))
        dialog.export_requested.connect(self._export)
        self.export_dialog = dialog
        dialog.open()

    @Slot(object)
    def _export(self, request: "ExportRequest") -> None:
        def export(ws: Workspace) -> object:
            ws.profile.set_setting("team_recipient", request.recipient)
            ws.profile.set_setting("export_folder", str(request.folder))
            return ws.exchange.export(request.folder, request.recipient, full=request.full,
                                      include_case_refs=request.include_case_refs,
                                      omit_notes=request.omit_notes)

        self.window.statusBar().showMessage(self.tr("Sealing the bundle\u2026"))
        self.backend.write(export, self._on_exported, self._on_export_failed)

    def _on_export_failed(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        dialog = self.export_dialog
        if dialog is None or not dialog.isVisible() or not isinstance(error, CoachError):
            show_error(self.window, error)
            return
        dialog.show_problem(self.tr(
            "Nothing was exported: %1 Check the folder (is the USB stick still in?) and "
            "press Export again.").replace("%1", _sentence(sentence(error))))

    def _on_exported(self, result: object) -> None:
        if self.export_dialog is not None:
            self.export_dialog.finish()
        path = Path(str(getattr(result, "path", "")))
        total = sum(getattr(result, "counts", {}).values())
        written = len(getattr(result, "parts", ())) or 1
        self.exported_folder = path.parent
        if written == 1:
            text = self.tr("Bundle written for the central team: %1 (%2 records), in %3.")
        else:
            # A large export is several bundles; the central team imports them in name order.
            text = self.tr("%4 bundles written for the central team (%2 records), in %3; the "
                           "last is %1. Hand over all of them.").replace("%4", str(written))
        self.window.show_notice(
            text.replace("%1", path.name).replace("%2", str(total)).replace(
                "%3", str(path.parent)),
            self.tr("Open Folder"), self._open_export_folder)

    def _open_export_folder(self) -> None:
        if not printing.open_folder(self.exported_folder):
            self.window.show_notice(self.tr(
                "No file manager opened on this computer. The bundle is in %1: open that "
                "folder yourself, or copy its path from here.").replace(
                    "%1", str(self.exported_folder)), kind="problem")

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
        self.backend.read(_settings_data, self._show_settings)

    def _show_settings(self, result: tuple[object, str, int, object, "Instrument | None"]
                       ) -> None:
        coach, default_instrument, weeks, idle, practice = result
        if self.workspace is None:
            return
        from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog

        values = SettingsDialog.ask(
            self.window, coach, self.workspace.catalog.latest(),  # type: ignore[arg-type]
            default_instrument, self.workspace.paths.data_dir, weeks,
            idle if isinstance(idle, int) else DEFAULT_IDLE,
            practice_instruments=self.workspace.practice_instruments(),
            practice=practice.key if practice is not None else None)
        if values is None:
            return
        changes = Changed.PROFILE
        if values.practice_instrument is not None and (
                practice is None or values.practice_instrument != practice.key):
            changes |= Changed.PRACTICE

        def save(ws: Workspace) -> object:
            ws.profile.set_setting(DEFAULT_INSTRUMENT_KEY, values.default_instrument)
            if values.practice_instrument is not None:
                ws.choose_practice_instrument(*values.practice_instrument)
            ws.coming_up.set_weeks(values.not_observed_weeks)
            ws.profile.set_setting(IDLE_KEY, values.idle_lock_minutes)
            return ws.profile.update_coach(name=values.name, role=values.role,
                                           county=values.county, office=values.office)

        self.window.idle_lock.set_minutes(values.idle_lock_minutes)
        data_dir = self.workspace.paths.data_dir
        if values.appearance != appearance.load(data_dir):
            appearance.save(data_dir, values.appearance)
        app = QApplication.instance()
        if isinstance(app, QApplication) and values.appearance != appearance.current():
            appearance.apply(app, values.appearance)
        from cfpm_coach.ui.widgets import spell_check

        if values.spell_check != spell_check.is_enabled(data_dir):
            spell_check.set_enabled(data_dir, values.spell_check)
        if values.language != i18n.chosen_language(data_dir):
            i18n.set_language(data_dir, values.language)
            self.window.statusBar().showMessage(
                self.tr("The new language is used the next time CFPM Coach starts."), 10_000)
        self.backend.write(save, self._on_coach, self._on_error, changes=changes)

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
        from cfpm_coach.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.window).exec()

    @Slot()
    def about(self) -> None:
        """Versions, licences and this laptop's key."""
        if self.workspace is None:
            self._show_about(None)
            return
        # The laptop's key may need the passphrase's slow key derivation: off the GUI thread.
        self.window.backend.read(
            lambda ws: (str(ws.author.device_id), ws.exchange.device_public_key()),
            self._show_about, lambda error: self._show_about(None))

    def _show_about(self, laptop: tuple[str, str] | None) -> None:
        from cfpm_coach.ui.dialogs.about_dialog import AboutDialog

        instruments = self.workspace.catalog.latest() if self.workspace is not None else []
        AboutDialog(self.window, instruments, laptop).exec()

    @Slot()
    def guide(self) -> None:
        """The built-in guide to the practice model and the shortcuts."""
        from cfpm_coach.ui.dialogs.guide_dialog import GuideDialog

        if self.workspace is None:
            return
        GuideDialog(self.window, self.workspace.catalog.latest()).exec()


def _coming_up_data(ws: Workspace) -> tuple[ComingUp, dict[str, str]]:
    labels = ws.catalog.behavior_labels()
    return ws.coming_up.plan(), labels


def _sentence(text: str) -> str:
    """text ending with a full stop, to be followed by another sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
