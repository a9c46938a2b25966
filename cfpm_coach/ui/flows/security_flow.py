"""The passphrase in the window: unlock on opening, and set, change or remove it."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import PassphraseRequiredError, WrongPassphraseError
from cfpm_coach.ui.dialogs.passphrase_dialogs import PassphraseChange, PassphraseDialog, UnlockDialog
from cfpm_coach.ui.runtime.errors import show_error

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow


class SecurityFlow(QObject):
    """Owns the passphrase: asked for before an encrypted store opens, changed on request."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.passphrase_action = QAction(self.tr("&Passphrase\u2026"), window)
        self.passphrase_action.setObjectName("passphrase")
        self.passphrase_action.setStatusTip(
            self.tr("Encrypt your data behind a passphrase, or change or remove it"))
        self.passphrase_action.setEnabled(False)
        self.passphrase_action.triggered.connect(self.change_passphrase)

    def handle_open_failure(self, error: BaseException) -> bool:
        """Ask for the passphrase when that is why the store did not open; False otherwise."""
        if not isinstance(error, PassphraseRequiredError | WrongPassphraseError):
            return False
        message = "" if isinstance(error, PassphraseRequiredError) else self.tr(
            "That passphrase does not open your data. Check Caps Lock and try again.")
        passphrase = UnlockDialog.ask(self.window, message)
        if passphrase is None:
            # Nothing can be shown without the data: leave as the coach asked.
            self.window.close()
            return True
        self.window.store_label.setText(self.tr("Opening your encrypted data\u2026"))
        self.window.backend.open(passphrase)
        return True

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace."""
        return self.window.workspace

    def store_encrypted(self) -> bool:
        """True when the open store has a passphrase."""
        return self.workspace is not None and self.workspace.security.encrypted

    def check(self, passphrase: str) -> bool:
        """True when passphrase is the open store's."""
        return self.workspace is not None and self.workspace.security.check(passphrase)

    @Slot()
    def change_passphrase(self) -> None:
        """Set, change or remove the passphrase (the data is re-encrypted on the worker)."""
        if self.workspace is None:
            return
        change = PassphraseDialog.ask(self.window, self.store_encrypted())
        if change is None:
            return
        self.window.checklist.flush_notes()
        self.window.backend.write(lambda ws: _apply(ws, change), self._on_changed,
                                  self._on_failed)
        self.window.statusBar().showMessage(self.tr("Encrypting your data\u2026"))

    def _on_changed(self, encrypted: object) -> None:
        self.window.statusBar().showMessage(
            self.tr("Your data and its backups are encrypted under the new passphrase.")
            if encrypted else self.tr("Your data is no longer encrypted."), 10_000)

    def _on_failed(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        show_error(self.window, error, self.tr("The passphrase was not changed"))


def _apply(ws: Workspace, change: PassphraseChange) -> bool:
    if change.new is None:
        ws.security.remove_passphrase(change.current or "")
    else:
        ws.security.set_passphrase(change.new, current_passphrase=change.current)
    return ws.security.encrypted
