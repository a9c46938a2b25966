"""Every action says whether it needs an open store; with none open, those are disabled and the
rest work (problem 9 of issue 16: agreement, leadership and Coming up raised RuntimeError)."""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.shell.app import application
from cfpm_coach.ui.shell.main_window import MainWindow

NEEDS_STORE = "needs_store"  # the property each action sets (main_actions.NEEDS_STORE)


def test_with_no_store_open_every_enabled_action_works(qtbot: QtBot, data_dir: Path, qapp,  # type: ignore[no-untyped-def]
                                                       real_dialogs: None) -> None:
    application()
    data_dir.mkdir(parents=True)
    backend = Backend(data_dir)  # never opened: as while a passphrase is asked, or a restore runs
    window = MainWindow(backend)
    backend.setParent(window)
    qtbot.addWidget(window)
    window.show()
    # Dialogs that do not need the store (About, the shortcuts) may open: Escape closes each.
    closed: list[str] = []

    def escape_any_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            closed.append(modal.objectName() or type(modal).__name__)
            QTest.keyClick(modal, Qt.Key.Key_Escape)

    escape = QTimer()
    escape.setInterval(20)
    escape.timeout.connect(escape_any_dialog)
    escape.start()
    try:
        actions = [a for a in window.findChildren(QAction)
                   if a.objectName() and not a.objectName().startswith("_q_")]
        for action in actions:
            if action.isEnabled() and action.objectName() != "quit":
                action.trigger()  # pytest-qt fails the test on an exception in a slot
        qtbot.wait(50)
        assert closed  # About and the shortcuts opened, for real
        names = {a.objectName(): a for a in actions}
        for name in ("agreement", "leadership", "comingUp", "newObservation", "exportSync"):
            assert not names[name].isEnabled(), name
        undeclared = [a.objectName() for a in actions if a.property(NEEDS_STORE) is None]
        assert undeclared == []
    finally:
        escape.stop()
        for widget in window.findChildren(QDialog):
            widget.close()
        window.close()
        backend.shutdown()
