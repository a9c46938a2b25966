"""Sample data takes seconds: its progress window has Cancel, and a cancelled demo leaves
nothing behind (no half-filled demo opened next time) and says so (issue 19)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from cfpm_coach.services import first_run
from cfpm_coach.ui.shell.main_window import MainWindow


def test_cancelling_the_sample_data_stops_it_and_removes_what_was_written(
        qtbot: QtBot, window: MainWindow) -> None:
    folder = first_run.demo_folder(window.backend.data_dir)
    window.first_run.open_demo()  # what the welcome's "sample data to explore" starts
    progress = window.first_run.demo_progress
    assert progress is not None and progress.isVisible()
    cancel = next(b for b in progress.findChildren(QPushButton) if b.isVisible())
    assert cancel.text() == "Cancel"
    qtbot.waitUntil(lambda: progress.value() >= 1, timeout=20_000)  # under way
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.first_run.demo_progress is None, timeout=20_000)
    assert window.first_run.demo_window is None  # no demo window opened
    assert not folder.exists()
    assert window.notice.isVisible() and "cancelled" in window.notice.text.text()
