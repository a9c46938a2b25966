"""Screenshots of the looks a coach can choose (docs/screenshots/): dark, larger text, touch
density, and a report in the in-app preview; dark and touch in Spanish too (es/); the main
screens at 150 % (scale-150/). Part of `make screenshots`."""

import uuid
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSize

from cfpm_coach.ui import appearance, gc_guard
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.appearance import Appearance
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.screenshots import (
    SIZE,
    _save,
    _settle,
    form_dialogs,
    save_dialogs,
    wait_until,
)

LOOKS = (
    (Appearance(scheme="dark"), "dark"),
    (Appearance(text_size="larger"), "large-text"),
    (Appearance(density="touch"), "touch"),
)
# Spanish labels run longer: dark and touch (the larger buttons) show where they would clip.
SECOND_LANGUAGE_LOOKS = (LOOKS[0], LOOKS[2])
# A 1920x1080 laptop at 150 %, the way Windows sets many of them up: 1280x720 to lay out in.
SCALED_SIZE = QSize(1280, 720)


def _checklist(window: MainWindow, draft: uuid.UUID) -> None:
    window.flow.open(draft)
    wait_until(lambda: window.checklist.detail is not None and window.checklist.detail.id == draft)
    _settle(window)


def _open(data: Path, busiest: uuid.UUID, size: QSize) -> MainWindow:
    window = open_main_window(data)
    window.resize(size)
    window.show()
    wait_until(lambda: window.workspace is not None)
    window.state.set_worker(busiest)
    wait_until(lambda: window.worker_page.worker_id == busiest)
    _settle(window)
    return window


def _close(window: MainWindow) -> None:
    window.close()
    window.backend.shutdown()
    gc_guard.release(window)


def look_shots(out_dir: Path, data: Path, busiest: uuid.UUID, draft: uuid.UUID, *,
               looks: tuple[tuple[Appearance, str], ...] = LOOKS, preview: bool = True
               ) -> list[Path]:
    """The main window and the checklist in each look, then (with preview) the preview of a
    report, in light and dark."""
    app = application()
    window = _open(data, busiest, SIZE)
    shots = [_preview(window, out_dir, busiest, "pdf-preview.png")] if preview else []
    try:
        for look, name in looks:
            appearance.apply(app, look)
            window.state.set_worker(busiest)  # not the last checklist's worker
            wait_until(lambda: window.worker_page.worker_id == busiest)
            _settle(window)
            shots.append(_save(window, out_dir / f"{name}-main-window.png"))
            _checklist(window, draft)
            shots.append(_save(window, out_dir / f"{name}-checklist.png"))
            window.flow.close_checklist()
            _settle(window)
            if look.scheme == "dark" and preview:
                shots.append(_preview(window, out_dir, busiest, "dark-pdf-preview.png"))
    finally:
        appearance.apply(app, Appearance())
    _close(window)
    return shots


def scaled_shots(out_dir: Path, data: Path, busiest: uuid.UUID, draft: uuid.UUID) -> list[Path]:
    """At the scale this process started with: the main window, Add worker, Export, Settings
    and the checklist, in a window the size SCALED_SIZE."""
    window = _open(data, busiest, SCALED_SIZE)
    shots = [_save(window, out_dir / "main-window.png")]
    dialogs = form_dialogs(window, busiest)
    wanted = {name: dialogs.pop(name)
              for name in ("add-worker.png", "export-dialog.png", "settings.png")}
    for unused in dialogs.values():
        unused.deleteLater()
    shots += save_dialogs(window, out_dir, wanted)
    _checklist(window, draft)
    shots.append(_save(window, out_dir / "checklist.png"))
    window.flow.close_checklist()
    _settle(window)
    _close(window)
    return shots


def _preview(window: MainWindow, out_dir: Path, worker: uuid.UUID, name: str) -> Path:
    """The worker's coaching summary as the preview shows it after Create PDF."""
    from cfpm_coach.ui.pdf_preview import PdfPreview

    assert window.workspace is not None
    end = date.today()
    pdf = window.workspace.reports.worker_pdf(worker, end - timedelta(days=365), end,
                                              out_dir / "preview.pdf", deterministic=True)
    preview = PdfPreview(window, pdf)
    preview.resize(SIZE.width() * 2 // 3, SIZE.height() - 40)
    preview.show()
    _settle(window)
    shot = _save(preview, out_dir / name)
    preview.close()
    pdf.unlink()
    return shot
