"""The window on a real X server (xcb, not offscreen), where a line edit binds Ctrl+E to "end of
line": a click in the search field, then Ctrl+E and Ctrl+N as typed. Prints what opened."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cfpm_coach.ui.dialogs.export_dialog import ExportDialog
from cfpm_coach.ui.dialogs.start_dialog import StartDialog
from cfpm_coach.ui.shell.app import application, open_main_window

CTRL = Qt.KeyboardModifier.ControlModifier


def main(data_dir: str) -> int:
    """Open the window, try both shortcuts from the search field, report, quit."""
    app = application()
    window = open_main_window(Path(data_dir))
    window.show()
    seen: list[str] = []

    def watch() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ExportDialog | StartDialog):
            seen.append(type(modal).__name__)
            modal.reject()
            if len(seen) == 1:
                QTimer.singleShot(100, lambda: press_from_search(Qt.Key.Key_N))
            else:
                QTimer.singleShot(100, finish)

    watcher = QTimer()
    watcher.setInterval(20)
    watcher.timeout.connect(watch)
    watcher.start()

    def press_from_search(key: Qt.Key) -> None:
        if QApplication.activeWindow() is not window:
            window.activateWindow()  # Xvfb has no window manager to give the keyboard back
            QTimer.singleShot(50, lambda: press_from_search(key))
            return
        search = window.workers_panel.search
        QTest.mouseClick(search, Qt.MouseButton.LeftButton)
        focus = QApplication.focusWidget()
        print(f"FOCUS {'search' if focus is search else type(focus).__name__}", flush=True)
        QTest.keyClick(focus or search, key, CTRL)

    def go() -> None:
        if window.workspace is None or window.backend.pending:
            QTimer.singleShot(50, go)
            return
        press_from_search(Qt.Key.Key_E)
        QTimer.singleShot(15_000, finish)  # whatever did not open by then never will

    def finish() -> None:
        if window.isHidden():
            return
        print("OPENED " + " ".join(seen), flush=True)
        window.close()
        window.backend.shutdown()
        app.quit()

    QTimer.singleShot(0, go)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
