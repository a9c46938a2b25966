"""The passphrase in the window: encrypt from the menu, unlock on opening and after idling."""

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import is_encrypted
from cfpm_coach.ui.dialogs.passphrase_dialogs import PassphraseDialog, UnlockDialog
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import click, find_button, press, type_text, when_modal

PASSPHRASE = "kitchen table laptop"


def test_encrypt_from_the_menu_then_unlock_after_idling(
        qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    wait_idle(qtbot, window)
    asked: list[bool] = []

    def answer(dialog: PassphraseDialog) -> None:
        asked.append(dialog.encrypted)
        qtbot.mouseClick(dialog.new, Qt.MouseButton.LeftButton)
        type_text(PASSPHRASE)
        press(Qt.Key.Key_Tab)  # to Repeat it
        type_text(PASSPHRASE)
        press(Qt.Key.Key_Return)  # Encrypt

    when_modal(PassphraseDialog, answer)
    action = window.security.passphrase_action
    assert action in window.commands.file_menu.actions() and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: "encrypted under the new passphrase"
                    in window.statusBar().currentMessage(), timeout=20_000)
    assert asked == [False]
    assert is_encrypted(window.backend.data_dir / "cfpm-coach.sqlite3")

    lock = window.idle_lock
    lock.timer.start(50)
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    assert lock.screen.passphrase.isVisible()
    if os.environ.get("CFPM_SCREENSHOTS"):
        window.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/locked-passphrase.png")
    qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.locked and lock.screen.message.text()  # no passphrase typed: still locked
    qtbot.keyClicks(lock.screen.passphrase, "kitchen table")
    qtbot.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    assert lock.locked
    qtbot.keyClicks(lock.screen.passphrase, PASSPHRASE)
    qtbot.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    assert not lock.locked and not lock.screen.isVisible()


def test_an_encrypted_store_asks_for_its_passphrase_on_opening(
        qtbot: QtBot, qapp: object, data_dir: Path, real_dialogs: None) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes", office="North Valley")
        ws.security.set_passphrase(PASSPHRASE)
    messages: list[str] = []

    def answer_with(typed: str) -> Callable[[UnlockDialog], None]:
        def answer(dialog: UnlockDialog) -> None:
            messages.append(dialog.message.text() if dialog.message.isVisible() else "")
            type_text(typed)  # the passphrase field has the focus
            press(Qt.Key.Key_Return)
            if typed != PASSPHRASE:  # refused: the dialog asks again
                when_modal(UnlockDialog, answer_with(PASSPHRASE))
        return answer

    when_modal(UnlockDialog, answer_with("not it"))
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.backend.opened, timeout=30_000):
        pass
    win.show()
    try:
        assert messages[0] == "" and "does not open" in messages[1]
        wait_idle(qtbot, win)
        qtbot.waitUntil(lambda: win.workers_panel.model.rowCount() == 1, timeout=10_000)
        assert win.security.store_encrypted()
    finally:
        win.close()
        win.backend.shutdown()


def test_cancelling_the_passphrase_closes_without_touching_the_data(
        qtbot: QtBot, qapp: object, data_dir: Path, real_dialogs: None) -> None:
    with Workspace.open(data_dir) as ws:
        ws.security.set_passphrase(PASSPHRASE)
    before = (data_dir / "cfpm-coach.sqlite3").read_bytes()
    cancelled = when_modal(UnlockDialog, lambda dialog: click(qtbot, find_button(dialog,
                                                                                 "Cancel")))
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=20_000)
    assert cancelled
    win.backend.shutdown()
    assert (data_dir / "cfpm-coach.sqlite3").read_bytes() == before
