"""The main window: workers on the left, the worker's page or the checklist on the right."""

import uuid

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from cfpm_coach import APP_NAME
from cfpm_coach.services.read_models import WorkerHistory, WorkerView
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.backend import Backend
from cfpm_coach.ui.checklist import ChecklistPage
from cfpm_coach.ui.errors import show_error
from cfpm_coach.ui.idle_lock import SETTING_KEY as IDLE_KEY
from cfpm_coach.ui.idle_lock import IdleLock
from cfpm_coach.ui.observation_flow import ObservationFlow
from cfpm_coach.ui.report_flow import ReportFlow
from cfpm_coach.ui.sync_flow import SyncFlow
from cfpm_coach.ui.tools_flow import ToolsFlow
from cfpm_coach.ui.worker_page import WorkerPage
from cfpm_coach.ui.workers_panel import WorkersPanel


class MainWindow(QMainWindow):
    """The coach's workspace."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.workspace: Workspace | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)

        self.workers_panel = WorkersPanel()
        self.worker_page = WorkerPage()
        self.checklist = ChecklistPage(backend)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.worker_page)
        self.pages.addWidget(self.checklist)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.workers_panel)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.flow = ObservationFlow(self)
        self.reports = ReportFlow(self)
        self.tools = ToolsFlow(self)
        self.sync = SyncFlow(self)
        self.idle_lock = IdleLock(self)
        self._make_actions()
        self._make_menus()
        self._make_status_bar()

        self.workers_panel.filters_changed.connect(self.refresh_workers)
        self.workers_panel.worker_selected.connect(self._on_worker_selected)
        self.workers_panel.worker_activated.connect(self.flow.start)
        self.worker_page.new_observation_requested.connect(self.flow.start)
        self.worker_page.observation_opened.connect(self.flow.open)
        self.worker_page.edit_worker_requested.connect(self.edit_worker)
        self.worker_page.toggle_active_requested.connect(self.toggle_worker_active)
        self.worker_page.goal_status_requested.connect(self.set_goal_status)
        self.worker_page.report_requested.connect(self.reports.worker_summary)
        self.checklist.report_requested.connect(self.reports.observation_record)
        self.checklist.saved_at.connect(self._on_saved_at)
        backend.opened.connect(self._on_opened)
        backend.open_failed.connect(self._on_open_failed)
        backend.error.connect(self._on_error)
        backend.busy_changed.connect(self._on_busy)
        self._set_enabled(False)
        self._restore_geometry()

    # -- building ----------------------------------------------------------------------------

    def _action(self, text: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "", name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        plain = text.replace("&", "").rstrip(".\u2026")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{plain} ({keys})" if keys else plain)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        tr = self.tr
        self.new_observation_action = self._action(
            tr("&New observation\u2026"), self.flow.start, QKeySequence.StandardKey.New,
            tr("Start observing a worker"), "newObservation")
        self.add_worker_action = self._action(
            tr("&Add worker\u2026"), self.add_worker, "Ctrl+Shift+N", tr("Add a worker to coach"),
            "addWorker")
        self.sync_action = self._action(
            tr("&Export bundle\u2026"), self.tools.export_bundle, "Ctrl+E",
            tr("Write a sealed bundle for the central team to a folder or USB stick"),
            "exportSync")
        self.worker_report_action = self._action(
            tr("&Worker coaching summary\u2026"), self.reports.worker_summary, "Ctrl+R",
            tr("The selected worker's coaching summary as PDF"), "workerReport")
        self.observation_report_action = self._action(
            tr("&Observation record\u2026"), self.reports.observation_record, "Ctrl+Shift+R",
            tr("The open observation's record as PDF"), "observationReport")
        self.unit_report_action = self._action(
            tr("&Unit summary\u2026"), self.reports.unit_summary, None,
            tr("An office's summary as PDF"), "unitReport")
        self.agreement_action = self._action(
            tr("Inter-rater &agreement\u2026"), self.reports.agreement, None,
            tr("How alike coaches rated the visits they co-observed"), "agreement")
        self.leadership_action = self._action(
            tr("&Leadership: self vs others\u2026"), self.reports.leadership, None,
            tr("A leader's self-assessment next to others' ratings"), "leadership")
        self.reports_action = QAction(tr("&Reports"), self)
        self.reports_action.setObjectName("reports")
        self.reports_action.setToolTip(tr("Coaching summaries as PDF (Ctrl+R)"))
        self.reports_action.triggered.connect(self.reports.worker_summary)
        self.backup_action = self._action(
            tr("&Backup\u2026"), self.tools.backup, "Ctrl+B", tr("Write a copy of your data"), "backup")
        self.settings_action = self._action(
            tr("&Settings\u2026"), self.tools.open_settings, QKeySequence.StandardKey.Preferences,
            tr("Your profile and preferences"), "settings")
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                                        name="quit")
        self.find_action = self._action(tr("&Find worker"), self._focus_search,
                                        QKeySequence.StandardKey.Find, name="findWorker")
        self.refresh_action = self._action(tr("Re&fresh"), self.refresh_all,
                                           QKeySequence.StandardKey.Refresh, name="refresh")
        self.finalize_action = self._action(
            tr("&Finish and finalize\u2026"), self.flow.finish, "Ctrl+Return",
            tr("Debrief notes, goals, finalize"), "finalize")
        self.finalize_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                           QKeySequence("Ctrl+Enter")])
        self.amend_action = self._action(tr("&Amend\u2026"), self.flow.amend, None,
                                         tr("Correct a finalized observation"), "amend")
        self.coming_up_action = self._action(
            tr("&Coming up\u2026"), self.tools.coming_up, "Ctrl+U",
            tr("Follow-ups due this week and workers not observed lately"), "comingUp")
        self.undo_action = self.checklist.undo_stack.createUndoAction(self, tr("&Undo rating"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.checklist.undo_stack.createRedoAction(self, tr("&Redo rating"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.shortcuts_action = self._action(tr("&Keyboard shortcuts"), self.tools.show_shortcuts,
                                             "F1", name="shortcuts")
        self.about_action = self._action(tr("&About CFPM Coach"), self.tools.about, name="about")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.new_observation_action, self.add_worker_action, None,
                       self.sync.sync_now_action, self.sync.panel_action,
                       self.sync.settings_action, self.sync_action, self.backup_action, None,
                       self.settings_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        reports_menu = bar.addMenu(self.tr("&Reports"))
        for action in (self.worker_report_action, self.observation_report_action,
                       self.unit_report_action, self.agreement_action, self.leadership_action):
            reports_menu.addAction(action)
        self.reports_action.setMenu(reports_menu)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.undo_action, self.redo_action, None, self.find_action,
                       self.refresh_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        observation_menu = bar.addMenu(self.tr("&Observation"))
        observation_menu.addAction(self.finalize_action)
        observation_menu.addAction(self.amend_action)
        observation_menu.addSeparator()
        observation_menu.addAction(self.coming_up_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_observation_action, self.add_worker_action,
                       self.sync.sync_now_action, self.reports_action, self.backup_action,
                       self.settings_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _make_status_bar(self) -> None:
        self.store_label = QLabel()
        self.store_label.setObjectName("storeLabel")
        self.save_label = QLabel()
        self.save_label.setObjectName("statusSaved")
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.save_label)

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.new_observation_action, self.add_worker_action, self.backup_action,
                       self.settings_action, self.refresh_action, self.reports_action,
                       self.sync_action,
                       self.worker_report_action, self.unit_report_action):
            action.setEnabled(enabled)
        central = self.centralWidget()
        if central is not None:
            central.setEnabled(enabled)
        self._update_observation_actions()

    def _update_observation_actions(self) -> None:
        detail = self.checklist.detail
        on_checklist = self.pages.currentWidget() is self.checklist and detail is not None
        self.finalize_action.setEnabled(on_checklist and bool(detail and detail.editable))
        self.amend_action.setEnabled(on_checklist and bool(detail and not detail.editable))
        self.observation_report_action.setEnabled(on_checklist)

    # -- opening -----------------------------------------------------------------------------

    @Slot(object)
    def _on_opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.store_label.setText(self.tr("Store: %s") % workspace.paths.database)
        self.store_label.setToolTip(str(workspace.paths.data_dir))
        practice = workspace.practice_instrument()
        if practice is not None:
            self.workers_panel.model.element_labels = {g.id: g.label for g in practice.groups}
        self._set_enabled(True)
        self.backend.read(lambda ws: ws.profile.coach(), self._on_coach)
        self.refresh_workers()
        self.backend.read(lambda ws: ws.profile.setting(IDLE_KEY), self.idle_lock.apply_setting)
        # Today's rolling backup, on the database worker after the list is loaded.
        self.backend.write(lambda ws: ws.maintenance.auto_backup(), lambda _path: None)
        self.sync.start()
        self.flow.offer_recovery()

    @Slot(object)
    def _on_open_failed(self, error: BaseException) -> None:
        self.store_label.setText(self.tr("The store could not be opened"))
        show_error(self, error, self.tr("Your data could not be opened"))

    def _on_coach(self, coach: object) -> None:
        name = getattr(coach, "name", "")
        self.setWindowTitle(f"{APP_NAME} \u2014 {name}" if name else APP_NAME)

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        show_error(self, error)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._idle_text = self.save_label.text()
            self.save_label.setText(self.tr("Working\u2026"))
        else:
            self.save_label.setText(getattr(self, "_idle_text", ""))

    @Slot(str)
    def _on_saved_at(self, stamp: str) -> None:
        self._idle_text = self.tr("Saved %s") % stamp
        self.save_label.setText(self._idle_text)

    # -- workers -----------------------------------------------------------------------------

    @Slot()
    def refresh_workers(self) -> None:
        """Reload the workers list (and offices) with the current filters."""
        filters = self.workers_panel.filters()
        self.backend.read(lambda ws: (ws.workers.find(**filters), ws.workers.offices()),  # type: ignore[arg-type]
                          self._on_workers)

    def _on_workers(self, result: tuple[list[WorkerView], list[str]]) -> None:
        workers, offices = result
        self.workers_panel.set_offices(offices)
        self.workers_panel.set_workers(workers)
        if self.worker_page.worker_id is not None and \
                self.workers_panel.selected_id() is None:
            self.workers_panel.select(self.worker_page.worker_id)

    @Slot(object)
    def _on_worker_selected(self, worker_id: uuid.UUID | None) -> None:
        if worker_id is None:
            return
        if self.pages.currentWidget() is self.checklist:
            self.flow.close_checklist()
        self.show_worker(worker_id)

    def show_worker(self, worker_id: uuid.UUID) -> None:
        """Load and show a worker's page."""
        self.backend.read(lambda ws: ws.workers.history(worker_id), self._on_history)

    def _on_history(self, history: WorkerHistory) -> None:
        practice = None
        if self.workspace is not None:
            practice = self.workspace.practice_instrument()
        self.worker_page.show_history(history, practice)
        self.pages.setCurrentWidget(self.worker_page)
        self._update_observation_actions()

    def refresh_all(self) -> None:
        """Reload the list and the page shown."""
        self.refresh_workers()
        if self.worker_page.worker_id is not None:
            self.show_worker(self.worker_page.worker_id)

    @Slot()
    def add_worker(self) -> None:
        """Ask for a new worker and add them."""
        from cfpm_coach.ui.worker_dialog import WorkerDialog  # dialogs load when first opened

        fields = WorkerDialog.ask(self, default_office=self.workers_panel.office.currentData() or "")
        if fields is None:
            return
        self.backend.write(
            lambda ws: ws.workers.add(fields.name, role=fields.role, unit=fields.unit,
                                      office=fields.office, county=fields.county),
            self._on_worker_added, self._on_error)

    def _on_worker_added(self, worker: WorkerView) -> None:
        self.workers_panel.search.clear()
        self.refresh_workers()
        self.show_worker(worker.id)

    @Slot()
    def edit_worker(self) -> None:
        """Edit the shown worker."""
        history = self.worker_page.history
        if history is None:
            return
        from cfpm_coach.ui.worker_dialog import WorkerDialog

        fields = WorkerDialog.ask(self, history.worker)
        if fields is None:
            return
        worker_id = history.worker.id
        self.backend.write(
            lambda ws: ws.workers.edit(worker_id, name=fields.name, role=fields.role,
                                       unit=fields.unit, office=fields.office,
                                       county=fields.county),
            lambda _w: self.refresh_all(), self._on_error)

    @Slot()
    def toggle_worker_active(self) -> None:
        """Deactivate or reactivate the shown worker."""
        history = self.worker_page.history
        if history is None:
            return
        worker_id, active = history.worker.id, not history.worker.active
        self.backend.write(lambda ws: ws.workers.set_active(worker_id, active),
                           lambda _w: self.refresh_all(), self._on_error)

    @Slot(object, str)
    def set_goal_status(self, goal_id: uuid.UUID, status: str) -> None:
        """Mark a goal met, open again, or dropped."""
        self.backend.write(lambda ws: ws.goals.update(goal_id, status=status),
                           lambda _g: self.refresh_all(), self._on_error)

    # -- other actions -----------------------------------------------------------------------

    @Slot()
    def _focus_search(self) -> None:
        self.workers_panel.search.setFocus()
        self.workers_panel.search.selectAll()

    # -- window ------------------------------------------------------------------------------

    def _window_settings(self) -> QSettings:
        """Window state lives in the data folder: portable, and tests never touch ~/.config."""
        path = self.backend.data_dir / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        settings = self._window_settings()
        geometry = settings.value("main_window/geometry")
        splitter = settings.value("main_window/splitter")
        if geometry is None or not self.restoreGeometry(geometry):
            line = self.fontMetrics().height()
            self.resize(line * 80, line * 50)
        # The split is restored once the window has its real size (see showEvent).
        self._pending_split = splitter

    def showEvent(self, event: QShowEvent) -> None:
        """Restore the saved split on the first show, when the window has its real width."""
        super().showEvent(event)
        if self._pending_split is not None:
            self.splitter.restoreState(self._pending_split)
            self._pending_split = None

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close: the draft is already saved; flush a note still waiting for its typing pause."""
        self.checklist.flush_notes()
        self.sync.shutdown()
        self.idle_lock.shutdown()
        settings = self._window_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        event.accept()
