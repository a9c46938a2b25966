"""A report's pages inside the app before it is printed or saved: page by page, zoom, Print…
(QPrintDialog, the same on Windows, macOS and Linux) and Save As… (a copy, owner-only).

The report flows call `show_preview(parent, path)` with a finished PDF; nothing here knows
which report it is.
"""

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.errors import CoachError
from cfpm_coach.storage import files
from cfpm_coach.ui.look import icons
from cfpm_coach.ui.runtime.errors import show_error
from cfpm_coach.ui.widgets.pdf_pages import POINTS_PER_INCH, PdfPages, fit_printer_to, print_pages

# Zoom steps, as a share of the page's real size on this screen.
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


def make_printer() -> QPrinter:
    """The printer Print… offers (the system's default; tests point it at a PDF file)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


class PdfPreview(QDialog):
    """One page at a time: Page Up/Down, Home/End, Ctrl++/Ctrl+-/Ctrl+0, Ctrl+P, Ctrl+S."""

    saved = Signal(Path)
    printed = Signal(int)

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", path.name))
        self.pages = PdfPages(path)
        self.page = 0
        self.zoom = ZOOMS.index(1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(self._navigation())
        self.page_area = QScrollArea()
        self.page_area.setObjectName("previewPages")
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_area.setBackgroundRole(QPalette.ColorRole.Dark)  # the sheet stands out as paper
        self.sheet = QLabel()
        self.sheet.setObjectName("previewSheet")
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sheet.setMargin(16)
        self.page_area.setWidget(self.sheet)
        self.page_area.setWidgetResizable(True)
        layout.addWidget(self.page_area, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = self.buttons.addButton(self.tr("&Print\u2026"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton(self.tr("&Save As\u2026"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setIcon(icons.icon("print"))
        self.save_button.setIcon(icons.icon("save"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_copy)
        self.buttons.rejected.connect(self.close)
        layout.addWidget(self.buttons)
        self.print_button.setDefault(True)  # once in the dialog, or the dialog never hears of it
        self._shortcuts()
        self.finished.connect(self._release)  # Close, Esc and the title bar's close all finish
        self.show_page(0)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Wide enough for the page at 100% and tall enough for most of it, within the screen."""
        page = self.sheet.sizeHint()
        frame = self.page_area.frameWidth() * 2 + self.page_area.verticalScrollBar().sizeHint().width()
        wanted_width = page.width() + frame + 24
        wanted_height = page.height() + self.buttons.sizeHint().height() * 3 + 24
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            wanted_width = min(wanted_width, screen.width() * 9 // 10)
            wanted_height = min(wanted_height, screen.height() * 9 // 10)
        self.resize(wanted_width, wanted_height)

    def _navigation(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.previous_button = QPushButton(icons.icon("previous"), self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.next_button = QPushButton(icons.icon("next"), self.tr("Next"))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the arrow after
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPageNumber")
        self.zoom_out_button = QPushButton(icons.icon("zoom-out"), "")
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button = QPushButton(icons.icon("zoom-in"), "")
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("previewZoom")
        for button in (self.previous_button, self.next_button, self.zoom_out_button,
                       self.zoom_in_button):
            button.setAutoDefault(False)  # Enter prints; it never turns a page
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        for widget in (self.previous_button, self.page_label, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            row.addWidget(widget)
        return row

    def _shortcuts(self) -> None:
        keys = {
            self.next_page: (QKeySequence(Qt.Key.Key_PageDown), QKeySequence("Ctrl+Right")),
            self.previous_page: (QKeySequence(Qt.Key.Key_PageUp), QKeySequence("Ctrl+Left")),
            self.first_page: (QKeySequence("Ctrl+Home"), QKeySequence(Qt.Key.Key_Home)),
            self.last_page: (QKeySequence("Ctrl+End"), QKeySequence(Qt.Key.Key_End)),
            self.zoom_in: (QKeySequence(QKeySequence.StandardKey.ZoomIn),
                           QKeySequence("Ctrl+=")),
            self.zoom_out: (QKeySequence(QKeySequence.StandardKey.ZoomOut),),
            self.actual_size: (QKeySequence("Ctrl+0"),),
            self.print_document: (QKeySequence(QKeySequence.StandardKey.Print),),
            self.save_copy: (QKeySequence(QKeySequence.StandardKey.Save),),
        }
        for slot, sequences in keys.items():
            for sequence in sequences:
                QShortcut(sequence, self, slot)

    def page_count(self) -> int:
        """How many pages the PDF has."""
        return len(self.pages)

    def show_page(self, index: int) -> None:
        """Show page index (from 0), kept within the document, at the current zoom."""
        count = self.page_count()
        self.page = max(0, min(index, count - 1))
        ratio = self.devicePixelRatioF()
        # A zoom of 100% shows the page at its real size on this screen.
        scale = ZOOMS[self.zoom] * self.logicalDpiX() / POINTS_PER_INCH * ratio
        image = self.pages.render(self.page, scale)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.sheet.setPixmap(pixmap)
        self.sheet.setAccessibleName(self.tr("Page %1 of %2").replace(
            "%1", str(self.page + 1)).replace("%2", str(count)))
        self.page_label.setText(self.sheet.accessibleName())
        self.zoom_label.setText(f"{round(ZOOMS[self.zoom] * 100)}%")
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < count - 1)
        self.zoom_out_button.setEnabled(self.zoom > 0)
        self.zoom_in_button.setEnabled(self.zoom < len(ZOOMS) - 1)

    @Slot()
    def next_page(self) -> None:
        """The page after this one."""
        self.show_page(self.page + 1)

    @Slot()
    def previous_page(self) -> None:
        """The page before this one."""
        self.show_page(self.page - 1)

    @Slot()
    def first_page(self) -> None:
        """The first page."""
        self.show_page(0)

    @Slot()
    def last_page(self) -> None:
        """The last page."""
        self.show_page(self.page_count() - 1)

    @Slot()
    def zoom_in(self) -> None:
        """One zoom step larger."""
        self.zoom = min(self.zoom + 1, len(ZOOMS) - 1)
        self.show_page(self.page)

    @Slot()
    def zoom_out(self) -> None:
        """One zoom step smaller."""
        self.zoom = max(self.zoom - 1, 0)
        self.show_page(self.page)

    @Slot()
    def actual_size(self) -> None:
        """Back to 100%."""
        self.zoom = ZOOMS.index(1.0)
        self.show_page(self.page)

    @Slot()
    def print_document(self) -> None:
        """Ask the platform's print dialog, then print the pages it asks for."""
        printer = make_printer()
        fit_printer_to(self.pages, printer)
        printer.setDocName(self.pages.path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.printed.emit(print_pages(self.pages, printer))
        except CoachError as error:
            show_error(self, error, self.tr("Not printed"))

    def ask_save_path(self) -> Path | None:
        """Where to save a copy: the platform's file dialog, in Documents by default."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PDF"),
                                                str(Path(folder) / self.pages.path.name),
                                                self.tr("PDF (*.pdf)"))
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    @Slot()
    def save_copy(self) -> None:
        """Write the PDF where the coach says, whole and readable by them only."""
        target = self.ask_save_path()
        if target is None:
            return
        try:
            files.write_atomic(target, self.pages.path.read_bytes())
        except OSError as error:
            show_error(self, CoachError(self.tr(
                "The PDF could not be saved as %1 (%2). Choose another folder, such as "
                "Documents, and save it again.").replace("%1", str(target)).replace(
                    "%2", error.strerror or str(error))), self.tr("Not saved"))
            return
        self.saved.emit(target)

    @Slot()
    def _release(self) -> None:
        self.pages.close()


def show_preview(parent: QWidget | None, path: Path) -> PdfPreview:
    """Open the preview of the PDF at path beside the window (not modal) and return it."""
    preview = PdfPreview(parent, path)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    preview.raise_()
    preview.activateWindow()
    return preview
