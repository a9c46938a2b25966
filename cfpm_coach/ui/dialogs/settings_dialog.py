"""Settings: the coach profile, the practice and default instruments, where the data lives."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
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
from cfpm_coach.ui.language.i18n import LANGUAGES, chosen_language
from cfpm_coach.ui.look import appearance
from cfpm_coach.ui.look.appearance import Appearance
from cfpm_coach.ui.widgets import spell_check
from cfpm_coach.ui.widgets.form_rows import ScreenHighScroller
from cfpm_coach.ui.widgets.profile_fields import ProfileFields
from cfpm_coach.views.workers import CoachView


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
    practice_instrument: tuple[str, int] | None = None  # (id, version)
    appearance: Appearance = field(default_factory=Appearance)
    spell_check: bool = True


class SettingsDialog(QDialog):
    """Profile and preferences."""

    def __init__(self, parent: QWidget | None, coach: CoachView, instruments: list[Instrument],
                 default_instrument: str, data_dir: Path, not_observed_weeks: int = 6,
                 idle_lock_minutes: int = 10, *,
                 practice_instruments: Sequence[Instrument] = (),
                 practice: tuple[str, int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        outer = QVBoxLayout(self)
        fields = QWidget()
        layout = QVBoxLayout(fields)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(ScreenHighScroller(fields), 1)

        profile = ProfileFields(self.tr("Coach profile"), coach)
        self.name, self.role = profile.name, profile.role
        self.county, self.office = profile.county, profile.office
        layout.addWidget(profile)

        prefs = QGroupBox(self.tr("Observations"))
        prefs_form = QFormLayout(prefs)
        self.practice = self._practice_choice(
            list(practice_instruments) or [i for i in instruments if i.kind == "practice"],
            practice)
        prefs_form.addRow(self.tr("&Practice instrument"), self.practice)
        self.instrument = QComboBox()
        self.instrument.setAccessibleName(self.tr("Default instrument"))
        self.instrument.setToolTip(self.tr("What New observation offers first"))
        # A practice instrument is offered through the practice choice above, so the two
        # settings cannot disagree; another kind (leadership) can be the default instead.
        self.instrument.addItem(self.tr("The practice instrument"), "")
        for instrument in instruments:
            # Offices are not observed from New observation yet, so no office instrument.
            if instrument.kind != "practice" and instrument.subject != "office":
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
        self.spelling = QCheckBox(self.tr("Underline &misspelled words in notes"))
        self.spelling.setObjectName("spellCheckChoice")
        self.spelling.setChecked(spell_check.is_enabled(data_dir))
        self.spelling.setToolTip(self.tr("Checks notes in the language CFPM Coach shows; "
                                         "right-click an underlined word for corrections"))
        prefs_form.addRow(self.spelling)
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
        layout.addWidget(self._appearance_group(appearance.load(data_dir)))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update_ok)
        outer.addWidget(self.buttons)

    def _appearance_group(self, current: Appearance) -> QGroupBox:
        """Colours, text size and density: applied as soon as Settings is saved."""
        group = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(group)
        self.scheme = QComboBox()
        self.scheme.setObjectName("colorSchemeChoice")
        self.scheme.setAccessibleName(self.tr("Colour scheme"))
        for code, label in ((code, {"": self.tr("Same as the system"), "light": self.tr("Light"),
                                    "dark": self.tr("Dark")}[code])
                            for code, _ in appearance.SCHEMES):
            self.scheme.addItem(label, code)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(current.scheme)))
        form.addRow(self.tr("Colour sc&heme"), self.scheme)
        self.text_size = QComboBox()
        self.text_size.setObjectName("textSizeChoice")
        self.text_size.setAccessibleName(self.tr("Text size"))
        for code, label in (("normal", self.tr("Normal")), ("large", self.tr("Large")),
                            ("larger", self.tr("Larger"))):
            self.text_size.addItem(label, code)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(current.text_size)))
        form.addRow(self.tr("&Text size"), self.text_size)
        self.density = QComboBox()
        self.density.setObjectName("densityChoice")
        self.density.setAccessibleName(self.tr("Density"))
        self.density.addItem(self.tr("Standard"), "standard")
        self.density.addItem(self.tr("Touch (larger buttons for a finger)"), "touch")
        self.density.setCurrentIndex(max(0, self.density.findData(current.density)))
        form.addRow(self.tr("&Density"), self.density)
        return group

    def _practice_choice(self, instruments: list[Instrument],
                         current: tuple[str, int] | None) -> QComboBox:
        """One entry per installed practice instrument version, the newest of each id first."""
        combo = QComboBox()
        combo.setObjectName("practiceInstrumentChoice")
        combo.setAccessibleName(self.tr("Practice instrument"))
        combo.setToolTip(self.tr("The instrument whose elements the worker list, trends, "
                                 "suggested focus and goals show, and that New observation "
                                 "offers first"))
        newest: dict[str, int] = {}
        for instrument in instruments:
            newest[instrument.id] = max(newest.get(instrument.id, 0), instrument.version)
        for instrument in sorted(instruments, key=lambda i: (i.version != newest[i.id], i.title,
                                                             -i.version)):
            text = f"{instrument.title} (v{instrument.version})"
            if instrument.version != newest[instrument.id]:
                text += self.tr(" \u2014 earlier version")
            combo.addItem(text, instrument.key)
        keys = [combo.itemData(i) for i in range(combo.count())]
        combo.setCurrentIndex(keys.index(current) if current in keys else 0)
        return combo

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
                              self.idle.value(), self.language.currentData(),
                              self._chosen_practice(),
                              Appearance(self.scheme.currentData(),
                                         self.text_size.currentData(),
                                         self.density.currentData()),
                              self.spelling.isChecked())

    def _chosen_practice(self) -> tuple[str, int] | None:
        key = self.practice.currentData()
        return (str(key[0]), int(key[1])) if key else None

    @classmethod
    def ask(cls, parent: QWidget | None, coach: CoachView, instruments: list[Instrument],
            default_instrument: str, data_dir: Path, not_observed_weeks: int = 6,
            idle_lock_minutes: int = 10, *, practice_instruments: Sequence[Instrument] = (),
            practice: tuple[str, int] | None = None) -> SettingsValues | None:
        """Open the dialog; the values, or None when cancelled."""
        dialog = cls(parent, coach, instruments, default_instrument, data_dir,
                     not_observed_weeks, idle_lock_minutes,
                     practice_instruments=practice_instruments, practice=practice)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
