"""This laptop's public key, read-only, with a Copy button (Sync settings and About).

The team enrolls a laptop by hand from the two lines `cfpm-coach device show` prints; Copy puts
exactly those on the clipboard.
"""

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from cfpm_coach.ui.look import icons


def enrollment_text(device_id: str, public_key: str) -> str:
    """The two lines `hub enroll` asks for."""
    return f"device id:  {device_id}\npublic key: {public_key}"


class LaptopKeyRow(QWidget):
    """The key in a read-only field (its start shown) and Copy beside it."""

    def __init__(self, device_id: str, public_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_id, self.public_key = device_id, public_key
        self.field = QLineEdit(public_key)
        self.field.setObjectName("laptopKey")
        self.field.setReadOnly(True)
        self.field.setCursorPosition(0)  # a long key shows its start
        self.field.setAccessibleName(self.tr("This laptop's public key"))
        self.copy_button = QPushButton(icons.icon("copy"), self.tr("&Copy"))
        self.copy_button.setObjectName("copyLaptopKey")
        self.copy_button.setAutoDefault(False)  # Enter presses the dialog's own button
        self.copy_button.setAccessibleName(self.tr("Copy this laptop's id and public key"))
        self.copy_button.clicked.connect(self.copy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.copy_button)
        self.setFocusProxy(self.field)

    @Slot()
    def copy(self) -> None:
        """Put the device id and key on the clipboard, and say so on the button."""
        QGuiApplication.clipboard().setText(enrollment_text(self.device_id, self.public_key))
        self.copy_button.setText(self.tr("Copied"))
