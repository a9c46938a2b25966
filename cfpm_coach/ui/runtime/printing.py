"""Hand a finished file's folder to the platform's file manager.

PDFs are shown and printed inside the app (`pdf_preview`), the same on every platform; this
module only opens folders (the notice's Open Folder).
"""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_folder(path: Path) -> bool:
    """Show the folder in the system's file manager; False when none opened."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
