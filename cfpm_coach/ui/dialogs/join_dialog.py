"""Join your team: paste the invitation code or link, and the laptop sets its own sync up.

The join runs off the GUI thread (it talks to the hub). A refusal keeps the dialog open with what
was typed and says why in words; success says where records will go, then Close.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cfpm_coach.errors import CoachError
from cfpm_coach.services.sync import SyncMode
from cfpm_coach.ui.runtime.errors import sentence

if TYPE_CHECKING:
    from cfpm_coach.services.joining import JoinResult
    from cfpm_coach.ui.runtime.tasks import TaskRunner

Joiner = Callable[[str, str], "JoinResult"]
FileJoiner = Callable[[Path, str], "JoinResult"]


class JoinDialog(QDialog):
    """The code or link, the hub's address if the code came without one, and Join."""

    def __init__(self, parent: QWidget | None, runner: "TaskRunner", join: Joiner,
                 hub_url: str = "", join_file: FileJoiner | None = None) -> None:
        super().__init__(parent)
        self._join_file = join_file
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Join Your Team"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._runner, self._join = runner, join
        self.joined: JoinResult | None = None
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "Paste the invitation the central team sent you: a code such as ABCD-EFGH-JK12, or "
            "a link starting with cfpm-coach://. This laptop sends its public key with it and "
            "receives everything sync needs; nothing else to copy."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.code = QPlainTextEdit()
        self.code.setObjectName("joinCode")
        self.code.setTabChangesFocus(True)
        self.code.setAccessibleName(self.tr("Invitation code or link"))
        self.code.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        code_label = QLabel(self.tr("Invitation &code or link"))
        code_label.setBuddy(self.code)
        form.addRow(code_label, self.code)
        self.hub_url = QLineEdit(hub_url)
        self.hub_url.setObjectName("joinHubUrl")
        self.hub_url.setPlaceholderText(self.tr("https://hub.example.org (not needed with a link)"))
        self.hub_url.setAccessibleName(self.tr("Hub address"))
        form.addRow(self.tr("Hub &address"), self.hub_url)
        self.problem = QLabel()
        self.problem.setObjectName("joinProblem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        form.addRow(self.problem)
        self.outcome = QLabel()
        self.outcome.setObjectName("joinOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        form.addRow(self.outcome)
        self.buttons = QDialogButtonBox()
        self.join_button = self.buttons.addButton(self.tr("&Join"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        self.file_button = self.buttons.addButton(self.tr("Use an invitation &file\u2026"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.setObjectName("joinFileButton")
        self.file_button.setToolTip(self.tr("For teams that sync through a shared folder: the "
                                            "file the central team gave you"))
        self.file_button.setVisible(join_file is not None)
        self.file_button.clicked.connect(self._choose_file)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.join_button.clicked.connect(self.start_join)
        self.close_button.clicked.connect(self._close)
        form.addRow(self.buttons)
        self.code.setFocus()

    @Slot()
    def start_join(self) -> None:
        """Send the code and this laptop's key (on the network thread)."""
        text, address = self.code.toPlainText(), self.hub_url.text()
        self.problem.hide()
        self.join_button.setEnabled(False)
        self.join_button.setText(self.tr("Joining\u2026"))
        join = self._join
        self._runner.run(lambda: join(text, address), self._on_joined, self._on_failed)

    @Slot()
    def _choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Invitation file"), "",
            self.tr("CFPM Coach invitations (*.cfpm-invitation);;All files (*)"))
        if not chosen or self._join_file is None:
            return
        self.problem.hide()
        self.join_button.setEnabled(False)
        self.file_button.setEnabled(False)
        join_file, path = self._join_file, Path(chosen)
        self._runner.run(lambda: join_file(path, ""), self._on_joined, self._on_failed)

    def _on_joined(self, result: "JoinResult") -> None:
        self.joined = result
        if result.settings.mode == SyncMode.FOLDER:
            text = self.tr(
                "Done: sync now goes to the shared folder %1, sealed with the team's key. The "
                "hub enrolls this laptop (%2's) when it next takes the folder's files.")
        else:
            text = self.tr(
                "Done: this laptop has joined the team's hub at %1 as %2's laptop. Sync is set "
                "up and sends your records there, sealed with the team's key.")
        self.outcome.setText(text.replace("%1", result.destination)
                             .replace("%2", result.coach_name))
        self.outcome.setAccessibleDescription(self.outcome.text())
        self.outcome.show()
        self.code.setReadOnly(True)
        self.hub_url.setReadOnly(True)
        self.join_button.hide()
        self.file_button.hide()
        self.close_button.setText(self.tr("&Close"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _on_failed(self, error: BaseException) -> None:
        message = sentence(error) if isinstance(error, CoachError) else self.tr(
            "Joining failed unexpectedly; nothing was changed. Try again, and tell the central "
            "team if it happens again.")
        self.problem.setText(message)
        self.problem.setAccessibleDescription(message)
        self.problem.show()
        self.join_button.setEnabled(True)
        self.file_button.setEnabled(True)
        self.join_button.setText(self.tr("&Join"))
        self.code.setFocus()

    @Slot()
    def _close(self) -> None:
        if self.joined is not None:
            self.accept()
        else:
            self.reject()

    @classmethod
    def ask(cls, parent: QWidget | None, runner: "TaskRunner", join: Joiner,
            hub_url: str = "", join_file: FileJoiner | None = None) -> "JoinResult | None":
        """Show the dialog; what joining set up, or None when the coach closed it before."""
        dialog = cls(parent, runner, join, hub_url, join_file)
        dialog.exec()
        return dialog.joined

    def keyPressEvent(self, event: Any) -> None:
        """Return in the address field joins (the code box keeps Return for pasted lines)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.join_button.isVisible():
            if self.join_button.isEnabled():
                self.start_join()
            return
        super().keyPressEvent(event)
