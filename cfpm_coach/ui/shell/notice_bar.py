"""An inline message across the top of the window for a finished task: what happened, and the
next thing a person may want (Open PDF, Open folder). It stays until closed or replaced, unlike
a status-bar line that is gone before it is read."""

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QFrame):
    """One notice at a time: a sentence, an optional action button, and Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("kind", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(8)
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.setObjectName("noticeAction")
        self.action.setAccessibleName(self.tr("Next step"))
        self.action.clicked.connect(self._on_action)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("noticeClose")
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self.hide()

    def show_notice(self, text: str, action_text: str = "",
                    action: Callable[[], None] | None = None, *, kind: str = "info") -> None:
        """Show text ("info", or "problem" for something that did not work) with an action."""
        self.text.setText(text)
        self.setAccessibleName(text)
        self._callback = action
        self.action.setText(action_text)
        self.action.setAccessibleName(action_text or self.tr("Next step"))
        self.action.setVisible(bool(action_text) and action is not None)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    @Slot()
    def _on_action(self) -> None:
        if self._callback is not None:
            self._callback()
