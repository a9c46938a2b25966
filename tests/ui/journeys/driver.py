"""Drive the app as a person does: keys go to the widget with the keyboard focus, clicks to real
buttons, and modal dialogs are answered while they block (pytest-qt's QTimer recipe)."""

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)
Key = Qt.Key | str


def focus_widget() -> QWidget:
    """The widget a real keyboard would type into."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def press(key: Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press on the focused widget (shortcuts fire as they would from a keyboard)."""
    QTest.keyClick(focus_widget(), key, modifiers)  # type: ignore[arg-type]


def type_text(text: str) -> None:
    """Type text into the focused widget. QTest knows keys for ASCII only; any other character
    arrives as a key event carrying its text, as a keyboard layout or input method sends it."""
    for char in text:
        if char.isascii():
            QTest.keyClick(focus_widget(), char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, focus_widget(), Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """A left click in the middle of a visible, enabled button."""
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def when_modal(kind: type[W], answer: Callable[[W], None], *, timeout_s: float = 15) -> list[W]:
    """Answer the next modal dialog of this kind once it is up; returns the dialogs answered."""
    answered: list[W] = []
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            if QApplication.activeWindow() is not modal:
                # What a window manager does with a new dialog (offscreen and Xvfb have none).
                modal.activateWindow()
                QTimer.singleShot(20, poll)
                return
            answered.append(modal)
            answer(modal)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return answered


def find_button(dialog: QWidget, text: str) -> QAbstractButton:
    """The dialog's button whose text (without '&') is `text`."""
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text and button.isVisible():
            return button
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}")


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Give the keyboard back to a window after a dialog closed, as a window manager does."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
