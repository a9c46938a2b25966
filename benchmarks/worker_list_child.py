"""Child for the worker-list benchmark: read the list and fill the workers panel, timed.

Prints one line per run, "<read ms> <shown ms>": the service's listing read alone, then the
read plus filling the panel (model, selection, column widths), reading the figures of the rows
the panel then shows (the selected worker sits mid-list, so that is a second page), and painting
it: the time until the list is on screen with every visible figure.
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, repeat: int) -> None:
    """Time WorkerService.listing() and listing + WorkersPanel.set_listing() + figures + paint."""
    import uuid
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
        model = panel.model

        def figures(ids: list[uuid.UUID], listing: int) -> None:
            # What WorkerListLoader does, without the hop to the database thread.
            model.add_figures(ws.workers.figures(ids), listing)

        model.figures_wanted.connect(figures)
        listing = ws.workers.listing()  # the caches a running app has warm
        current = listing.workers[len(listing.workers) // 2].id if listing.workers else None
        panel.set_listing(listing, current)
        app.processEvents()
        for _ in range(repeat):
            began = time.perf_counter()
            listing = ws.workers.listing()
            read = time.perf_counter()
            panel.set_listing(listing, current)
            panel.repaint()
            app.processEvents()
            while model.pending():
                app.processEvents()
            panel.repaint()
            shown = time.perf_counter()
            row = model.row_of(current) if current else None
            assert row is None or model.is_figured(row), "the selected row has no figures"
            print(f"{(read - began) * 1000:.3f} {(shown - began) * 1000:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
