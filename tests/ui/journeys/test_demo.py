"""Sample data from the welcome: the demo opens in its own window, marked, and goes in one click."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services import first_run
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import click, press, type_text, when_modal
from tests.ui.windows import window_on

# Filling the sample store takes tens of seconds on a busy 2-core machine (issue 16, item 11).
DEMO_TIMEOUT_MS = 240_000


@pytest.mark.slow
def test_demo_from_the_welcome(qtbot: QtBot, data_dir: Path) -> None:
    def answer(dialog: WelcomeDialog) -> None:
        type_text("Dana Whitfield")
        click(qtbot, dialog.demo)
        assert dialog.demo.isChecked()
        press(Qt.Key.Key_Return)

    welcomed = when_modal(WelcomeDialog, answer)
    with window_on(qtbot, data_dir) as window:
        qtbot.waitUntil(lambda: bool(welcomed), timeout=30_000)  # slow under a loaded CI
        qtbot.waitUntil(lambda: window.first_run.demo_window is not None,
                        timeout=DEMO_TIMEOUT_MS)
        demo = window.first_run.demo_window
        assert demo is not None
        qtbot.waitUntil(lambda: demo.demo_banner.isVisible(), timeout=30_000)
        qtbot.waitUntil(lambda: demo.workers_panel.model.rowCount() > 10, timeout=30_000)
        wait_idle(qtbot, window)
        assert window.workers_panel.model.rowCount() == 0  # never mixed with the coach's data
        assert "Dana Whitfield" in window.windowTitle()
        folder = first_run.demo_folder(window.backend.data_dir)
        click(qtbot, demo.demo_banner.remove)
        qtbot.waitUntil(lambda: not folder.exists(), timeout=30_000)
        assert window.isVisible()
