"""How errors reach people: core errors as plain sentences; one crash dialog for the unexpected."""

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach import __version__
from cfpm_coach.applog import describe_exception
from cfpm_coach.errors import CoachError, Wording

log = logging.getLogger(__name__)


def sentence(error: BaseException) -> str:
    """The error's message in the UI language when the core worded it for translation
    (errors.Wording), else as the core wrote it."""
    wording = error.wording if isinstance(error, CoachError) else None
    return say(wording) if wording is not None else str(error)


def said(text: str | None, wording: Wording | None) -> str:
    """A message the core kept (text), in the UI language when its wording came with it."""
    return say(wording) if wording is not None else text or ""


def say(wording: Wording) -> str:
    """wording in the UI language (what has no translation stays English)."""
    text = QCoreApplication.translate(wording.context, wording.template)
    for index in range(len(wording.values), 0, -1):  # %10 before %1
        value = wording.values[index - 1]
        text = text.replace(f"%{index}", say(value) if isinstance(value, Wording) else str(value))
    return text


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """A core error as a sentence; anything else as the crash dialog."""
    if isinstance(error, CoachError):
        box = QMessageBox(QMessageBox.Icon.Warning, title or QApplication.translate(
            "errors", "Could not do that"), sentence(error), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("errorMessage")
        box.exec()
    else:
        CrashDialog.show_for(parent, type(error), error, error.__traceback__)


class CrashDialog(QDialog):
    """Something went wrong that the app did not expect: say so, offer the details to copy."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CFPM Coach Ran into a Problem"))
        self.setObjectName("crashDialog")
        layout = QVBoxLayout(self)
        message = QLabel(self.tr(
            "Something unexpected happened. Everything you saved is safe: each rating is on disk "
            "as soon as it shows \u201cSaved\u201d.\n\nIf this keeps happening, copy the details "
            "below and send them to your county's support contact. They are meant to hold no "
            "names or notes; please read them before sending."
        ))
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    @classmethod
    def show_for(cls, parent: QWidget | None, kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> None:
        """Log the error and show the dialog."""
        details = f"CFPM Coach {__version__}\n" + "".join(
            traceback.format_exception(kind, error, tb))
        log.error("unexpected error: %s", kind.__name__)
        log.debug("%s", describe_exception(kind, error, tb))  # the dialog alone shows messages
        dialog = cls(details, parent)
        dialog.exec()


class _Relay(QObject):
    """Carries exceptions from any thread to the GUI thread."""

    raised = Signal(object, object, object)


def install_crash_handler() -> None:
    """Route uncaught exceptions (any thread) to the crash dialog instead of a silent exit."""
    relay = _Relay()
    relay.raised.connect(_on_raised, Qt.ConnectionType.QueuedConnection)

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        relay.raised.emit(kind, error, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    install_crash_handler.relay = relay  # type: ignore[attr-defined]  # keep it alive


def _on_raised(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    parent = QApplication.activeWindow()
    CrashDialog.show_for(parent, kind, error, tb)
