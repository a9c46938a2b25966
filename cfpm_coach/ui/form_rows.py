"""Form rows whose field is a row of widgets (a line edit and its Browse… button, two dates)."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def add_row(form: QFormLayout, text: str, field: QLayout, buddy: QWidget) -> QLabel:
    """Add a labelled row whose Alt+letter focuses buddy.

    QFormLayout.addRow(str, QLayout) gives the label no buddy, and a label without one shows its
    "&" as a literal character instead of underlining the letter after it.
    """
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)
    return label
