"""Form rows whose field is a row of widgets (a line edit and its Browse… button, two dates)."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

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
