"""Where sync sends bundles: the central hub (address and enrollment token) or a shared folder.

"Join your team" fills all of it from an invitation code; the laptop's own public key is shown
with a Copy button for a team that still enrolls laptops by hand.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.sync import SyncMode, SyncSettings
from cfpm_coach.sync.hub_address import InsecureHubAddressError, check_hub_url
from cfpm_coach.ui.dialogs.join_dialog import FileJoiner, JoinDialog, Joiner
from cfpm_coach.ui.widgets import team_key
from cfpm_coach.ui.widgets.form_rows import add_row, grow_to_fit
from cfpm_coach.ui.widgets.laptop_key import LaptopKeyRow

if TYPE_CHECKING:
    from cfpm_coach.ui.runtime.tasks import TaskRunner


class SyncSettingsDialog(QDialog):
    """The hub or the folder, the team's key, and automatic sync."""

    def __init__(self, parent: QWidget | None, current: SyncSettings,
                 laptop: tuple[str, str] | None = None, runner: "TaskRunner | None" = None,
                 join: Joiner | None = None, join_file: FileJoiner | None = None) -> None:
        super().__init__(parent)
        self._runner, self._join, self._join_file = runner, join, join_file
        self.joined: object | None = None
        self.setWindowTitle(self.tr("Sync Settings"))
        self.setObjectName("syncSettingsDialog")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "Your records go to the central team sealed with their key. Ask them for the hub's "
            "address and your enrollment token, or use a shared folder."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.join_button = QPushButton(self.tr("&Join your team with an invitation code\u2026"))
        self.join_button.setObjectName("joinTeamButton")
        self.join_button.setAutoDefault(False)
        self.join_button.clicked.connect(self._join_team)
        self.join_button.setVisible(join is not None and runner is not None)
        form.addRow(self.join_button)
        self.use_hub = QRadioButton(self.tr("Central &hub"))
        self.use_folder = QRadioButton(self.tr("Shared &folder"))
        group = QButtonGroup(self)
        group.addButton(self.use_hub)
        group.addButton(self.use_folder)
        choice = QHBoxLayout()
        choice.addWidget(self.use_hub)
        choice.addWidget(self.use_folder)
        choice.addStretch(1)
        form.addRow(self.tr("Send to"), choice)
        self.hub_url = QLineEdit(current.hub_url)
        self.hub_url.setPlaceholderText("https://hub.example.org")
        self.hub_url.setAccessibleName(self.tr("Hub address"))
        form.addRow(self.tr("Hub &address"), self.hub_url)
        self.token = QLineEdit(current.token)
        self.token.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.token.setAccessibleName(self.tr("Enrollment token"))
        form.addRow(self.tr("Enrollment &token"), self.token)
        self.folder = QLineEdit(current.folder)
        self.folder.setAccessibleName(self.tr("Shared folder"))
        browse = QPushButton(self.tr("Browse\u2026"))
        browse.setAccessibleName(self.tr("Choose the shared folder"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        add_row(form, self.tr("Shared f&older"), row, self.folder)
        self.recipient = QLineEdit(current.recipient)
        self.recipient.setCursorPosition(0)  # a long key shows its start (age1...)
        self.recipient.setPlaceholderText("age1\u2026")
        self.recipient.setAccessibleName(self.tr("Central team's public key"))
        form.addRow(self.tr("Team's &key"), self.recipient)
        key_hint = QLabel(team_key.hint())
        key_hint.setProperty("role", "hint")
        key_hint.setWordWrap(True)
        form.addRow("", key_hint)
        self.automatic = QCheckBox(self.tr("Sync by itself when a connection is available"))
        self.automatic.setChecked(current.automatic)
        form.addRow("", self.automatic)
        self.interval = QSpinBox()
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(current.interval_minutes)
        self.interval.setAccessibleName(self.tr("Sync every"))
        form.addRow(self.tr("Sync &every"), self.interval)
        if laptop is not None:
            key_row = LaptopKeyRow(*laptop)
            self.laptop_key, self.copy_key = key_row.field, key_row.copy_button
            add_row(form, self.tr("This &laptop's key"), key_row, self.laptop_key)
            laptop_hint = QLabel(self.tr(
                "Send this to your central team once, so they can enroll this laptop and "
                "trust what it sends. It is public: sharing it is safe."))
            laptop_hint.setProperty("role", "hint")
            laptop_hint.setWordWrap(True)
            form.addRow("", laptop_hint)
        self.problem = QLabel()
        self.problem.setObjectName("syncSettingsProblem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        (self.use_folder if current.folder and not current.hub_url else self.use_hub
         ).setChecked(True)
        self.use_hub.toggled.connect(self._update)
        self._update()

    @Slot()
    def _update(self) -> None:
        hub = self.use_hub.isChecked()
        self.hub_url.setEnabled(hub)
        self.token.setEnabled(hub)
        self.folder.setEnabled(not hub)

    @Slot()
    def accept(self) -> None:
        """Save only a hub address the laptop may send its token to; else say why, stay open."""
        problem = self._address_problem() if self.use_hub.isChecked() else ""
        if not problem and self.recipient.text().strip():
            problem = team_key.problem(self.recipient.text())
            if problem:
                self._show_problem(problem, self.recipient)
                return
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            grow_to_fit(self)
            self.problem.setAccessibleDescription(problem)
            self.hub_url.setFocus(Qt.FocusReason.OtherFocusReason)
            self.hub_url.selectAll()
            return
        self.problem.hide()
        super().accept()

    def _show_problem(self, problem: str, field: QLineEdit) -> None:
        self.problem.setText(problem)
        self.problem.show()
        grow_to_fit(self)
        self.problem.setAccessibleDescription(problem)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _address_problem(self) -> str:
        if not self.hub_url.text().strip():
            return ""
        try:
            check_hub_url(self.hub_url.text())
        except InsecureHubAddressError:
            return self.tr(
                "This address is not encrypted (http://): your enrollment token would cross "
                "the network readable by anyone on the way. Give the hub's https:// address; "
                "http:// works only for a hub on this computer (localhost).")
        except InvalidInputError:
            return self.tr("This is not a hub address. Give the hub's web address, starting "
                           "with https:// (for example https://hub.example.org).")
        return ""

    @Slot()
    def _join_team(self) -> None:
        """Join with a code; what it set up fills the fields (and is saved already)."""
        if self._runner is None or self._join is None:
            return
        result = JoinDialog.ask(self, self._runner, self._join, self.hub_url.text().strip(),
                                self._join_file)
        if result is None:
            return
        self.joined = result
        saved = result.settings
        (self.use_folder if saved.mode == SyncMode.FOLDER else self.use_hub).setChecked(True)
        self.hub_url.setText(saved.hub_url)
        self.token.setText(saved.token)
        self.folder.setText(saved.folder)
        self.recipient.setText(saved.recipient)
        self.recipient.setCursorPosition(0)

    @Slot()
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Shared folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def settings(self) -> SyncSettings:
        """What the coach entered (the unused destination is cleared)."""
        hub = self.use_hub.isChecked()
        return SyncSettings(
            hub_url=self.hub_url.text().strip() if hub else "",
            token=self.token.text().strip() if hub else "",
            folder="" if hub else self.folder.text().strip(),
            recipient=team_key.normalized(self.recipient.text()), automatic=self.automatic.isChecked(),
            interval_minutes=self.interval.value())

    @classmethod
    def ask(cls, parent: QWidget | None, current: SyncSettings,
            laptop: tuple[str, str] | None = None, runner: "TaskRunner | None" = None,
            join: Joiner | None = None, join_file: FileJoiner | None = None
            ) -> SyncSettings | None:
        """Show the dialog (with this laptop's device id and public key); the new settings, or
        None when cancelled."""
        dialog = cls(parent, current, laptop, runner, join, join_file)
        return dialog.settings() if dialog.exec() == QDialog.DialogCode.Accepted else None
