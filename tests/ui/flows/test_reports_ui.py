"""Reports from the window: the PDF is written, previewed in the app, and printed when asked."""

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs import pdf_preview
from cfpm_coach.ui.dialogs.report_dialog import ReportDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.views.workers import WorkerView
from tests.ui.conftest import record_previews, wait_idle
from tests.ui.journeys.driver import click, find_button, press, type_text, when_modal
from tests.ui.journeys.steps import ALT, CTRL


def _save_to(qtbot: QtBot, dialog: ReportDialog, target: Path) -> None:
    """A click in Save to, Ctrl+A, the path typed over the default."""
    qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
    press(Qt.Key.Key_A, CTRL)
    type_text(str(target))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="make test installs poppler")
def test_worker_summary_from_the_worker_page(qtbot: QtBot, window: MainWindow,
                                             workspace: Workspace, worker: WorkerView,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             real_dialogs: None) -> None:
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    workspace.observations.rate(obs.id, "engagement.1", 3)
    workspace.observations.finalize(obs.id, allow_partial=True)
    target = tmp_path / "summary.pdf"
    asked: list[tuple[object, ...]] = []

    def answer(dialog: ReportDialog) -> None:
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        asked.append((dialog.request().kind, dialog.request().subject, "Ana Reyes" in labels,
                      Path(dialog.path.text()).name))
        press(Qt.Key.Key_A, ALT)  # Paper: US Letter, then A4
        press(Qt.Key.Key_Down)
        assert dialog.paper.currentData() == "a4"
        _save_to(qtbot, dialog, target)
        box = dialog.print_after  # a click on its box, at its left (the label is short)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
        click(qtbot, find_button(dialog, "Create PDF"))

    printed = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:  # the machine's edge: a printer that writes a PDF file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    when_modal(ReportDialog, answer)
    opened = record_previews(monkeypatch)
    monkeypatch.setattr(pdf_preview, "make_printer", pdf_printer)
    print_asked = when_modal(QPrintDialog, lambda dialog: press(Qt.Key.Key_Return), timeout_s=40)

    window.refresh_workers()
    qtbot.waitUntil(lambda: window.workers_panel.model.rowCount() == 1, timeout=10_000)
    window.show_worker(worker.id)
    qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
    window.worker_page.report_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    wait_idle(qtbot, window)
    assert asked == [("worker", worker.id, True, "coaching-summary-ana-reyes.pdf")]
    assert opened == [target]
    qtbot.waitUntil(lambda: bool(print_asked) and printed.exists(), timeout=20_000)
    assert window.reports.preview is not None
    assert window.reports.preview.page_count() == len(PdfReader(printed).pages)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Ana Reyes" in text and "Worker coaching summary" in text


def test_observation_record_needs_an_open_observation(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    assert not window.commands.observation_report_action.isEnabled()
    window.reports.observation_record()
    assert "Open an observation first" in window.statusBar().currentMessage()


# Offscreen Qt has no desktop to open folders with, and says so: the case the notice is for.
@pytest.mark.qt_log_ignore("does not support QPlatformServices::openDocument")
def test_the_notice_names_the_saved_pdf_and_says_so_when_no_file_manager_opens(
        qtbot: QtBot, window: MainWindow, worker: WorkerView, tmp_path: Path,
        real_dialogs: None) -> None:
    target = tmp_path / "summary.pdf"

    def answer(dialog: ReportDialog) -> None:
        _save_to(qtbot, dialog, target)
        press(Qt.Key.Key_Return)  # Create PDF is the default

    when_modal(ReportDialog, answer)
    window.show_worker(worker.id)
    qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
    qtbot.mouseClick(window.worker_page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.notice.isVisible, timeout=20_000)
    wait_idle(qtbot, window)
    assert target.exists()
    words = window.notice.text.text()
    assert words == f"PDF saved: {target.name}, in {target.parent}.", words
    assert window.reports.preview is not None and window.reports.preview.isVisible()
    assert window.notice.action.text() == "Open Folder"
    qtbot.mouseClick(window.notice.action, Qt.MouseButton.LeftButton)
    assert "No file manager opened" in window.notice.text.text()
    assert str(target) in window.notice.text.text()
    qtbot.mouseClick(window.notice.close_button, Qt.MouseButton.LeftButton)
    assert not window.notice.isVisible()
