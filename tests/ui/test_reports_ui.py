"""Reports from the window: the PDF is written, opened in the viewer, and printed when asked."""

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.services.read_models import WorkerView
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui import printing
from cfpm_coach.ui.main_window import MainWindow
from cfpm_coach.ui.report_dialog import ReportDialog, ReportRequest
from tests.ui.conftest import wait_idle


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="make test installs poppler")
def test_worker_summary_from_the_worker_page(qtbot: QtBot, window: MainWindow,
                                             workspace: Workspace, worker: WorkerView,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    workspace.observations.rate(obs.id, "engagement.1", 3)
    workspace.observations.finalize(obs.id, allow_partial=True)
    target = tmp_path / "summary.pdf"
    asked: list[tuple[object, ...]] = []

    def answer(_cls: object, _parent: object, kind: str, subject: object, label: str,
               default: Path, offices: object = None) -> ReportRequest:
        asked.append((kind, subject, label, default.name))
        return ReportRequest(kind, subject, date.today() - timedelta(days=30),  # type: ignore[arg-type]
                             date.today(), "a4", target, True)

    opened: list[Path] = []
    printed: list[Path] = []
    monkeypatch.setattr(ReportDialog, "ask", classmethod(answer))
    monkeypatch.setattr(printing, "open_in_viewer", opened.append)
    monkeypatch.setattr(printing, "print_file", printed.append)

    window.refresh_workers()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == 1, timeout=10_000)
    window.show_worker(worker.id)
    qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
    window.worker_page.report_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    wait_idle(qtbot, window)
    assert asked == [("worker", worker.id, "Ana Reyes", "coaching-summary-ana-reyes.pdf")]
    assert opened == [target] and printed == [target]
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Ana Reyes" in text and "Worker coaching summary" in text


def test_observation_record_needs_an_open_observation(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    assert not window.commands.observation_report_action.isEnabled()
    window.reports.observation_record()
    assert "Open an observation first" in window.statusBar().currentMessage()


# Offscreen Qt has no desktop to open files with, and says so: the case the notice is for.
@pytest.mark.qt_log_ignore("does not support QPlatformServices::openDocument")
def test_when_no_viewer_opens_the_pdf_the_window_says_so_and_offers_the_folder(
        qtbot: QtBot, window: MainWindow, worker: WorkerView, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.pdf"

    def answer(_cls: object, _parent: object, kind: str, subject: object, _label: str,
               _default: Path, _offices: object = None) -> ReportRequest:
        return ReportRequest(kind, subject, date.today() - timedelta(days=30),  # type: ignore[arg-type]
                             date.today(), "letter", target, False)

    monkeypatch.setattr(ReportDialog, "ask", classmethod(answer))
    window.show_worker(worker.id)
    qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
    qtbot.mouseClick(window.worker_page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.notice.isVisible, timeout=20_000)
    wait_idle(qtbot, window)
    assert target.exists()
    words = window.notice.text.text()
    assert "no PDF viewer opened" in words and str(target) in words, words
    assert window.notice.action.text() == "Open Folder"
    qtbot.mouseClick(window.notice.action, Qt.MouseButton.LeftButton)
    assert "No file manager opened" in window.notice.text.text()
    qtbot.mouseClick(window.notice.close_button, Qt.MouseButton.LeftButton)
    assert not window.notice.isVisible()
