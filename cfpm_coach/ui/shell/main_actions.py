"""The main window's actions, menus and toolbar, kept apart from the window's behaviour."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from cfpm_coach.services.report_registry import REPORTS
from cfpm_coach.ui.language.texts import tr
from cfpm_coach.ui.look import icons

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow
    from cfpm_coach.views.observations import ObservationDetail

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
NEEDS_STORE = "needs_store"  # a QAction property every action of the window sets
REPORT_ID = "report_id"  # a QAction property: the id in report_registry.REPORTS it asks for


def declare(action: QAction, *, needs_store: bool) -> QAction:
    """Say whether an action needs an open store; enabling follows from it (set_store_open)."""
    action.setProperty(NEEDS_STORE, needs_store)
    return action


def store_actions(window: QWidget) -> list[QAction]:
    """Every action of the window that said it needs an open store."""
    return [a for a in window.findChildren(QAction) if a.property(NEEDS_STORE) is True]


class MainActions:
    """Every command of the main window, with its shortcut, tip and object name."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        flow, reports, tools = window.flow, window.reports, window.tools
        self.new_observation_action = self._action(
            tr("&New observation\u2026"), flow.start, QKeySequence.StandardKey.New,
            tr("Start observing a worker"), "newObservation")
        self.add_worker_action = self._action(
            tr("&Add worker\u2026"), window.add_worker, "Ctrl+Shift+N", tr("Add a worker to coach"),
            "addWorker")
        self.sync_action = self._action(
            tr("&Export bundle\u2026"), tools.export_bundle, "Ctrl+E",
            tr("Write a sealed bundle for the central team to a folder or USB stick"),
            "exportSync")
        self.worker_report_action = self._action(
            tr("&Worker coaching summary\u2026"), reports.worker_summary, "Ctrl+R",
            tr("The selected worker's coaching summary as PDF"), "workerReport")
        self.observation_report_action = self._action(
            tr("&Observation record\u2026"), reports.observation_record, "Ctrl+Shift+R",
            tr("The open observation's record as PDF"), "observationReport")
        self.unit_report_action = self._action(
            tr("&Unit summary\u2026"), reports.unit_summary, None,
            tr("An office's summary as PDF"), "unitReport")
        self.agreement_action = self._action(
            tr("Inter-rater &agreement\u2026"), reports.agreement, None,
            tr("How alike coaches rated the visits they co-observed"), "agreement")
        self.leadership_action = self._action(
            tr("&Leadership: self vs others\u2026"), reports.leadership, None,
            tr("A leader's self-assessment next to others' ratings"), "leadership")
        self.offices_action = self._action(
            tr("Where each office &stands\u2026"), window.offices.show_offices, None,
            tr("Per office: implementation supports and stage, leadership and practice"),
            "officeStandings")
        self.reports_action = declare(QAction(tr("&Reports"), window), needs_store=True)
        self.reports_action.setObjectName("reports")
        self.reports_action.setToolTip(tr("Coaching summaries as PDF (Ctrl+R)"))
        self.reports_action.triggered.connect(reports.worker_summary)
        self.backup_action = self._action(
            tr("&Backup\u2026"), tools.backup, "Ctrl+B", tr("Write a copy of your data"), "backup")
        self.restore_action = self._action(
            tr("&Restore from backup\u2026"), window.recovery.restore_from_backup, None,
            tr("Go back to a backup; your current data is backed up first"), "restoreBackup")
        self.settings_action = self._action(
            tr("&Settings\u2026"), tools.open_settings, QKeySequence.StandardKey.Preferences,
            tr("Your profile and preferences"), "settings")
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action(tr("&Quit"), window.close, QKeySequence.StandardKey.Quit,
                                        name="quit", needs_store=False)
        self.find_action = self._action(tr("&Find worker"), window.focus_search,
                                        QKeySequence.StandardKey.Find, name="findWorker")
        self.refresh_action = self._action(tr("Re&fresh"), window.refresh_all,
                                           QKeySequence.StandardKey.Refresh, name="refresh")
        self.finalize_action = self._action(
            tr("&Finish and finalize\u2026"), flow.finish, "Ctrl+Return",
            tr("Debrief notes, goals, finalize"), "finalize")
        self.finalize_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                           QKeySequence("Ctrl+Enter")])
        self.amend_action = self._action(tr("&Amend\u2026"), flow.amend, None,
                                         tr("Correct a finalized observation"), "amend")
        self.coming_up_action = self._action(
            tr("&Coming up\u2026"), tools.coming_up, "Ctrl+U",
            tr("Follow-ups due this week and workers not observed lately"), "comingUp")
        undo_stack = window.checklist.undo_stack
        # The undo stack enables these: only a rating made on the open store can be undone.
        self.undo_action = declare(undo_stack.createUndoAction(window, tr("&Undo rating")),
                                   needs_store=False)
        self.undo_action.setObjectName("undoRating")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = declare(undo_stack.createRedoAction(window, tr("&Redo rating")),
                                   needs_store=False)
        self.redo_action.setObjectName("redoRating")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.guide_action = self._action(
            tr("&Guide"), tools.guide, QKeySequence.StandardKey.HelpContents,
            tr("The practice model's elements and behaviors, the scale, the shortcuts"), "guide",
            needs_store=False)
        if self.guide_action.shortcut().isEmpty():
            self.guide_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action = self._action(tr("&Keyboard shortcuts"), tools.show_shortcuts,
                                             "Ctrl+/", name="shortcuts", needs_store=False)
        self.about_action = self._action(tr("&About CFPM Coach"), tools.about, name="about",
                                         needs_store=False)
        for action in (window.sync.sync_now_action, window.sync.panel_action,
                       window.sync.settings_action, window.security.passphrase_action,
                       window.audit.store_action, window.audit.observation_action):
            declare(action, needs_store=True)

    def _action(self, text: str, slot: object, shortcut: Shortcut = None, tip: str = "",
                name: str = "", *, needs_store: bool = True) -> QAction:
        action = declare(QAction(text, self.window), needs_store=needs_store)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        plain = text.replace("&", "").rstrip(".\u2026")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{plain} ({keys})" if keys else plain)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _menu(self, title: str, actions: tuple[QAction | None, ...]) -> QMenu:
        menu = self.window.menuBar().addMenu(title)
        for action in actions:
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def _report_actions(self) -> tuple[QAction, ...]:
        """The registry's reports in its order; a report the window cannot ask for fails here."""
        by_report = {"worker": self.worker_report_action,
                     "observation": self.observation_report_action,
                     "unit": self.unit_report_action, "agreement": self.agreement_action,
                     "leadership": self.leadership_action}
        for report_id, action in by_report.items():
            action.setProperty(REPORT_ID, report_id)
        return tuple(by_report[kind.id] for kind in REPORTS)

    def build_menus(self) -> None:
        """The menu bar and the toolbar."""
        sync = self.window.sync
        self.file_menu = self._menu(tr("&File"), (
            self.new_observation_action, self.add_worker_action, None,
            sync.sync_now_action, sync.panel_action, sync.settings_action, self.sync_action,
            self.backup_action, self.restore_action, self.window.security.passphrase_action,
            self.window.audit.store_action, None,
            self.settings_action, None, self.quit_action))
        # The registry's reports, then the office view (a window with its own PDF, not a
        # report of the registry).
        self.reports_menu = self._menu(tr("&Reports"), (*self._report_actions(), None,
                                                          self.offices_action))
        self.reports_action.setMenu(self.reports_menu)
        self.edit_menu = self._menu(tr("&Edit"), (
            self.undo_action, self.redo_action, None, self.find_action, self.refresh_action))
        self.observation_menu = self._menu(tr("&Observation"), (
            self.finalize_action, self.amend_action, self.window.audit.observation_action, None,
            self.coming_up_action))
        self.help_menu = self._menu(tr("&Help"), (self.guide_action, self.shortcuts_action,
                                                  None, self.about_action))

        toolbar = QToolBar(tr("Main toolbar"), self.window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_observation_action, self.add_worker_action,
                       sync.sync_now_action, self.reports_action, self.backup_action,
                       self.settings_action):
            toolbar.addAction(action)
        self.window.addToolBar(toolbar)
        self._icons()

    def _icons(self) -> None:
        """The bundled line icons on the toolbar and beside the menu entries."""
        sync = self.window.sync
        for action, name in (
                (self.new_observation_action, "new-observation"),
                (self.add_worker_action, "add-worker"), (sync.sync_now_action, "sync"),
                (self.sync_action, "export"), (self.reports_action, "report"),
                (self.worker_report_action, "report"), (self.observation_report_action, "report"),
                (self.unit_report_action, "report"), (self.backup_action, "backup"),
                (self.restore_action, "restore"), (self.settings_action, "settings"),
                (self.quit_action, "quit"), (self.find_action, "find"),
                (self.refresh_action, "refresh"), (self.finalize_action, "finalize"),
                (self.amend_action, "amend"), (self.coming_up_action, "coming-up"),
                (self.undo_action, "undo"), (self.redo_action, "redo"),
                (self.guide_action, "guide"), (self.about_action, "about")):
            action.setIcon(icons.icon(name))

    def set_store_open(self, is_open: bool) -> None:
        """Every action that declared it needs an open store follows it."""
        for action in store_actions(self.window):
            action.setEnabled(is_open)

    def follow_observation(self, detail: "ObservationDetail | None") -> None:
        """Finish, amend and the record follow the observation shown (None: none shown)."""
        self.finalize_action.setEnabled(bool(detail and detail.editable))
        self.amend_action.setEnabled(bool(detail and not detail.editable))
        self.observation_report_action.setEnabled(detail is not None)
        self.window.audit.observation_action.setEnabled(detail is not None)
