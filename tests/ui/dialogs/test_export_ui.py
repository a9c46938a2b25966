"""Export from the window, through the real dialog: a sealed bundle lands in the chosen folder,
the key is remembered, a key pasted over several lines is accepted, a wrong key or a failed
export keeps the dialog open with everything typed, and the notice offers the folder."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import container, keys
from cfpm_coach.ui.dialogs.export_dialog import ExportDialog
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.views.workers import WorkerView
from tests.ui.conftest import wait_idle
from tests.ui.walker import clipped_labels


def open_export(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    """Press Ctrl+E in the window, as a coach does; the dialog that opens."""
    # No window manager offscreen: give the window back the focus a closed dialog took.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tools.export_dialog is not None
                    and window.tools.export_dialog.isVisible(), timeout=10_000)
    dialog = window.tools.export_dialog
    assert dialog is not None
    return dialog


def replace_text(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select all in field and type text over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def paste(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select all in field and paste text from the clipboard over it (Ctrl+V)."""
    QApplication.clipboard().setText(text)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


# Offscreen Qt has no desktop to open files with, and says so: the case the notice is for.
@pytest.mark.qt_log_ignore("does not support QPlatformServices::openDocument")
def test_a_key_pasted_over_lines_exports_and_the_notice_offers_the_folder(
        qtbot: QtBot, window: MainWindow, workspace: Workspace, worker: WorkerView,
        tmp_path: Path) -> None:
    identity = tmp_path / "team.key"
    recipient = keys.new_team_identity(identity)
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = open_export(qtbot, window)
    assert "central team" in dialog.key_hint.text() and dialog.key_hint.isVisible()
    # As it comes out of an e-mail: broken over lines, with spaces.
    paste(qtbot, dialog.recipient, f" {recipient[:20]}\n{recipient[20:45]} \r\n {recipient[45:]}\n")
    assert dialog.recipient.text() == recipient
    replace_text(qtbot, dialog.folder, str(folder))
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)  # Enter presses Export, not Browse…
    qtbot.waitUntil(lambda: any(folder.glob("*.cfpm-bundle")), timeout=20_000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    bundle = next(folder.glob("*.cfpm-bundle"))
    opened = workspace.exchange.open(bundle, identity, [])  # our own device's key is trusted
    assert opened.manifest.files["worker"].records == 1
    notice = window.notice
    assert notice.isVisible() and bundle.name in notice.text.text()
    assert notice.action.isVisible() and notice.action.text() == "Open Folder"
    # The offscreen screen has no file manager: the person is told so, with where the file is.
    qtbot.mouseClick(notice.action, Qt.MouseButton.LeftButton)
    assert "No file manager opened" in notice.text.text() and str(folder) in notice.text.text()

    again = open_export(qtbot, window)  # the key is offered back the next time
    assert again.recipient.text() == recipient and again.folder.text() == str(folder)
    again.reject()


def test_a_wrong_key_keeps_the_dialog_open_with_the_key_still_typed(
        qtbot: QtBot, window: MainWindow, worker: WorkerView, tmp_path: Path) -> None:
    dialog = open_export(qtbot, window)
    replace_text(qtbot, dialog.folder, str(tmp_path))
    replace_text(qtbot, dialog.recipient, "age1notarealkey")
    qtbot.keyClick(dialog.recipient, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert dialog.isVisible()
    assert dialog.recipient.text() == "age1notarealkey"
    assert dialog.problem.isVisible()
    words = dialog.problem.text()
    assert "incomplete or mistyped" in words and "Copy the whole key again" in words
    assert "'age1notarealkey'" not in words and "(age1...)" not in words
    assert dialog.recipient.hasFocus()
    assert clipped_labels(dialog) == []  # the dialog grew for the message
    assert not list(tmp_path.glob("*.cfpm-bundle"))
    # Something that is not a key at all gets its own sentence.
    replace_text(qtbot, dialog.recipient, "hello")
    assert not dialog.problem.isVisible()  # typing again clears the old complaint
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "should start with age1" in dialog.problem.text()
    dialog.reject()


def test_a_failed_export_says_why_in_the_dialog_and_keeps_it_open(
        qtbot: QtBot, window: MainWindow, worker: WorkerView, tmp_path: Path) -> None:
    recipient = keys.new_team_identity(tmp_path / "team.key")
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("the USB stick was pulled out and this name is a file now")
    dialog = open_export(qtbot, window)
    paste(qtbot, dialog.recipient, recipient)
    replace_text(qtbot, dialog.folder, str(not_a_folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=20_000)
    wait_idle(qtbot, window)
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.problem.text().startswith("Nothing was exported:")
    assert "press Export again" in dialog.problem.text()
    assert dialog.recipient.text() == recipient and dialog.folder.text() == str(not_a_folder)
    dialog.reject()


def test_enter_exports_and_browse_is_never_the_default(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_export(qtbot, window)
    assert dialog.export_button.isDefault()
    assert not dialog.browse.autoDefault() and not dialog.browse.isDefault()
    dialog.reject()


@pytest.mark.qt_log_ignore("does not support QPlatformServices::openDocument")
def test_an_export_in_parts_says_how_many_bundles_were_written(
        qtbot: QtBot, window: MainWindow, workspace: Workspace, worker: WorkerView,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A part size smaller than any record: every record is a bundle of its own.
    monkeypatch.setattr(container, "PART_INFLATED_BYTES", 1)
    recipient = keys.new_team_identity(tmp_path / "team.key")
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = open_export(qtbot, window)
    paste(qtbot, dialog.recipient, recipient)
    replace_text(qtbot, dialog.folder, str(folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    wait_idle(qtbot, window)
    written = sorted(folder.glob("*.cfpm-bundle"))
    assert len(written) >= 3
    notice = window.notice
    assert notice.isVisible()
    assert f"{len(written)} bundles written" in notice.text.text()
    assert written[-1].name in notice.text.text() and str(folder) in notice.text.text()
    assert notice.action.isVisible() and notice.action.text() == "Open Folder"
