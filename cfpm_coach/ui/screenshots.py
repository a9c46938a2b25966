"""Render the main window, a checklist mid-observation and the finish dialog to PNG (docs)."""

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QSize
from PySide6.QtWidgets import QWidget

from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui import gc_guard
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.observation_flow import OPEN_OBSERVATION_KEY

SIZE = QSize(1360, 860)


def wait_until(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    """Process events until condition holds; TimeoutError after timeout_ms."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _settle(window: MainWindow) -> None:
    wait_until(lambda: window.backend.pending == 0)
    for _ in range(5):
        QCoreApplication.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def take_screenshots(out_dir: Path, data_dir: Path | None = None) -> list[Path]:
    """Fill a demo store (unless data_dir has one), open the app offscreen, save PNGs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = data_dir or Path(tempfile.mkdtemp(prefix="cfpm-coach-shots-"))
    with Workspace.open(data) as ws:
        if not ws.workers.find():
            ws.profile.update_coach(name="Demo Coach", role="Practice coach", county=demo.COUNTY)
            demo.generate(ws)
        # No "resume your observation?" question in the middle of an unattended run.
        ws.profile.set_setting(OPEN_OBSERVATION_KEY, None)
        drafts = [d for d in ws.observations.drafts() if d.instrument_id == "cpm-practice"]
        busiest = max(ws.workers.find(include_inactive=False), key=lambda w: w.observation_count)

    application()
    window = open_main_window(data)
    window.resize(SIZE)
    window.show()
    wait_until(lambda: window.workspace is not None)
    _settle(window)
    shots = []
    window.state.set_worker(busiest.id)
    wait_until(lambda: window.worker_page.worker_id == busiest.id)
    _settle(window)
    shots.append(_save(window, out_dir / "main-window.png"))

    draft = drafts[0]
    window.flow.open(draft.id)
    wait_until(lambda: window.checklist.detail is not None and window.checklist.detail.id == draft.id)
    _settle(window)
    missing = window.checklist.missing()
    if missing:
        window.checklist.rows[missing[0]].setFocus()
        window.checklist.scroll_area.ensureWidgetVisible(window.checklist.rows[missing[0]])
    _settle(window)
    shots.append(_save(window, out_dir / "checklist.png"))

    window.flow.finish()
    wait_until(lambda: window.flow.finish_dialog is not None)
    dialog = window.flow.finish_dialog
    assert dialog is not None
    dialog.strengths.setPlainText("Opened by asking what the family hoped to get from the visit.")
    dialog.growth_areas.setPlainText("Check understanding after explaining next steps.")
    dialog.next_steps.setPlainText("Before the next CFT, ask the parent who they want there.")
    _settle(window)
    shots.append(_save(dialog, out_dir / "finish-dialog.png"))
    dialog.reject()
    _settle(window)
    window.flow.close_checklist()
    _settle(window)
    shots += _dialogs(window, out_dir)
    window.close()
    window.backend.shutdown()
    gc_guard.release(window)
    return shots + report_pages(out_dir, data, busiest.id)


def _dialogs(window: MainWindow, out_dir: Path) -> list[Path]:
    """The store's audit trail and the first-run welcome (filled in as a coach would)."""
    from cfpm_coach.ui.welcome_dialog import WelcomeDialog

    window.audit.show_store_trail()
    trail = window.audit.store_dialog
    assert trail is not None
    wait_until(lambda: trail.model.rowCount() > 0)
    _settle(window)
    shots = [_save(trail, out_dir / "audit-trail.png")]
    trail.close()
    welcome = WelcomeDialog(window)
    for field, text in ((welcome.name, "Rosa Delgado"), (welcome.role, "Practice coach"),
                        (welcome.county, demo.COUNTY), (welcome.office, demo.OFFICES[0])):
        field.setText(text)
    welcome.protect.setChecked(True)
    welcome.demo.setChecked(True)
    welcome.show()
    _settle(window)
    shots.append(_save(welcome, out_dir / "welcome.png"))
    welcome.reject()
    return shots


def report_pages(out_dir: Path, data: Path, worker_id: object) -> list[Path]:
    """Render each report from the demo data and turn its pages into PNGs with pdftoppm."""
    import shutil
    import subprocess
    from datetime import date, timedelta

    if shutil.which("pdftoppm") is None:
        return []
    pages: list[Path] = []
    end = date.today()
    start = end - timedelta(days=365)
    with Workspace.open(data) as ws:
        worker = ws.workers.get(worker_id)  # type: ignore[arg-type]
        latest = next(o for o in ws.observations.find(worker_id=worker.id)
                      if o.status == "final")
        pdfs = {
            "report-observation": ws.reports.observation_pdf(
                latest.id, out_dir / "report-observation.pdf", deterministic=True),
            "report-worker": ws.reports.worker_pdf(
                worker.id, start, end, out_dir / "report-worker.pdf", deterministic=True),
            "report-unit": ws.reports.unit_pdf(
                worker.office, start, end, out_dir / "report-unit.pdf", deterministic=True),
        }
    for stem, pdf in pdfs.items():
        for old in out_dir.glob(f"{stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out_dir / stem)],
                       check=True)
        pdf.unlink()
        pages += sorted(out_dir.glob(f"{stem}-*.png"))
    return pages
