"""New observation's worker picker: type part of a name or office, pick with the keyboard.

Keys go in through the dialog's window, as a keyboard's do: while the list of matches is open
Qt hands them to it (sent to the focused widget they would skip the list).
"""

import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cfpm_coach.paths import DATABASE_NAME
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import returning_coach, wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, focus_widget, press, type_text, when_modal
from tests.ui.windows import window_on

# The offscreen platform cannot grab the keyboard for the list of matches (a popup); keys reach
# it all the same, through the dialog's window.
pytestmark = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")

TEAM = [("Amelia Ortiz", "North"), ("Bruno Lima", "Harbor"), ("Carla Ortega", "Harbor"),
        ("Diego Ortiz", "South"), ("Elena Park", "Harbor")]


def _team(data_dir: Path) -> dict[str, uuid.UUID]:
    """A returning coach's store with the team (Elena Park inactive) and a dozen others."""
    returning_coach(data_dir)
    with Workspace.open(data_dir) as ws:
        ids = {name: ws.workers.add(name, office=office).id for name, office in TEAM}
        for number in range(12):
            ws.workers.add(f"Worker {number:02d}", office="Valley")
        ws.workers.set_active(ids["Elena Park"], False)
    return ids


def key(dialog: QWidget, pressed: Qt.Key | str) -> None:
    """One key press through the dialog's window, the way the platform delivers it."""
    window = dialog.windowHandle()
    assert window is not None
    QTest.keyClick(window, pressed)  # type: ignore[call-overload]


def type_in(dialog: QWidget, text: str) -> None:
    """Type ASCII text through the dialog's window."""
    for char in text:
        key(dialog, char)


def observed_workers(data_dir: Path) -> list[str]:
    """The ids of the workers the store's observations are of, read from the SQLite file."""
    conn = sqlite3.connect(f"file:{data_dir / DATABASE_NAME}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute(
            "SELECT worker_id FROM observation WHERE deleted_at IS NULL")]
    finally:
        conn.close()


def _start(qtbot: QtBot, window: MainWindow, answer: "object") -> StartDialog:
    answered = when_modal(StartDialog, answer)  # type: ignore[arg-type]
    activate(qtbot, window)
    QTest.keyClick(focus_widget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    wait_idle(qtbot, window)
    return answered[0]


def test_type_part_of_a_name_pick_it_with_arrows_and_start(qtbot: QtBot, data_dir: Path) -> None:
    ids = _team(data_dir)
    seen: dict[str, object] = {}

    def answer(dialog: StartDialog) -> None:
        picker = dialog.worker
        assert focus_widget() is picker  # the first field: typing goes to the picker
        seen["offered"] = picker.count()
        type_in(dialog, "tiz")  # replaces the preselected name, which is selected
        popup = picker.completer().popup()
        seen["matches"] = [picker.completer().completionModel().index(row, 0).data()
                           for row in range(picker.completer().completionCount())]
        seen["open"] = popup.isVisible()
        key(dialog, Qt.Key.Key_Down)
        key(dialog, Qt.Key.Key_Down)
        key(dialog, Qt.Key.Key_Return)  # picks the highlighted match; the dialog stays
        seen["picked"] = (picker.currentText(), picker.current_id(), dialog.isVisible())
        key(dialog, Qt.Key.Key_Return)  # Start observing

    with window_on(qtbot, data_dir) as window:
        dialog = _start(qtbot, window, answer)
        assert dialog.result() == dialog.DialogCode.Accepted
        assert seen["offered"] == len(TEAM) - 1 + 12  # the inactive worker is not offered
        assert seen["open"] and seen["matches"] == ["Amelia Ortiz \u2014 North",
                                                    "Diego Ortiz \u2014 South"]
        assert seen["picked"] == ("Diego Ortiz \u2014 South", ids["Diego Ortiz"], True)
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Diego Ortiz"), timeout=10_000)
    assert observed_workers(data_dir) == [ids["Diego Ortiz"].hex]


def test_typed_office_matching_several_asks_to_pick_one(qtbot: QtBot, data_dir: Path) -> None:
    ids = _team(data_dir)
    seen: dict[str, object] = {}

    def answer(dialog: StartDialog) -> None:
        picker = dialog.worker
        type_in(dialog, "harb")  # an office: Bruno Lima and Carla Ortega (Elena Park left)
        key(dialog, Qt.Key.Key_Escape)  # closes the list of matches, not the dialog
        seen["still open"] = dialog.isVisible()
        key(dialog, Qt.Key.Key_Return)  # "harb" names two workers: nothing starts
        seen["problem"] = (dialog.isVisible(), dialog.worker_problem.isVisible(),
                           dialog.worker_problem.text())
        seen["list again"] = picker.completer().popup().isVisible()
        key(dialog, Qt.Key.Key_Down)
        key(dialog, Qt.Key.Key_Return)
        seen["picked"] = picker.current_id()
        key(dialog, Qt.Key.Key_Return)

    with window_on(qtbot, data_dir) as window:
        dialog = _start(qtbot, window, answer)
        assert seen["still open"]
        visible, shown, text = seen["problem"]  # type: ignore[misc]
        assert visible and shown and "2 workers match \u201charb\u201d" in text
        assert seen["list again"]
        assert seen["picked"] == ids["Bruno Lima"]
        assert dialog.result() == dialog.DialogCode.Accepted
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Bruno Lima"), timeout=10_000)
    assert observed_workers(data_dir) == [ids["Bruno Lima"].hex]


def test_a_name_nobody_has_is_said_then_new_worker_adds_them(qtbot: QtBot,
                                                             data_dir: Path) -> None:
    _team(data_dir)
    seen: dict[str, object] = {}

    def add(_dialog: WorkerDialog) -> None:
        type_text("Zoe Park")
        press(Qt.Key.Key_Return)

    def answer(dialog: StartDialog) -> None:
        type_in(dialog, "zzz")
        key(dialog, Qt.Key.Key_Return)  # nobody matches: nothing starts
        seen["problem"] = (dialog.isVisible(), dialog.worker_problem.text())
        seen["described"] = dialog.worker.accessibleDescription()  # a screen reader says it
        added = when_modal(WorkerDialog, add)
        key(dialog, Qt.Key.Key_Tab)  # -> New worker…
        key(dialog, Qt.Key.Key_Space)
        seen["added"] = bool(added)
        seen["shown"] = dialog.worker.currentText()
        key(dialog, Qt.Key.Key_Return)

    with window_on(qtbot, data_dir) as window:
        dialog = _start(qtbot, window, answer)
        said = "No worker's name or office contains \u201czzz\u201d."
        assert seen["problem"] == (True, said) and seen["described"] == said
        assert seen["added"] and seen["shown"] == "Zoe Park (new)"
        assert dialog.result() == dialog.DialogCode.Accepted
        qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Zoe Park"), timeout=10_000)
    with Workspace.open(data_dir) as ws:
        [zoe] = [c for c in ws.workers.choices() if c.name == "Zoe Park"]
    assert observed_workers(data_dir) == [zoe.key]


def test_the_leadership_picker_lists_the_active_workers(qtbot: QtBot, data_dir: Path) -> None:
    ids = _team(data_dir)
    with window_on(qtbot, data_dir) as window:
        window.show_worker(ids["Carla Ortega"])
        qtbot.waitUntil(lambda: window.worker_page.worker_id == ids["Carla Ortega"],
                        timeout=10_000)
        window.commands.leadership_action.trigger()
        qtbot.waitUntil(lambda: window.reports.leadership_dialog is not None, timeout=10_000)
        dialog = window.reports.leadership_dialog
        assert dialog is not None
        listed = [dialog.leader.itemText(row) for row in range(dialog.leader.count())]
        assert listed[:4] == ["Amelia Ortiz \u00b7 North", "Bruno Lima \u00b7 Harbor",
                              "Carla Ortega \u00b7 Harbor", "Diego Ortiz \u00b7 South"]
        assert len(listed) == len(TEAM) - 1 + 12 and "Elena Park \u00b7 Harbor" not in listed
        assert dialog.leader.currentData() == ids["Carla Ortega"]  # the worker shown
        wait_idle(qtbot, window)
        dialog.close()
