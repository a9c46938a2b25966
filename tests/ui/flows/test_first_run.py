"""The first run on an empty data folder: the welcome, a passphrase, the demo, sync later."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services import first_run
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import is_encrypted
from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import click, focus_widget, press, type_text, when_modal

PASSPHRASE = "field coaching laptop"


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.backend.opened, timeout=20_000):
        pass
    win.show()
    return win


def test_welcome_walk_through_on_an_empty_data_folder(
        qtbot: QtBot, qapp: object, data_dir: Path, real_dialogs: None) -> None:
    def walk(dialog: WelcomeDialog) -> None:
        assert not dialog.start.isEnabled()  # a name is needed
        assert focus_widget() is dialog.name
        type_text("Rosa Delgado")
        for field, text in ((dialog.role, "Practice coach"), (dialog.county, "Sample County"),
                            (dialog.office, "North Valley")):
            qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
            type_text(text)
        assert dialog.start.isEnabled()
        qtbot.mouseClick(dialog.protect, Qt.MouseButton.LeftButton)
        assert not dialog.start.isEnabled()  # the passphrase is now needed
        qtbot.mouseClick(dialog.passphrase, Qt.MouseButton.LeftButton)
        type_text(PASSPHRASE)
        press(Qt.Key.Key_Tab)
        assert focus_widget() is dialog.repeat
        type_text(PASSPHRASE[:-1])
        assert "differ" in dialog.problem.text()
        type_text(PASSPHRASE[-1])
        assert dialog.start.isEnabled()
        qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)
        assert dialog.demo.isChecked()
        if os.environ.get("CFPM_SCREENSHOTS"):
            dialog.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/welcome.png")
        click(qtbot, dialog.start)

    seen = when_modal(WelcomeDialog, walk)
    win = _open(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: seen != [], timeout=10_000)
        # The sample is written in batches: a few seconds even on a loaded CI machine.
        qtbot.waitUntil(lambda: win.first_run.demo_window is not None, timeout=60_000)
        demo = win.first_run.demo_window
        assert demo is not None
        qtbot.waitUntil(lambda: demo.demo_banner.isVisible(), timeout=30_000)
        assert "DEMO" in demo.windowTitle()
        qtbot.waitUntil(lambda: demo.workers_panel.model.rowCount() > 10, timeout=30_000)
        if os.environ.get("CFPM_SCREENSHOTS"):
            demo.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/demo-window.png")
        # The coach's own store: their profile, encrypted, no demo worker in it.
        wait_idle(qtbot, win)
        assert "Rosa Delgado" in win.windowTitle()
        assert not win.demo_banner.isVisible()
        assert win.workers_panel.model.rowCount() == 0
        assert is_encrypted(data_dir / "cfpm-coach.sqlite3")
        folder = first_run.demo_folder(win.backend.data_dir)
        assert folder.is_dir()

        demo.demo_banner.remove.click()  # one click: the demo closes and its store goes
        qtbot.waitUntil(lambda: not folder.exists(), timeout=20_000)
        assert win.isVisible()
    finally:
        win.close()
        win.backend.shutdown()
    with Workspace.open(data_dir, passphrase=PASSPHRASE) as ws:
        assert ws.profile.coach().name == "Rosa Delgado"
        assert not ws.first_run.needs_welcome()


def test_later_is_not_asked_again_and_used_stores_are_never_welcomed(
        qtbot: QtBot, qapp: object, data_dir: Path, tmp_path: Path, real_dialogs: None) -> None:
    asked = when_modal(WelcomeDialog, lambda dialog: click(qtbot, dialog.later))
    win = _open(qtbot, data_dir)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)
    wait_idle(qtbot, win)
    win.close()
    win.backend.shutdown()
    asked_again = when_modal(WelcomeDialog, lambda dialog: click(qtbot, dialog.later),
                             timeout_s=5)
    again = _open(qtbot, data_dir)
    wait_idle(qtbot, again)
    qtbot.wait(100)
    assert asked_again == []
    again.close()
    again.backend.shutdown()

    used = tmp_path / "used"
    with Workspace.open(used) as ws:
        ws.workers.add("Ana Reyes")
        assert not ws.first_run.needs_welcome()
    with pytest.raises(Exception, match="never beside real data"), Workspace.open(used) as ws:
        ws.first_run.fill_demo()
