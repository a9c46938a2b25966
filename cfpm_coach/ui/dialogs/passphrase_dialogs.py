"""Asking for the passphrase: to open the store, and to set, change or remove it."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.storage.cipher import MIN_PASSPHRASE


def passphrase_field(accessible_name: str) -> QLineEdit:
    """A line edit that never shows what is typed, and keeps it out of the clipboard."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMaxLength(1024)
    field.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText)
    return field


class UnlockDialog(QDialog):
    """Asks for the passphrase that opens an encrypted store."""

    def __init__(self, parent: QWidget | None, message: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock CFPM Coach"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your coaching data is encrypted. Type your passphrase to open it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase"), self.passphrase)
        layout.addLayout(form)
        self.message = QLabel(message)
        self.message.setObjectName("unlockMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Unlock"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, message: str = "") -> str | None:
        """The passphrase typed, or None when the coach cancels."""
        dialog = cls(parent, message)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase.text()


@dataclass(frozen=True)
class PassphraseChange:
    """What the passphrase dialog asks for: a new passphrase (None: remove it)."""

    new: str | None
    current: str | None


class PassphraseDialog(QDialog):
    """Set a passphrase, or change or remove the one that encrypts the store."""

    def __init__(self, parent: QWidget | None, encrypted: bool) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.encrypted = encrypted
        self.remove_requested = False
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.setWindowTitle(self.tr("Change Passphrase") if encrypted
                            else self.tr("Protect Your Data with a Passphrase"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "With a passphrase, the data file and its backups are encrypted: a lost or shared "
            "laptop shows nothing without it. <b>There is no way to recover the data if the "
            "passphrase is forgotten</b>, so keep it somewhere safe.") if not encrypted else
            self.tr("Your data is encrypted. Type the current passphrase to change or remove it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current = passphrase_field(self.tr("Current passphrase"))
        if encrypted:
            form.addRow(self.tr("&Current passphrase"), self.current)
        self.new = passphrase_field(self.tr("New passphrase"))
        self.repeat = passphrase_field(self.tr("Repeat the new passphrase"))
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("&Repeat it"), self.repeat)
        self.show_text = QCheckBox(self.tr("&Show what I type"))
        self.show_text.toggled.connect(self._on_show)
        form.addRow("", self.show_text)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setObjectName("passphraseHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Change passphrase") if encrypted else self.tr("&Encrypt"))
        self.remove = QPushButton(self.tr("&Remove passphrase"))
        self.remove.setObjectName("removePassphrase")
        self.remove.setVisible(encrypted)
        self.remove.clicked.connect(self._on_remove)
        self.buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._validate)
        self._validate()

    @Slot(bool)
    def _on_show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.current, self.new, self.repeat):
            field.setEchoMode(mode)

    @Slot()
    def _validate(self) -> None:
        new, repeat = self.new.text(), self.repeat.text()
        problem = ""
        if len(new.strip()) < MIN_PASSPHRASE:
            problem = self.tr("At least %n characters; a few unrelated words are easy to "
                              "remember and hard to guess.", "", MIN_PASSPHRASE)
        elif new != repeat:
            problem = self.tr("The two new passphrases differ.")
        elif self.encrypted and not self.current.text():
            problem = self.tr("Type the current passphrase too.")
        self.hint.setText(problem or self.tr("Ready."))
        self.ok.setEnabled(not problem)
        self.remove.setEnabled(bool(self.current.text()))

    @Slot()
    def _on_remove(self) -> None:
        self.remove_requested = True
        self.accept()

    def change(self) -> PassphraseChange:
        """The change asked for."""
        current = self.current.text() if self.encrypted else None
        if self.remove_requested:
            return PassphraseChange(None, current)
        return PassphraseChange(self.new.text(), current)

    @classmethod
    def ask(cls, parent: QWidget | None, encrypted: bool) -> PassphraseChange | None:
        """The change the coach asked for, or None when cancelled."""
        dialog = cls(parent, encrypted)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.change()
