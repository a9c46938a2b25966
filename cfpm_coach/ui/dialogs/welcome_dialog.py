"""The welcome on a new store: who the coach is, a passphrase, demo data, sync (or later)."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.storage.cipher import MIN_PASSPHRASE
from cfpm_coach.ui.dialogs.passphrase_dialogs import passphrase_field
from cfpm_coach.ui.widgets.form_rows import grow_to_fit
from cfpm_coach.ui.widgets.profile_fields import ProfileFields


@dataclass(frozen=True)
class WelcomeAnswers:
    """What the coach chose on the welcome."""

    name: str
    role: str
    county: str
    office: str
    passphrase: str | None
    explore_demo: bool
    set_up_sync: bool
    join_team: bool = False


class WelcomeDialog(QDialog):
    """One page: the profile, then three optional choices, each with a sentence of why."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to CFPM Coach"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Welcome</h2>"))
        intro = QLabel(self.tr(
            "CFPM Coach helps you observe practice behaviors of the Child and Family Practice "
            "Model in the field, rate them with short evidence notes, and coach on them. "
            "Everything is saved on this laptop as you go, with or without a connection. "
            "<b>No child or family names belong here</b>: the records are about staff practice."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        layout.addWidget(intro)

        profile = ProfileFields(self.tr("About you"))
        self.name, self.role = profile.name, profile.role
        self.county, self.office = profile.county, profile.office
        self.name.setPlaceholderText(self.tr("As your reports should show it"))
        self.role.setPlaceholderText(self.tr("e.g. Practice coach, Supervisor"))
        layout.addWidget(profile)

        choices = QGroupBox(self.tr("Optional (all of these are in the menus later)"))
        box = QVBoxLayout(choices)
        self.protect = QCheckBox(self.tr("&Protect my data with a passphrase"))
        self.protect.setToolTip(self.tr("Encrypts the data file and its backups; recommended "
                                        "on a laptop that leaves the office"))
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase (at least %n characters)", "",
                                                   MIN_PASSPHRASE))
        self.repeat = passphrase_field(self.tr("Repeat the passphrase"))
        self.repeat.setPlaceholderText(self.tr("Repeat it"))
        self.demo = QCheckBox(self.tr("&Explore sample data first, in a separate demo window"))
        self.demo.setToolTip(self.tr("Never mixed with your data, never synced, and removed "
                                     "in one click"))
        self.sync = QCheckBox(self.tr("Set up &sync with the central team now"))
        self.sync.setToolTip(self.tr("You need the hub address and token from your central "
                                     "team; File > Sync settings does the same later"))
        self.join = QCheckBox(self.tr("&Join your team with an invitation code now"))
        self.join.setObjectName("welcomeJoin")
        self.join.setToolTip(self.tr("The central team sends you a code or link; this laptop "
                                     "then sets up sync by itself"))
        for widget in (self.protect, self.passphrase, self.repeat, self.demo, self.join,
                       self.sync):
            box.addWidget(widget)
        layout.addWidget(choices)
        self.problem = QLabel()
        self.problem.setObjectName("welcomeProblem")
        self.problem.setProperty("role", "error")
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(self.tr("&Start"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        self.later = self.buttons.addButton(self.tr("&Later"),
                                            QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.protect.toggled.connect(self._validate)
        for field in (self.name, self.passphrase, self.repeat):
            field.textChanged.connect(self._validate)
        self._validate()
        self.name.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """As tall as its content: a window sizing itself stops at two thirds of the screen,
        which on a 1366x768 laptop squeezed the passphrase fields to a sliver."""
        super().showEvent(event)
        grow_to_fit(self)

    @Slot()
    def _validate(self) -> None:
        protect = self.protect.isChecked()
        self.passphrase.setVisible(protect)
        self.repeat.setVisible(protect)
        if self.isVisible():
            grow_to_fit(self)  # the passphrase fields appeared
        problem = ""
        if not self.name.text().strip():
            problem = self.tr("Your name is needed for the reports you print.")
        elif protect and len(self.passphrase.text().strip()) < MIN_PASSPHRASE:
            problem = self.tr("The passphrase needs at least %n characters.", "", MIN_PASSPHRASE)
        elif protect and self.passphrase.text() != self.repeat.text():
            problem = self.tr("The two passphrases differ.")
        self.problem.setText(problem)
        self.start.setEnabled(not problem)

    def answers(self) -> WelcomeAnswers:
        """The choices made."""
        return WelcomeAnswers(
            self.name.text().strip(), self.role.text().strip(), self.county.text().strip(),
            self.office.text().strip(),
            self.passphrase.text() if self.protect.isChecked() else None,
            self.demo.isChecked(), self.sync.isChecked(), self.join.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None) -> WelcomeAnswers | None:
        """The answers, or None for Later."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answers()
