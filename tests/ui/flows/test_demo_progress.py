"""Sample data from the welcome: a progress dialog says what is being written and how far along
it is, instead of 20-40 s with only a status-bar line (issue 16, problem 11)."""

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.services import first_run
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.shell.app import application, open_main_window

SMALL_DEMO_WORKERS = 4


def test_sample_data_from_the_welcome_shows_its_progress(
        qtbot: QtBot, qapp: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # This test answers the real welcome itself, so modal dialogs run for real.
    monkeypatch.undo()
    # A smaller sample than the real one (24 workers): the dialog, not the size, is tested here.
    monkeypatch.setattr(first_run.FirstRunService, "fill_demo",
                        functools.partialmethod(first_run.FirstRunService.fill_demo,
                                                workers=SMALL_DEMO_WORKERS, months=3))
    answered: list[WelcomeDialog] = []

    def answer_welcome() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WelcomeDialog):
            QTimer.singleShot(20, answer_welcome)
            return
        answered.append(dialog)
        dialog.activateWindow()  # no window manager gives it the keyboard
        qtbot.keyClicks(dialog.name, "Rosa Delgado")
        qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton,
                         pos=dialog.demo.rect().center())
        assert dialog.demo.isChecked()
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer_welcome)
    application()
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: answered != [], timeout=20_000)
        qtbot.waitUntil(lambda: window.first_run.demo_progress is not None, timeout=20_000)
        progress = window.first_run.demo_progress
        assert progress is not None and progress.isVisible()
        assert progress.windowTitle() == "Sample Data"
        labels: list[str] = []

        def demo_is_up() -> bool:
            current = window.first_run.demo_progress
            if current is not None:
                labels.append(current.labelText())
            return window.first_run.demo_window is not None

        qtbot.waitUntil(demo_is_up, timeout=30_000)
        said = [text for text in labels if f"of {SMALL_DEMO_WORKERS} done" in text]
        assert said, labels
        assert "sample workers" in said[0] and "year of observations" in said[0]
        assert window.first_run.demo_progress is None  # gone once the demo window is up
        assert not [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QProgressDialog) and w.isVisible()]
        demo = window.first_run.demo_window
        assert demo is not None
        qtbot.waitUntil(lambda: demo.workers_panel.model.rowCount() > 0, timeout=30_000)
    finally:
        if window.first_run.demo_window is not None:
            window.first_run.demo_window.close()
        window.close()
        window.backend.shutdown()
    with Workspace.open(first_run.demo_folder(data_dir)) as ws:
        assert len(ws.workers.find()) == SMALL_DEMO_WORKERS
