"""Steps of the coach's first hour, each done the way a person does it (keys, clicks, dialogs)."""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.start_dialog import StartDialog
from cfpm_coach.ui.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.worker_dialog import WorkerDialog
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import activate, press, type_text, when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def answer_welcome(name: str) -> list[WelcomeDialog]:
    """When the welcome comes up: type the name (the field has the focus) and press Enter."""
    def answer(_dialog: WelcomeDialog) -> None:
        type_text(name)
        press(Qt.Key.Key_Return)

    return when_modal(WelcomeDialog, answer)


def add_worker(qtbot: QtBot, window: MainWindow, name: str, office: str = "") -> uuid.UUID:
    """Ctrl+Shift+N, type the name (and the office after three Tabs), Enter."""
    def answer(_dialog: WorkerDialog) -> None:
        type_text(name)
        if office:
            for _ in range(3):
                press(Qt.Key.Key_Tab)
            type_text(office)
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


def start_by_keyboard(qtbot: QtBot, window: MainWindow) -> StartDialog:
    """Ctrl+N, then Enter in New observation; returns the dialog as it was answered."""
    seen: list[str] = []

    def answer(dialog: StartDialog) -> None:
        seen.append(dialog.worker.currentText())
        press(Qt.Key.Key_Return)

    answered = when_modal(StartDialog, answer)
    activate(qtbot, window)
    press(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    wait_idle(qtbot, window)
    return answered[0]


def on_checklist_of(window: MainWindow, name: str) -> bool:
    """True when the checklist is shown, open on an observation of this worker."""
    detail = window.checklist.detail
    return (window.pages.currentWidget() is window.checklist and detail is not None
            and detail.summary.worker_name == name)
