"""Reports open in a preview inside the app: the PDF's pages, turned and zoomed by keys, saved
as a copy through the file dialog and printed through the print dialog (to a PDF printer, the
machine's edge). The files are read back with poppler's pdfinfo and pdftotext."""

import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.errors import CoachError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs import pdf_preview
from cfpm_coach.ui.dialogs.pdf_preview import PdfPreview
from cfpm_coach.ui.dialogs.report_dialog import ReportDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.views.workers import WorkerView
from tests.ui.conftest import wait_idle
from tests.ui.journeys.driver import activate, press, type_text, when_modal
from tests.ui.journeys.steps import CTRL
from tests.ui.walker import clipped_labels, literal_ampersands, too_big, wrong_default_button

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="make test installs poppler")


def pdf_pages(path: Path) -> int:
    """The page count poppler reads in the file."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def pdf_text(path: Path) -> str:
    """The text poppler reads in the file."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def dark_share(preview: PdfPreview) -> float:
    """The share of sampled pixels of the page on screen that are ink, not paper."""
    image = preview.sheet.pixmap().toImage()
    samples = [QColor(image.pixel(x, y)).lightness()
               for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    return sum(1 for value in samples if value < 128) / len(samples)


@pytest.fixture
def preview(qtbot: QtBot, window: MainWindow, workspace: Workspace, worker: WorkerView,
            tmp_path: Path, real_dialogs: None) -> Iterator[PdfPreview]:
    """Ctrl+R (Reports > Worker coaching summary) on a worker with ratings, Create PDF."""
    for setting in ("home_visit", "office_visit"):
        obs = workspace.observations.start(worker.id, "cpm-practice", setting,
                                           instrument_version=1)
        workspace.observations.rate(obs.id, "engagement.1", 3)
        workspace.observations.finalize(obs.id, allow_partial=True)
    made = tmp_path / "made" / "summary.pdf"

    def create(dialog: ReportDialog) -> None:
        qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
        press(Qt.Key.Key_A, CTRL)
        type_text(str(made))
        press(Qt.Key.Key_Return)

    answered = when_modal(ReportDialog, create)
    window.show_worker(worker.id)
    qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
    activate(qtbot, window)
    press(Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.reports.preview is not None, timeout=30_000)
    wait_idle(qtbot, window)
    shown = window.reports.preview
    assert answered and shown is not None and shown.isVisible()
    assert shown.pages.path == made and made.exists()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown, timeout=5_000)
    yield shown
    shown.close()


def test_the_preview_shows_every_page_of_the_pdf_and_turns_and_zooms_by_keys(
        qtbot: QtBot, preview: PdfPreview, tmp_path: Path) -> None:
    pages = pdf_pages(preview.pages.path)
    assert preview.page_count() == pages
    assert preview.page_label.text() == f"Page 1 of {pages}"
    picture = tmp_path / "preview.png"
    assert preview.grab().save(str(picture))
    # Read as the window walker reads every dialog (tests/ui/walker.py).
    problems = (literal_ampersands(preview) + too_big(preview) + wrong_default_button(preview)
                + clipped_labels(preview))
    assert problems == []
    first = preview.sheet.pixmap()
    # The first page drawn whole at Letter's shape (8.5 x 11 in), with text on the paper.
    ratio = first.width() / first.height()
    assert abs(ratio - 8.5 / 11) < 0.01, ratio
    assert 0.005 < dark_share(preview) < 0.5
    press(Qt.Key.Key_End)
    assert preview.page_label.text() == f"Page {pages} of {pages}"
    press(Qt.Key.Key_Home)
    press(Qt.Key.Key_PageDown)
    assert preview.page == min(1, pages - 1)
    width = preview.sheet.pixmap().width()
    press(Qt.Key.Key_Equal, CTRL)
    assert preview.zoom_label.text() == "125%"
    assert preview.sheet.pixmap().width() > width * 1.2
    press(Qt.Key.Key_0, CTRL)
    assert preview.zoom_label.text() == "100%"


# The file dialog's name completer asks for the keyboard, which offscreen Qt cannot give.
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_save_as_writes_the_real_pdf_readable_by_its_owner_only(
        qtbot: QtBot, preview: PdfPreview, tmp_path: Path) -> None:
    target = tmp_path / "for the supervisor" / "Ana Reyes summary.pdf"
    target.parent.mkdir()

    def choose(dialog: QFileDialog) -> None:
        press(Qt.Key.Key_A, CTRL)  # the name field has the keyboard, the suggestion selected
        type_text(str(target))
        press(Qt.Key.Key_Return)

    answered = when_modal(QFileDialog, choose)
    with qtbot.waitSignal(preview.saved, timeout=20_000) as saved:
        press(Qt.Key.Key_S, CTRL)
    assert answered and saved.args == [target]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == preview.pages.path.read_bytes()
    text = pdf_text(target)
    assert "Ana Reyes" in text and "Worker coaching summary" in text


def test_print_sends_every_page_through_the_print_dialog(
        qtbot: QtBot, preview: PdfPreview, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    paper = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:  # the machine's edge: a printer that writes a PDF file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        return printer

    monkeypatch.setattr(pdf_preview, "make_printer", pdf_printer)
    answered = when_modal(QPrintDialog, lambda dialog: press(Qt.Key.Key_Return))
    with qtbot.waitSignal(preview.printed, timeout=30_000) as printed:
        press(Qt.Key.Key_P, CTRL)
    pages = pdf_pages(preview.pages.path)
    assert answered and printed.args == [pages]
    assert pdf_pages(paper) == pages
    # The printed sheets are the report's own size (Letter: 612 x 792 points).
    info = subprocess.run(["pdfinfo", str(paper)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+612(\.\d+)? x 792", info), info


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7 cut off in the midd"])
def test_a_damaged_pdf_is_named_in_a_sentence_not_a_crash(qtbot: QtBot, tmp_path: Path,
                                                          content: bytes) -> None:
    damaged = tmp_path / "summary.pdf"
    damaged.write_bytes(content)
    with pytest.raises(CoachError, match=r"could not be read .*Create the report again"):
        PdfPreview(None, damaged)
