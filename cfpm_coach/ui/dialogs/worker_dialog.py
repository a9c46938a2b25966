"""Add or edit a worker."""

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from cfpm_coach.ui.widgets.form_rows import roomy_form
from cfpm_coach.views.workers import WorkerView


@dataclass(frozen=True)
class WorkerFields:
    """What the dialog returns."""

    name: str
    role: str
    unit: str
    office: str
    county: str


class WorkerDialog(QDialog):
    """Name (required), role, unit, office and county of a worker."""

    def __init__(self, parent: QWidget | None = None, worker: WorkerView | None = None,
                 default_office: str = "", default_county: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit Worker") if worker else self.tr("Add Worker"))
        self.setObjectName("workerDialog")
        form = QFormLayout(self)
        self.name = QLineEdit(worker.name if worker else "")
        self.role = QLineEdit(worker.role if worker else "")
        self.unit = QLineEdit(worker.unit if worker else "")
        self.office = QLineEdit(worker.office if worker else default_office)
        self.county = QLineEdit(worker.county if worker else default_county)
        for label, field, accessible in (
            (self.tr("&Name"), self.name, self.tr("Worker name")),
            (self.tr("&Role"), self.role, self.tr("Role")),
            (self.tr("&Unit"), self.unit, self.tr("Unit")),
            (self.tr("&Office"), self.office, self.tr("Office")),
            (self.tr("&County"), self.county, self.tr("County")),
        ):
            field.setAccessibleName(accessible)
            field.setMaxLength(120)
            form.addRow(label, field)
        note = QLabel(self.tr("Staff being coached only: never a child's or family's name."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        roomy_form(form, self.name)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name.text().strip()))

    def fields(self) -> WorkerFields:
        """The values typed."""
        return WorkerFields(self.name.text().strip(), self.role.text().strip(),
                            self.unit.text().strip(), self.office.text().strip(),
                            self.county.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, worker: WorkerView | None = None,
            default_office: str = "", default_county: str = "") -> WorkerFields | None:
        """Open the dialog; the fields, or None when cancelled."""
        dialog = cls(parent, worker, default_office, default_county)
        return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None
