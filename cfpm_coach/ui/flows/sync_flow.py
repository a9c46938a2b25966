"""Sync from the window: Sync now, automatic sync when online, the panel and the status bar.

Network work runs on its own worker thread, not the database worker: a slow hub or a retry with
backoff must never hold up a rating. SQLite's WAL lets both threads use the store.
"""

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.runtime.errors import said, show_error
from cfpm_coach.ui.runtime.tasks import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from cfpm_coach.services.joining import JoinResult
    from cfpm_coach.services.sync import SyncReport, SyncSettings, SyncStatus
    from cfpm_coach.ui.dialogs.join_dialog import FileJoiner, Joiner
    from cfpm_coach.ui.shell.main_window import MainWindow
    from cfpm_coach.ui.widgets.sync_panel import SyncPanel

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 30_000


class SyncFlow(QObject):
    """Owns the sync actions, the status-bar text, the panel and the automatic schedule."""

    status_changed = Signal(object)
    sync_started = Signal()
    sync_finished = Signal(object)
    sync_failed = Signal(object)

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.network = TaskRunner(self)
        # The sync service and its texts load with the first status read, after the window shows.
        self.settings: SyncSettings | None = None
        self.status: SyncStatus | None = None
        self.running = False
        self.panel: SyncPanel | None = None
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        # The status itself is the name a screen reader reads; what it is, the description.
        self.label.setAccessibleDescription(self.tr("Sync status"))
        self.sync_now_action = QAction(self.tr("S&ync now"), window)
        self.sync_now_action.setObjectName("syncNow")
        self.sync_now_action.setShortcut("F9")
        self.sync_now_action.setToolTip(self.tr("Send what changed to the central team now (F9)"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.panel_action = QAction(self.tr("Sync &status\u2026"), window)
        self.panel_action.setObjectName("syncPanel")
        self.panel_action.setShortcut("Ctrl+Shift+Y")
        self.panel_action.triggered.connect(self.open_panel)
        self.settings_action = QAction(self.tr("Sync se&ttings\u2026"), window)
        self.settings_action.setObjectName("syncSettings")
        self.settings_action.triggered.connect(self.edit_settings)
        for action in (self.sync_now_action, self.panel_action, self.settings_action):
            window.addAction(action)
        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(self._automatic)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_REFRESH_MS)
        self.status_timer.timeout.connect(self.refresh)
        # A child timer, not QTimer.singleShot with a callable: it dies with this object, so it
        # can never call into a window that was closed and deleted in the meantime.
        self.network_timer = QTimer(self)
        self.network_timer.setSingleShot(True)
        self.network_timer.setInterval(2000)
        self.network_timer.timeout.connect(self._watch_network)

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace."""
        return self.window.workspace

    @Slot()
    def _watch_network(self) -> None:
        """Qt's reachability is a hint; /healthz decides (the hub's own answer)."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                info = QNetworkInformation.instance()
                info.reachabilityChanged.connect(self._on_reachability)
        except (ImportError, RuntimeError):
            log.info("no network information backend; automatic sync runs on its timer only")

    @Slot(object)
    def _on_reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self._automatic()

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """The workspace is open: read the settings and status, start the schedule."""
        self.window.backend.read(lambda ws: ws.sync.settings(), self._apply_settings)
        self.refresh()
        self.status_timer.start()
        # QtNetwork and its backend load after the window is up, not during start-up.
        self.network_timer.start()

    def _apply_settings(self, settings: "SyncSettings") -> None:
        self.settings = settings
        if settings.automatic and settings.mode is not None:
            self.auto_timer.start(settings.interval_minutes * 60_000)
        else:
            self.auto_timer.stop()

    def shutdown(self) -> None:
        """Stop the schedule and let a sync in progress finish (its bundle waits in the outbox)."""
        self.auto_timer.stop()
        self.status_timer.stop()
        self.network_timer.stop()
        self.network.shutdown(timeout_ms=20_000)

    # -- status ------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the status again (off the GUI thread)."""
        workspace = self.workspace
        if workspace is not None and not self.running:
            # Even the attribute is read on the worker: it loads the HTTP stack on first use.
            self.network.run(lambda: workspace.sync.status(), self._on_status, self._log_failure)

    def _on_status(self, status: "SyncStatus") -> None:
        from cfpm_coach.ui.models.sync_texts import status_bar_text

        self.status = status
        self.label.setText(status_bar_text(status))
        self.label.setToolTip(said(status.last_error, status.last_error_wording)
                              or status.destination)
        self.status_changed.emit(status)

    def _log_failure(self, error: BaseException) -> None:
        log.info("sync status could not be read: %s", type(error).__name__)

    # -- sync --------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        """Deliver everything waiting now (asked by the coach)."""
        if self.workspace is None or self.running:
            return
        configured = self.settings is not None and self.settings.mode is not None
        if not configured and (self.status is None or self.status.mode is None):
            self.edit_settings()
            return
        self._run(quiet=False)

    @Slot()
    def _automatic(self) -> None:
        if (self.workspace is None or self.running or self.settings is None
                or not self.settings.automatic or self.settings.mode is None):
            return
        if self.status is not None and self.status.waiting == 0:
            return
        self._run(quiet=True)

    def _run(self, *, quiet: bool) -> None:
        self.running = True
        self.sync_started.emit()
        self.label.setText(self.tr("Sync: sending\u2026"))
        workspace = self.workspace
        self.network.run(lambda: workspace.sync.sync_now() if workspace else None,
                         lambda report: self._on_synced(report, quiet),
                         lambda error: self._on_sync_failed(error, quiet))

    def _on_synced(self, report: "SyncReport", quiet: bool) -> None:
        from cfpm_coach.ui.models.sync_texts import sent_summary

        self.running = False
        self.sync_finished.emit(report)
        if not quiet:
            self.window.statusBar().showMessage(sent_summary(report), 10_000)
        self.refresh()

    def _on_sync_failed(self, error: BaseException, quiet: bool) -> None:
        self.running = False
        self.sync_failed.emit(error)
        if not quiet and self.panel is None:
            show_error(self.window, error, self.tr("Sync did not run"))
        self.refresh()

    # -- panel and settings ------------------------------------------------------------------

    @Slot()
    def open_panel(self) -> None:
        """Show the sync panel (one, kept)."""
        from cfpm_coach.ui.widgets.sync_panel import SyncPanel

        if self.panel is None:
            self.panel = SyncPanel(self.window, self)
        if self.status is not None:
            self.panel.show_status(self.status)
        self.panel.show()
        self.panel.raise_()
        self.refresh()

    @Slot()
    def edit_settings(self) -> None:
        """Ask for the hub or folder and the team key, then save them."""
        if self.workspace is None:
            return
        # The laptop's key may need the passphrase's slow key derivation: off the GUI thread.
        self.window.backend.read(
            lambda ws: (str(ws.author.device_id), ws.exchange.device_public_key()),
            self._ask_settings, lambda error: show_error(self.window, error))

    def _ask_settings(self, laptop: tuple[str, str]) -> None:
        from cfpm_coach.services.sync import SyncSettings
        from cfpm_coach.ui.dialogs.sync_settings_dialog import SyncSettingsDialog

        chosen = SyncSettingsDialog.ask(self.panel or self.window, self.settings or SyncSettings(),
                                        laptop, self.network, self._joiner(),
                                        self._file_joiner())
        if chosen is None:
            self.window.backend.read(lambda ws: ws.sync.settings(), self._on_saved)
            return
        self.window.backend.write(lambda ws: ws.sync.save_settings(chosen), self._on_saved,
                                  lambda error: show_error(self.window, error))

    def _joiner(self) -> "Joiner":
        """join_team on the open workspace, for the join dialog (it runs on the network thread)."""
        workspace = self.workspace

        def join(text: str, hub_url: str) -> "JoinResult":
            if workspace is None:
                raise RuntimeError("no open workspace")
            return workspace.joining.join_team(text, hub_url)

        return join

    def _file_joiner(self) -> "FileJoiner":
        """join_by_file on the open workspace (the shared-folder route)."""
        workspace = self.workspace

        def join(path: "Path", folder: str) -> "JoinResult":
            if workspace is None:
                raise RuntimeError("no open workspace")
            return workspace.joining.join_by_file(path, folder)

        return join

    @Slot()
    def join_team(self) -> None:
        """Join the team with an invitation code (the welcome offers it)."""
        from cfpm_coach.ui.dialogs.join_dialog import JoinDialog

        if self.workspace is None:
            return
        result = JoinDialog.ask(self.window, self.network, self._joiner(),
                                self.settings.hub_url if self.settings else "",
                                self._file_joiner())
        if result is not None:
            self._on_saved(result.settings)

    def _on_saved(self, settings: "SyncSettings") -> None:
        self._apply_settings(settings)
        self.refresh()
