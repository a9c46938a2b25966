"""A finished PDF's pages as images, on screen and on a printer (PDFium through pypdfium2).

PySide6-Essentials has no QtPdf; PySide6-Addons would bring it at about 150 MB more per
platform, pypdfium2 at about 4 MB (binary wheels for Windows, macOS and Linux). PDFium is not
thread-safe: every call here runs on the GUI thread, which is quick for a report's few pages.
"""

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QCoreApplication, QRect, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from cfpm_coach.errors import CoachError

POINTS_PER_INCH = 72
# Sharp on a laser printer; more only multiplies memory (a Letter page at 300 dpi is 33 MB).
MAX_PRINT_DPI = 300


class PdfPages:
    """An open PDF: its page count and sizes, a page rendered at a scale."""

    def __init__(self, path: Path) -> None:
        # Read whole, so the file is not held open (Windows could not replace or delete it).
        try:
            data = path.read_bytes()
            self._document = pypdfium2.PdfDocument(data)
        except (OSError, pypdfium2.PdfiumError) as error:
            raise CoachError(QCoreApplication.translate(
                "PdfPages", "The PDF %1 could not be read (%2). Create the report again.")
                .replace("%1", str(path)).replace("%2", str(error).rstrip("."))) from error
        self._data = data  # PDFium reads from this buffer for as long as the document lives
        self.path = path
        if not len(self._document):
            self._document.close()
            raise CoachError(QCoreApplication.translate(
                "PdfPages", "The PDF %1 could not be read (%2). Create the report again.")
                .replace("%1", str(path)).replace("%2", "no pages"))

    def __len__(self) -> int:
        return len(self._document)

    def page_size(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch)."""
        width, height = self._document[index].get_size()
        return QSizeF(width, height)

    def render(self, index: int, scale: float) -> QImage:
        """Page index (from 0) as an image, scale pixels per point."""
        bitmap = self._document[index].render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)
        return image.copy()  # detached from the bytes it was made from

    def close(self) -> None:
        """Release PDFium's document."""
        self._document.close()


def fit_printer_to(pages: PdfPages, printer: QPrinter) -> None:
    """Preset the printer's paper to the report's own (Letter or A4), the whole sheet usable."""
    if not len(pages):
        return
    size = pages.page_size(0)
    orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                   else QPageLayout.Orientation.Portrait)
    printer.setPageSize(QPageSize(QSizeF(min(size.width(), size.height()),
                                         max(size.width(), size.height())),
                                  QPageSize.Unit.Point))
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)  # the report has its own margins


def print_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Draw the pages the printer asks for (all, or its from-to range); the number printed."""
    first, last = 1, len(pages)
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(len(pages), printer.toPage() or last)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise CoachError(QCoreApplication.translate(
            "PdfPages", "The printer did not start (is it switched on and connected?). "
            "Nothing was printed; try again, or save the PDF and print it from there."))
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            image = pages.render(number - 1, dpi / POINTS_PER_INCH)
            sheet = painter.viewport()
            scaled = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect((sheet.width() - scaled.width()) // 2,
                           (sheet.height() - scaled.height()) // 2,
                           scaled.width(), scaled.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return last - first + 1

