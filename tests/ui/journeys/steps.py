"""Steps of the coach's first hour, each done the way a person does it (keys, clicks, dialogs)."""

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.export_dialog import ExportDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import activate, click, focus_widget, press, type_text, when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def answer_welcome(name: str) -> list[WelcomeDialog]:
    """When the welcome comes up: type the name (the field has the focus) and press Enter."""
    def answer(_dialog: WelcomeDialog) -> None:
        type_text(name)
        press(Qt.Key.Key_Return)

    return when_modal(WelcomeDialog, answer)


def add_worker(qtbot: QtBot, window: MainWindow, name: str, office: str = "", *,
               role: str = "", unit: str = "", county: str = "") -> uuid.UUID:
    """Ctrl+Shift+N, type the name (and each other field given, a Tab before each), Enter."""
    def answer(_dialog: WorkerDialog) -> None:
        type_text(name)
        for value in (role, unit, office, county):
            press(Qt.Key.Key_Tab)  # Tab selects the field's text: typing replaces a default
            if value:
                type_text(value)
        press(Qt.Key.Key_Return)

    answered = when_modal(WorkerDialog, answer)
    activate(qtbot, window)
    press(Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    wait_idle(qtbot, window)
    return worker_id(window, name)


def worker_id(window: MainWindow, name: str) -> uuid.UUID:
    """The id of the listed worker with this name."""
    for row in window.workers_panel.model.rows():
        if row.name == name:
            return row.id
    raise AssertionError(f"{name!r} is not in the workers list")


def click_worker_row(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """A mouse click on the worker's row in the list."""
    panel = window.workers_panel
    table: QAbstractItemView = panel.table
    for row in range(panel.proxy.rowCount()):
        index = panel.proxy.index(row, 0)
        if panel.proxy.data(index) == name:
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                             pos=table.visualRect(index).center())
            wait_idle(qtbot, window)
            return
    raise AssertionError(f"{name!r} is not in the workers list")


def shown_worker(window: MainWindow) -> str | None:
    """The name on the worker page."""
    history = window.worker_page.history
    return history.worker.name if history is not None else None


def highlighted_worker(window: MainWindow) -> str | None:
    """The name of the row highlighted in the workers list."""
    rows = window.workers_panel.table.selectionModel().selectedRows()
    return window.workers_panel.proxy.data(rows[0]) if rows else None


def start_by_keyboard(qtbot: QtBot, window: MainWindow,
                      choose: Callable[[StartDialog], None] | None = None) -> StartDialog:
    """Ctrl+N, then (after `choose` made its choices by keyboard) Enter in New observation;
    returns the dialog as it was answered."""
    seen: list[str] = []

    def answer(dialog: StartDialog) -> None:
        seen.append(dialog.worker.currentText())
        if choose is not None:
            choose(dialog)
        press(Qt.Key.Key_Return)

    answered = when_modal(StartDialog, answer)
    activate(qtbot, window)
    press(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    wait_idle(qtbot, window)
    return answered[0]


def earlier_practice_version(dialog: StartDialog) -> None:
    """In New observation: Alt+I, then Down to the practice instrument's earlier version (v1)."""
    press(Qt.Key.Key_I, ALT)
    assert focus_widget() is dialog.instrument
    press(Qt.Key.Key_Down)
    assert dialog.instrument.currentData() == ("cpm-practice", 1)


def on_checklist_of(window: MainWindow, name: str) -> bool:
    """True when the checklist is shown, open on an observation of this worker."""
    detail = window.checklist.detail
    return (window.pages.currentWidget() is window.checklist and detail is not None
            and detail.summary.worker_name == name)


LEVEL_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def rate_in_turn(qtbot: QtBot, window: MainWindow, levels: int,
                 notes: dict[int, str] | None = None) -> list[int | None]:
    """From the focused behavior down, each rated 1, 2, ..., levels, 1, ... by its number key,
    the checklist moving on by itself; a note (Enter, text, Enter) first where `notes` has one.
    Returns the values the checklist shows, in its order."""
    checklist = window.checklist
    notes = notes or {}
    for index in range(len(checklist._order)):
        if index in notes:
            press(Qt.Key.Key_Return)
            type_text(notes[index])
            press(Qt.Key.Key_Return)
        press(LEVEL_KEYS[index % levels])
    wait_idle(qtbot, window)
    return [checklist.rows[behavior].value for behavior in checklist._order]


def export_by_keyboard(qtbot: QtBot, window: MainWindow, recipient: str, folder: Path) -> Path:
    """Ctrl+E; the team's key typed, the folder typed over the default, Export; the bundle."""
    def export(dialog: ExportDialog) -> None:
        qtbot.mouseClick(dialog.recipient, Qt.MouseButton.LeftButton)
        type_text(recipient)
        qtbot.mouseClick(dialog.folder, Qt.MouseButton.LeftButton)
        press(Qt.Key.Key_A, CTRL)
        type_text(str(folder))
        click(qtbot, dialog.export_button)

    activate(qtbot, window)
    exported = when_modal(ExportDialog, export)
    press(Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(exported) and any(folder.glob("*.cfpm-bundle")),
                    timeout=30_000)
    wait_idle(qtbot, window)
    return next(folder.glob("*.cfpm-bundle"))
