"""The main window: workers on the left, the worker's page or the checklist on the right."""

import uuid
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach import APP_NAME
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import DamagedStoreError, NotFoundError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.flows.audit_flow import AuditFlow
from cfpm_coach.ui.flows.idle_lock import SETTING_KEY as IDLE_KEY
from cfpm_coach.ui.flows.idle_lock import IdleLock
from cfpm_coach.ui.flows.observation_flow import ObservationFlow
from cfpm_coach.ui.flows.office_flow import OfficeFlow
from cfpm_coach.ui.flows.recovery_flow import RecoveryFlow
from cfpm_coach.ui.flows.report_flow import ReportFlow
from cfpm_coach.ui.flows.security_flow import SecurityFlow
from cfpm_coach.ui.flows.sync_flow import SyncFlow
from cfpm_coach.ui.flows.tools_flow import ToolsFlow
from cfpm_coach.ui.flows.worker_flow import WorkerFlow
from cfpm_coach.ui.look.appearance import TextSizeKeys
from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.runtime.errors import show_error
from cfpm_coach.ui.runtime.window_state import (
    WORKER_LIST_CHANGES,
    WORKER_PAGE_CHANGES,
    Changed,
    WindowState,
)
from cfpm_coach.ui.shell.demo_banner import DemoBanner
from cfpm_coach.ui.shell.first_run_flow import FirstRunFlow
from cfpm_coach.ui.shell.main_actions import MainActions
from cfpm_coach.ui.shell.notice_bar import NoticeBar
from cfpm_coach.ui.widgets.checklist import ChecklistPage
from cfpm_coach.ui.widgets.worker_list_loader import WorkerListLoader
from cfpm_coach.ui.widgets.worker_page import WorkerPage
from cfpm_coach.ui.widgets.workers_panel import WorkersPanel
from cfpm_coach.views.history import WorkerHistory
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView


class MainWindow(QMainWindow):
    """The coach's workspace."""

    closed = Signal()

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.workspace: Workspace | None = None
        self.state = WindowState(self)
        self._store_open = False
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
        # The list needs room for names next to office, date and fidelity (wider in Spanish).
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.demo_banner = DemoBanner()
        self.notice = NoticeBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.notice)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.flow = ObservationFlow(self, self)
        self.workers = WorkerFlow(self, self)
        self.reports = ReportFlow(self, self)
        self.offices = OfficeFlow(self, self.reports, self.flow.open, self)
        self.tools = ToolsFlow(self)
        self.sync = SyncFlow(self)
        self.recovery = RecoveryFlow(self)
        self.idle_lock = IdleLock(self)
        self.security = SecurityFlow(self)
        self.audit = AuditFlow(self)
        self.first_run = FirstRunFlow(self)
        self.commands = MainActions(self)
        self.commands.build_menus()
        self.text_size_keys = TextSizeKeys(self, backend.data_dir)
        self._make_status_bar()

        self.worker_list = WorkerListLoader(self.workers_panel, backend,
                                            lambda: self.state.worker_id, self)
        self.workers_panel.width_wanted.connect(self._give_workers_room)
        self.splitter.splitterMoved.connect(self._on_split_moved)
        self.workers_panel.worker_selected.connect(self._on_user_selected_worker)
        self.workers_panel.worker_activated.connect(self.flow.start)
        self.state.worker_changed.connect(self._on_current_worker)
        self.state.observation_changed.connect(self._on_current_observation)
        self.worker_page.new_observation_requested.connect(self.flow.start)
        self.worker_page.observation_opened.connect(self.flow.open)
        self.worker_page.edit_worker_requested.connect(self.workers.edit_worker)
        self.worker_page.toggle_active_requested.connect(self.workers.toggle_worker_active)
        self.worker_page.goal_status_requested.connect(self.workers.set_goal_status)
        self.worker_page.report_requested.connect(self.reports.worker_summary)
        self.checklist.report_requested.connect(self.reports.observation_record)
        self.checklist.saved_at.connect(self._on_saved_at)
        backend.opened.connect(self._on_opened)
        backend.open_failed.connect(self._on_open_failed)
        backend.error.connect(self._on_error)
        backend.busy_changed.connect(self._on_busy)
        backend.changed.connect(self._on_store_changed)
        self.set_store_open(False)
        self._restore_geometry()

    # -- building ----------------------------------------------------------------------------

    def _make_status_bar(self) -> None:
        self.store_label = QLabel()
        self.store_label.setObjectName("storeLabel")
        self.save_label = QLabel()
        self.save_label.setObjectName("statusSaved")
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.save_label)

    # -- the shell the flows use --------------------------------------------------------------

    def set_store_open(self, is_open: bool) -> None:
        """Enable what needs an open store (each action says whether it does), or disable it."""
        self._store_open = is_open
        self.commands.set_store_open(is_open)
        central = self.centralWidget()
        if central is not None:
            central.setEnabled(is_open)
        self._update_observation_actions()

    def dialog_parent(self) -> QWidget:
        """Dialogs open over the main window."""
        return self

    def current_worker(self) -> WorkerView | None:
        """The current worker as the page shows them (None while none is, or while loading)."""
        history = self.worker_page.history
        if history is None or history.worker.id != self.state.worker_id:
            return None
        return history.worker

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar."""
        self.statusBar().showMessage(text, timeout_ms)

    def clear_status(self) -> None:
        """Clear the status bar's message."""
        self.statusBar().clearMessage()

    def show_notice(self, text: str, action_text: str = "",
                    action: Callable[[], None] | None = None, *, kind: str = "info") -> None:
        """A message across the top of the window that stays until closed, with an action."""
        self.statusBar().clearMessage()
        self.notice.show_notice(text, action_text, action, kind=kind)

    def _update_observation_actions(self) -> None:
        self.commands.follow_observation(self.state.observation if self._store_open else None)

    # -- opening -----------------------------------------------------------------------------

    @Slot(object)
    def _on_opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.store_label.setText(self.tr("Store: %s") % workspace.paths.database)
        self.store_label.setToolTip(str(workspace.paths.data_dir))
        self._use_practice(workspace.practice_instrument())  # its choice was read on opening
        self.set_store_open(True)
        self.backend.read(lambda ws: ws.profile.coach(), self.show_coach)
        self.refresh_workers()
        self.backend.read(lambda ws: ws.profile.setting(IDLE_KEY), self.idle_lock.apply_setting)
        # The rest once the list is on screen: the worker runs reads in order, so this answer
        # comes after the list's; checking the file, starting sync and the first-run checks
        # then no longer compete with reading and painting it.
        self.backend.read(lambda _ws: None, lambda _none: QTimer.singleShot(
            0, self, lambda: self._after_list(workspace)))

    def _after_list(self, workspace: Workspace) -> None:
        """What opening starts once the worker list is shown."""
        if self.backend.workspace is not workspace:
            return  # closed (a restore, the window) before the list came back
        # A quick check of the file, then today's rolling backup.
        self.recovery.check_then_back_up()
        self.worker_page.build_soon()
        self.sync.start()
        self.flow.offer_recovery()
        self.first_run.check()

    def _use_practice(self, practice: Instrument | None) -> None:
        """The worker list's fidelity bars show the practice instrument's elements."""
        if practice is not None:
            self.workers_panel.model.element_labels = {g.id: g.label for g in practice.groups}
            self.workers_panel.model.proficient_label = practice.scale.level(
                practice.scale.proficient_threshold).label

    @Slot(object)
    def _on_open_failed(self, error: BaseException) -> None:
        if self.security.handle_open_failure(error):
            return
        self.store_label.setText(self.tr("The store could not be opened"))
        if isinstance(error, DamagedStoreError):
            self.recovery.offer_damaged(error)
            return
        show_error(self, error, self.tr("Your data could not be opened"))

    def show_coach(self, coach: object) -> None:
        """The coach's name in the title."""
        name = getattr(coach, "name", "")
        # The name alone: Linux and Windows append " — CFPM Coach" (the application's display
        # name) themselves; macOS shows the app's name in the menu bar, not in titles.
        self.setWindowTitle(name or APP_NAME)

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, DamagedStoreError):
            self.recovery.offer_damaged(error)
            return
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

    # -- the current worker and observation ---------------------------------------------------

    @Slot(object)
    def _on_user_selected_worker(self, worker_id: uuid.UUID | None) -> None:
        if worker_id is not None:
            self.state.set_worker(worker_id)

    @Slot(object)
    def _on_current_worker(self, worker_id: uuid.UUID | None) -> None:
        observation = self.state.observation
        if observation is not None and observation.summary.worker_id != worker_id:
            # Another worker chosen while rating: the draft stays saved, the checklist closes.
            self.flow.close_checklist()
        if worker_id is None:
            self.workers_panel.select(None)
            self.worker_page.clear()
            return
        self.workers_panel.select(worker_id)
        self._load_history(worker_id)

    @Slot(object)
    def _on_current_observation(self, detail: ObservationDetail | None) -> None:
        if detail is None:
            self.checklist.clear()
            self.pages.setCurrentWidget(self.worker_page)
        else:
            self.checklist.load(detail)
            self.pages.setCurrentWidget(self.checklist)
        self._update_observation_actions()

    @Slot(object)
    def _on_store_changed(self, changes: Changed) -> None:
        if changes & Changed.PRACTICE and self.workspace is not None:
            self._use_practice(self.workspace.practice_instrument())
        if changes & WORKER_LIST_CHANGES:
            self.refresh_workers()
        worker_id = self.state.worker_id
        if changes & WORKER_PAGE_CHANGES and worker_id is not None:
            self._load_history(worker_id)

    # -- workers -----------------------------------------------------------------------------

    @Slot()
    def refresh_workers(self) -> None:
        """Reload the workers list (and offices) with the current filters."""
        self.worker_list.refresh()

    def show_worker(self, worker_id: uuid.UUID) -> None:
        """Make a worker current: the list highlights them, the page shows them."""
        self.state.set_worker(worker_id)

    def _load_history(self, worker_id: uuid.UUID) -> None:
        self.backend.read(lambda ws: ws.workers.history(worker_id), self._on_history,
                          self._on_history_failed)

    def _on_history(self, history: WorkerHistory) -> None:
        if history.worker.id != self.state.worker_id:
            return  # another worker was chosen while this one loaded
        practice = None
        if self.workspace is not None:
            practice = self.workspace.practice_instrument()
        self.worker_page.show_history(history, practice)

    def _on_history_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFoundError):
            # The worker is gone (a restored backup without them): nobody is current.
            self.state.set_worker(None)
            return
        self._on_error(error)

    def refresh_all(self) -> None:
        """Reload the list and the page shown."""
        self._on_store_changed(WORKER_PAGE_CHANGES)

    # -- other actions -----------------------------------------------------------------------

    @Slot()
    def add_worker(self) -> None:
        """Ask for a new worker (the office filter's office by default) and add them."""
        self.workers.add_worker(self.workers_panel.office.currentData() or "")

    @Slot()
    def focus_search(self) -> None:
        """Put the cursor in the workers' search box."""
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
            # Roomy, but never past the screen: a 1366x768 laptop with large fonts included.
            line = self.fontMetrics().height()
            available = self.screen().availableGeometry()
            self.resize(min(line * 80, available.width()), min(line * 50, available.height()))
        # The split is restored once the window has its real size (see showEvent).
        self._pending_split = splitter
        # Once the coach drags the split, theirs wins over fitting the names.
        self._split_chosen = settings.value("main_window/split_chosen", False, type=bool)

    @Slot(int)
    def _give_workers_room(self, wanted: int) -> None:
        """Move the split so the list shows whole names, taking room from the page down to its
        minimum: the window itself never grows (it once grew past a laptop's screen)."""
        sizes = self.splitter.sizes()
        if self._split_chosen or len(sizes) != 2 or sizes[0] >= wanted:
            return
        total = sum(sizes)
        panel = min(wanted, total - self.pages.minimumSizeHint().width())
        if panel > sizes[0]:
            self.splitter.setSizes([panel, total - panel])

    @Slot(int, int)
    def _on_split_moved(self, _position: int, _index: int) -> None:
        self._split_chosen = True

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
        settings.setValue("main_window/split_chosen", self._split_chosen)
        settings.sync()  # now, not when the object goes: a removed demo folder must stay gone
        event.accept()
        self.closed.emit()
