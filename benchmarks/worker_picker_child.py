"""Child for the picker benchmark: New observation opened on every worker, and one keystroke.

Prints one line per run, "<shown ms> <keystroke ms>": the picker's read plus the dialog built
(every active worker in its picker, the one mid-list preselected) and painted; then one letter
typed into the emptied picker until the list of matches is filtered and painted.
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, repeat: int) -> None:
    """Time choices() + StartDialog shown, then a keystroke's filtering in its picker."""
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.dialogs.start_dialog import StartDialog

    app = QApplication(sys.argv[:1])
    with Workspace.open(Path(data_dir)) as ws:
        instruments = ws.catalog.latest()
        warm = ws.workers.choices(include_inactive=False)  # the caches a running app has warm
        current = warm[len(warm) // 2].id if warm else None
        for _ in range(repeat):
            began = time.perf_counter()
            choices = ws.workers.choices(include_inactive=False)
            dialog = StartDialog(None, choices, instruments, selected_worker=current)
            dialog.show()
            dialog.repaint()
            app.processEvents()
            shown = time.perf_counter()
            assert dialog.worker.current_id() == current, "the current worker is not chosen"
            line = dialog.worker.lineEdit()
            line.clear()
            typed = time.perf_counter()
            QTest.keyClick(line, Qt.Key.Key_O)
            popup = dialog.worker.completer().popup()
            popup.repaint()
            app.processEvents()
            filtered = time.perf_counter()
            assert dialog.worker.completer().completionCount() > 0, "no match for 'o'"
            print(f"{(shown - began) * 1000:.3f} {(filtered - typed) * 1000:.3f}", flush=True)
            popup.hide()
            dialog.close()
            dialog.deleteLater()
            app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
