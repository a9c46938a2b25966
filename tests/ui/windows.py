"""A real main window on a given data folder (the `window` fixture makes its own folder)."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow


@contextlib.contextmanager
def window_on(qtbot: QtBot, data_dir: Path, *, wait_open: bool = True) -> Iterator[MainWindow]:
    """Open and show the window on data_dir; closed and shut down afterwards."""
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    try:
        if wait_open:
            qtbot.waitUntil(lambda: win.workspace is not None, timeout=20_000)
        win.show()
        if wait_open:
            qtbot.waitUntil(lambda: win.workers_panel.isEnabled(), timeout=5_000)
        yield win
    finally:
        win.close()
        win.backend.shutdown()
