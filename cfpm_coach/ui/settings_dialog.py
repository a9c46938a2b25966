"""Settings: the coach profile, the default instrument, where the data lives."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.services.read_models import CoachView
from cfpm_coach.ui.i18n import LANGUAGES, chosen_language
from cfpm_coach.ui.profile_fields import ProfileFields


@dataclass(frozen=True)
class SettingsValues:
    """What the dialog returns."""

    name: str
    role: str
    county: str
    office: str
    default_instrument: str
    not_observed_weeks: int
    idle_lock_minutes: int = 10
    language: str = ""


class SettingsDialog(QDialog):
    """Profile and preferences."""

    def __init__(self, parent: QWidget | None, coach: CoachView, instruments: list[Instrument],
                 default_instrument: str, data_dir: Path, not_observed_weeks: int = 6,
                 idle_lock_minutes: int = 10) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        layout = QVBoxLayout(self)

        profile = ProfileFields(self.tr("Coach profile"), coach)
        self.name, self.role = profile.name, profile.role
        self.county, self.office = profile.county, profile.office
        layout.addWidget(profile)

        prefs = QGroupBox(self.tr("Observations"))
        prefs_form = QFormLayout(prefs)
        self.instrument = QComboBox()
        self.instrument.setAccessibleName(self.tr("Default instrument"))
        for instrument in instruments:
            if instrument.subject != "office":  # the default for a worker's new observation
                self.instrument.addItem(instrument.title, instrument.id)
        self.instrument.setCurrentIndex(max(0, self.instrument.findData(default_instrument)))
        prefs_form.addRow(self.tr("Default &instrument"), self.instrument)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(not_observed_weeks)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.setAccessibleName(self.tr("Not observed for"))
        self.weeks.setToolTip(self.tr("Coming up lists workers not observed for this long"))
        prefs_form.addRow(self.tr("&Not observed for"), self.weeks)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setValue(idle_lock_minutes)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setAccessibleName(self.tr("Lock after idle"))
        self.idle.setToolTip(self.tr("Hide the window's content after this long without use"))
        prefs_form.addRow(self.tr("&Lock after idle"), self.idle)
        layout.addWidget(prefs)

        storage = QGroupBox(self.tr("Data"))
        storage_form = QFormLayout(storage)
        folder_row = QHBoxLayout()
        folder = QLineEdit(str(data_dir))
        folder.setReadOnly(True)
        folder.setAccessibleName(self.tr("Data folder"))
        folder_row.addWidget(folder, 1)
        open_button = QPushButton(self.tr("Open folder"))
        self._data_dir = data_dir
        open_button.clicked.connect(self._open_folder)
        folder_row.addWidget(open_button)
        storage_form.addRow(self.tr("Data folder"), folder_row)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(name if code else self.tr("System default"), code)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language(data_dir))))
        self.language.setToolTip(self.tr("Takes effect the next time CFPM Coach starts"))
        storage_form.addRow(self.tr("&Language"), self.language)
        layout.addWidget(storage)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update_ok)
        layout.addWidget(self.buttons)

    @Slot()
    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))

    @Slot()
    def _update_ok(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name.text().strip()))

    def values(self) -> SettingsValues:
        """What was typed."""
        return SettingsValues(self.name.text().strip(), self.role.text().strip(),
                              self.county.text().strip(), self.office.text().strip(),
                              self.instrument.currentData(), self.weeks.value(),
                              self.idle.value(), self.language.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, coach: CoachView, instruments: list[Instrument],
            default_instrument: str, data_dir: Path, not_observed_weeks: int = 6,
            idle_lock_minutes: int = 10) -> SettingsValues | None:
        """Open the dialog; the values, or None when cancelled."""
        dialog = cls(parent, coach, instruments, default_instrument, data_dir,
                     not_observed_weeks, idle_lock_minutes)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
