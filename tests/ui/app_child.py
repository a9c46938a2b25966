"""A real app process for the crash test: it rates by keyboard and reports each "Saved".

It starts an observation through the window, then presses number keys on the checklist; after each
key it waits until the checklist says "Saved" and prints "ACK <behavior> <value>". Given a count,
it stops after that many ratings, prints "DONE" and waits to be killed.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog
from cfpm_coach.ui.shell.app import application, open_main_window
from tests.ui.journeys import steps
from tests.ui.journeys.driver import press, type_text, when_modal

SET_UP_LIMIT_MS = 60_000


def main(data_dir: str, count: int = 200) -> None:
    """Open the window, start an observation, rate until killed."""
    app = application()
    window = open_main_window(Path(data_dir))
    window.show()
    welcomed = steps.answer_welcome("Child Coach")  # a new store: the welcome comes up by itself

    def add_worker() -> None:
        """Ctrl+Shift+N, the name, the office three Tabs further, Enter."""
        def answer(_dialog: WorkerDialog) -> None:
            type_text("Ana Reyes")
            for _ in range(3):
                press(Qt.Key.Key_Tab)
            type_text("North")
            press(Qt.Key.Key_Return)

        when_modal(WorkerDialog, answer)
        press(Qt.Key.Key_N, steps.CTRL | steps.SHIFT)

    def start() -> None:
        """Ctrl+N, the practice instrument's earlier version (22 behaviors), Enter."""
        def answer(dialog: StartDialog) -> None:
            steps.earlier_practice_version(dialog)
            press(Qt.Key.Key_Return)

        when_modal(StartDialog, answer)
        press(Qt.Key.Key_N, steps.CTRL)

    to_do: list[Callable[[], None]] = [add_worker, start]

    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
    state = {"index": 0}

    def rate_next() -> None:
        checklist = window.checklist
        if window.backend.pending:
            return
        index = state["index"]
        if index > 0:
            done = checklist._order[(index - 1) % 22]
            print(f"ACK {done} {checklist.rows[done].value}", flush=True)
        if index >= count:
            if index == count:
                print("DONE", flush=True)
                state["index"] = index + 1
            return
        behavior = checklist._order[index % 22]
        row = checklist.rows[behavior]
        QTest.keyClick(row, keys[index % 3])
        state["index"] = index + 1

    def set_up() -> None:
        """Each step by keyboard once the last one is saved and the window has the keyboard."""
        if not welcomed or window.backend.pending or QApplication.activeModalWidget() is not None:
            return
        if QApplication.activeWindow() is not window:
            window.activateWindow()  # what a window manager does once a dialog closed
            return
        if to_do:
            to_do.pop(0)()
        elif window.pages.currentWidget() is window.checklist:
            timer.timeout.disconnect(set_up)
            timer.timeout.connect(rate_next)
            print("READY", flush=True)

    def give_up() -> None:
        """Set-up stuck (a dialog nobody could answer): say which, instead of hanging the test."""
        if state["index"] == 0:
            modal = QApplication.activeModalWidget()
            print(f"STUCK {modal.windowTitle() if modal else window.windowTitle()}", flush=True)
            os._exit(1)

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(set_up)
    timer.start()
    QTimer.singleShot(SET_UP_LIMIT_MS, give_up)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], *(int(arg) for arg in sys.argv[2:3]))
