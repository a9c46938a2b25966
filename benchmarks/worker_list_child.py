"""Child for the worker-list benchmark: read the list and fill the workers panel, timed.

Prints one line per run, "<read ms> <painted ms> <complete ms>": the service's listing read
alone; the read plus filling the panel (model, selection, column widths) and painting it, the
list's first paint (names of all, figures of the top page); then until the figures of every row
on screen are read and painted too (the selected worker sits mid-list, so that is one more page).
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, repeat: int) -> None:
    """Time WorkerService.listing(), + WorkersPanel.set_listing() + paint, + visible figures."""
    import uuid
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.widgets.workers_panel import WorkersPanel

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
        middle = listing.workers[len(listing.workers) // 2] if listing.workers else None
        current = uuid.UUID(middle.key) if middle else None
        panel.set_listing(listing, current)
        while model.pending():
            app.processEvents()
        for _ in range(repeat):
            began = time.perf_counter()
            listing = ws.workers.listing()
            read = time.perf_counter()
            panel.set_listing(listing, current)
            panel.repaint()
            painted = time.perf_counter()
            app.processEvents()
            while model.pending():
                app.processEvents()
            panel.repaint()
            complete = time.perf_counter()
            row = model.row_of(current) if current else None
            assert row is None or model.is_figured(row), "the selected row has no figures"
            print(" ".join(f"{(moment - began) * 1000:.3f}" for moment in (read, painted, complete)),
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
