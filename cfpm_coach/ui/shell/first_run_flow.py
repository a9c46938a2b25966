"""The first run: the welcome on a new store, and the demo store opened in its own window."""

import logging
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from cfpm_coach.errors import CancelledError
from cfpm_coach.services import first_run
from cfpm_coach.services.demo import Progress
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeAnswers, WelcomeDialog
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class DemoProgress(QObject):
    """Carries the demo's progress from the database thread to the dialog (a queued signal)."""

    advanced = Signal(int, int)  # workers written, workers in all


class FirstRunFlow(QObject):
    """Welcomes a new coach once; marks and removes demo stores."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.demo_window: MainWindow | None = None
        self.demo_progress: QProgressDialog | None = None
        self._demo_cancelled = threading.Event()
        self.remove_on_close = False
        window.demo_banner.remove_requested.connect(self.remove_this_demo)

    def check(self) -> None:
        """After opening: a demo store shows its banner; a new store gets the welcome."""
        self.window.backend.read(
            lambda ws: (ws.first_run.is_demo(), ws.first_run.needs_welcome()), self._on_state)

    def _on_state(self, state: tuple[bool, bool]) -> None:
        demo, welcome = state
        if demo:
            self.window.demo_banner.show()
            # Not the app's name: the platform appends it (see MainWindow.show_coach).
            self.window.setWindowTitle(self.tr("DEMO (Sample Data)"))
        elif welcome:
            # After the window has painted, so the welcome opens over a finished window.
            QTimer.singleShot(0, self, self.welcome)

    @Slot()
    def welcome(self) -> None:
        """Ask who the coach is and what to set up now."""
        if self.window.backend.workspace is None or not self.window.isVisible():
            return  # closed before the welcome came up: it will greet next time
        answers = WelcomeDialog.ask(self.window)
        if answers is None:
            self.window.backend.write(lambda ws: ws.first_run.skip_welcome())
            return
        self.window.statusBar().showMessage(self.tr("Setting up\u2026"))
        self.window.backend.write(lambda ws: _apply(ws, answers),
                                  lambda _r: self._after_welcome(answers), self._on_error)

    def _after_welcome(self, answers: WelcomeAnswers) -> None:
        if self.window.backend.workspace is None:
            return  # the window closed while the answers were being saved: nothing to show
        self.window.statusBar().showMessage(self.tr("Welcome, %s.") % answers.name, 8000)
        self.window.backend.read(lambda ws: ws.profile.coach(), self.window.show_coach)
        if answers.explore_demo:
            self.open_demo()
        if answers.join_team:
            self.window.sync.join_team()
        elif answers.set_up_sync:
            self.window.sync.edit_settings()

    @Slot()
    def open_demo(self) -> None:
        """Fill (once) and open the demo store in a window of its own."""
        folder = first_run.demo_folder(self.window.backend.data_dir)
        self.window.statusBar().showMessage(self.tr("Preparing sample data\u2026"))
        # Writing a year of sample observations takes a while on a slow laptop: say what is
        # happening and how far along it is, not only a line in the status bar.
        dialog = QProgressDialog(self.tr("Preparing sample data\u2026"), self.tr("Cancel"), 0,
                                 0, self.window)
        dialog.setWindowTitle(self.tr("Sample Data"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        self._demo_cancelled.clear()
        dialog.canceled.connect(self._cancel_demo)
        dialog.show()
        self.demo_progress = dialog
        reporter = DemoProgress(self)
        reporter.advanced.connect(self._on_demo_progress)
        cancelled = self._demo_cancelled

        def report(done: int, total: int) -> None:
            if cancelled.is_set():  # checked between workers, on the database thread
                raise CancelledError("The sample data was cancelled")
            reporter.advanced.emit(done, total)

        self.window.backend.read(lambda _ws: _fill_demo(folder, report), self._show_demo,
                                 self._on_demo_failed)

    @Slot()
    def _cancel_demo(self) -> None:
        self._demo_cancelled.set()
        if self.demo_progress is not None:
            # QProgressDialog hides itself on Cancel: show it again until the worker stops.
            self.demo_progress.setLabelText(self.tr("Stopping\u2026"))
            self.demo_progress.show()

    def _on_demo_failed(self, error: BaseException) -> None:
        if not isinstance(error, CancelledError):
            self._on_error(error)
            return
        self._close_progress()
        # Half a demo is no demo: the next try starts from an empty folder.
        shutil.rmtree(first_run.demo_folder(self.window.backend.data_dir), ignore_errors=True)
        log.info("demo cancelled and removed")
        self.window.show_notice(self.tr(
            "The sample data was cancelled and nothing of it was kept. Your own data is as "
            "it was."))

    @Slot(int, int)
    def _on_demo_progress(self, done: int, total: int) -> None:
        if self.demo_progress is None:
            return
        self.demo_progress.setMaximum(total)
        self.demo_progress.setValue(done)
        self.demo_progress.setLabelText(self.tr(
            "Writing sample workers, each with a year of observations and goals: "
            "%d of %d done.") % (done, total))

    def _close_progress(self) -> None:
        if self.demo_progress is not None:
            self.demo_progress.close()
            self.demo_progress.deleteLater()
            self.demo_progress = None

    def _show_demo(self, folder: Path) -> None:
        from cfpm_coach.ui.shell.app import open_main_window

        self._close_progress()
        self.window.statusBar().clearMessage()
        self.demo_window = open_main_window(folder)
        self.demo_window.closed.connect(self._on_demo_closed)
        self.demo_window.show()

    @Slot()
    def _on_demo_closed(self) -> None:
        demo = self.demo_window
        self.demo_window = None
        if demo is None:
            return
        demo.backend.shutdown()
        if demo.first_run.remove_on_close:
            shutil.rmtree(demo.backend.data_dir, ignore_errors=True)
            log.info("demo store removed")
        demo.deleteLater()

    @Slot()
    def remove_this_demo(self) -> None:
        """The banner's button: close this demo window; its store is removed once closed."""
        self.remove_on_close = True
        self.window.close()

    def _on_error(self, error: BaseException) -> None:
        self._close_progress()
        self.window.statusBar().clearMessage()
        show_error(self.window, error)


def _apply(ws: Workspace, answers: WelcomeAnswers) -> None:
    ws.first_run.complete_welcome(name=answers.name, role=answers.role, county=answers.county,
                                  office=answers.office)
    if answers.passphrase:
        ws.security.set_passphrase(answers.passphrase)


def _fill_demo(folder: Path, progress: Progress) -> Path:
    with Workspace.open(folder) as demo:
        if not demo.first_run.is_demo():
            demo.first_run.fill_demo(progress=progress)
    return folder
