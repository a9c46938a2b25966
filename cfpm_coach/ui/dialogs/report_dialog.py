"""Choose a report's subject, period, paper and file; then open it, and print it if asked."""

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cfpm_coach.ui.models.table_models import date_edit_format
from cfpm_coach.ui.widgets.form_rows import add_row, roomy_form

KINDS = ("observation", "worker", "unit")


@dataclass(frozen=True)
class ReportRequest:
    """What to render and where."""

    kind: str  # "observation", "worker" or "unit"
    subject: uuid.UUID | str  # observation id, worker id, or office name
    start: date
    end: date
    paper: str
    path: Path
    print_after: bool


class ReportDialog(QDialog):
    """A short form; the subject comes from where the coach asked for the report."""

    def __init__(self, parent: QWidget | None, kind: str, subject: uuid.UUID | str,
                 subject_label: str, default_path: Path, offices: list[str] | None = None
                 ) -> None:
        super().__init__(parent)
        titles = {"observation": self.tr("Observation Record"),
                  "worker": self.tr("Worker Coaching Summary"),
                  "unit": self.tr("Unit Summary")}
        self.setWindowTitle(titles[kind])
        self.setObjectName("reportDialog")
        self.kind, self.subject = kind, subject
        form = QFormLayout(self)
        if kind == "unit":
            self.office = QComboBox()
            self.office.setAccessibleName(self.tr("Office"))
            self.office.addItems(offices or [])
            self.office.setCurrentText(str(subject))
            form.addRow(self.tr("&Office"), self.office)
        else:
            form.addRow(self.tr("For"), QLabel(subject_label))
        today = QDate.currentDate()
        self.start = QDateEdit(today.addYears(-1))
        self.end = QDateEdit(today)
        for field, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
            field.setCalendarPopup(True)
            field.setDisplayFormat(date_edit_format())
            field.setAccessibleName(name)
        if kind != "observation":
            period = QHBoxLayout()
            period.addWidget(self.start)
            period.addWidget(QLabel(self.tr("to")))
            period.addWidget(self.end)
            add_row(form, self.tr("&Period"), period, self.start)
        self.paper = QComboBox()
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.paper.addItem("A4", "a4")
        form.addRow(self.tr("P&aper"), self.paper)
        self.path = QLineEdit(str(default_path))
        self.path.setAccessibleName(self.tr("Save to"))
        browse = QPushButton(self.tr("Browse\u2026"))
        browse.setAutoDefault(False)  # Enter creates the PDF; it never opens the file picker
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        add_row(form, self.tr("&Save to"), where, self.path)
        self.print_after = QCheckBox(self.tr("Print it too"))
        form.addRow("", self.print_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        create = buttons.addButton(self.tr("Create PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        create.setDefault(True)  # once in the dialog, or the dialog never hears of it
        roomy_form(form, self.path)

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def request(self) -> ReportRequest:
        """What was chosen."""
        subject = self.office.currentText() if self.kind == "unit" else self.subject
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return ReportRequest(self.kind, subject, start, end, self.paper.currentData(),
                             Path(self.path.text()).expanduser(), self.print_after.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, kind: str, subject: uuid.UUID | str, subject_label: str,
            default_path: Path, offices: list[str] | None = None) -> ReportRequest | None:
        """Open the dialog; the request, or None when cancelled."""
        dialog = cls(parent, kind, subject, subject_label, default_path, offices)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
