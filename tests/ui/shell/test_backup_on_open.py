"""Opening the app takes today's rolling backup, off the GUI thread."""

from pytestqt.qtbot import QtBot

from cfpm_coach.ui.shell.main_window import MainWindow


def test_opening_the_window_takes_todays_backup(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    backups = window.workspace.paths.backups
    qtbot.waitUntil(lambda: len(list(backups.glob("auto-*.sqlite3"))) == 1, timeout=10_000)
