"""Every action says whether it needs an open store; with none open, those are disabled and the
rest work (problem 9 of issue 16: agreement, leadership and Coming up raised RuntimeError)."""

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.app import application
from cfpm_coach.ui.backend import Backend
from cfpm_coach.ui.main_window import MainWindow

NEEDS_STORE = "needs_store"  # the property each action sets (main_actions.NEEDS_STORE)


def test_with_no_store_open_every_enabled_action_works(qtbot: QtBot, data_dir: Path, qapp,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    application()
    data_dir.mkdir(parents=True)
    backend = Backend(data_dir)  # never opened: as while a passphrase is asked, or a restore runs
    window = MainWindow(backend)
    backend.setParent(window)
    qtbot.addWidget(window)
    window.show()
    # Dialogs that do not need the store (About, the shortcuts) may open: answer them at once.
    monkeypatch.setattr(QDialog, "exec", lambda _self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda _self: 0)
    try:
        actions = [a for a in window.findChildren(QAction)
                   if a.objectName() and not a.objectName().startswith("_q_")]
        for action in actions:
            if action.isEnabled() and action.objectName() != "quit":
                action.trigger()  # pytest-qt fails the test on an exception in a slot
        qtbot.wait(50)
        names = {a.objectName(): a for a in actions}
        for name in ("agreement", "leadership", "comingUp", "newObservation", "exportSync"):
            assert not names[name].isEnabled(), name
        undeclared = [a.objectName() for a in actions if a.property(NEEDS_STORE) is None]
        assert undeclared == []
    finally:
        for widget in window.findChildren(QDialog):
            widget.close()
        window.close()
        backend.shutdown()
