"""A modal dialog's exec() as Qt runs it, operated by a test: shown application-modal, a local event
loop until it closes, and closed (rejected) if a step of the test fails, so no loop is left waiting."""

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


def driven_by(drive: Callable[[D], None]) -> Callable[[D], int]:
    """A stand-in for QDialog.exec that lets drive operate the dialog with real key and mouse events."""

    def run(dialog: D) -> int:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        loop = QEventLoop()
        dialog.finished.connect(loop.quit)

        def drive_then_close() -> None:
            try:
                drive(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()

        QTimer.singleShot(0, drive_then_close)
        loop.exec()
        return dialog.result()

    return run
