"""The coach's profile fields (name, role, county, office), shared by Settings and the welcome."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from cfpm_coach.views.workers import CoachView

MAX_LENGTH = 120


class ProfileFields(QGroupBox):
    """A titled group with the four profile fields, filled from a profile when given."""

    def __init__(self, title: str, coach: CoachView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.name = QLineEdit(coach.name if coach else "")
        self.role = QLineEdit(coach.role if coach else "")
        self.county = QLineEdit(coach.county if coach else "")
        self.office = QLineEdit(coach.office if coach else "")
        for label, field in ((self.tr("&Name"), self.name), (self.tr("&Role"), self.role),
                             (self.tr("&County"), self.county), (self.tr("&Office"), self.office)):
            field.setAccessibleName(label.replace("&", ""))
            field.setMaxLength(MAX_LENGTH)
            form.addRow(label, field)
