"""The strip across a demo store's window: sample data, kept apart, removable in one click."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class DemoBanner(QFrame):
    """Says the data is a demo; its button asks for the demo to be closed and removed."""

    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)  # a strip, not a panel: the page keeps the room
        self.text = QLabel(self.tr(
            "<b>Demo</b>: sample data to explore, nothing here is real. It is kept apart from "
            "your own data and never synced."))
        self.text.setWordWrap(True)
        self.remove = QPushButton(self.tr("Close and &remove the demo"))
        self.remove.setObjectName("removeDemo")
        self.remove.clicked.connect(self.remove_requested)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove)
        self.hide()
