"""Screenshots of the looks a coach can choose (docs/screenshots/): dark, larger text, touch
density, and a report in the in-app preview. Part of `make screenshots`, English only."""

import uuid
from datetime import date, timedelta
from pathlib import Path

from cfpm_coach.ui import appearance, gc_guard
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.appearance import Appearance
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.screenshots import SIZE, _save, _settle, wait_until

LOOKS = (
    (Appearance(scheme="dark"), "dark"),
    (Appearance(text_size="larger"), "large-text"),
    (Appearance(density="touch"), "touch"),
)


def _checklist(window: MainWindow, draft: uuid.UUID) -> None:
    window.flow.open(draft)
    wait_until(lambda: window.checklist.detail is not None and window.checklist.detail.id == draft)
    _settle(window)


def look_shots(out_dir: Path, data: Path, busiest: uuid.UUID, draft: uuid.UUID) -> list[Path]:
    """The main window and the checklist in each look, then the preview of a report."""
    app = application()
    window = open_main_window(data)
    window.resize(SIZE)
    window.show()
    wait_until(lambda: window.workspace is not None)
    window.state.set_worker(busiest)
    wait_until(lambda: window.worker_page.worker_id == busiest)
    _settle(window)
    shots = [_preview(window, out_dir, busiest, "pdf-preview.png")]
    try:
        for look, name in LOOKS:
            appearance.apply(app, look)
            _settle(window)
            shots.append(_save(window, out_dir / f"{name}-main-window.png"))
            _checklist(window, draft)
            shots.append(_save(window, out_dir / f"{name}-checklist.png"))
            window.flow.close_checklist()
            _settle(window)
            if look.scheme == "dark":
                shots.append(_preview(window, out_dir, busiest, "dark-pdf-preview.png"))
    finally:
        appearance.apply(app, Appearance())
    window.close()
    window.backend.shutdown()
    gc_guard.release(window)
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
