"""The self-test's window step: open the real main window on the test store and save a PNG."""

import sys
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QSize,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage

from cfpm_coach.ui.runtime import gc_guard
from cfpm_coach.ui.screenshots.shots import wait_until
from cfpm_coach.ui.shell.app import application, open_main_window

SIZE = QSize(1280, 800)
# A window that drew its lists, labels and buttons has far more colours than a blank frame.
MIN_COLOURS = 8
# The offscreen platform says so for every top-level window; harmless, and noise in a one-line test.
_HARMLESS = ("This plugin does not support propagateSizeHints",)


def _quiet_harmless(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if not message.startswith(_HARMLESS) and sys.stderr is not None:
        print(f"Qt: {message}", file=sys.stderr)


def _colours(image: QImage, step: int = 7) -> int:
    """Distinct colours on a sparse grid: enough to tell a drawn window from an empty one."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def _preview_renders(folder: Path) -> None:
    """PDFium (pypdfium2, the reports' preview) came with the build: a page renders with ink."""
    from reportlab.pdfgen import canvas

    from cfpm_coach.ui.widgets.pdf_pages import PdfPages

    pdf = folder / "self-test-preview.pdf"
    page = canvas.Canvas(str(pdf))
    page.setFont("Helvetica-Bold", 36)
    page.drawString(72, 700, "CFPM Coach")
    page.save()
    pages = PdfPages(pdf)
    try:
        if _colours(pages.render(0, 1.0), step=3) < 2:
            raise RuntimeError("the PDF preview drew a blank page")
    finally:
        pages.close()
        pdf.unlink()


def render_main_window(data_dir: Path, png: Path) -> tuple[int, int]:
    """Open the main window on data_dir, wait until it has loaded, save it to png; its size."""
    previous = qInstallMessageHandler(_quiet_harmless)
    application()
    window = open_main_window(data_dir)
    try:
        window.resize(SIZE)
        window.show()
        wait_until(lambda: window.workspace is not None)
        wait_until(lambda: window.backend.pending == 0 and window.workers_panel.model.rowCount() > 0)
        image = window.grab().toImage()
        colours = _colours(image)
        if colours < MIN_COLOURS:
            raise RuntimeError(f"the window looks blank ({colours} colours)")
        if not image.save(str(png)):
            raise RuntimeError(f"{png} could not be written")
        _preview_renders(png.parent)
        return image.width(), image.height()
    finally:
        window.close()
        window.backend.shutdown()
        qInstallMessageHandler(previous)
        gc_guard.release(window)
