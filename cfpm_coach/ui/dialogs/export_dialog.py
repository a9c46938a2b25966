"""Export a bundle for the central team to a folder (shared drive, USB stick)."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
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

from cfpm_coach.ui.widgets import team_key
from cfpm_coach.ui.widgets.form_rows import add_row, grow_to_fit


@dataclass(frozen=True)
class ExportRequest:
    """What the coach chose."""

    recipient: str
    folder: Path
    full: bool
    include_case_refs: bool
    omit_notes: bool


class ExportDialog(QDialog):
    """The team's public key (remembered), a folder, and what to leave out.

    Export asks for the bundle with export_requested and stays open until the flow says it is
    written (finish) or why not (show_problem): an error never closes it or loses what was typed.
    """

    export_requested = Signal(object)  # ExportRequest

    def __init__(self, parent: QWidget | None, recipient: str, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export for the Central Team"))
        self.setObjectName("exportDialog")
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        intro = QLabel(self.tr(
            "Writes one sealed, signed file with everything changed since your last export. "
            "Only the central team can open it. Copy it to the shared drive or a USB stick."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.recipient = QLineEdit(recipient)
        self.recipient.setCursorPosition(0)  # a long key shows its start (age1...)
        self.recipient.setPlaceholderText("age1\u2026")
        self.recipient.setAccessibleName(self.tr("Central team's public key"))
        self.recipient.textEdited.connect(self._on_key_edited)
        form.addRow(self.tr("Team's &key"), self.recipient)
        self.key_hint = QLabel(team_key.hint())
        self.key_hint.setObjectName("fieldHint")
        self.key_hint.setProperty("role", "hint")
        self.key_hint.setWordWrap(True)
        form.addRow("", self.key_hint)
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName(self.tr("Folder"))
        self.browse = QPushButton(self.tr("Browse\u2026"))
        self.browse.setAutoDefault(False)  # Enter exports; it never opens the folder picker
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        add_row(form, self.tr("&Folder"), row, self.folder)
        self.full = QCheckBox(self.tr("Everything, not only what changed"))
        self.case_refs = QCheckBox(self.tr("Include case references"))
        self.omit_notes = QCheckBox(self.tr("Leave out evidence notes and other free text"))
        for box in (self.full, self.case_refs, self.omit_notes):
            form.addRow("", box)
        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        # Only once the button is in the dialog: set before, the dialog never hears of it and
        # makes the first button in the focus chain (Cancel) the one Enter presses.
        self.export_button.setDefault(True)

    @Slot(str)
    def _on_key_edited(self, text: str) -> None:
        # A key pasted from an e-mail or a PDF arrives broken over lines: join it as it lands.
        key = team_key.normalized(text)
        if key != text:
            self.recipient.setText(key)
        self.problem.hide()

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.folder.text())
        if folder:
            self.folder.setText(folder)

    @Slot()
    def accept(self) -> None:
        """Ask for the export when the key is a team key; else say why and stay open."""
        why = team_key.problem(self.recipient.text())
        if why:
            self.show_problem(why)
            self.recipient.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.recipient.setText(team_key.normalized(self.recipient.text()))
        self.recipient.setCursorPosition(0)
        self.problem.hide()
        self.set_busy(True)
        self.export_requested.emit(self.request())

    def set_busy(self, busy: bool) -> None:
        """While the bundle is sealed nothing can be pressed twice."""
        self.export_button.setEnabled(not busy)
        self.export_button.setText(self.tr("Exporting\u2026") if busy else self.tr("Export"))

    def show_problem(self, text: str) -> None:
        """Why the export did not happen, under the fields; everything typed stays."""
        self.set_busy(False)
        self.problem.setText(text)
        self.problem.setAccessibleDescription(text)
        self.problem.show()
        grow_to_fit(self)

    def finish(self) -> None:
        """The bundle is written: close."""
        self.set_busy(False)
        super().accept()

    def request(self) -> ExportRequest:
        """What was chosen."""
        return ExportRequest(team_key.normalized(self.recipient.text()),
                             Path(self.folder.text().strip()).expanduser(),
                             self.full.isChecked(), self.case_refs.isChecked(),
                             self.omit_notes.isChecked())
