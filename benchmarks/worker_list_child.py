"""Child for the worker-list benchmark: read the list and fill the workers panel, timed.

Prints one line per run, "<read ms> <shown ms>": the service's read alone, then the read plus
filling the panel (model, sort, selection, column widths) and painting it.
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, repeat: int) -> None:
    """Time WorkerService.find() and find() + WorkersPanel.set_workers() + a paint."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.workers_panel import WorkersPanel

    app = QApplication(sys.argv[:1])
    panel = WorkersPanel()
    panel.resize(520, 800)
    panel.show()
    app.processEvents()
    with Workspace.open(Path(data_dir)) as ws:
        listed = ws.workers.find()  # the caches a running app has warm
        current = listed[len(listed) // 2].id if listed else None
        panel.set_workers(listed, current)
        app.processEvents()
        for _ in range(repeat):
            began = time.perf_counter()
            listed = ws.workers.find()
            read = time.perf_counter()
            panel.set_workers(listed, current)
            panel.repaint()
            app.processEvents()
            shown = time.perf_counter()
            print(f"{(read - began) * 1000:.3f} {(shown - began) * 1000:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
