"""Render the main window, a checklist mid-observation and the dialogs to PNG (docs), at the
size of a 1366x768 laptop, in English and (in es/) Spanish, and (in scale-150/) at 150 %."""

import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QPoint, QSize
from PySide6.QtGui import QPainter, QTextCursor
from PySide6.QtWidgets import QDialog, QWidget

from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui import gc_guard, i18n, spell_check
from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.finish_dialog import FinishDialog
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.observation_flow import OPEN_OBSERVATION_KEY
from cfpm_coach.ui.spell_check import SpellMenu

# The smallest laptop coaches use: what it shows is what the pictures show.
SIZE = QSize(1366, 768)
# Each run in a process of its own (see take_screenshots): subfolder, language, scale factor.
# English pictures in the folder itself (the README shows them), the others in a subfolder.
RUNS: tuple[tuple[str, str, float | None], ...] = (
    ("", "en", None), ("es", "es", None), ("scale-150", "en", 1.5))


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


def take_screenshots(out_dir: Path, data_dir: Path | None = None, language: str = "en",
                     scale: float | None = None) -> list[Path]:
    """Fill a demo store (unless data_dir has one), open the app offscreen in language, save
    PNGs; in English also the looks, the audit trail, the welcome and the report pages, in
    another language the dark and touch looks; at a scale (QT_SCALE_FACTOR) the main screens.

    One language per process: a second window in another language crashed PySide at the
    interpreter's exit (none_dealloc), so the CLI runs each language in a process of its own.
    A scale is read once, when the application starts: it needs a process of its own too.
    """
    if scale is not None:
        if QCoreApplication.instance() is not None:
            raise RuntimeError("screenshots at a scale need a process of their own")
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    out_dir.mkdir(parents=True, exist_ok=True)
    data = data_dir or Path(tempfile.mkdtemp(prefix="cfpm-coach-shots-"))
    with Workspace.open(data) as ws:
        if not ws.workers.find():
            ws.profile.update_coach(name="Demo Coach", role="Practice coach", county=demo.COUNTY)
            demo.generate(ws)
        practice = ws.practice_instrument()
        drafts = [d for d in ws.observations.drafts()
                  if practice is not None and d.instrument_id == practice.id]
        busiest = max(ws.workers.find(include_inactive=False), key=lambda w: w.observation_count)

    i18n.install(application(), language)
    from cfpm_coach.ui.screenshot_looks import SECOND_LANGUAGE_LOOKS, look_shots, scaled_shots

    if scale is not None:
        return scaled_shots(out_dir, data, busiest.id, drafts[0].id)
    english = language == "en"
    shots = _window_shots(out_dir, data, busiest.id, drafts[0].id, english=english)
    if not english:
        return shots + look_shots(out_dir, data, busiest.id, drafts[0].id,
                                  looks=SECOND_LANGUAGE_LOOKS, preview=False)
    from cfpm_coach.ui.screenshot_offices import office_shots

    shots += look_shots(out_dir, data, busiest.id, drafts[0].id)
    return shots + report_pages(out_dir, data, busiest.id) + office_shots(out_dir, data)


def _window_shots(out_dir: Path, data: Path, busiest: uuid.UUID, draft: uuid.UUID, *,
                  english: bool) -> list[Path]:
    """The main window, checklist and dialogs in the language installed now."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with Workspace.open(data) as ws:
        # No "resume your observation?" question in the middle of an unattended run.
        ws.profile.set_setting(OPEN_OBSERVATION_KEY, None)
    window = open_main_window(data)
    window.resize(SIZE)
    window.show()
    wait_until(lambda: window.workspace is not None)
    _settle(window)
    shots = []
    window.state.set_worker(busiest)
    wait_until(lambda: window.worker_page.worker_id == busiest)
    _settle(window)
    shots.append(_save(window, out_dir / "main-window.png"))
    shots += _form_dialogs(window, out_dir, busiest)

    window.flow.open(draft)
    wait_until(lambda: window.checklist.detail is not None and window.checklist.detail.id == draft)
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
    if english:
        shots.append(_spelling_shot(dialog, out_dir / "spell-check.png"))
    # Saved now, while the checklist is open, not by the typing-pause timer after it closed.
    dialog.flush()
    _settle(window)
    dialog.reject()
    _settle(window)
    window.flow.close_checklist()
    _settle(window)
    if english:
        shots += _dialogs(window, out_dir)
    window.close()
    window.backend.shutdown()
    gc_guard.release(window)
    return shots


def _spelling_shot(dialog: FinishDialog, path: Path) -> Path:
    """A debrief note with a misspelled word underlined and its right-click menu open."""
    field = dialog.growth_areas
    field.setPlainText("Check understanding after explaning next steps.")
    spell_menu = field.findChild(SpellMenu)
    assert spell_menu is not None
    wait_until(lambda: spell_check.checking().speller() is not None)
    cursor = QTextCursor(field.document())
    cursor.setPosition(field.toPlainText().index("explaning") + 4)
    spot = field.cursorRect(cursor).center()
    menu = spell_menu.menu_at(spot)
    # Opened just under the word, so the picture shows its underline too.
    below = field.cursorRect(cursor).bottomLeft() + QPoint(0, 4)
    menu.popup(field.viewport().mapToGlobal(below))
    for _ in range(5):
        QCoreApplication.processEvents()
    # The menu is a window of its own: paint it where it opened over the dialog's picture.
    picture = dialog.grab()
    offset = menu.pos() - dialog.mapToGlobal(QPoint(0, 0))
    painter = QPainter(picture)
    painter.drawPixmap(offset, menu.grab())
    painter.end()
    menu.close()
    picture.save(str(path))
    return path


def form_dialogs(window: MainWindow, worker: uuid.UUID) -> dict[str, QDialog]:
    """New observation (the worker preselected), Export (and a mistyped key), Add worker with a
    long name, Sync settings with this laptop's key and Settings, as a coach first sees them;
    by the file name each is saved as."""
    from cfpm_coach.services.sync import SyncSettings
    from cfpm_coach.ui.export_dialog import ExportDialog
    from cfpm_coach.ui.settings_dialog import SettingsDialog
    from cfpm_coach.ui.start_dialog import StartDialog
    from cfpm_coach.ui.sync_settings_dialog import SyncSettingsDialog
    from cfpm_coach.ui.worker_dialog import WorkerDialog

    workspace = window.workspace
    assert workspace is not None
    start = StartDialog(window, workspace.workers.choices(include_inactive=False),
                        workspace.catalog.latest(), selected_worker=worker)
    export = ExportDialog(window, "", Path.home() / "Desktop")
    mistyped = ExportDialog(window, "age1notarealkey", Path.home() / "Desktop")
    add_worker = WorkerDialog(window, default_office=demo.OFFICES[0],
                              default_county=demo.COUNTY)
    add_worker.name.setText("Marisol Ortega-Hernandez")
    laptop = (str(workspace.author.device_id), workspace.exchange.device_public_key())
    sync_settings = SyncSettingsDialog(window, SyncSettings(hub_url="https://hub.example.org"),
                                       laptop)
    practice = workspace.practice_instrument()
    settings = SettingsDialog(window, workspace.profile.coach(), workspace.catalog.latest(), "",
                              workspace.paths.data_dir,
                              practice_instruments=workspace.practice_instruments(),
                              practice=practice.key if practice is not None else None)
    return {"new-observation.png": start, "export-dialog.png": export,
            "export-wrong-key.png": mistyped, "add-worker.png": add_worker,
            "sync-settings.png": sync_settings, "settings.png": settings}


def save_dialogs(window: MainWindow, out_dir: Path, dialogs: dict[str, QDialog]) -> list[Path]:
    """Show each dialog, save it, close it."""
    shots = []
    for name, dialog in dialogs.items():
        dialog.show()
        if name == "export-wrong-key.png":
            dialog.accept()  # refused inline: the dialog stays open with the key typed
        _settle(window)
        shots.append(_save(dialog, out_dir / name))
        dialog.reject()
        dialog.deleteLater()
    return shots


def _form_dialogs(window: MainWindow, out_dir: Path, worker: uuid.UUID) -> list[Path]:
    """Every form dialog (see form_dialogs), then the notice after an export."""
    shots = save_dialogs(window, out_dir, form_dialogs(window, worker))
    window.show_notice(QCoreApplication.translate(
        "ToolsFlow", "Bundle written for the central team: %1 (%2 records), in %3.").replace(
            "%1", "cfpm-1a2b3c4d-20261129T232200Z.cfpm-bundle").replace("%2", "245").replace(
            "%3", str(Path.home() / "Desktop")),
        QCoreApplication.translate("ToolsFlow", "Open Folder"), window.notice.hide)
    _settle(window)
    shots.append(_save(window, out_dir / "notice-exported.png"))
    window.notice.hide()
    return shots


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
    return shots + _provenance(window, out_dir)


def _provenance(window: MainWindow, out_dir: Path) -> list[Path]:
    """The Guide at the practice instrument (its provenance line first) and About."""
    from cfpm_coach.ui.about_dialog import AboutDialog
    from cfpm_coach.ui.guide_dialog import GuideDialog

    assert window.workspace is not None
    latest = window.workspace.catalog.latest()
    guide = GuideDialog(window, latest)
    guide.show()
    practice = window.workspace.practice_instrument()
    if practice is not None:
        guide.browser.scrollToAnchor(practice.id)
    _settle(window)
    shots = [_save(guide, out_dir / "guide.png")]
    guide.close()
    laptop = (str(window.workspace.author.device_id),
              window.workspace.exchange.device_public_key())
    about = AboutDialog(window, latest, laptop)
    about.show()
    _settle(window)
    shots.append(_save(about, out_dir / "about.png"))
    about.close()
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
                      if o.status == ObservationStatus.FINAL)
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
