"""A real app process for the crash test: it rates by keyboard and reports each "Saved".

It starts an observation through the window, then presses number keys on the checklist; after each
key it waits until the checklist says "Saved" and prints "ACK <behavior> <value>". Given a count,
it stops after that many ratings, prints "DONE" and waits to be killed.
"""

import os
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from cfpm_coach.ui import prompts
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.start_dialog import StartDialog, StartRequest
from cfpm_coach.ui.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.worker_dialog import WorkerFields


def main(data_dir: str, count: int = 200) -> None:
    """Open the window, start an observation, rate until killed."""
    app = application()
    request = StartRequest(None, WorkerFields("Ana Reyes", "", "", "North", ""), "cpm-practice",
                           "home_visit", datetime.now().astimezone(), "", "", instrument_version=1)
    StartDialog.ask = classmethod(lambda cls, *a, **k: request)  # type: ignore[method-assign,assignment]
    WelcomeDialog.ask = classmethod(lambda cls, *a, **k: None)  # type: ignore[method-assign,assignment]
    prompts.ask_coach_name = lambda _parent: "Child Coach"  # type: ignore[assignment]
    window = open_main_window(Path(data_dir))
    window.show()
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

    def started() -> None:
        if window.pages.currentWidget() is window.checklist and not window.backend.pending:
            timer.timeout.disconnect(started)
            timer.timeout.connect(rate_next)
            print("READY", flush=True)

    def opened() -> None:
        window.commands.new_observation_action.trigger()

    window.backend.opened.connect(opened)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(started)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], *(int(arg) for arg in sys.argv[2:3]))
