"""A one-paragraph text field (an evidence note, a goal) that grows to show what is typed.

A QLineEdit has no text document, so it cannot underline misspelled words, and a long note
scrolls out of sight in it. This field keeps a QLineEdit's manners (one paragraph, Enter is
left to the parent, text()/setText(), textEdited and editingFinished, a maximum length) on a
QPlainTextEdit that wraps and grows up to a few lines, then scrolls.
"""

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

from cfpm_coach.ui.look import appearance, theme

MOST_LINES_SHOWN = 5
DOCUMENT_MARGIN = 2  # px between the frame and the text


def one_paragraph(text: str) -> str:
    """text with its line breaks made spaces (as a QLineEdit pastes them)."""
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
                    .split("\n"))


class NoteField(QPlainTextEdit):
    """One paragraph of prose, spell-checked, wrapping and growing to MOST_LINES_SHOWN lines."""

    textEdited = Signal(str)  # typed or pasted by the person, not set by the program
    editingFinished = Signal()  # the field lost the keyboard focus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_length = 32767
        self._setting = False
        self._clear_button = False
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.textChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        from cfpm_coach.ui.widgets import spell_check  # not on the start-up path (see ChecklistPage.load)

        self.spelling = spell_check.attach(self)
        self._fit_height()

    # -- QLineEdit's API -----------------------------------------------------------------------

    def text(self) -> str:
        """The text shown."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Show text (no textEdited)."""
        self._setting = True
        try:
            self.setPlainText(one_paragraph(text)[:self._max_length])
        finally:
            self._setting = False

    def setMaxLength(self, length: int) -> None:
        """Keep at most length characters."""
        self._max_length = length

    def maxLength(self) -> int:
        """The most characters kept."""
        return self._max_length

    def setClearButtonEnabled(self, enabled: bool) -> None:
        """Remembered for QLineEdit's callers; Ctrl+A then Delete clears this field."""
        self._clear_button = enabled

    def isClearButtonEnabled(self) -> bool:
        """What setClearButtonEnabled was last given."""
        return self._clear_button

    # -- behaviour -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # one paragraph: Enter belongs to the row or the dialog
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(one_paragraph(source.text()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the right-click menu
            self.editingFinished.emit()

    @Slot()
    def _changed(self) -> None:
        if self.document().characterCount() - 1 > self._max_length:
            from PySide6.QtGui import QTextCursor  # rare: its enums are start-up milliseconds

            cursor = QTextCursor(self.document())
            cursor.setPosition(self._max_length)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            return  # removing emits textChanged again
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    @Slot()
    def _fit_height(self) -> None:
        lines = max(1, min(MOST_LINES_SHOWN, round(self.document().size().height())))
        margins = self.contentsMargins()
        # The frame as the style draws it: a style sheet's border and padding (the dark theme's
        # 3 px) left the text 4 px short, and a scroll bar showed in every empty note.
        frame = margins.top() + margins.bottom() + 2 * max(1, self.frameWidth())
        text = lines * self.fontMetrics().lineSpacing()
        # In the touch density a note is a finger's target (it was 22 px): the room it lacks
        # goes round the text, so one line sits in the middle of the field.
        least = theme.TOUCH_TARGET_PX if appearance.current().density == "touch" else 0
        margin = max(DOCUMENT_MARGIN, (least - text - frame + 1) // 2)
        if margin != self.document().documentMargin():
            self.document().setDocumentMargin(margin)
        height = text + 2 * margin + frame
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if lines >= MOST_LINES_SHOWN
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The text size setting, or the density (a new style sheet).
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height())
