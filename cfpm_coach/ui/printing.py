"""Hand a finished PDF to the platform: open it in the viewer, or print it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from cfpm_coach.errors import CoachError


def open_in_viewer(path: Path) -> bool:
    """Open the file in the system's PDF viewer; False when none opened."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Show the folder in the system's file manager; False when none opened."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_file(path: Path) -> None:
    """Send the PDF to the default printer with the platform's own print of the file."""
    if sys.platform == "win32":
        os.startfile(str(path), "print")  # type: ignore[attr-defined]
        return
    command = shutil.which("lp") or shutil.which("lpr")
    if command is None:
        raise CoachError(QCoreApplication.translate(
            "", "No print command is available on this computer. The PDF is open in your "
            "viewer: print it from there."))
    result = subprocess.run([command, str(path)], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise CoachError(QCoreApplication.translate(
            "", "The printer did not accept the document: %1").replace(
                "%1", result.stderr.strip()))
