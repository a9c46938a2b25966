"""Export a bundle for the central team to a folder (shared drive, USB stick)."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
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

from cfpm_coach.ui.form_rows import add_row


@dataclass(frozen=True)
class ExportRequest:
    """What the coach chose."""

    recipient: str
    folder: Path
    full: bool
    include_case_refs: bool
    omit_notes: bool


class ExportDialog(QDialog):
    """The team's public key (remembered), a folder, and what to leave out."""

    def __init__(self, parent: QWidget | None, recipient: str, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export for the central team"))
        self.setObjectName("exportDialog")
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "Writes one sealed, signed file with everything changed since your last export. "
            "Only the central team can open it. Copy it to the shared drive or a USB stick."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.recipient = QLineEdit(recipient)
        self.recipient.setCursorPosition(0)  # a long key shows its start (age1...)
        self.recipient.setPlaceholderText("age1\u2026")
        self.recipient.setAccessibleName(self.tr("Central team's public key"))
        form.addRow(self.tr("Team's &key"), self.recipient)
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(self.tr("Browse\u2026"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        add_row(form, self.tr("&Folder"), row, self.folder)
        self.full = QCheckBox(self.tr("Everything, not only what changed"))
        self.case_refs = QCheckBox(self.tr("Include case references"))
        self.omit_notes = QCheckBox(self.tr("Leave out evidence notes and other free text"))
        for box in (self.full, self.case_refs, self.omit_notes):
            form.addRow("", box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.recipient.textChanged.connect(self._update_ok)
        self._update_ok()

    @Slot()
    def _update_ok(self) -> None:
        self.export_button.setEnabled(self.recipient.text().strip().startswith("age1"))

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def request(self) -> ExportRequest:
        """What was chosen."""
        return ExportRequest(self.recipient.text().strip(), Path(self.folder.text()).expanduser(),
                             self.full.isChecked(), self.case_refs.isChecked(),
                             self.omit_notes.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, recipient: str, folder: Path) -> ExportRequest | None:
        """Open the dialog; the request, or None when cancelled."""
        dialog = cls(parent, recipient, folder)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
