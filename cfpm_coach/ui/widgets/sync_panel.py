"""The sync panel: what is waiting, what was sent and when, and every failure in words."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.services.sync import SyncReport, SyncStatus
from cfpm_coach.ui.models.sync_texts import changed_records, sent_summary, waiting_text, when
from cfpm_coach.ui.runtime.errors import said, sentence

if TYPE_CHECKING:
    from cfpm_coach.ui.flows.sync_flow import SyncFlow


class SyncPanel(QDialog):
    """A small window that follows the sync flow's signals; Sync now and Settings from here."""

    def __init__(self, parent: QWidget | None, flow: "SyncFlow") -> None:
        super().__init__(parent)
        self.flow = flow
        self.setWindowTitle(self.tr("Sync"))
        self.setObjectName("syncPanel")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<b>Sync with the central team</b>"))
        title.setAccessibleName(self.tr("Sync with the central team"))
        intro = QLabel(self.tr("Changes are sealed into a bundle that waits in your outbox "
                               "until the hub confirms it. Nothing is lost when you are offline."))
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        form = QFormLayout()
        self.destination = self._value("syncDestination", self.tr("Sends to"))
        self.waiting = self._value("syncWaiting", self.tr("Waiting"))
        self.last_sent = self._value("syncLastSent", self.tr("Last sent"))
        self.last_receipt = self._value("syncLastReceipt", self.tr("Last receipt"))
        for label, value in (self.tr("Sends to"), self.destination), (
                self.tr("Waiting"), self.waiting), (self.tr("Last sent"), self.last_sent), (
                self.tr("Last receipt"), self.last_receipt):
            form.addRow(label, value)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Syncing"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = self._value("syncMessage", self.tr("Result"))
        self.error = self._value("syncError", self.tr("Problem"))
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self.rejected_title = QLabel(self.tr("Refused by the hub (kept aside; their records "
                                             "travel again in the next bundle):"))
        self.rejected_title.setWordWrap(True)
        self.rejected_list = QListWidget()
        self.rejected_list.setObjectName("syncRejected")
        self.rejected_list.setAccessibleName(self.tr("Bundles refused by the hub"))
        self.rejected_list.setMaximumHeight(110)
        layout.addWidget(self.rejected_title)
        layout.addWidget(self.rejected_list)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setDefault(True)
        self.settings_button = QPushButton(self.tr("S&ettings\u2026"))
        self.settings_button.setObjectName("syncSettingsButton")
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.sync_button.clicked.connect(flow.sync_now)
        self.settings_button.clicked.connect(flow.edit_settings)
        layout.addWidget(buttons)
        flow.status_changed.connect(self.show_status)
        flow.sync_started.connect(self._on_started)
        flow.sync_finished.connect(self.show_report)
        flow.sync_failed.connect(self._on_failed)
        self.message.hide()
        self.error.hide()

    def _value(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        """Fill the panel from a status read."""
        self.destination.setText(status.destination or self.tr(
            "Not set up yet: choose Settings to enter the hub's address or a shared folder."))
        self.waiting.setText(waiting_text(status))
        self.last_sent.setText(when(status.last_sent_at) if status.last_sent_at
                               else self.tr("Never"))
        self.last_receipt.setText(changed_records(status.last_receipt) if status.last_receipt
                                  else "\u2014")
        self.error.setVisible(bool(status.last_error))
        self.error.setText(said(status.last_error, status.last_error_wording))
        self.rejected_list.clear()
        for entry in status.rejected:
            reason = (entry.note or {}).get("reason", "")
            self.rejected_list.addItem(f"{when(entry.written_at)} \u2014 {reason}")
        self.rejected_list.setVisible(bool(status.rejected))
        self.rejected_title.setVisible(bool(status.rejected))
        self.adjustSize()

    @Slot()
    def _on_started(self) -> None:
        self.progress.show()
        self.sync_button.setEnabled(False)
        self.message.setText(self.tr("Syncing\u2026"))
        self.message.show()

    @Slot(object)
    def show_report(self, report: SyncReport) -> None:
        """Say what the sync just did."""
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.message.setText(sent_summary(report))
        self.message.show()
        self.adjustSize()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.message.hide()
        self.error.setText(sentence(error))
        self.error.show()
