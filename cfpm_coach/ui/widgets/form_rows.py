"""Form rows whose field is a row of widgets (a line edit and its Browse… button, two dates)."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLayout, QScrollArea, QWidget

# Room for a long name ("Maria Guadalupe Hernandez Soto", 30 letters) with no scrolling.
NAME_CHARS = 36


def add_row(form: QFormLayout, text: str, field: QLayout | QWidget, buddy: QWidget) -> QLabel:
    """Add a labelled row whose Alt+letter focuses buddy.

    QFormLayout.addRow(str, QLayout) gives the label no buddy, and a label without one shows its
    "&" as a literal character instead of underlining the letter after it.
    """
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)
    return label


def roomy_form(form: QFormLayout, field: QWidget, chars: int = NAME_CHARS) -> None:
    """Fields that grow with the dialog on every platform (macOS keeps them at their hint
    otherwise), and field wide enough for chars average letters from the start."""
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    field.setMinimumWidth(field.fontMetrics().averageCharWidth() * chars)


def grow_to_fit(dialog: QWidget) -> None:
    """Make an open dialog tall enough for what it shows now (a message that appeared): a
    shown window does not grow by itself, it squeezes its wrapped labels into clipped lines."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = max(dialog.heightForWidth(dialog.width()), layout.minimumSize().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class ScreenHighScroller(QScrollArea):
    """A dialog's fields, scrolling only when the screen is too short for them: Settings in the
    touch density (40 px rows) stood 888 px high on a 768 px laptop, Save below the screen."""

    SCREEN_SHARE = 0.8  # of the screen's height, leaving room for the buttons and the title

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.content = content
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _most(self) -> int:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return int(screen.availableGeometry().height() * self.SCREEN_SHARE)

    def sizeHint(self) -> QSize:
        """The fields' own size, as high as the screen allows (a scroll bar's width more)."""
        content = self.content.sizeHint()
        if content.height() <= self._most():
            return content
        return QSize(content.width() + self.verticalScrollBar().sizeHint().width(), self._most())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the fields can be, as high as the screen allows: a window sizing itself
        stops at two thirds of the screen, and a lower minimum let it scroll on any laptop."""
        content = self.content.minimumSizeHint()
        if self.content.sizeHint().height() <= self._most():
            return content
        return QSize(content.width() + self.verticalScrollBar().sizeHint().width(),
                     min(content.height(), self._most()))
