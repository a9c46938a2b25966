"""The passphrase in the window: encrypt from the menu, unlock on opening and after idling."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import is_encrypted
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.passphrase_dialogs import PassphraseChange, PassphraseDialog, UnlockDialog
from tests.ui.conftest import wait_idle

PASSPHRASE = "kitchen table laptop"


def test_encrypt_from_the_menu_then_unlock_after_idling(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    wait_idle(qtbot, window)
    asked: list[bool] = []

    def answer(_parent: object, encrypted: bool) -> PassphraseChange:
        asked.append(encrypted)
        return PassphraseChange(PASSPHRASE, None)

    monkeypatch.setattr(PassphraseDialog, "ask", staticmethod(answer))
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
        qtbot: QtBot, qapp: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(data_dir) as ws:
        ws.workers.add("Ana Reyes", office="North Valley")
        ws.security.set_passphrase(PASSPHRASE)
    answers = iter(["not it", PASSPHRASE])
    messages: list[str] = []

    def answer(_parent: object, message: str = "") -> str:
        messages.append(message)
        return next(answers)

    monkeypatch.setattr(UnlockDialog, "ask", staticmethod(answer))
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
        qtbot: QtBot, qapp: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(data_dir) as ws:
        ws.security.set_passphrase(PASSPHRASE)
    before = (data_dir / "cfpm-coach.sqlite3").read_bytes()
    monkeypatch.setattr(UnlockDialog, "ask", staticmethod(lambda *_a, **_k: None))
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=20_000)
    win.backend.shutdown()
    assert (data_dir / "cfpm-coach.sqlite3").read_bytes() == before
